"""Today's Salesforce rules on the demo org's Metadata API, seen through simple-salesforce.

Write-only secrets, no new connected apps (Spring '26) unless the scenario allows them, the
session user's permissions for writes, and the validation errors a real org gives.
"""

from __future__ import annotations

from typing import Any

import pytest
from zeep.exceptions import Fault

from tests.integration.demo.metadata_samples import ECA_PARENT, SAMPLES
from tests.integration.demo.metadata_support import (
    CUSTOMIZER_TOKEN,
    READER_TOKEN,
    STANDARD_TOKEN,
    DemoOrg,
    post_soap,
    soap_envelope,
)
from wizard.demo.metadata_api import CONNECTED_APP_CREATION_REFUSED


@pytest.fixture(scope="module")
def reader(metadata_org: DemoOrg) -> Any:
    return metadata_org.client(READER_TOKEN).mdapi


@pytest.fixture(scope="module")
def customizer(metadata_org: DemoOrg) -> Any:
    return metadata_org.client(CUSTOMIZER_TOKEN).mdapi


def seed_connected_app(org: Any, name: str = "ECI_Connected_App") -> None:
    """A connected app created before Spring '26 (or installed by a package)."""
    org.put_component("ConnectedApp", name, {**SAMPLES["ConnectedApp"], "oauthConfig": {**SAMPLES["ConnectedApp"]["oauthConfig"], "consumerKey": "3MVG9Existing.Key_123"}})


# -- write-only secrets ----------------------------------------------------------------------------------
def test_connected_app_consumer_secret_is_write_only(fresh: DemoOrg, md: Any) -> None:
    fresh.org.behaviours["allow_connected_app_creation"] = True
    md.ConnectedApp.create([md.ConnectedApp(fullName="ECI_Connected_App", **SAMPLES["ConnectedApp"])])
    app = md.ConnectedApp.read(["ECI_Connected_App"])
    assert app.oauthConfig.consumerSecret is None
    assert app.oauthConfig.consumerKey.startswith("3MVG9"), "the org mints a consumer key"
    stored = fresh.org.get_component("ConnectedApp", "ECI_Connected_App")
    assert stored["oauthConfig"]["consumerSecret"] == SAMPLES["ConnectedApp"]["oauthConfig"]["consumerSecret"]

    # A read-modify-write never saw the secret; it must not wipe it, nor change the key.
    app.description = "Edited after reading"
    app.oauthConfig.consumerKey = "3MVG9Another.Key_456"
    md.ConnectedApp.update([app])
    stored_after = fresh.org.get_component("ConnectedApp", "ECI_Connected_App")
    assert stored_after["oauthConfig"]["consumerSecret"] == stored["oauthConfig"]["consumerSecret"]
    assert stored_after["oauthConfig"]["consumerKey"] == stored["oauthConfig"]["consumerKey"]
    assert stored_after["description"] == "Edited after reading"


def test_named_credential_secrets_are_write_only(fresh: DemoOrg, md: Any) -> None:
    md.AuthProvider.create([md.AuthProvider(fullName="ECI_Auth", **SAMPLES["AuthProvider"])])
    secrets = {
        "ECI_Password": {**SAMPLES["NamedCredential"]},
        "ECI_Oauth": {"label": "ECI OAuth", "endpoint": "https://eci.example.com", "protocol": "Oauth", "principalType": "NamedUser", "authProvider": "ECI_Auth", "oauthScope": "api refresh_token", "oauthToken": "DemoAccessToken", "oauthRefreshToken": "DemoRefreshToken"},
        "ECI_Aws": {"label": "AWS S3", "endpoint": "https://bucket.s3.eu-west-1.amazonaws.com", "protocol": "AwsSv4", "principalType": "NamedUser", "awsAccessKey": "AKIADEMO", "awsAccessSecret": "DemoAwsSecret", "awsRegion": "eu-west-1", "awsService": "s3"},
    }
    md.NamedCredential.create([md.NamedCredential(fullName=name, **data) for name, data in secrets.items()])
    for nc in md.NamedCredential.read(list(secrets)):
        assert (nc.password, nc.oauthToken, nc.oauthRefreshToken, nc.awsAccessSecret) == (None, None, None, None)
    aws = md.NamedCredential.read(["ECI_Aws"])
    assert (aws.awsAccessKey, aws.awsRegion, aws.awsService) == ("AKIADEMO", "eu-west-1", "s3")
    assert fresh.org.get_component("NamedCredential", "ECI_Oauth")["oauthRefreshToken"] == "DemoRefreshToken"
    aws.endpoint = "https://bucket.s3.eu-west-2.amazonaws.com"
    md.NamedCredential.update([aws])
    assert fresh.org.get_component("NamedCredential", "ECI_Aws")["awsAccessSecret"] == "DemoAwsSecret"


