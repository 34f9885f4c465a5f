"""The ECI app's fix goes by the app's API name: it updates the app that has it, whatever its label,
and creates one only when no app has it. Against the demo org over HTTPS."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.apply.support import seed_secrets
from tests.integration.verify.support import connected, extending
from tests.integration.verify.test_eci_app_found_by_api_name import LABEL_ONLY
from wizard.apply.door import apply_plan, plan_guide
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide

#: The guide's Connected App, relabelled in Setup and lacking two of the guide's scopes.
RELABELLED_NARROW = "metadata: {ConnectedApp: {ECI_Connected_App: {label: Acme ECI, oauthConfig: {scopes: [Api, Web]}}}}\n"


def app_failures(run) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(r.check_id, r.observed) for r in run.results if r.check_id.startswith("eci-app.") and r.status in (Status.FAIL, Status.ERROR)]


def test_a_relabelled_connected_app_is_updated_not_created_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview offers to update the Connected App ECI_Connected_App, never to create an External
    Client App under the same API name; the apply keeps the admin's label."""
    guide = load_guide("natterbox")
    with connected(extending(tmp_path, "natterbox-configured", RELABELLED_NARROW), monkeypatch) as org:
        plan = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
        app_plan = next(p for p in plan.plans if p.payload["fix"] == "eci_app")
        assert app_plan.title == "Update the ECI app ECI_Connected_App (Connected App)"
        assert {(c.target, c.action) for c in app_plan.changes} == {("Connected App ECI_Connected_App", "update")}
        assert [c.setting for c in app_plan.changes] == ["Selected OAuth Scopes"], app_plan.changes

        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert result.error is None, result.error
        assert org.server.org.get_component("ExternalClientApplication", "ECI_Connected_App") is None
        app = org.server.org.get_component("ConnectedApp", "ECI_Connected_App")
        assert app["label"] == "Acme ECI"
        assert {"Content", "RefreshToken"} <= set(app["oauthConfig"]["scopes"]), app["oauthConfig"]["scopes"]
        assert app_failures(verify_guide(org.connection, guide, org.facts)) == []


def test_an_app_with_the_label_but_another_api_name_gets_the_guides_app_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview says why a second app with the same label is created; once created, it is the
    ECI app and the app's checks pass, the other app untouched."""
    guide = load_guide("natterbox")
    with connected(extending(tmp_path, "natterbox-configured", LABEL_ONLY), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
        app_plan = next(p for p in plan.plans if p.payload["fix"] == "eci_app")
        assert app_plan.title == "Create the ECI app ECI_Connected_App (External Client App)"
        assert any("labelled ECI Connected App already exists, but its API name is not ECI_Connected_App" in n for n in plan.notes), plan.notes

        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert result.error is None, result.error
        assert org.server.org.get_component("ExternalClientApplication", "ECI_Connected_App") is not None
        assert org.server.org.get_component("ConnectedApp", "ECI_Connected_App_2")["label"] == "ECI Connected App"
        assert app_failures(verify_guide(org.connection, guide, org.facts)) == []
        again = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
        assert again.empty, [c.model_dump() for p in again.plans for c in p.changes]
