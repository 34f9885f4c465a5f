"""Natterbox's ECI Upload Service Scheduled Job, read from the demo org over HTTPS with the real clients.

Failed ECI recordings are retried only while this job runs. It schedules itself once the Natterbox
app's ECI service runs, so the row passes when it is waiting or running, warns when it is missing
(expected before the first calls) or in a state Salesforce clears by itself, and fails when it
will not run again. The query rides in the guide's one REST batch: no request of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.verify.support import extending, verify_logged
from wizard.engine.results import Status

ROW = "natterbox.eci-upload-job"
JOB = "ECI Upload Service Scheduled Job"
QUERY = ("SELECT Id, CronJobDetail.Name, State, NextFireTime, PreviousFireTime FROM CronTrigger "
         f"WHERE CronJobDetail.Name = '{JOB}'")
#: Requests of a whole verification of natterbox-configured (1 batch + 1 Tooling + 2 readMetadata), as before the row.
REQUESTS = 4


def job_in_state(state: str, next_run: str | None = None) -> str:
    """natterbox-configured's job, in another state (with no next run unless given)."""
    shown = f'"{next_run}"' if next_run else "null"
    return f"""records:
  CronTrigger:
    - CronJobDetail: {{Name: {JOB}, JobType: "7"}}
      State: {state}
      PreviousFireTime: "2026-02-01T10:20:00.000+0000"
      NextFireTime: {shown}
"""


def row(scenario: str | Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The row, and the requests of the whole verification by family."""
    run, entries = verify_logged("natterbox", scenario, monkeypatch)
    return {r.check_id: r for r in run.results}[ROW], [e.family for e in entries]


def test_a_waiting_job_passes_with_its_next_run_within_the_guides_usual_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    result, families = row("natterbox-configured", monkeypatch)
    assert result.status == Status.PASS, result
    assert result.observed == "WAITING (waiting for its next run); next run 2026-02-02 08:00 UTC; last run 2026-02-02 07:40 UTC"
    assert [e.detail for e in result.evidence] == [QUERY]
    assert len(families) == REQUESTS, families
    assert "rest" not in families, families


@pytest.mark.parametrize(("state", "meaning"), [("ACQUIRED", "about to run"), ("EXECUTING", "running now")])
def test_a_job_about_to_run_or_running_passes(state: str, meaning: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, _ = row(extending(tmp_path, "natterbox-configured", job_in_state(state, "2026-02-01T10:40:00.000+0000")), monkeypatch)
    assert result.status == Status.PASS, result
    assert result.observed.startswith(f"{state} ({meaning}); next run 2026-02-01 10:40 UTC")


def test_a_missing_job_is_warned_and_the_admin_told_to_ask_natterbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, families = row(extending(tmp_path, "natterbox-configured", "records: {CronTrigger: []}\n"), monkeypatch)
    assert result.status == Status.WARN, result
    assert result.observed == f"no scheduled job named {JOB}"
    assert "schedules it by itself" in result.message and "ask Natterbox support" in result.message
    assert result.fix is not None and result.fix.setup_page == "/lightning/setup/ScheduledJobs/home"
    assert len(families) == REQUESTS, families


@pytest.mark.parametrize(("state", "meaning"), [
    ("ERROR", "in error"),
    ("COMPLETE", "finished, with no further run scheduled"),
    ("DELETED", "deleted"),
])
def test_a_job_that_will_not_run_again_fails_with_its_state(state: str, meaning: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    result, _ = row(extending(tmp_path, "natterbox-configured", job_in_state(state)), monkeypatch)
    assert result.status == Status.FAIL, result
    assert result.observed == f"{state} ({meaning}); no next run scheduled; last run 2026-02-01 10:20 UTC"
    assert "nothing retries the recordings that failed to reach ECI" in result.message
    assert "Setup, Scheduled Jobs" in result.message and "the Natterbox app can schedule it afresh" in result.message
    assert result.fix is not None and result.fix.setup_page == "/lightning/setup/ScheduledJobs/home"


@pytest.mark.parametrize("state", ["PAUSED", "BLOCKED", "PAUSED_BLOCKED"])
def test_a_job_held_back_for_a_while_is_warned_not_failed(state: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Salesforce pauses jobs during its releases and holds one back while its earlier run goes on."""
    result, _ = row(extending(tmp_path, "natterbox-configured", job_in_state(state, "2026-02-01T10:40:00.000+0000")), monkeypatch)
    assert result.status == Status.WARN, result
    assert result.observed.startswith(f"{state} (")
    assert "Check again in a few hours" in result.message and f"if it is still {state}" in result.message


def test_a_running_job_beside_an_ended_one_of_the_same_name_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ended schedule can stay listed after the app scheduled the job again: the running one counts."""
    body = job_in_state("COMPLETE") + f"""    - CronJobDetail: {{Name: {JOB}, JobType: "7"}}
      State: WAITING
      NextFireTime: "2026-02-01T10:40:00.000+0000"
"""
    result, _ = row(extending(tmp_path, "natterbox-configured", body), monkeypatch)
    assert result.status == Status.PASS, result
    assert result.observed.startswith("WAITING (")
