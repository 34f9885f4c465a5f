"""map-users on a demo org that ends with the command says there is nothing to undo later, and is right.

A demo org whose scenario names no organization id is a new org in every run and takes its
backups with it when it stops, so the usual "(undo with 'eci-wizard map-users … --undo')" would
send the admin to a command that can only find nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.providers.support import AIRCALL_MAPPING as MAPPING
from tests.support import provider_cli
from wizard.apply.preview import DEMO_UNDO_HINT

APPLY = ["map-users", "--provider", "aircall", "--demo", "--scenario", str(MAPPING), "--apply", "--yes",
         "--production-confirm", "Acme Demo"]


def test_written_identifiers_on_a_passing_demo_org_say_there_is_nothing_to_undo_later(
        wizard_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert provider_cli.main(APPLY) == 0
    out = capsys.readouterr().out
    assert "Backup: " in out and DEMO_UNDO_HINT in out
    assert "map-users --provider aircall --undo" not in out
    assert not (wizard_dirs[1] / "backups" / "user-identifiers").exists() or not any(
        (wizard_dirs[1] / "backups" / "user-identifiers").iterdir())

    assert provider_cli.main(["map-users", "--provider", "aircall", "--demo", "--scenario", str(MAPPING), "--undo"]) == 0
    out = capsys.readouterr().out
    assert "There is no Aircall identifier change to undo for Acme Demo (the wizard has no backup of identifiers written from Aircall" in out
    assert "Each --demo run starts a new demo org, so a change made by an earlier run is not there to undo." in out
