"""Saved access keys the keyring gives back damaged are one sentence with what to do, exit 2.

The entry is the wizard's own (``aws keys set`` or the window write it), but a keyring can be edited by
other tools, synced from another machine or cut short. A parser's exception name told the admin
nothing; the wizard says which label's keys cannot be read and the two commands that replace them.
"""

from __future__ import annotations

import json

import pytest

from wizard import secrets
from wizard.cli import main
from wizard.providers.aws.access import KEYRING_KIND
from wizard.providers.aws.demo import LocalAws

from .conftest import where


@pytest.mark.parametrize("stored", [
    "not json {",
    json.dumps({"access_key_id": "AKIAEXAMPLEDAMAGED01"}),
    json.dumps(["AKIAEXAMPLEDAMAGED01", "secret"]),
    json.dumps({"access_key_id": 1, "secret_access_key": 2}),
], ids=["not-json", "no-secret", "a-list", "numbers"])
def test_damaged_saved_keys_say_how_to_replace_them(aws: LocalAws, stored: str, capsys: pytest.CaptureFixture[str]) -> None:
    secrets.set_secret(KEYRING_KIND, "broken", stored)
    assert main(["aws", "check", "--keyring-label", "broken", *where(aws)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "The AWS access keys saved as 'broken' in the keyring cannot be read: the saved entry is damaged." in err, err
    assert "'eci-wizard aws keys forget --label broken', then save them again with 'eci-wizard aws keys set --label broken'" in err
    assert "Error" not in err and "stopped on a problem" not in err
