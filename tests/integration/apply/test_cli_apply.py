"""The apply, undo and assign-permission-set commands against the demo org, and the canary scan:
no secret in any output, log line or backup file, even with every logger at DEBUG."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.apply.support import scenario, seed_secrets
from tests.support.memory_keyring import MemoryKeyring
from wizard.apply.secret_source import SecretSource
from wizard.commands import apply as apply_command

ORG_ID = "00D5g000004AcmeEAA"  # fixed in the test scenario, so secrets can be stored beforehand


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="eci-wizard")
    apply_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args) or 0)


@pytest.fixture
def debug_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every record of every library at DEBUG into a file."""
    path = tmp_path / "wizard.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


def test_production_confirmation_and_the_canary_scan(tmp_path: Path, data_dir: Path, debug_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    canaries = seed_secrets(ORG_ID)
    file = str(scenario(tmp_path))
    target = ["--guide", "ringcentral", "--demo", "--scenario", file]

    assert run("apply", *target, "--yes") == 2
    assert "--production-confirm 'Acme Demo'" in capsys.readouterr().err
    assert run("apply", *target, "--yes", "--production-confirm", "Acme") == 2
    assert "does not match" in capsys.readouterr().err
    assert run("apply", *target, "--dry-run") == 0
    preview = capsys.readouterr().out
    assert "Create the auth provider Ring_Central" in preview and "(from the keyring)" in preview
    assert "https://platform.devtest.ringcentral.com/restapi/oauth/authorize" in preview
    assert not (data_dir / "backups").exists()

    assert run("apply", *target, "--production-confirm", "Acme Demo") == 0
    done = capsys.readouterr()
    assert " made in " in done.out and "Backup:" in done.out
    backups = list((data_dir / "backups" / ORG_ID).glob("*.json"))
    assert len(backups) == 1

    assert run("undo", "--demo", "--scenario", file, "--production-confirm", "Acme Demo") == 0
    undone = capsys.readouterr()
    assert "Undid backup" in undone.out

    generated = SecretSource(ORG_ID).get("ECI_Connected_App/consumer_secret")
    assert generated  # kept for this run (the door and the window's pages share it)...
    assert generated not in MemoryKeyring._store.values()  # ...but a demo org's values never reach the keyring
    texts = [preview, done.out, done.err, undone.out, undone.err, debug_log.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (data_dir / "backups").rglob("*.json")]
    assert "HTTP Post to" in texts[5]  # the log really holds the SOAP traffic lines
    for value in [*canaries.values(), generated]:
        for text in texts:
            assert value not in text


def test_missing_secrets_are_refused_without_a_prompt(tmp_path: Path, data_dir: Path, debug_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run("apply", "--guide", "aircall", "--demo", "--scenario", str(scenario(tmp_path)), "--production-confirm", "Acme Demo")
    assert code == 2
    captured = capsys.readouterr()
    assert "The Aircall API token (the password of the named credential Aircall)" in captured.out
    assert "Nothing was changed" in captured.err
    assert not (data_dir / "backups").exists()


def test_assign_permission_set_by_profile(tmp_path: Path, debug_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["assign-permission-set", "--permission-set", "Conversation Insights for Sales", "--profile", "Standard User",
            "--demo", "--scenario", str(scenario(tmp_path)), "--production-confirm", "Acme Demo"]  # fmt: skip
    assert run(*argv) == 0
    out = capsys.readouterr().out
    assert "never processed" in out
    assert "Conversation Insights for Sales: 2 assigned, 0 already held it (2 requests). Backup:" in out


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Standard input on a pseudo-terminal, as when an admin runs the command; yields the side to type on."""
    typist, stdin = os.openpty()
    with open(stdin, encoding="utf-8") as reader:
        monkeypatch.setattr(sys, "stdin", reader)
        yield typist
    os.close(typist)


@pytest.mark.parametrize(("typed", "said"), [("Acme\n", "'Acme' is not this org's name ('Acme Demo')"), ("\n", "'' is not this org's name")])
def test_a_wrong_name_at_the_production_prompt_is_said(
    typed: str, said: str, terminal: int, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_secrets(ORG_ID)
    os.write(terminal, typed.encode())
    assert run("apply", "--guide", "ringcentral", "--demo", "--scenario", str(scenario(tmp_path))) == 2
    err = capsys.readouterr().err
    assert said in err and "Nothing was changed." in err
    assert not (data_dir / "backups").exists()


def test_a_profile_that_does_not_exist_is_refused_with_the_profiles_that_do(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = ["--demo", "--scenario", str(scenario(tmp_path)), "--production-confirm", "Acme Demo"]
    apply_eci = ["apply", "--guide", "natterbox", "--only", "assign_permission_set"]

    assert run(*apply_eci, "--profile", "Standrd User", *target) == 2  # once planned for the signed-in admin instead
    refused = capsys.readouterr()
    assert "No profile in Acme Demo is named 'Standrd User'. Did you mean 'Standard User'?" in refused.err
    assert "Standard User, System Administrator" in refused.err and refused.err.rstrip().endswith("Nothing was changed.")
    assert "Ada Admin" not in refused.out

    argv = ["assign-permission-set", "--permission-set", "Conversation Insights for Sales", "--profile", "No Such", *target]
    assert run(*argv) == 2  # once "Assign ... to 0 user(s)" and exit 0
    refused = capsys.readouterr()
    assert "No profile in Acme Demo is named 'No Such'." in refused.err and "Standard User, System Administrator" in refused.err
    assert "Nothing was changed." in refused.err and "Assign" not in refused.out
    assert not (data_dir / "backups").exists()


def test_users_that_match_nobody_are_refused_by_both_commands(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = ["--demo", "--scenario", str(scenario(tmp_path)), "--production-confirm", "Acme Demo"]
    assign = ["assign-permission-set", "--permission-set", "Conversation Insights for Sales"]

    assert run(*assign, "--users", "nobody", *target) == 2  # once an ApplyError from "WHERE Id IN ('nobody')"
    refused = capsys.readouterr().err
    assert "No user in Acme Demo matches 'nobody'." in refused
    assert "username" in refused and "starting with 005" in refused and "Setup > Users" in refused and "Nothing was changed." in refused

    assert run(*assign, "--users", "sam.seller@acme-demo.example", "nobody@acme-demo.example", *target) == 2  # one typo: nobody is assigned
    assert "No user in Acme Demo matches 'nobody@acme-demo.example'." in capsys.readouterr().err

    assert run("apply", "--guide", "natterbox", "--only", "assign_permission_set", "--users", "nobody", *target) == 2  # once: the admin instead
    refused = capsys.readouterr()
    assert "No user in Acme Demo matches 'nobody'." in refused.err and "Ada Admin" not in refused.out
    assert not (data_dir / "backups").exists()


@pytest.mark.parametrize(
    ("argv", "scope"),
    [
        (["--guide", "aircall", "--users", "rep@acme-demo.example"], "the aircall guide gives none"),
        (["--guide", "natterbox", "--only", "eci_settings", "--profile", "Standard User"], "the fix eci_settings of the natterbox guide"),
    ],
)
def test_users_named_where_no_fix_takes_them_are_refused(argv: list[str], scope: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("apply", *argv, "--demo", "--dry-run") == 2
    err = capsys.readouterr().err
    assert scope in err and "assign-permission-set" in err and "Nothing was changed." in err
    assert not (data_dir / "backups").exists()
