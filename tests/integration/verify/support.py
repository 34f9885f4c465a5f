"""Connect to a demo org the way the product does: the real sign-in, the real preflight."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.demo import start_demo_org
from wizard.demo.headless import sign_in_grant
from wizard.demo.server import DemoOrgServer
from wizard.engine.org_facts import OrgFacts
from wizard.salesforce.auth import tokens
from wizard.salesforce.auth.preflight import run_preflight
from wizard.salesforce.connection import OrgConnection, trust_ca_bundle_for_process
from wizard.salesforce.http import make_session


@dataclass
class Connected:
    server: DemoOrgServer
    connection: OrgConnection
    facts: OrgFacts


@contextmanager
def connected(scenario: str | Path = "fresh", monkeypatch=None, **faults) -> Iterator[Connected]:  # type: ignore[no-untyped-def]
    """A started demo org and a connection through the product's own sign-in (refresh included)."""
    server = start_demo_org(scenario, **faults)
    try:
        if monkeypatch is not None:
            monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))
        else:
            trust_ca_bundle_for_process(server.ca_bundle)
        grant = sign_in_grant(server)
        session = make_session(server.ca_bundle)

        def refresher() -> str:
            renewed = tokens.refresh(session, server.instance_url, client_id="PlatformCLI", refresh_token=grant.refresh_token or "")
            return renewed.access_token

        conn = OrgConnection(server.instance_url, grant.access_token, ca_bundle=server.ca_bundle, refresher=refresher)
        checked = run_preflight(conn, org_id=grant.org_id, user_id=grant.user_id, client_id="PlatformCLI", session=session)
        checked.connection.refresher = refresher
        yield Connected(server, checked.connection, checked.facts)
    finally:
        server.stop()


def extending(tmp_path: Path, base: str, body: str) -> Path:
    """A scenario file that changes a shipped scenario (`base`) by the YAML in `body`."""
    path = tmp_path / f"{base}-changed.yaml"
    path.write_text(f"extends: {base}\n{body}", encoding="utf-8")
    return path


def verify_logged(guide_id: str, scenario: str | Path, monkeypatch: Any) -> tuple[Any, list[Any]]:
    """A whole verification of the guide on the scenario, and the demo org's log of its requests."""
    from wizard.guides.loader import load_guide
    from wizard.salesforce.verify import verify_guide

    with connected(scenario, monkeypatch) as org:
        org.server.log.clear()
        run = verify_guide(org.connection, load_guide(guide_id), org.facts)
        entries = list(org.server.log.entries())
    return run, entries
