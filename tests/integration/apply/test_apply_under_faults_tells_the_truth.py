"""What apply, undo and map-users say when the demo org fails under them: every sentence true of
what happened, the exit code the README gives, and the command to run named as the one that was run.

All against the demo org over HTTPS with its fault injection (the real simple-salesforce client).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.integration.apply.support import WITH_PACKAGES, scenario, seed_secrets
from tests.integration.apply.test_cli_apply import ORG_ID, run
from tests.integration.verify.support import connected
from tests.support import provider_cli
from wizard.apply.door import apply_plan, plan_guide
from wizard.guides.loader import load_guide

CONFIRM = ("--production-confirm", "Acme Demo")
#: ECI users with empty Aircall identifiers, two of whom match an Aircall user by e-mail.
MAPPING = Path(__file__).parents[2] / "support" / "scenarios" / "aircall-user-mapping.yaml"


def flat(text: str) -> str:
    """The text with its line wrapping undone (the output wraps at 100 columns)."""
    return " ".join(text.split())


def _apply(tmp_path: Path, guide: str, faults: str, *extra: str) -> int:
    text = WITH_PACKAGES + (f"faults: {faults}\n" if faults else "")
    return run("apply", "--guide", guide, "--demo", "--scenario", str(scenario(tmp_path, text)), *extra)


# -- a plan that could not read every setting it covers -----------------------------------------------
def test_a_plan_missing_settings_it_could_not_read_says_so_and_the_dry_run_exits_2(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _apply(tmp_path, "aircall", "{error_rate: 0.15, seed: 3}", "--dry-run") == 2
    out = flat(capsys.readouterr().out)
    assert "Incomplete: " in out and "settings could not be read, so the wizard cannot tell what to change there" in out
    # Which settings: the dice are seeded, but concurrent reads reach the org in any order, so the
    # ones hit differ from run to run; each is named with a "?" and Salesforce's reason.
    assert re.search(r"\? [A-Z][^?]+", out) and "Salesforce had an internal error" in out
    assert "Check again once the org answers (run the same command again)" in out
    assert ("If a read keeps failing for the same reason, put right what it names, or apply the other fixes one at a "
            "time with --only FIX: a fix is held back only by a setting of its own that could not be read.") in out
    assert "an apply would refuse this incomplete plan" in out
    assert "run the same command without --dry-run to make these changes" not in out


def test_a_real_apply_refuses_an_incomplete_plan_before_anything_is_written(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    assert _apply(tmp_path, "aircall", "{error_rate: 0.15, seed: 3}", *CONFIRM) == 2
    captured = capsys.readouterr()
    assert "The plan is incomplete (see above), so the apply did not start. Nothing was changed." in captured.err
    assert " made in " not in captured.out and "Backup:" not in captured.out
    assert not list((data_dir / "backups").rglob("*.json"))


# -- writes that went through, then a re-check that could not read -----------------------------------
def test_writes_that_could_not_be_checked_again_are_said_made_and_exit_1(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    # Every write went through; from the 51st call on, the org refuses for want of API requests. (Not a
    # dropped connection: the re-check's reads and the listing of the touched components run side by
    # side, so which of them a one-off drop would hit is up to the scheduler.)
    assert _apply(tmp_path, "aircall", "{request_limit: 50}", *CONFIRM) == 1
    captured = capsys.readouterr()
    out = flat(captured.out)
    [backup] = (data_dir / "backups" / ORG_ID).glob("*.json")
    assert " made in " in out and "Stopped" not in out
    assert (f"The changes were made (backup {backup.stem}) but could not be checked again: the org has used up its API "
            "requests for the last 24 hours. Check them with 'eci-wizard verify --guide aircall'") in out
    assert "Re-checked" not in out
    assert "Error" not in captured.out + captured.err and "re-check failed" not in captured.err  # no type name, no log line


# -- map-users: exit codes and advice after a dropped connection -------------------------------------
def _map_users(tmp_path: Path, faults: str) -> int:
    text = MAPPING.read_text(encoding="utf-8") + f"faults: {faults}\n"
    file = scenario(tmp_path, text, "mapping.yaml")
    return provider_cli.main(["map-users", "--provider", "aircall", "--demo", "--scenario", str(file), "--apply", "--yes", *CONFIRM])


def test_map_users_whose_writes_went_through_never_says_nothing_was_changed(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _map_users(tmp_path, "{drop_after: 6}") == 1  # README: 1 when the re-check fails, even if the writes went through
    out = flat(capsys.readouterr().out)
    assert "2 changes made in 1 write." in out
    assert "The Aircall identifiers were written (backup " in out
    assert "but Acme Demo could not be read again to check them." in out
    assert "Check them with 'eci-wizard map-users --provider aircall' without --apply once the org answers." in out
    assert "nothing was changed" not in out.lower()
    assert "confirm by typing its name" not in out  # --production-confirm already gave the name


def test_map_users_stopped_before_any_write_exits_2_and_names_itself(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _map_users(tmp_path, "{drop_after: 4}") == 2  # README: 2 when nothing was written
    out = flat(capsys.readouterr().out)
    assert "Nothing was written to the org" in out
    assert "Run the same eci-wizard map-users command again" in out
    assert "apply again" not in out.lower()


# -- a backup folder that cannot be written ------------------------------------------------------------
@pytest.mark.parametrize("broken", ["backups", "data"])
def test_a_backup_folder_that_cannot_be_written_refuses_before_any_write(
        broken: str, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`backups` a file inside the data folder, or the data folder itself a file."""
    folder = tmp_path / "wizard-data"
    folder.mkdir()
    if broken == "backups":
        (folder / "backups").write_text("not a folder", encoding="utf-8")
        in_the_way = folder / "backups"
    else:
        folder = folder / "data"
        folder.write_text("not a folder", encoding="utf-8")
        in_the_way = folder
    monkeypatch.setenv("ECI_WIZARD_DATA_DIR", str(folder))
    assert _apply(tmp_path, "aircall", "", *CONFIRM, "--only", "eci_settings") == 2
    captured = capsys.readouterr()
    err = flat(captured.err)
    assert f"The wizard cannot write its backup in {folder / 'backups' / ORG_ID} ({in_the_way} is a file, not a folder); nothing was changed." in err
    assert "set ECI_WIZARD_DATA_DIR to such a folder" in err
    assert "Error" not in captured.out + captured.err and "[Errno" not in err and "eci-wizard undo" not in err
    assert " made in " not in captured.out


