"""Verify a guide against a connected org: plan, read once, judge, record the run."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from wizard import __version__
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.engine.run_record import ManualConfirmation, PreflightItem, VerificationRun
from wizard.engine.runner import judge, plan_reads
from wizard.engine.snapshot import OrgSnapshot
from wizard.guides.schema import Guide
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.reader import read_snapshot


def read_guide_snapshot(conn: OrgConnection, guide: Guide, facts: OrgFacts) -> OrgSnapshot:
    """The frozen snapshot of everything the guide's Salesforce checks need."""
    return read_snapshot(conn, plan_reads(guide, facts), facts)


def verify_guide(
    conn: OrgConnection,
    guide: Guide,
    facts: OrgFacts,
    confirmations: Iterable[ManualConfirmation] = (),
    extra: Iterable[CheckResult] = (),
    preflight: Iterable[PreflightItem] = (),
) -> VerificationRun:
    """Read the org once and judge every setting; raises `SystemicError` when the org is unreadable."""
    started = datetime.now(UTC)
    confirmations = tuple(confirmations)
    snapshot = read_guide_snapshot(conn, guide, facts)
    results = judge(guide, snapshot, confirmations, extra)
    return record_run(guide, facts, snapshot, results, started, confirmations, preflight)


def record_run(
    guide: Guide,
    facts: OrgFacts,
    snapshot: OrgSnapshot,
    results: Iterable[CheckResult],
    started: datetime,
    confirmations: Iterable[ManualConfirmation] = (),
    preflight: Iterable[PreflightItem] = (),
) -> VerificationRun:
    """The run as the report records it: what was judged, when, and in how many requests."""
    return VerificationRun(
        guide_id=guide.id,
        wizard_version=__version__,
        org=facts,
        started=started,
        finished=datetime.now(UTC),
        results=tuple(results),
        confirmations=tuple(confirmations),
        preflight=tuple(preflight),
        requests_made=snapshot.requests,
    )