@pytest.mark.parametrize("send_secret", [False, True])
def test_auth_provider_secret_is_returned_only_with_send_secret_in_apis(fresh: DemoOrg, md: Any, send_secret: bool) -> None:
    md.AuthProvider.create([md.AuthProvider(fullName="ECI_Auth", **{**SAMPLES["AuthProvider"], "sendSecretInApis": send_secret})])
    read = md.AuthProvider.read(["ECI_Auth"])
    assert read.consumerSecret == (SAMPLES["AuthProvider"]["consumerSecret"] if send_secret else None)
    assert read.consumerKey == SAMPLES["AuthProvider"]["consumerKey"]


def test_external_client_app_consumer_secret_is_write_only(fresh: DemoOrg, md: Any) -> None:
    md.ExternalClientApplication.create([md.ExternalClientApplication(fullName=ECA_PARENT, **SAMPLES["ExternalClientApplication"])])
    md.ExtlClntAppGlobalOauthSettings.create([md.ExtlClntAppGlobalOauthSettings(fullName="ECI_glbloauth", **SAMPLES["ExtlClntAppGlobalOauthSettings"])])
    settings = md.ExtlClntAppGlobalOauthSettings.read(["ECI_glbloauth"])
    assert settings.consumerSecret is None
    assert settings.consumerKey.startswith("3MVG9")
    stored = fresh.org.get_component("ExtlClntAppGlobalOauthSettings", "ECI_glbloauth")
    assert stored["consumerSecret"] == SAMPLES["ExtlClntAppGlobalOauthSettings"]["consumerSecret"]


# -- connected apps since Spring '26 ----------------------------------------------------------------------
@pytest.mark.parametrize("call", ["create", "upsert"])
def test_creating_a_connected_app_is_refused(fresh: DemoOrg, md: Any, call: str) -> None:
    with pytest.raises(Exception, match=CONNECTED_APP_CREATION_REFUSED[0]) as caught:
        getattr(md.ConnectedApp, call)([md.ConnectedApp(fullName="ECI_Connected_App", **SAMPLES["ConnectedApp"])])
    assert "external client app" in str(caught.value)
    assert fresh.org.get_component("ConnectedApp", "ECI_Connected_App") is None


def test_creating_a_connected_app_works_when_the_scenario_allows_it(fresh: DemoOrg, md: Any) -> None:
    fresh.org.behaviours["allow_connected_app_creation"] = True
    md.ConnectedApp.create([md.ConnectedApp(fullName="ECI_Connected_App", **SAMPLES["ConnectedApp"])])
    assert md.ConnectedApp.read(["ECI_Connected_App"]).label == "ECI Connected App"


def test_existing_connected_apps_can_still_be_edited_and_deleted(fresh: DemoOrg, md: Any) -> None:
    seed_connected_app(fresh.org)
    app = md.ConnectedApp.read(["ECI_Connected_App"])
    app.oauthConfig.isAdminApproved = True
    app.permissionSetName = ["ECI_Users"]
    md.PermissionSet.create([md.PermissionSet(fullName="ECI_Users", **SAMPLES["PermissionSet"])])
    md.ConnectedApp.upsert([app])
    again = md.ConnectedApp.read(["ECI_Connected_App"])
    assert (again.oauthConfig.isAdminApproved, again.permissionSetName) == (True, ["ECI_Users"])
    md.ConnectedApp.delete(["ECI_Connected_App"])
    assert md.ConnectedApp.read(["ECI_Connected_App"]).fullName is None