# -- undo: its re-check and its words ------------------------------------------------------------------
def test_undo_with_a_guide_shows_its_recheck_and_names_permission_sets(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts, only_fixes=["assign_permission_set"])
        assert apply_plan(org.connection, guide, plan, confirmation=org.facts.name).error is None
        monkeypatch.setenv("SF_ACCESS_TOKEN", org.connection.access_token)
        assert run("undo", "--instance-url", org.server.instance_url, *CONFIRM, "--guide", "aircall") == 0
    out = flat(capsys.readouterr().out)
    assert "Undid backup" in out and "removed" in out
    assert "Re-checked: " in out and "✖ An ECI access permission set" in out  # as apply shows its re-check
    assert "assignment(s) of permission set Conversation Insights for Sales (" in out  # its label and API name
    assert "of permission set 0PS" not in out


# -- one stop, one advice; no confirmation prompt once the option gave it -------------------------------
def test_a_stop_gives_its_advice_once_and_no_prompt_line_after_production_confirm(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    assert _apply(tmp_path, "aircall", "{drop_after: 26}", *CONFIRM) == 1
    out = flat(capsys.readouterr().out)
    assert "Run the same apply again to finish; nothing will be duplicated." not in out
    assert out.count("Run the same apply again") == 1
    assert "confirm by typing its name" not in out
