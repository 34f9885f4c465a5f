"""Production confirmation, backups without secrets, and undo that puts the org back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.apply.support import LAMBDA, scenario, seed_secrets, writes
from tests.integration.verify.support import connected
from wizard.apply.backup import BackupStore
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.errors import ConfirmationRequired, MissingSecrets
from wizard.apply.model import ApplyInputs
from wizard.apply.secret_source import SecretSource
from wizard.apply.undo import undo_last
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide

#: natterbox-configured with settings gone wrong: every one of them an update, not a create.
DRIFTED = """
extends: natterbox-configured
metadata:
  ConversationalIntelligenceSettings:
    ConversationalIntelligence:
      enableCallCoaching: false
  CallCoachingMediaProvider:
    Natterbox:
      isActive: false
  ConnectedApp:
    ECI_Connected_App:
      oauthConfig:
        callbackUrl: https://dummy_url/services/authcallback/ECI_Auth_Provider
        consumerSecret: DemoOnlyEciConsumerSecret0001
        scopes: [Api, Web]
      oauthPolicy:
        ipRelaxation: ENFORCE
        refreshTokenPolicy: infinite
  AuthProvider:
    ECI_Auth_Provider:
      defaultScopes: api
  NamedCredential:
    ECI_Named_Credential:
      endpoint: https://wrong.example.com
      oauthScope: api
"""


def _statuses(run) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    return {(r.page_id, r.check_id): r.status.value for r in run.results}


def test_production_needs_the_org_name_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    with connected(scenario(tmp_path), monkeypatch) as org:
        assert not org.facts.is_sandbox
        seed_secrets(org.facts.org_id)
        plan = plan_guide(org.connection, guide, org.facts)
        assert plan.production and not plan.empty
        org.server.log.clear()
        for typed in (None, "", "acme demo", "Acme"):
            with pytest.raises(ConfirmationRequired, match="Acme Demo"):
                apply_plan(org.connection, guide, plan, confirmation=typed)
        assert writes(org.server.log) == []
        assert not (BackupStore().folder(org.facts.org_id)).exists()
        result = apply_plan(org.connection, guide, plan, confirmation="Acme Demo")
        assert result.error is None and result.writes > 0


def test_missing_secret_is_named_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        plan = plan_guide(org.connection, guide, org.facts)
        names = {n.name for n in plan.secrets_needed}
        assert {"Aircall/username", "Aircall/password"} <= names
        assert all(c.desired == "(from the keyring)" for p in plan.plans for c in p.changes if c.secret)
        org.server.log.clear()
        with pytest.raises(MissingSecrets, match="Aircall"):
            apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert writes(org.server.log) == []


def test_backup_holds_no_secret_and_undo_removes_what_was_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("ringcentral")
    with connected(scenario(tmp_path), monkeypatch) as org:
        canaries = seed_secrets(org.facts.org_id)
        first = verify_guide(org.connection, guide, org.facts)
        plan = plan_guide(org.connection, guide, org.facts)
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert result.error is None
        path = BackupStore().folder(org.facts.org_id) / f"{result.backup_id}.json"
        text = path.read_text(encoding="utf-8")
        generated = SecretSource(org.facts.org_id).get("ECI_Connected_App/consumer_secret")
        assert generated and generated not in text
        for value in canaries.values():
            assert value not in text
        backup = json.loads(text)
        assert backup["status"] == "complete"
        created = {(e["type"], e["name"]) for e in backup["entries"] if e["before"] is None}
        assert {("AuthProvider", "Ring_Central"), ("NamedCredential", "Ring_Central"), ("CustomSite", "VoiceConnector"), ("ExternalClientApplication", "ECI_Connected_App")} <= created

        undone = undo_last(org.connection, org.facts, guide)
        assert "AuthProvider Ring_Central" in undone.removed
        assert _statuses(verify_guide(org.connection, guide, org.facts)) == _statuses(first)
        assert org.server.org.get_component("ExternalClientApplication", "ECI_Connected_App") is None
        assert not org.server.org.find("PermissionSetAssignment", AssigneeId=org.facts.user_id)
        assert json.loads(path.read_text(encoding="utf-8"))["status"] == "undone"
        with pytest.raises(LookupError):
            undo_last(org.connection, org.facts, guide)


def test_undo_restores_updated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    with connected(scenario(tmp_path, DRIFTED), monkeypatch) as org:
        state = org.server.org
        original_app = state.get_component("ConnectedApp", "ECI_Connected_App")
        original_nc = state.get_component("NamedCredential", "ECI_Named_Credential")
        first = verify_guide(org.connection, guide, org.facts)
        plan = plan_guide(org.connection, guide, org.facts, ApplyInputs(aws_region="us-east-1", lambda_function=LAMBDA))
        assert plan.plans and all(c.action == "update" for p in plan.plans for c in p.changes)
        callback = next(c for p in plan.plans for c in p.changes if c.setting == "Callback URL")
        assert "dummy_url" in callback.current and callback.desired == f"{org.facts.my_domain_url}/services/authcallback/ECI_Auth_Provider"

        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
        assert result.error is None and all(r.status.value == "pass" for r in result.results)
        app = state.get_component("ConnectedApp", "ECI_Connected_App")
        assert app["oauthPolicy"] == {"ipRelaxation": "BYPASS", "refreshTokenPolicy": "specific_lifetime:365:DAYS"}
        assert app["oauthConfig"]["consumerKey"] == original_app["oauthConfig"]["consumerKey"]
        assert app["oauthConfig"]["consumerSecret"] == original_app["oauthConfig"]["consumerSecret"] == "DemoOnlyEciConsumerSecret0001"

        undo_last(org.connection, org.facts, guide)
        assert _statuses(verify_guide(org.connection, guide, org.facts)) == _statuses(first)
        restored = state.get_component("ConnectedApp", "ECI_Connected_App")
        assert restored["oauthPolicy"] == original_app["oauthPolicy"]
        assert restored["oauthConfig"]["callbackUrl"] == original_app["oauthConfig"]["callbackUrl"]
        assert restored["oauthConfig"]["consumerSecret"] == "DemoOnlyEciConsumerSecret0001"
        nc = state.get_component("NamedCredential", "ECI_Named_Credential")
        assert (nc["endpoint"], nc["oauthScope"]) == (original_nc["endpoint"], original_nc["oauthScope"])
        assert state.get_component("CallCoachingMediaProvider", "Natterbox")["isActive"] is False
