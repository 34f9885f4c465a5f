"""Natterbox's retry job runs in each org on its own: graduation compares whether it runs, not its times.

Its next and last run are always the org's own, so a sandbox and production running the job show
different values; that must not read as a difference nothing explains.
"""

from __future__ import annotations

from tests.unit.profiles.samples import facts, profile, result, setting
from wizard.engine.results import Status
from wizard.profiles.capture import env_context
from wizard.profiles.compare import compare_setting

JOB = setting("natterbox.eci-upload-job", "scheduled_job.running",
              "WAITING (waiting for its next run); next run 2026-02-02 08:00 UTC; last run 2026-02-02 07:40 UTC")


def classify(observed: str, status: Status, message: str = ""):  # type: ignore[no-untyped-def]
    env = {e.key: e for e in profile().environment}
    return compare_setting(JOB, result(JOB.id, observed, status, message=message), env_context(facts()), env, {})


def test_the_job_running_in_both_orgs_at_their_own_times_is_the_same() -> None:
    row = classify("EXECUTING (running now); next run 2026-03-09 14:20 UTC; last run 2026-03-09 14:00 UTC", Status.PASS)
    assert row.category == "same" and "its own job" in row.explanation


def test_a_target_whose_job_is_not_scheduled_yet_is_a_step_to_watch_with_the_checks_advice() -> None:
    row = classify("no scheduled job named ECI Upload Service Scheduled Job", Status.WARN,
                   message="After your first test calls, check again.")
    assert row.category == "manual" and "After your first test calls" in row.explanation


def test_a_job_that_stopped_in_the_target_stays_unexplained() -> None:
    row = classify("ERROR (in error); no next run scheduled; last run never", Status.FAIL, message="It will not run again.")
    assert row.category == "unexplained" and "It will not run again" in row.explanation