# -- the session user's permissions ------------------------------------------------------------------------
@pytest.mark.parametrize("mtype", sorted(SAMPLES))
def test_writes_need_the_users_permissions(fresh: DemoOrg, md: Any, reader: Any, mtype: str) -> None:
    fresh.org.behaviours["allow_connected_app_creation"] = True
    if mtype.startswith("ExtlClntApp"):
        md.ExternalClientApplication.create([md.ExternalClientApplication(fullName=ECA_PARENT, **SAMPLES["ExternalClientApplication"])])
    api = getattr(reader, mtype)
    with pytest.raises(Exception, match="INSUFFICIENT_ACCESS"):
        api.create([api(fullName="ECI_One", **SAMPLES[mtype])])
    getattr(md, mtype).create([api(fullName="ECI_One", **SAMPLES[mtype])])
    assert api.read(["ECI_One"]).fullName == "ECI_One", "reading needs no write permission"
    assert [p.fullName for p in reader.list_metadata([reader.ListMetadataQuery(type=mtype)])] == ["ECI_One"]
    for call, args in (("update", [api(fullName="ECI_One", **SAMPLES[mtype])]), ("upsert", [api(fullName="ECI_One", **SAMPLES[mtype])]), ("delete", ["ECI_One"])):
        with pytest.raises(Exception, match="INSUFFICIENT_ACCESS"):
            getattr(api, call)(args)
    assert fresh.org.get_component(mtype, "ECI_One") is not None


@pytest.mark.parametrize("call", ["read", "list"])
def test_any_metadata_call_needs_modify_all_data_or_modify_metadata(fresh: DemoOrg, call: str) -> None:
    md = fresh.client(STANDARD_TOKEN).mdapi
    with pytest.raises(Fault) as caught:
        md.NamedCredential.read(["ECI_NC"]) if call == "read" else md.list_metadata([md.ListMetadataQuery(type="NamedCredential")])
    assert caught.value.code == "sf:INSUFFICIENT_ACCESS"
    assert caught.value.message == "INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions"


def test_each_type_needs_its_own_permission(fresh: DemoOrg, customizer: Any) -> None:
    customizer.CallCoachingMediaProvider.create([customizer.CallCoachingMediaProvider(fullName="Natterbox", **SAMPLES["CallCoachingMediaProvider"])])
    with pytest.raises(Exception, match=r'INSUFFICIENT_ACCESS.*"Manage Named Credentials"'):
        customizer.NamedCredential.create([customizer.NamedCredential(fullName="ECI_NC", **SAMPLES["NamedCredential"])])
    with pytest.raises(Exception, match=r'"Manage Auth\. Providers"'):
        customizer.AuthProvider.create([customizer.AuthProvider(fullName="ECI_Auth", **SAMPLES["AuthProvider"])])


def test_a_permission_set_assigned_to_the_user_grants_the_permission(fresh: DemoOrg, md: Any, customizer: Any) -> None:
    md.PermissionSet.create([md.PermissionSet(fullName="NC_Admins", label="NC Admins", userPermissions=[{"enabled": True, "name": "ManageNamedCredentials"}])])
    customizer_id = fresh.org.sessions[CUSTOMIZER_TOKEN].user_id
    fresh.org.insert("PermissionSetAssignment", {"AssigneeId": customizer_id, "PermissionSetId": fresh.org.component_id("PermissionSet", "NC_Admins")})
    customizer.NamedCredential.create([customizer.NamedCredential(fullName="ECI_NC", **SAMPLES["NamedCredential"])])
    assert fresh.org.get_component("NamedCredential", "ECI_NC") is not None
    with pytest.raises(Exception, match="DELETE_FAILED"):
        md.PermissionSet.delete(["NC_Admins"])


