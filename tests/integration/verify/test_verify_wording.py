"""What ``verify`` prints on a fresh demo org: the ECI app named once ("app", never "app app"),
and counts in the right number."""

from __future__ import annotations

import argparse

import pytest

from wizard.commands import verify as verify_command


def test_a_fresh_org_names_the_eci_app_once(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # one line per detail, so sentences are not cut by wrapping
    parser = argparse.ArgumentParser(prog="eci-wizard")
    verify_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["verify", "--guide", "natterbox", "--demo", "--scenario", "fresh"])
    assert args.func(args) == 1
    out = capsys.readouterr().out
    assert "The ECI Connected App (ECI_Connected_App) does not exist in this org yet." in out
    assert "app app" not in out.lower()
    assert "Read in 1 HTTP requests" not in out and " HTTP request" in out
