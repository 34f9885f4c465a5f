"""Who authorized the ECI app, read from the demo org's OAuth tokens over HTTPS with the real clients.

Authenticating the ECI named credential leaves an OAuth token for the ECI app in the signed-in
user's name. The row reads Salesforce's OauthToken object inside the guide's one REST batch (no
request of its own), names who authorized the app and when, and warns when only a user who cannot
keep ECI running holds a token. The Authentication Status itself stays a manual step.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.verify.support import connected, extending, verify_logged
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide

ROW = "eci-named-credential.app-authorized"
#: Requests of a whole verification of each guide's configured org (the measured counts).
REQUESTS = {"natterbox": 4, "aircall": 5, "ringcentral": 5}

#: A former admin, deactivated, is the only one who ever authorized the app.
FORMER_ADMIN = """users:
  - username: otto.former@acme-demo.example
    first_name: Otto
    last_name: Former
    email: otto.former@acme-demo.example
    profile: System Administrator
    active: false
    permission_sets: [ConversationInsightsIntegrationUser]
records:
  OauthToken:
    - {AppName: ECI Connected App, UserId: "{user:otto.former@acme-demo.example}", CreatedDate: "2025-03-04T10:00:00.000+0000"}
"""
#: A sales rep, without the integration permission set, is the only one who authorized the app.
SALES_REP = """records:
  OauthToken:
    - {AppName: ECI Connected App, UserId: "{user:sam.seller@acme-demo.example}", CreatedDate: "2026-01-20T16:45:00.000+0000"}
"""


def row(guide_id: str, scenario_ref: str | Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The row, and the requests of the whole verification by family."""
    run, entries = verify_logged(guide_id, scenario_ref, monkeypatch)
    families = [e.family for e in entries]
    return {r.check_id: r for r in run.results}[ROW], families


@pytest.mark.parametrize("guide_id", list(REQUESTS))
def test_the_integration_users_token_passes_within_the_guides_usual_requests(guide_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    result, families = row(guide_id, f"{guide_id}-configured", monkeypatch)
    assert result.status == Status.PASS, result
    assert result.observed == "Ada Admin (admin@acme-demo.example), authorized 2026-01-12 09:30 UTC, last used 2026-02-02 07:15 UTC"
    assert any("FROM OauthToken WHERE AppName = 'ECI Connected App'" in e.detail for e in result.evidence), result.evidence
    # The token query rides in the guide's one REST batch: no request of its own.
    assert len(families) == REQUESTS[guide_id], families
    assert "rest" not in families, families


def test_a_token_held_only_by_a_deactivated_user_is_warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, _ = row("natterbox", extending(tmp_path, "natterbox-configured", FORMER_ADMIN), monkeypatch)
    assert result.status == Status.WARN, result
    assert "otto.former@acme-demo.example" in result.observed and "authorized 2025-03-04 10:00 UTC" in result.observed
    assert "Otto Former (otto.former@acme-demo.example) is inactive" in result.message


def test_a_token_held_only_by_a_user_without_the_integration_set_is_warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, _ = row("aircall", extending(tmp_path, "aircall-configured", SALES_REP), monkeypatch)
    assert result.status == Status.WARN, result
    assert "Sam Seller (sam.seller@acme-demo.example) lacks the Conversation Insights Integration User permission set" in result.message


def test_an_external_client_app_org_without_a_listed_token_is_warned_not_failed(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Salesforce documents the token list for Connected Apps: for an External Client App an empty list proves nothing."""
    result, _ = row("aircall", extending(tmp_path, "aircall-eca-configured", "records: {OauthToken: []}\n"), monkeypatch)
    assert result.status == Status.WARN, result
    assert result.observed == "no OAuth token for ECI Connected App" and "External Client App" in result.message


def test_the_authentication_status_stays_a_step_for_the_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The token shows who authorized the app, not which sign-in the named credential holds."""
    guide = load_guide("aircall")
    with connected("aircall-configured", monkeypatch) as org:
        results = {r.check_id: r for r in verify_guide(org.connection, guide, org.facts).results}
    manual = results["eci-named-credential.authenticated"]
    assert manual.status == Status.MANUAL
    assert "the row above" in manual.expected
