"""``eci-wizard undo`` (and the commands that continue a backup) when things go wrong: a guide that
does not exist, a backup file that cannot be read, an API limit that runs out halfway through."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.integration.apply.support import scenario, seed_secrets
from tests.integration.verify.support import connected
from wizard.apply.door import apply_plan, plan_guide
from wizard.commands import apply as apply_command
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide

ORG_ID = "00D5g000004AcmeEAA"  # fixed in the test scenario, so every --demo run is "the same org"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="eci-wizard")
    apply_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args) or 0)


def _backups(data_dir: Path) -> dict[str, dict]:
    """file name -> content, for every readable backup of the test org."""
    found = {}
    for path in sorted((data_dir / "backups" / ORG_ID).glob("*.json")):
        try:
            found[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
    return found


def _cut_off_copy(good: Path, backup_id: str) -> Path:
    """A newer backup of an interrupted apply whose file was cut off (a crash, a full disk)."""
    data = json.loads(good.read_text(encoding="utf-8"))
    data.update(id=backup_id, status="interrupted", started="2999-12-31T00:00:00Z")
    text = json.dumps(data, indent=2)
    path = good.with_name(f"{backup_id}.json")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return path


def test_undo_with_an_unknown_guide_says_so_before_opening_the_org(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run("undo", "--demo", "--scenario", str(scenario(tmp_path)), "--guide", "nope")
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --guide: no guide is called 'nope'; the guides are natterbox, aircall" in err


def test_an_unreadable_newest_backup_is_named_and_nothing_is_done(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    target = ["--demo", "--scenario", str(scenario(tmp_path)), "--production-confirm", "Acme Demo"]
    assert run("apply", "--guide", "ringcentral", *target) == 0
    [(name, first)] = _backups(data_dir).items()
    cut = _cut_off_copy(data_dir / "backups" / ORG_ID / name, "29991231T000000000000Z-cut0")
    capsys.readouterr()

    assert run("undo", *target) == 2  # before: it silently undid the older backup
    err = capsys.readouterr().err
    assert f"The backup file {cut} cannot be read: its JSON breaks off" in err
    assert f"move it out of {cut.parent}" in err and err.rstrip().endswith("Nothing was undone.")
    assert run("apply", "--guide", "ringcentral", *target) == 2  # before: it started a new backup
    assert f"The backup file {cut} cannot be read" in capsys.readouterr().err
    assign = ["assign-permission-set", "--permission-set", "Conversation Insights for Sales", "--profile", "Standard User"]
    assert run(*assign, *target) == 2
    assert f"The backup file {cut} cannot be read" in capsys.readouterr().err
    from wizard.cli import main

    identifier_backups = data_dir / "backups" / "user-identifiers" / ORG_ID
    identifier_backups.mkdir(parents=True)
    cut_identifiers = identifier_backups / cut.name
    cut_identifiers.write_text(cut.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["map-users", "--provider", "aircall", "--undo", *target]) == 2  # the provider mapping's own backups
    assert f"The backup file {cut_identifiers} cannot be read" in capsys.readouterr().out
    cut_identifiers.unlink()
    assert _backups(data_dir) == {name: first}  # the older backup is untouched, and no new one was begun

    cut.rename(tmp_path / cut.name)  # moved aside, as the message says
    assert run("undo", *target) == 0
    assert _backups(data_dir)[name]["status"] == "undone"


def test_an_undo_stopped_by_the_api_limit_says_what_was_put_back_and_to_undo_again(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = load_guide("ringcentral")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        before = {r.check_id: r.status for r in verify_guide(org.connection, guide, org.facts).results}
        plan = plan_guide(org.connection, guide, org.facts)
        assert apply_plan(org.connection, guide, plan, confirmation=org.facts.name).error is None
        monkeypatch.setenv("SF_ACCESS_TOKEN", org.connection.access_token)
        target = ["--instance-url", org.server.instance_url, "--production-confirm", "Acme Demo"]

        org.server.faults.set(request_limit=13)  # runs out after a few of the undo's writes (3 reads go first: what changed since)
        assert run("undo", *target) == 1
        err = capsys.readouterr().err
        assert 'Salesforce said: REQUEST_LIMIT_EXCEEDED: "TotalRequests Limit exceeded."' in err
        assert "run the same undo again: it puts back only what still differs" in err
        assert "Already put back before it stopped:" in err and "removed CustomSite VoiceConnector" in err
        assert "pply again" not in err
        [backup] = _backups(data_dir).values()
        assert backup["status"] == "complete"  # not undone yet: the next undo continues it

        org.server.faults.set(request_limit=None)
        assert run("undo", *target, "--guide", "ringcentral") == 0
        assert "Undid backup" in capsys.readouterr().out
        after = {r.check_id: r.status for r in verify_guide(org.connection, guide, org.facts).results}
    assert after == before and Status.PASS in before.values()
    assert [b["status"] for b in _backups(data_dir).values()] == ["undone"]


def test_undo_on_a_new_demo_org_says_why_there_is_nothing_to_undo(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("undo", "--demo", "--yes") == 0
    out = capsys.readouterr().out
    assert "There is no change to undo for Acme Demo" in out
    assert "Each --demo run starts a new demo org" in out and "in the window, Undo works" in out
