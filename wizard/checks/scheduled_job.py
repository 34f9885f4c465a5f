"""A scheduled Apex job an integration relies on: is it scheduled, and is it running?

Natterbox's ECI service retries recordings that failed to reach ECI (20 minutes later, then twice
more within 48 hours) only while its "ECI Upload Service Scheduled Job" runs. The job schedules
itself once the service runs, so nothing in a guide switches it on; what an admin needs to know is
whether it is there and running. Salesforce lists scheduled jobs as `CronTrigger` rows, named by
their `CronJobDetail` (the name Setup > Scheduled Jobs shows) and with a `State` the system keeps.

How each state is judged, and why:

- WAITING, ACQUIRED, EXECUTING: the job runs on its schedule; pass.
- no such job: warn, not fail. Before the first calls have gone through the service it is
  expected to be missing (it schedules itself then), so a fresh setup is not "broken".
- PAUSED, BLOCKED, PAUSED_BLOCKED: warn. Salesforce documents these as passing states (paused
  during its releases, held back while an earlier run is still going); they clear by themselves,
  and only a job that stays so needs the admin.
- ERROR, COMPLETE, DELETED: fail. The job will not run again by itself, so failed recordings are
  not retried until someone acts.

The query is a REST query, so it travels in the guide's one `composite/batch` with its other
queries (no request of its own).
"""

from __future__ import annotations

from typing import Any

from wizard.checks.app_authorization import when
from wizard.checks.common import failed, passed, warned
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read, SoqlRead, soql_literal

#: State -> what it means, in the admin's words.
RUNNING = {"WAITING": "waiting for its next run", "ACQUIRED": "about to run", "EXECUTING": "running now"}
PASSING = {
    "PAUSED": "paused by Salesforce",
    "BLOCKED": "held back while an earlier run finishes",
    "PAUSED_BLOCKED": "paused by Salesforce, and held back while an earlier run finishes",
}
STOPPED = {"ERROR": "in error", "COMPLETE": "finished, with no further run scheduled", "DELETED": "deleted"}
SETUP = "Setup, Scheduled Jobs"


def jobs_read(name: str) -> SoqlRead:
    """The scheduled jobs of this name (Setup > Scheduled Jobs' Job Name), with their state and runs."""
    return SoqlRead(
        "SELECT Id, CronJobDetail.Name, State, NextFireTime, PreviousFireTime FROM CronTrigger "
        f"WHERE CronJobDetail.Name = {soql_literal(name)}"
    )


def _reads(params: Params, facts: OrgFacts) -> list[Read]:
    return [jobs_read(str(params["name"]))]


def _expected(params: Params, facts: OrgFacts | None) -> str:
    return f"{params['name']} scheduled, and waiting for its next run or running"


def _state(row: dict[str, Any]) -> str:
    return str(row.get("State") or "").strip().upper()


def _observed(row: dict[str, Any]) -> str:
    """'WAITING (waiting for its next run); next run …; last run …' — the state Salesforce gives, then its runs."""
    state = _state(row) or "(no state)"
    meaning = {**RUNNING, **PASSING, **STOPPED}.get(state)
    said = f"{state} ({meaning})" if meaning else state
    upcoming = f"next run {when(row.get('NextFireTime'))}" if row.get("NextFireTime") else "no next run scheduled"
    return f"{said}; {upcoming}; last run {when(row.get('PreviousFireTime'))}"


def _rank(row: dict[str, Any]) -> int:
    """Which of several rows of one name tells the most: a running one, then a passing state, then the rest."""
    state = _state(row)
    return 0 if state in RUNNING else 1 if state in PASSING else 2


@check("scheduled_job.running", reads=_reads, expected=_expected)
def running(ctx: CheckContext) -> Verdict:
    """The scheduled job is there and running, so failed recordings are retried."""
    name, app = str(ctx.param("name")), str(ctx.param("app"))
    purpose = str(ctx.param("purpose", "retries the work that failed"))
    expected = _expected(ctx.params, ctx.facts)
    rows = sorted(ctx.snapshot.records(jobs_read(name)), key=_rank)
    ask = f"ask {app} support to schedule it"
    if not rows:
        return warned(expected, f"no scheduled job named {name}",
                      f"{name} is not scheduled yet. The {app} app schedules it by itself once its ECI service has "
                      f"handled the first calls, and until it runs nothing {purpose}. After your first test calls, "
                      f"check again; if it is still missing, {ask}.")
    row = rows[0]
    state, observed = _state(row), _observed(row)
    if state in RUNNING:
        return passed(expected, observed,
                      f"{name} is scheduled and {RUNNING[state]}, so it {purpose}. {SETUP} lists it.")
    if state in PASSING:
        return warned(expected, observed,
                      f"{name} is {PASSING[state]}: until it runs again nothing {purpose}. Salesforce releases this "
                      f"state by itself (after a release, or once the earlier run ends). Check again in a few hours; "
                      f"if it is still {state}, open {SETUP} to see it, and {ask}.")
    meaning = STOPPED.get(state, f"in a state the wizard does not know ({state or 'none'})")
    return failed(expected, observed,
                  f"{name} is {meaning} and will not run again by itself, so nothing {purpose}. In {SETUP}, delete "
                  f"{name} if it is listed, so that the {app} app can schedule it afresh after the next calls. If it is "
                  f"not back after your next test calls, {ask}.")
