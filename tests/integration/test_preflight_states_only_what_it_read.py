"""The connection preflight, when Salesforce refuses every read: only what was read is stated.

A user without "API Enabled" signs in to the demo org for real (login, consent, code exchange):
the sign-in works, but the preflight's reads are refused, so the org's name and environment are
unknown and no read proved that this session's security level is enough.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.signin import without_api_access
from wizard.demo.headless import sign_in_grant
from wizard.engine.results import Status
from wizard.salesforce.auth.connections import ConnectionStore
from wizard.salesforce.auth.flow import OAuthClient
from wizard.salesforce.auth.login_hosts import resolve_login_host
from wizard.salesforce.auth.signin import SignInTarget, finish_sign_in
from wizard.salesforce.auth.vault import KeyringVault


def test_a_preflight_whose_reads_were_refused_claims_no_environment_and_no_session_level(
        demo_org: Any, memory_keyring: type, wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    server = demo_org(str(without_api_access(tmp_path)))
    target = SignInTarget(resolve_login_host(server.instance_url, demo_mode=True), OAuthClient(), ca_bundle=server.ca_bundle)
    signed = finish_sign_in(sign_in_grant(server), alias="demo", target=target, store=ConnectionStore(),
                            vault=KeyringVault())
    preflight = signed.preflight
    items = {i.name: i for i in preflight.items}
    assert preflight.blocked and items["API access"].status is Status.FAIL

    environment = items["Environment"]
    assert (environment.status, environment.observed) == (Status.WARN, "unknown")
    assert "whether this is a sandbox or production is not known" in environment.message
    session_level = items["High-assurance session"]
    assert session_level.status is Status.SKIPPED and "reads allowed" not in session_level.observed

    # The line the sign-in page shows above the preflight.
    from wizard.ui.preflight_view import connected_heading

    heading = connected_heading(preflight)
    assert heading == (f"Connected, but something blocks the checks (see below): org {server.org.org_id} "
                       "(its name could not be read) as admin@acme-demo.example"), heading
