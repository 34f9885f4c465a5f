"""Two demo orgs at once (a sandbox and a production org), connected the way the product connects.

Both orgs run over HTTPS with their own test CA. The Metadata API client (zeep) trusts what
``REQUESTS_CA_BUNDLE`` names, so the tests write one bundle holding the system CAs and both demo
CAs; each REST session still pins its own org's bundle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from wizard.demo import start_demo_org
from wizard.demo.headless import sign_in_grant
from wizard.demo.request_log import LoggedRequest, RequestLog
from wizard.demo.server import DemoOrgServer
from wizard.engine.org_facts import OrgFacts
from wizard.salesforce.auth import tokens
from wizard.salesforce.auth.preflight import run_preflight
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.http import make_session

#: Demo credentials that must never show up in a profile, a report, a log or the output.
DEMO_SECRETS = (
    "demo-only-aircall-api-token",
    "demo-only-ringcentral-client-secret",
    "demo-only-consumer-secret-0001",
    "demo-Admin-2026",
)
AIRCALL_ANSWERS = {"Aircall/username": "demo-aircall-api-id", "Aircall/password": "demo-only-aircall-api-token"}
RINGCENTRAL_ANSWERS = {"Ring_Central/consumer_key": "demoRingCentralClientId0001", "Ring_Central/consumer_secret": "demo-only-ringcentral-client-secret"}
_READ_POSTS = re.compile(r"/composite(/batch)?/?$")

#: The `cli` fixture's type (see conftest.py): run the CLI, get (exit code, stdout, stderr).
Cli = Callable[..., tuple[int, str, str]]


@dataclass
class Org:
    server: DemoOrgServer
    connection: OrgConnection
    facts: OrgFacts


def connect(server: DemoOrgServer) -> Org:
    grant = sign_in_grant(server)
    session = make_session(server.ca_bundle)

    def refresher() -> str:
        return tokens.refresh(session, server.instance_url, client_id="PlatformCLI", refresh_token=grant.refresh_token or "").access_token

    conn = OrgConnection(server.instance_url, grant.access_token, ca_bundle=server.ca_bundle, refresher=refresher)
    checked = run_preflight(conn, org_id=grant.org_id, user_id=grant.user_id, client_id="PlatformCLI", session=session)
    checked.connection.refresher = refresher
    return Org(server, checked.connection, checked.facts)


@contextmanager
def two_orgs(source: str | Path, target: str | Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[tuple[Org, Org]]:
    """A started source and target org, signed in; both stop when the block ends."""
    first = start_demo_org(source)
    second = None
    try:
        second = start_demo_org(target)
        bundle = tmp_path / "two-demo-orgs-ca.pem"
        bundle.write_text(first.ca_bundle.read_text() + "\n" + second.ca_path.read_text())
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
        yield connect(first), connect(second)
    finally:
        first.stop()
        if second is not None:
            second.stop()


def org_writes(log: RequestLog) -> list[LoggedRequest]:
    """Requests that changed the org: the log's writes without the POSTs that only read
    (composite batches of queries, Tooling composite queries)."""
    return [e for e in log.writes() if not _READ_POSTS.search(e.path.split("?")[0])]


def assert_no_secret(texts: Iterable[tuple[str, str | bytes]], secrets: Iterable[str]) -> None:
    """Fail naming the place (never the value) where any secret shows up."""
    values = [s for s in secrets if s and len(s) >= 6]
    for where, text in texts:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        for value in values:
            assert value.encode("utf-8") not in data, f"a secret value appears in {where}"


def files_under(folder: Path) -> list[tuple[str, bytes]]:
    return [(str(p), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]
