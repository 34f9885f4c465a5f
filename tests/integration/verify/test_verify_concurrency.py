"""Metadata reads side by side, each on a client of its own, against the demo org over HTTPS.

The org's request log says when each SOAP call arrived and how long it was served (the injected
latency included), so whether two reads were in flight together is read from the org's side, not
from a stopwatch in the test.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.verify.support import connected
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.metadata_pool import DEFAULT_SIZE
from wizard.salesforce.verify import verify_guide

ECA_ORG = "aircall-eca-configured"


def wait_until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether `condition()` held within `seconds` (background client builds land in their own time)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def most_in_flight(entries, family: str = "metadata-read") -> int:  # type: ignore[no-untyped-def]
    """The largest number of requests of one family the org was serving at the same moment."""
    spans = [(e.started, e.started + e.seconds) for e in entries if e.family == family]
    return max((sum(1 for s, e in spans if s <= start < e) for start, _ in spans), default=0)


def outcome(run) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(r.check_id, r.status.value, r.observed) for r in run.results]


def test_metadata_reads_are_served_side_by_side_and_the_app_does_not_wait_for_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    guide = load_guide("aircall")
    with connected(ECA_ORG, monkeypatch) as org:
        org.server.faults.set(latency_ms=0, metadata_latency_ms=300)  # REST answers long before SOAP
        pool = org.connection.metadata_pool
        for _ in range(20):  # calls that wait make the pool grow, one client at a time
            verify_guide(org.connection, guide, org.facts)
            if wait_until(lambda: pool.idle == DEFAULT_SIZE, seconds=2):
                break
        assert pool.idle == DEFAULT_SIZE
        org.server.log.clear()
        run = verify_guide(org.connection, guide, org.facts)
        entries = org.server.log.entries()
    assert not [r for r in run.results if r.status in (Status.FAIL, Status.ERROR)]
    # The ECI switch and the site are read first; the External Client App's global settings join
    # them as soon as the REST batch says there is no Connected App: three SOAP calls in flight,
    # which one shared client could never do. Its scopes and policies follow, two side by side.
    assert most_in_flight(entries) == DEFAULT_SIZE == 3
    assert len([e for e in entries if e.family == "metadata-read"]) == 5


def test_an_expired_session_replaces_every_metadata_client_with_one_refresh(monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(ECA_ORG, monkeypatch) as org:
        first = verify_guide(org.connection, guide, org.facts)
        org.server.org.revoke_token(org.connection.access_token)
        org.server.log.clear()
        again = verify_guide(org.connection, guide, org.facts)
        refreshes = [e for e in org.server.log.entries() if e.path == "/services/oauth2/token"]
        expired = [e for e in org.server.log.entries() if e.status == 401 or (e.family == "metadata-read" and e.status == 500)]
    assert len(refreshes) == 1
    assert outcome(again) == outcome(first)
    assert expired  # the old session really was refused before the refresh


def test_verifications_running_at_once_on_one_connection_agree_with_a_single_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """More callers than clients: they queue for the pool, none shares a client, all agree."""
    guide = load_guide("aircall")
    with connected(ECA_ORG, monkeypatch) as org:
        alone = outcome(verify_guide(org.connection, guide, org.facts))
        with ThreadPoolExecutor(max_workers=4) as pool:
            runs = list(pool.map(lambda _: outcome(verify_guide(org.connection, guide, org.facts)), range(12)))
        crashed = list(org.server.errors)
    assert not crashed
    assert all(run == alone for run in runs)
