"""Interrupted applies resume without duplicates; refused writes are explained and rolled back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.apply.support import scenario, seed_secrets
from tests.integration.verify.support import connected
from wizard.apply.backup import BackupStore
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.executors.eci_app import REFUSED_NOTE
from wizard.apply.model import ApplyInputs
from wizard.apply.undo import undo_last
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide

NO_AUTH_PROVIDERS = """
extends: fresh
profiles:
  - name: System Administrator
    permissions:
      ManageAuthProviders: false
"""
CONNECTED_APPS_ALLOWED = """
extends: fresh
behaviours:
  allow_connected_app_creation: true
records:
  InstalledSubscriberPackage:
    - SubscriberPackage: {Name: Natterbox}
"""


def _failures(run) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.check_id for r in run.results if r.status in (Status.FAIL, Status.ERROR)]


def _count(org, mtype: str) -> int:  # type: ignore[no-untyped-def]
    return len(org.server.org.list_components(mtype))


def test_dropped_connection_resumes_without_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        fresh = verify_guide(org.connection, guide, org.facts)
        plan = plan_guide(org.connection, guide, org.facts)
        org.server.faults.set(drop_path="tooling/sobjects/NamedCredential")
        first = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert first.error and "dropped" in first.error and first.resumable and not first.rolled_back
        assert _count(org, "ExternalClientApplication") == 1 and _count(org, "NamedCredential") == 0
        assert BackupStore().latest(org.facts.org_id).status == "interrupted"

        org.server.faults.clear()
        again = plan_guide(org.connection, guide, org.facts)
        assert {p.payload["fix"] for p in again.plans} == {"named_credential", "assign_permission_set"}
        second = apply_plan(org.connection, guide, again, confirmation=org.facts.name)
        assert second.error is None and second.backup_id == first.backup_id
        assert (_count(org, "ExternalClientApplication"), _count(org, "AuthProvider"), _count(org, "NamedCredential")) == (1, 1, 2)
        assert _count(org, "CallCoachingMediaProvider") == 1
        assert _failures(verify_guide(org.connection, guide, org.facts)) == []

        undo_last(org.connection, org.facts, guide)  # one backup covers both attempts
        assert _failures(verify_guide(org.connection, guide, org.facts)) == _failures(fresh)
        assert _count(org, "ExternalClientApplication") == _count(org, "AuthProvider") == 0


@pytest.mark.parametrize("drop_after", [2, 9, 13, 16])
def test_drop_at_any_point_then_rerun_finishes(drop_after: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts)
        org.server.faults.set(drop_after=drop_after)
        first = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert first.error is not None and first.resumable
        org.server.faults.clear()
        second = apply_plan(org.connection, guide, plan_guide(org.connection, guide, org.facts), confirmation=org.facts.name)
        assert second.error is None
        assert _failures(verify_guide(org.connection, guide, org.facts)) == []
        for mtype in ("ExternalClientApplication", "ExtlClntAppGlobalOauthSettings", "AuthProvider", "CustomSite"):
            assert _count(org, mtype) == 1, mtype
        guest = org.server.org.site_guest_user("VoiceConnector")
        assert len(org.server.org.find("PermissionSetAssignment", AssigneeId=guest["Id"])) == 2


def test_refused_write_is_explained_and_rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    with connected(scenario(tmp_path, NO_AUTH_PROVIDERS), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        before = verify_guide(org.connection, guide, org.facts)
        plan = plan_guide(org.connection, guide, org.facts)
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert result.error is not None and result.rolled_back and not result.resumable
        assert "INSUFFICIENT_ACCESS" in result.error and "ManageAuthProviders" in result.error  # Salesforce's words
        assert "lacks a permission" in result.error and "Sign in as an administrator" in result.error  # ours
        assert BackupStore().latest(org.facts.org_id).status == "rolled_back"
        assert _failures(verify_guide(org.connection, guide, org.facts)) == _failures(before)
        assert _count(org, "ExternalClientApplication") == 0


def test_api_limit_stops_and_leaves_it_resumable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts)
        org.server.faults.set(request_limit=12)
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert result.error and "REQUEST_LIMIT_EXCEEDED" in result.error and "24 hours" in result.error
        assert result.resumable
        org.server.faults.clear()
        done = apply_plan(org.connection, guide, plan_guide(org.connection, guide, org.facts), confirmation=org.facts.name)
        assert done.error is None and done.backup_id == result.backup_id


def test_connected_app_refused_leads_to_an_external_client_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    inputs = ApplyInputs(app_kind="connected_app")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts, inputs)
        app_plan = next(p for p in plan.plans if p.payload["fix"] == "eci_app")
        assert app_plan.changes[0].target == "Connected App ECI_Connected_App"
        org.server.log.clear()
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, inputs=inputs)
        assert result.error is None and REFUSED_NOTE in result.notes
        assert org.server.org.get_component("ConnectedApp", "ECI_Connected_App") is None
        assert org.server.org.get_component("ExternalClientApplication", "ECI_Connected_App") is not None
        key = org.server.org.get_component("ExtlClntAppGlobalOauthSettings", "ECI_Connected_App_glbloauth")["consumerKey"]
        assert org.server.org.get_component("AuthProvider", "ECI_Auth_Provider")["consumerKey"] == key
        assert _failures(verify_guide(org.connection, guide, org.facts)) == []


def test_connected_app_is_created_where_the_org_still_allows_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    inputs = ApplyInputs(app_kind="connected_app")
    with connected(scenario(tmp_path, CONNECTED_APPS_ALLOWED), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        result = apply_plan(org.connection, guide, plan_guide(org.connection, guide, org.facts, inputs), confirmation=org.facts.name, inputs=inputs)
        assert result.error is None and REFUSED_NOTE not in result.notes
        app = org.server.org.get_component("ConnectedApp", "ECI_Connected_App")
        assert app is not None and org.server.org.get_component("ExternalClientApplication", "ECI_Connected_App") is None
        provider = org.server.org.get_component("AuthProvider", "ECI_Auth_Provider")
        assert provider["consumerKey"] == app["oauthConfig"]["consumerKey"]
        assert provider["consumerSecret"] == app["oauthConfig"]["consumerSecret"]
        # Left: authorizing the new app, which a person does when saving the named credential.
        assert _failures(verify_guide(org.connection, guide, org.facts)) == ["eci-named-credential.app-authorized"]
