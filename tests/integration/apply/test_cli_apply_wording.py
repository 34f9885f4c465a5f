"""What apply, its dry run and assign-permission-set say, checked against the demo org with its
fault injection: every sentence must be true of what happened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.integration.apply.support import WITH_PACKAGES, scenario, seed_secrets
from tests.integration.apply.test_cli_apply import ORG_ID, run
from tests.integration.apply.test_cli_apply import terminal as terminal
from wizard.apply.secret_source import SecretSource

CONFIRM = ("--production-confirm", "Acme Demo")


def flat(text: str) -> str:
    """The text with its line wrapping undone (the preview wraps at 100 columns)."""
    return " ".join(text.split())


def _apply(tmp_path: Path, guide: str, faults: str, *extra: str) -> int:
    text = WITH_PACKAGES + (f"faults: {faults}\n" if faults else "")
    return run("apply", "--guide", guide, "--demo", "--scenario", str(scenario(tmp_path, text)), *CONFIRM, *extra)


def test_a_read_that_drops_is_called_a_read_and_nothing_written_exits_2(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    assert _apply(tmp_path, "aircall", "{drop_after: 20}") == 2  # the backups' reads, before the first write
    captured = capsys.readouterr()
    out = flat(captured.out)
    assert "while the wizard was reading the org; no write was under way" in out
    assert "was writing" not in out and "part of the change may have been made" not in out
    assert "Nothing was written to the org: it is as it was before this apply." in out
    assert "Backup:" not in out and "Still to do in Setup" not in out
    assert "NETWORK" not in out + captured.err  # no internal code as a headline
    assert not list((data_dir / "backups").rglob("*.json"))  # nothing to undo, so no backup to take


def test_an_api_limit_on_a_write_is_not_counted_as_a_write_made(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    assert _apply(tmp_path, "aircall", "{request_limit: 22}") == 2  # the first write is refused
    captured = capsys.readouterr()
    out = flat(captured.out)
    assert 'Salesforce said: "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded." The org has used up' in out
    assert "Nothing was written to the org (Salesforce refused the 1 write sent)" in out
    assert "0 changes made in 1 write" not in out and "REQUEST_LIMIT_EXCEEDED" not in captured.err


def test_a_step_stopped_halfway_is_said_and_exits_1(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    assert _apply(tmp_path, "aircall", "{request_limit: 24}") == 1
    out = flat(capsys.readouterr().out)
    assert "2 changes made in 2 writes before the stop." in out and "Salesforce refused 1 write: nothing was made by it." in out
    # the step cut short had made a write: it is listed like the finished step's
    assert "- External Client App ECI_Connected_App: the External Client App itself: (missing) → created" in out
    assert "'Create the ECI app ECI_Connected_App (External Client App)' was partly written before the stop" in out
    assert "Backup:" in out and out.count("Apply again once the rolling 24-hour window frees requests") == 1  # said once


def test_a_write_whose_answer_is_lost_may_have_been_made(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_secrets(ORG_ID)
    assert _apply(tmp_path, "aircall", "{drop_after: 22}") == 1  # the first write's answer is lost
    out = flat(capsys.readouterr().out)
    assert "The connection dropped while the wizard was writing" in out
    assert "No write was confirmed by Salesforce before the stop." in out
    assert "1 write got no answer (the connection dropped): it may or may not have been made" in out
    assert "Backup:" in out


def test_the_dry_run_says_what_a_real_apply_would_do(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _apply(tmp_path, "aircall", "", "--dry-run") == 0
    out = flat(capsys.readouterr().out)
    assert "confirm by typing its name" not in out
    assert out.endswith("without --dry-run to make these changes (as Acme Demo is a production org, it asks you to type its name).")
    assert "Dry run: nothing was asked and nothing was written" in out
    # the demo org's values are kept for the run only; the plan says so, not "kept in the system keyring"
    assert "Values a real apply asks for first (kept for this run only, never in the keyring or in files):" in out
    assert "kept in the system keyring" not in out
    # scopes as the check says them (Setup's names), not as the Metadata API spells them
    assert "Selected OAuth Scopes: (missing) → content, api, web, refresh_token, offline_access" in out
    assert "RefreshToken" not in out


def test_the_aircall_api_id_is_typed_visibly(terminal: int, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The named credential's user name is the Aircall API ID, an identifier: typed where it can be
    seen (a typo shows), unlike the API token, which is already stored here."""
    assert SecretSource(ORG_ID).put("Aircall/password", "Canary-aircall-token-Zq81")
    os.write(terminal, b"ac-visible-api-id\n")
    assert _apply(tmp_path, "aircall", "", "--only", "named_credential") == 0
    captured = capsys.readouterr()
    assert "The Aircall API ID (the user name of the named credential Aircall): " in captured.out
    assert "(hidden)" not in captured.out + captured.err
    assert "Canary-aircall-token-Zq81" not in captured.out + captured.err


def test_yes_alone_on_production_is_said_with_the_missing_values(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(scenario(tmp_path))
    assert run("apply", "--guide", "natterbox", "--demo", "--scenario", file, "--yes") == 2
    err = flat(capsys.readouterr().err)
    assert "--yes alone is not enough. Add --production-confirm 'Acme Demo'" in err
    assert "The plan needs values that were not entered: The AWS access key ID for the named credential NatterboxS3AWS" in err
    assert err.index("--yes alone") < err.index("The plan needs values")


def test_an_unknown_permission_set_is_refused_with_the_closest_names(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = ["--demo", "--scenario", str(scenario(tmp_path)), *CONFIRM, "--profile", "Standard User"]
    assert run("assign-permission-set", "--permission-set", "Conversation Insights for Sale", *target) == 2
    err = capsys.readouterr().err
    assert "No permission set in Acme Demo has the API name or label 'Conversation Insights for Sale'." in err
    assert "Did you mean 'Conversation Insights for Sales (ConversationInsightsForSales)'" in err
    assert "Expected the label or API name of one of its permission sets: " in err and "AC_CallRecording" in err
    assert err.rstrip().endswith("Nothing was changed.")
