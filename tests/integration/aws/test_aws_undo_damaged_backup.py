"""``aws undo`` with a backup file that cannot be used says so and changes nothing.

A folder where the backup file should be, broken JSON, or a file whose content is not what the
wizard wrote: each is named with what was expected and what to do (exit 2), never a traceback
(exit 3); the backup is read before AWS is opened, so nothing is restored.
"""

from __future__ import annotations

import json

import pytest

from wizard.cli import main
from wizard.providers.aws.backups import backup_dir
from wizard.providers.aws.demo import LocalAws

from .conftest import REGION

BACKUP_ID = "20261121T100000Z-cors-abc123"


@pytest.mark.parametrize(("damage", "said"), [
    ("folder", "it is a folder, not a file"),
    ("broken", "its JSON is broken at line 1, column 8"),
    ("other", "is not a backup the wizard wrote"),
])
def test_a_damaged_aws_backup_is_named_and_nothing_is_restored(damage: str, said: str, local_aws: LocalAws,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = backup_dir() / f"{BACKUP_ID}.json"
    if damage == "folder":
        path.mkdir()
    elif damage == "broken":
        path.write_text('{"id": "2', encoding="utf-8")
    else:
        path.write_text(json.dumps({"id": BACKUP_ID, "note": "edited by hand"}), encoding="utf-8")
    code = main(["aws", "undo", BACKUP_ID, "--endpoint-url", local_aws.url, "--region", REGION, "--yes"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("Not restored: the AWS backup") and said in err
    assert str(path) in err and "Nothing was undone" in err and "AWS console" in err
