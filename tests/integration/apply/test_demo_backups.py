"""A demo org that is gone for good takes its backups with it; one that comes back keeps them.

Each ``--demo`` run of a scenario that names no organization id starts a new org with a new id,
so its backups could never be undone or continued: they used to pile up in the data folder, one
per ``apply --demo``, under an "undo with 'eci-wizard undo'" that could not work. A scenario that
names an id is "the same org" in every run, and ``undo --demo`` takes back the last run's change.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.integration.apply.support import scenario
from wizard.commands import apply as apply_command

FIXED_ORG_ID = "00D5g000004AcmeEAA"  # the id the test scenario names
ECI_ON = ["apply", "--guide", "aircall", "--only", "eci_settings", "--yes", "--production-confirm", "Acme Demo"]


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="eci-wizard")
    apply_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args) or 0)


def org_folders(data_dir: Path) -> list[str]:
    backups = data_dir / "backups"
    return sorted(p.name for p in backups.iterdir() if p.is_dir()) if backups.is_dir() else []


def test_a_new_demo_orgs_backup_ends_with_the_command_and_says_so(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*ECI_ON, "--demo") == 0
    out = capsys.readouterr().out
    assert "Einstein Conversation Insights: Off → On" in out
    assert "(this demo org stops when the command ends, and its backup with it: there is nothing to undo later)" in out
    assert "undo with 'eci-wizard undo'" not in out
    assert org_folders(data_dir) == []  # before: one folder per run, never reachable again


def test_a_demo_org_with_a_named_id_keeps_its_backup_for_the_next_run(tmp_path: Path, data_dir: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*ECI_ON, "--demo", "--scenario", str(scenario(tmp_path))) == 0
    assert "(undo with 'eci-wizard undo')" in capsys.readouterr().out
    assert org_folders(data_dir) == [FIXED_ORG_ID]
    assert len(list((data_dir / "backups" / FIXED_ORG_ID).glob("*.json"))) == 1