# -- validation ---------------------------------------------------------------------------------------------
def test_creating_a_component_twice_is_a_duplicate(fresh: DemoOrg, md: Any) -> None:
    nc = md.NamedCredential(fullName="ECI_NC", **SAMPLES["NamedCredential"])
    md.NamedCredential.create([nc])
    with pytest.raises(Exception, match=r"ECI_NC: \(DUPLICATE_DEVELOPER_NAME"):
        md.NamedCredential.create([nc])


def test_updating_or_deleting_a_missing_component_fails(fresh: DemoOrg, md: Any) -> None:
    with pytest.raises(Exception, match="INVALID_CROSS_REFERENCE_KEY, In field: fullName - no NamedCredential named Ghost found"):
        md.NamedCredential.update([md.NamedCredential(fullName="Ghost", **SAMPLES["NamedCredential"])])
    with pytest.raises(Exception, match="INVALID_CROSS_REFERENCE_KEY"):
        md.NamedCredential.delete(["Ghost"])


def test_a_value_outside_an_enumeration_is_a_fault(fresh: DemoOrg, md: Any) -> None:
    with pytest.raises(Fault) as caught:
        md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **{**SAMPLES["NamedCredential"], "protocol": "Kerberos"})])
    assert caught.value.code == "soapenv:Client"
    assert caught.value.message == "'Kerberos' is not a valid value for the enum 'AuthenticationProtocol'"
    assert fresh.org.get_component("NamedCredential", "ECI_NC") is None


@pytest.mark.parametrize(
    ("change", "field"),
    [({"label": ""}, "label"), ({"endpoint": None}, "endpoint"), ({"protocol": "Oauth"}, "authProvider")],
)
def test_required_fields(fresh: DemoOrg, md: Any, change: dict[str, Any], field: str) -> None:
    with pytest.raises(Exception, match=rf"REQUIRED_FIELD_MISSING, Required field is missing: {field}"):
        md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **{**SAMPLES["NamedCredential"], **change})])


def test_references_must_exist(fresh: DemoOrg, md: Any) -> None:
    with pytest.raises(Exception, match="In field: authProvider - no AuthProvider named Missing_Auth found"):
        md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **{**SAMPLES["NamedCredential"], "authProvider": "Missing_Auth"})])
    with pytest.raises(Exception, match=f"no ExternalClientApplication named {ECA_PARENT} found"):
        md.ExtlClntAppOauthSettings.create([md.ExtlClntAppOauthSettings(fullName="ECI_oauth", **SAMPLES["ExtlClntAppOauthSettings"])])
    with pytest.raises(Exception, match=r"no User named nobody@example\.com found"):
        md.CustomSite.create([md.CustomSite(fullName="ECI_Site", **{**SAMPLES["CustomSite"], "siteAdmin": "nobody@example.com"})])


def test_a_referenced_component_cannot_be_deleted(fresh: DemoOrg, md: Any) -> None:
    md.AuthProvider.create([md.AuthProvider(fullName="ECI_Auth", **SAMPLES["AuthProvider"])])
    md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **{**SAMPLES["NamedCredential"], "authProvider": "ECI_Auth"})])
    with pytest.raises(Exception, match=r"DEPENDENCY_EXISTS.*NamedCredential ECI_NC"):
        md.AuthProvider.delete(["ECI_Auth"])
    md.NamedCredential.delete(["ECI_NC"])
    md.AuthProvider.delete(["ECI_Auth"])


def test_connected_app_rules(fresh: DemoOrg, md: Any) -> None:
    fresh.org.behaviours["allow_connected_app_creation"] = True
    with pytest.raises(Exception, match="FIELD_INTEGRITY_EXCEPTION, profileName and permissionSetName need"):
        md.ConnectedApp.create([md.ConnectedApp(fullName="ECI_App", profileName=["System Administrator"], **SAMPLES["ConnectedApp"])])
    oauth = {**SAMPLES["ConnectedApp"]["oauthConfig"], "scopes": ["Api", "OfflineAccess", "Email", "Profile"]}
    md.ConnectedApp.create([md.ConnectedApp(fullName="ECI_App", **{**SAMPLES["ConnectedApp"], "oauthConfig": oauth})])
    assert md.ConnectedApp.read(["ECI_App"]).oauthConfig.scopes == ["Api", "RefreshToken", "Basic"], "scopes come back normalised"


