"""Scenario files: the shipped ones load, and a broken one says where and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.demo.scenario import ScenarioError, list_scenarios, load_scenario, scenario_path
from wizard.demo.server import DemoOrgServer

MINIMAL = """
organization: {name: Tiny Org}
users:
  - {username: a@tiny.example, last_name: A, email: a@tiny.example, profile: System Administrator, password: pw}
"""


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def problems_of(path: Path) -> tuple[str, list[str]]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return str(caught.value), caught.value.problems


def test_fresh_is_an_enterprise_production_org_with_nothing_set_up() -> None:
    org = load_scenario("fresh")
    assert org.organization["Name"] == "Acme Demo"
    assert org.organization["OrganizationType"] == "Enterprise Edition"
    assert org.organization["IsSandbox"] is False
    assert org.org_id.startswith("00D") and len(org.org_id) == 18
    assert org.api_version == "66.0"
    labels = {c["label"] for c in org.list_components("PermissionSet")}
    assert {"Conversation Insights for Sales", "Conversation Insights Integration User", "Voice Connector Permission"} <= labels
    assert org.rows("PermissionSetAssignment") == [], "no user holds an ECI permission set yet"
    for mtype in ("ConnectedApp", "AuthProvider", "NamedCredential", "CustomSite", "CallCoachingMediaProvider", "ExternalClientApplication"):
        assert org.list_components(mtype) == [], mtype
    settings = org.get_component("ConversationalIntelligenceSettings", "ConversationalIntelligence")
    assert settings is not None and settings["enableCallCoaching"] is False
    assert org.behaviours["allow_connected_app_creation"] is False


def test_fresh_admin_holds_the_admin_permissions_and_can_log_in() -> None:
    org = load_scenario("fresh")
    admin = org.user_by_username(org.default_username)
    assert admin is not None and admin["Name"] == "Ada Admin"
    perms = org.user_permissions(admin["Id"])
    for name in (
        "CanApproveUninstalledApps", "CustomizeApplication", "ModifyAllData", "ManageAuthProviders",
        "ManageNamedCredentials", "ManageRemoteAccess", "AssignPermissionSets", "ViewSetup", "ApiEnabled",
    ):
        assert name in perms, name
    rep = org.user_by_username("sam.seller@acme-demo.example")
    assert org.user_permissions(rep["Id"]) == {"ApiEnabled"}
    profile = org.get("Profile", rep["ProfileId"])
    assert profile["Name"] == "Standard User"
    assert profile["PermissionsModifyAllData"] is False, "every known permission is a boolean field"
    ps = org.get_component("PermissionSet", "ConversationInsightsForSales")
    assert ps["userPermissions"] == [{"enabled": True, "name": "CallCoachingUser"}]
    assert ps["license"] == "ConversationInsightsPsl"


@pytest.mark.parametrize("name", list_scenarios())
def test_every_shipped_scenario_loads(name: str) -> None:
    org = load_scenario(name)
    assert org.organization["Name"]
    assert org.default_username, f"{name} needs a user to sign in with"


def test_scenario_by_path_and_unknown_name(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    assert scenario_path(str(path)) == path.resolve()
    org = load_scenario(path)
    assert org.default_username == "a@tiny.example"
    assert {p["Name"] for p in org.rows("Profile")} == {"System Administrator", "Standard User"}
    with pytest.raises(ScenarioError) as caught:
        scenario_path("no-such-scenario")
    assert "fresh" in str(caught.value), "the error lists the shipped scenarios"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "missing.yaml")
    assert "missing.yaml" in str(caught.value) and "does not exist" in str(caught.value)


def test_wrong_type_names_file_key_and_expectation(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("password: pw}", "password: pw, active: maybe}"))
    message, problems = problems_of(path)
    assert str(path) in message
    assert problems == ["users[0].active: expected true or false, found the text 'maybe'"]


def test_unknown_key_lists_the_allowed_keys(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "\norganisation: {name: typo}\n")
    _, problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].startswith("organisation: unknown key 'organisation'; allowed keys here: description, organization,")
    nested = write(tmp_path, MINIMAL.replace("profile: System Administrator", "profil: System Administrator"), "nested.yaml")
    _, problems = problems_of(nested)
    assert any(p.startswith("users[0].profil: unknown key 'profil'; allowed keys here:") and "profile" in p for p in problems)
    assert "users[0].profile: this key is required but missing" in problems


def test_missing_organization_and_bad_api_version(tmp_path: Path) -> None:
    _, problems = problems_of(write(tmp_path, "users: []\n"))
    assert problems == ["organization: this key is required but missing"]
    _, problems = problems_of(write(tmp_path, "organization: {name: X, api_version: latest}\n", "v.yaml"))
    assert problems == ["organization.api_version: expected an API version such as \"66.0\", found 'latest'"]
    org = load_scenario(write(tmp_path, "organization: {name: X, api_version: 65.0}\n", "f.yaml"))
    assert org.api_version == "65.0", "an unquoted YAML number is accepted"


def test_unknown_permission_and_dangling_references(tmp_path: Path) -> None:
    text = MINIMAL + """
