"""The pure parts of "Fix it for me": grouping settings, app spellings, errors, backup redaction."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from simple_salesforce.exceptions import SalesforceRefusedRequest

from wizard.apply.backup import MASKED, Backup, BackupStore, SecretInBackup, redact
from wizard.apply.errors import from_exception
from wizard.apply.executors.app_settings import (
    connected_app_fields,
    eca_components,
    merge,
    scope_values,
    wanted_from_guide,
)
from wizard.apply.model import ComponentState
from wizard.apply.targets import FIX_ORDER, targets_for
from wizard.apply.user_refs import UserChoiceError, check_profile, split_references
from wizard.checks.app_view import from_connected_app, from_external_client_app
from wizard.guides.loader import load_guide

MY_DOMAIN = "https://acme.my.salesforce.com"


def test_settings_are_grouped_per_component_in_run_order() -> None:
    targets = targets_for(load_guide("aircall"))
    keys = [(t.fix, t.key) for t in targets]
    assert keys == sorted(keys, key=lambda k: FIX_ORDER.index(k[0]))
    nc = next(t for t in targets if (t.fix, t.key) == ("named_credential", "Aircall"))
    assert set(nc.checks) == {"named_credential.exists", "named_credential.url", "named_credential.auth", "named_credential.username", "named_credential.options"}
    assert nc.param("named_credential.url", "url") == "https://api.aircall.io"
    assert ("assign_permission_set", "eci") in keys and ("assign_permission_set", "label:Conversation Insights Integration User") in keys


def test_optional_settings_only_when_asked_for() -> None:
    guide = load_guide("ringcentral")
    default = next(t for t in targets_for(guide) if (t.fix, t.key) == ("auth_provider", "Ring_Central"))
    assert set(default.param("auth_provider.endpoints", "environments")) == {"sandbox", "production"}
    chosen = targets_for(guide, include=[("graduate-ringcentral-app", "rc-graduation.auth-provider-production")])
    assert [(t.fix, t.key) for t in chosen] == [("auth_provider", "Ring_Central")]
    assert set(chosen[0].param("auth_provider.endpoints", "environments")) == {"production"}


def test_the_guide_app_settings_spelled_for_both_kinds_of_app() -> None:
    target = next(t for t in targets_for(load_guide("natterbox")) if t.fix == "eci_app")
    wanted = wanted_from_guide(target, MY_DOMAIN)
    assert wanted.scopes == ("Content", "Api", "Web", "RefreshToken")  # offline_access is refresh_token
    assert wanted.callback_urls == (f"{MY_DOMAIN}/services/authcallback/ECI_Auth_Provider",)
    app = connected_app_fields(wanted, {}, "ECI_Connected_App", "ECI Connected App", "a@example.com")
    assert app["oauthPolicy"] == {"ipRelaxation": "BYPASS", "refreshTokenPolicy": "specific_lifetime:365:DAYS"}
    assert app["oauthConfig"]["isAdminApproved"] is True and app["profileName"] == ["Standard User", "System Administrator"]
    eca = eca_components(wanted, {}, "ECI_Connected_App", "ECI Connected App", "a@example.com")
    policies = eca["ExtlClntAppOauthConfigurablePolicies"]
    assert (policies["ipRelaxationPolicyType"], policies["refreshTokenPolicyType"], policies["refreshTokenValidityPeriod"], policies["refreshTokenValidityUnit"]) == ("Bypass", "SpecificLifetime", 365, "Days")
    assert eca["ExtlClntAppOauthSettings"]["commaSeparatedOauthScopes"] == "Content, Api, Web, RefreshToken"
    # Read back through the checks' own view, both spellings mean the same settings.
    view_ca = from_connected_app("ECI_Connected_App", app)
    view_eca = from_external_client_app("ECI_Connected_App", eca["ExtlClntAppGlobalOauthSettings"], eca["ExtlClntAppOauthSettings"], policies)
    for view in (view_ca, view_eca):
        assert (view.ip_relaxation, view.refresh_policy.kind, view.refresh_policy.amount, view.admin_approved) == ("relax", "expire_after", 365, True)


def test_merge_keeps_what_the_admin_added_and_drops_the_placeholder() -> None:
    target = next(t for t in targets_for(load_guide("natterbox")) if t.fix == "eci_app")
    wanted = wanted_from_guide(target, MY_DOMAIN)
    current = from_connected_app("ECI_Connected_App", {
        "label": "ECI Connected App",
        "oauthConfig": {"callbackUrl": "https://dummy_url/services/authcallback/ECI_Auth_Provider\nhttps://other.example.com/cb", "scopes": ["Api", "Chatter"]},
        "profileName": ["Sales Reps"],
    })  # fmt: skip
    merged = merge(wanted, current, set(target.checks))
    assert merged.callback_urls == (f"{MY_DOMAIN}/services/authcallback/ECI_Auth_Provider", "https://other.example.com/cb")
    assert merged.scopes == ("Api", "Chatter", "Content", "Web", "RefreshToken")
    assert merged.profiles == ("Sales Reps", "Standard User", "System Administrator")
    assert scope_values(["refresh_token", "offline_access", "OfflineAccess"]) == ("RefreshToken",)


def test_salesforce_refusals_keep_their_words_and_gain_ours() -> None:
    refused = SalesforceRefusedRequest("u", 403, "AuthProvider", [{"errorCode": "INSUFFICIENT_ACCESS", "message": "insufficient access rights"}])
    error = from_exception(refused, "Auth provider X")
    assert error.code == "INSUFFICIENT_ACCESS" and not error.systemic
    assert error.text.startswith('Auth provider X: Salesforce said: INSUFFICIENT_ACCESS: "insufficient access rights".')
    mdapi = Exception("\nECI_Connected_App: (FUNCTIONALITY_NOT_ENABLED, Connected app creation is turned off in this org (since Spring '26).), ")
    error = from_exception(mdapi)
    assert error.code == "FUNCTIONALITY_NOT_ENABLED" and "External Client App" in error.todo
    assert "(since Spring '26)." in error.salesforce_message
    limit = SalesforceRefusedRequest("u", 403, "x", [{"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "TotalRequests Limit exceeded."}])
    assert from_exception(limit).systemic


def test_backups_never_hold_secrets(tmp_path: Path) -> None:
    component = {"fullName": "X", "oauthConfig": {"consumerKey": "3MVG9key", "consumerSecret": "s3cr3tValue", "scopes": ["Api"]}, "password": "pw", "username": None}
    assert redact(component) == {"fullName": "X", "oauthConfig": {"consumerKey": MASKED, "scopes": ["Api"]}, "username": None}
    store = BackupStore(tmp_path)
    backup = Backup(id="b1", org_id="00D000000000001", started=datetime.now(UTC))
    backup.add(ComponentState(api="metadata", type="ConnectedApp", name="X", before=component))
    assert not backup.add(ComponentState(api="metadata", type="ConnectedApp", name="X", before=None))  # first state wins
    path = store.save(backup, {"s3cr3tValue", "pw"})
    assert "s3cr3tValue" not in path.read_text() and "3MVG9key" not in path.read_text()
    backup.notes.append("a leaked value: s3cr3tValue")
    with pytest.raises(SecretInBackup):
        store.save(backup, {"s3cr3tValue"})
    assert "leaked" not in path.read_text()


def test_only_user_id_shapes_are_ids_everything_else_is_a_username() -> None:
    ids, names = split_references(["005Dn000001AbCd", "005Dn000001AbCdEAA", " nobody ", "00D5g000004AcmeEAA", "005Dn01AbCd", "", "a@b.example"])
    assert ids == ["005Dn000001AbCd", "005Dn000001AbCdEAA"]
    assert names == ["nobody", "00D5g000004AcmeEAA", "005Dn01AbCd", "a@b.example"]  # an org id or a short 005 is no user id


def test_a_profile_is_matched_without_case_and_a_typo_names_the_close_ones() -> None:
    known = ["System Administrator", "Standard User", "Chatter Free User"]
    assert check_profile("standard user", known, "Acme") == "Standard User"
    with pytest.raises(UserChoiceError) as refused:
        check_profile("Standrd User", known, "Acme")
    assert str(refused.value).startswith("No profile in Acme is named 'Standrd User'. Did you mean 'Standard User'?")
    assert "Chatter Free User, Standard User, System Administrator" in str(refused.value)


def test_an_undo_of_an_earlier_sessions_backup_is_listed_by_name() -> None:
    from datetime import UTC, datetime

    from wizard.apply.model import UndoResult
    from wizard.apply.undo import undo_entries

    at = datetime(2026, 11, 21, tzinfo=UTC)
    undone = UndoResult(backup_id="B1", restored=("NamedCredential Aircall",), removed=("AuthProvider ECI_Auth_Provider",))
    entries = undo_entries(undone, [], "ada@acme.example", at)
    assert [(e.target, e.after) for e in entries] == [("NamedCredential Aircall", "as before"),
                                                       ("AuthProvider ECI_Auth_Provider", "(removed)")]
    assert all(e.setting.startswith("Undo: ") and e.backup_id == "B1" and e.by == "ada@acme.example" for e in entries)