def test_partial_success_saves_the_valid_components(fresh: DemoOrg, md: Any) -> None:
    good = md.NamedCredential(fullName="Good_NC", **SAMPLES["NamedCredential"])
    bad = md.NamedCredential(fullName="Bad_NC", **{**SAMPLES["NamedCredential"], "authProvider": "Missing"})
    with pytest.raises(Exception) as caught:
        md.NamedCredential.create([good, bad])
    assert "Bad_NC" in str(caught.value) and "Good_NC" not in str(caught.value)
    assert fresh.org.get_component("NamedCredential", "Good_NC") is not None


def test_one_call_takes_one_type(fresh: DemoOrg, md: Any) -> None:
    with pytest.raises(Fault) as caught:
        md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **SAMPLES["NamedCredential"]), md.AuthProvider(fullName="ECI_Auth", **SAMPLES["AuthProvider"])])
    assert caught.value.code == "sf:INVALID_TYPE"


# -- SOAP headers and results zeep's callers do not see ---------------------------------------------------
def _ccmp(name: str, extra: str = "") -> str:
    return (
        '<md:metadata xsi:type="md:CallCoachingMediaProvider">'
        f"<md:fullName>{name}</md:fullName><md:isActive>false</md:isActive>"
        f"<md:providerDescription>Demo</md:providerDescription><md:providerName>{name}</md:providerName>{extra}</md:metadata>"
    )


def test_all_or_none_saves_nothing_when_one_component_fails(fresh: DemoOrg, md: Any) -> None:
    bad = '<md:metadata xsi:type="md:NamedCredential"><md:fullName>Bad</md:fullName><md:label>Bad</md:label></md:metadata>'
    good = '<md:metadata xsi:type="md:NamedCredential"><md:fullName>Good</md:fullName><md:endpoint>https://x.example.com</md:endpoint><md:label>Good</md:label></md:metadata>'
    reply = post_soap(fresh, soap_envelope(f"<md:createMetadata>{good}{bad}</md:createMetadata>", all_or_none=True))
    assert reply.status_code == 200
    assert "ALL_OR_NONE_OPERATION_ROLLED_BACK" in reply.text and "REQUIRED_FIELD_MISSING" in reply.text
    assert fresh.org.list_components("NamedCredential") == []
    reply = post_soap(fresh, soap_envelope(f"<md:createMetadata>{good}{bad}</md:createMetadata>", all_or_none=False))
    assert [c["fullName"] for c in fresh.org.list_components("NamedCredential")] == ["Good"]


def test_upsert_result_says_whether_it_created(fresh: DemoOrg, md: Any) -> None:
    post_soap(fresh, soap_envelope(f"<md:createMetadata>{_ccmp('Existing')}</md:createMetadata>"))
    reply = post_soap(fresh, soap_envelope(f"<md:upsertMetadata>{_ccmp('Existing')}{_ccmp('Fresh')}</md:upsertMetadata>"))
    assert "<created>false</created><fullName>Existing</fullName>" in reply.text
    assert "<created>true</created><fullName>Fresh</fullName>" in reply.text


def test_unreadable_requests_are_client_faults(fresh: DemoOrg) -> None:
    unknown_field = post_soap(fresh, soap_envelope(f"<md:createMetadata>{_ccmp('X', '<md:color>red</md:color>')}</md:createMetadata>"))
    assert unknown_field.status_code == 500
    assert "<faultcode>soapenv:Client</faultcode>" in unknown_field.text
    assert "metadata}color invalid at this location in type CallCoachingMediaProvider" in unknown_field.text
    not_xml = post_soap(fresh, "this is not XML")
    assert "<faultcode>soapenv:Client</faultcode>" in not_xml.text
    unsupported = post_soap(fresh, soap_envelope("<md:retrieve/>"))
    assert "does not emulate the Metadata API call retrieve" in unsupported.text