profiles:
  - {name: Custom, permissions: {ApiEnable: true}}
"""
    _, problems = problems_of(write(tmp_path, text))
    assert len(problems) == 1 and problems[0].startswith("profiles[0].permissions: unknown user permission 'ApiEnable'")
    text = MINIMAL.replace("profile: System Administrator", "profile: Sales Rep") + """
records:
  VoiceCall:
    - {UserId: "{user:ghost@tiny.example}", CallType: Outbound}
"""
    _, problems = problems_of(write(tmp_path, text, "refs.yaml"))
    assert "users[0].profile: no profile named 'Sales Rep'; expected one of System Administrator, Standard User" in problems
    assert any(p.startswith("records.VoiceCall[0].UserId: {user:ghost@tiny.example} names nothing") for p in problems)


def test_not_yaml_names_the_line(tmp_path: Path) -> None:
    message, problems = problems_of(write(tmp_path, "organization:\n  name: [unclosed\nusers: []\n"))
    assert str(tmp_path) in message
    assert problems[0].startswith("line ") and "not valid YAML" in problems[0]
    _, problems = problems_of(write(tmp_path, "- just\n- a list\n", "list.yaml"))
    assert problems[0].startswith("(top level): expected a mapping")


def test_references_and_instance_url_placeholders_resolve(tmp_path: Path) -> None:
    text = MINIMAL + """
permission_sets:
  - {name: Extra, label: Extra Set, user_permissions: [ViewSetup]}
metadata:
  NamedCredential:
    Demo_NC: {label: Demo NC, endpoint: "{instance_url}/services/apexrest/demo", principalType: NamedUser, protocol: NoAuthentication}
records:
  PermissionSetAssignment:
    - {AssigneeId: "{user:a@tiny.example}", PermissionSetId: "{permission_set:Extra}"}
oauth_clients:
  - {client_id: App, callback_urls: ["http://localhost:9000/cb"]}
"""
    org = load_scenario(write(tmp_path, text))
    assert org.get_component("NamedCredential", "Demo_NC")["endpoint"] == "{instance_url}/services/apexrest/demo"
    user = org.user_by_username("a@tiny.example")
    assert "ViewSetup" in org.user_permissions(user["Id"])
    with DemoOrgServer(org) as server:
        endpoint = org.get_component("NamedCredential", "Demo_NC")["endpoint"]
        assert endpoint == f"{server.instance_url}/services/apexrest/demo"
    with DemoOrgServer(org) as again:  # a restart on another port re-binds the URL
        assert org.get_component("NamedCredential", "Demo_NC")["endpoint"] == f"{again.instance_url}/services/apexrest/demo"


def test_non_loopback_oauth_callback_is_refused(tmp_path: Path) -> None:
    text = MINIMAL + "\noauth_clients:\n  - {client_id: App, callback_urls: ['https://example.com/cb']}\n"
    _, problems = problems_of(write(tmp_path, text))
    assert problems[0].startswith("oauth_clients[0].callback_urls: expected loopback callback URLs")


def test_scenario_faults_reach_the_server(tmp_path: Path) -> None:
    org = load_scenario(write(tmp_path, MINIMAL + "\nfaults: {latency_ms: 5, request_limit: 10}\nbehaviours: {high_assurance_required: true}\n"))
    server = DemoOrgServer(org)
    try:
        assert server.faults.settings.latency_ms == 5
        assert server.faults.settings.request_limit == 10
        assert server.faults.settings.high_assurance == "writes"
    finally:
        server.stop()
    _, problems = problems_of(write(tmp_path, MINIMAL + "\nfaults: {error_rate: 2}\n", "bad.yaml"))
    assert problems[0].startswith("faults.error_rate: expected")


def test_null_in_a_variant_removes_what_its_base_has(tmp_path: Path) -> None:
    variant = tmp_path / "no-app.yaml"
    variant.write_text("extends: aircall-configured\nmetadata: {ConnectedApp: {ECI_Connected_App: null}}\n", encoding="utf-8")
    assert "ECI_Connected_App" not in load_scenario(variant).components.get("ConnectedApp", {})
    assert "ECI_Connected_App" in load_scenario("aircall-configured").components["ConnectedApp"]
    eca = load_scenario("aircall-eca-configured")
    assert "ECI_Connected_App" not in eca.components.get("ConnectedApp", {})
    assert "ECI_Connected_App_glbloauth" in eca.components["ExtlClntAppGlobalOauthSettings"]


def test_an_object_the_org_has_not_enabled_is_named_and_checked(tmp_path: Path) -> None:
    bad = tmp_path / "typo.yaml"
    bad.write_text("extends: fresh\norganization: {objects_not_enabled: [VoiceCal]}\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="VoiceCal"):
        load_scenario(bad)
