"""The window's API: fix one setting or one page, enter a secret, apply with progress, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.apply.support import scenario
from tests.integration.verify.support import connected
from wizard.apply.errors import ConfirmationRequired, MissingSecrets
from wizard.apply.session import FixSession, can_fix
from wizard.guides.loader import load_guide


def test_fix_one_page_with_a_secret_entered_then_undo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    page = guide.page("aircall-named-credential")
    assert [can_fix(s) for s in page.settings] == [True, True, True, True, True, False]
    with connected(scenario(tmp_path), monkeypatch) as org:
        session = FixSession(org.connection, guide, org.facts)
        assert not session.can_undo()
        plan = session.plan_for(page.id)
        assert [p.payload["component"] for p in plan.plans] == ["Named credential Aircall"]
        with pytest.raises(MissingSecrets):
            session.apply(plan, confirmation=org.facts.name)
        for need in plan.secrets_needed:
            session.store_secret(need.name, "AircallValue0001")
        steps: list[tuple[str, int, int]] = []
        result = session.apply(plan, confirmation=org.facts.name, progress=lambda *a: steps.append(a))
        assert result.error is None and steps[-1] == ("done", 1, 1)
        assert {r.check_id for r in result.results} == {s.id for s in page.settings if s.check}
        assert all(r.status.value == "pass" for r in result.results)
        assert session.can_undo()
        undone = session.undo_last()
        assert undone.removed == ("NamedCredential Aircall",)
        assert not session.can_undo()


def test_one_optional_setting_uses_its_own_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """RingCentral's graduation row asks for the production endpoints of the same auth provider."""
    guide = load_guide("ringcentral")
    setting = ("graduate-ringcentral-app", "rc-graduation.auth-provider-production")
    with connected("ringcentral-configured", monkeypatch) as org:
        session = FixSession(org.connection, guide, org.facts)
        assert session.plan_for(None).empty
        plan = session.plan_for(setting)
        changes = {c.setting: c.desired for p in plan.plans for c in p.changes}
        assert changes == {
            "Authorize Endpoint URL": "https://platform.ringcentral.com/restapi/oauth/authorize",
            "Token Endpoint URL": "https://platform.ringcentral.com/restapi/oauth/token",
            "User Info Endpoint URL": "https://platform.ringcentral.com/restapi/oauth/userinfo",
        }
        result = session.apply(plan, confirmation=org.facts.name)
        assert result.error is None and [r.status.value for r in result.results if r.check_id == setting[1]] == ["pass"]
        provider = org.server.org.get_component("AuthProvider", "Ring_Central")
        assert provider["consumerSecret"] == "demo-only-ringcentral-client-secret"  # untouched


def test_users_for_the_searchable_list(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("fresh", monkeypatch) as org:
        session = FixSession(org.connection, load_guide("natterbox"), org.facts)
        assert [u["Name"] for u in session.search_users("rep")] == ["Rita Rep"]
        assert sorted(u["Name"] for u in session.users_of_profile("Standard User")) == ["Rita Rep", "Sam Seller"]
        sam = [u["Id"] for u in session.search_users("sam")]
        with pytest.raises(ConfirmationRequired):
            session.assign("ConversationInsightsForSales", sam)
        result = session.assign("ConversationInsightsForSales", sam, confirmation="Acme Demo")
        assert len(result.assigned) == 1
        assert session.undo_last().removed  # the assignment went through the door: undoable
        assert not org.server.org.find("PermissionSetAssignment", AssigneeId=sam[0])
