"""sObject describe and CRUD over REST and Tooling, with Salesforce's refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from simple_salesforce import (
    SalesforceMalformedRequest,
    SalesforceMoreThanOneRecord,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from tests.integration.demo.rest_support import READER, RestOrg, running_rest_org, tooling_query


@pytest.fixture
def demo() -> Iterator[RestOrg]:
    """A fresh org per test: these tests write."""
    with running_rest_org() as running:
        yield running
        assert running.server.errors == [], running.server.errors


def _code(exc: pytest.ExceptionInfo) -> str:
    return exc.value.content[0]["errorCode"]


def test_global_and_object_describe(demo: RestOrg) -> None:
    sf = demo.client()
    names = {o["name"]: o for o in sf.describe()["sobjects"]}
    for expected in ("Organization", "User", "PermissionSetAssignment", "AuthProvider", "NamedCredential",
                     "CallCoachingMediaProvider", "VoiceCall", "Site", "UserPermissionAccess"):  # fmt: skip
        assert expected in names
    assert names["AuthProvider"]["createable"] is True and names["NamedCredential"]["createable"] is False
    described = sf.CallCoachingMediaProvider.describe()
    fields = {f["name"]: f for f in described["fields"]}
    assert described["createable"] and described["updateable"] and not described["deletable"]
    assert fields["ProviderName"]["idLookup"] is True and fields["IsActive"]["type"] == "boolean"
    provider_type = {f["name"]: f for f in sf.AuthProvider.describe()["fields"]}["ProviderType"]
    assert provider_type["restrictedPicklist"] is True
    assert "OpenIdConnect" in [v["value"] for v in provider_type["picklistValues"]]
    assert demo.client(READER).AuthProvider.describe()["createable"] is False, "describe reflects the user's permissions"


def test_an_object_whose_feature_is_off_is_absent_from_every_route(demo: RestOrg) -> None:
    """As in a real org without the feature: not in describe, no sObject route, not in SOQL."""
    sf = demo.client()
    assert "VoiceCall" in {o["name"] for o in sf.describe()["sobjects"]}
    demo.org.objects_not_enabled = frozenset({"VoiceCall"})
    names = {o["name"] for o in sf.describe()["sobjects"]}
    assert "VoiceCall" not in names and "User" in names
    with pytest.raises(SalesforceResourceNotFound) as described:
        sf.VoiceCall.describe()
    assert _code(described) == "NOT_FOUND"
    with pytest.raises(SalesforceResourceNotFound):
        sf.VoiceCall.get("0LQ000000000001")
    with pytest.raises(SalesforceMalformedRequest) as queried:
        sf.query("SELECT Id FROM VoiceCall")
    assert _code(queried) == "INVALID_TYPE"


def test_auth_provider_crud_writes_the_metadata_component(demo: RestOrg) -> None:
    sf = demo.client()
    created = sf.AuthProvider.create({
        "DeveloperName": "Ring_Central", "FriendlyName": "Ring Central", "ProviderType": "OpenIdConnect",
        "ConsumerKey": "rc-key", "ConsumerSecret": "rc-secret", "AuthorizeUrl": "https://platform.ringcentral.com/restapi/oauth/authorize",
        "TokenUrl": "https://platform.ringcentral.com/restapi/oauth/token", "DefaultScopes": "openid",
        "OptionsSendClientCredentialsInHeader": True,
    })  # fmt: skip
    assert created["success"] is True and created["id"].startswith("0SO")
    component = demo.org.get_component("AuthProvider", "Ring_Central")
    assert component["friendlyName"] == "Ring Central" and component["consumerSecret"] == "rc-secret"
    assert component["sendClientCredentialsInHeader"] is True and component["sendAccessTokenInHeader"] is False
    assert demo.org.component_id("AuthProvider", "Ring_Central") == created["id"]
    record = sf.AuthProvider.get(created["id"])
    assert record["DeveloperName"] == "Ring_Central" and record["ConsumerSecret"] is None
    assert sf.AuthProvider.update(created["id"], {"DefaultScopes": "openid profile", "OptionsIsPkceEnabled": True}) == 204
    assert demo.org.get_component("AuthProvider", "Ring_Central")["defaultScopes"] == "openid profile"
    assert demo.org.get_component("AuthProvider", "Ring_Central")["isPkceEnabled"] is True
    assert sf.AuthProvider.delete(created["id"]) == 204
    assert demo.org.get_component("AuthProvider", "Ring_Central") is None
    with pytest.raises(SalesforceResourceNotFound):
        sf.AuthProvider.get(created["id"])


def test_auth_provider_refusals(demo: RestOrg) -> None:
    sf = demo.client()
    base = {"DeveloperName": "X_Provider", "FriendlyName": "X", "ProviderType": "Salesforce"}
    with pytest.raises(SalesforceRefusedRequest) as exc:
        demo.client(READER).AuthProvider.create(base)
    assert _code(exc) == "INSUFFICIENT_ACCESS"
    for bad, code in (
        ({**base, "ProviderType": "Nope"}, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"),
        ({k: v for k, v in base.items() if k != "FriendlyName"}, "REQUIRED_FIELD_MISSING"),
        ({**base, "Colour__c": "red"}, "INVALID_FIELD"),
        ({**base, "SsoKickoffUrl": "https://x"}, "INVALID_FIELD_FOR_INSERT_UPDATE"),
        ({**base, "OptionsIsPkceEnabled": "maybe"}, "JSON_PARSER_ERROR"),
        ({**base, "DeveloperName": "ECI_Auth_Provider"}, "DUPLICATE_DEVELOPER_NAME"),
        ({**base, "DeveloperName": "bad name"}, "FIELD_INTEGRITY_EXCEPTION"),
    ):
        with pytest.raises(SalesforceMalformedRequest) as exc:
            sf.AuthProvider.create(bad)
        assert _code(exc) == code, bad
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.AuthProvider.create({**base, "ConsumerSecret": {"value": "do-not-echo-me"}})
    assert _code(exc) == "JSON_PARSER_ERROR" and "do-not-echo-me" not in str(exc.value.content)
    assert [c["fullName"] for c in demo.org.list_components("AuthProvider")] == ["ECI_Auth_Provider"]
    provider_id = demo.org.component_id("AuthProvider", "ECI_Auth_Provider")
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.AuthProvider.update(provider_id, {"ConsumerSecret": "changed"})
    assert _code(exc) == "INVALID_FIELD_FOR_INSERT_UPDATE", "the consumer secret can only be set at creation"


def test_read_only_objects_refuse_writes(demo: RestOrg) -> None:
    sf = demo.client()
    nc_id = demo.org.component_id("NamedCredential", "ECI_Named_Credential")
    for call, args in (
        (sf.NamedCredential.create, ({"DeveloperName": "X", "MasterLabel": "X"},)),
        (sf.NamedCredential.update, (nc_id, {"Endpoint": "https://x"})),
        (sf.ConnectedApplication.create, ({"Name": "X"},)),
        (sf.Site.create, ({"Name": "X"},)),
        (sf.Organization.update, (demo.org.org_id, {"Name": "X"})),
    ):
        with pytest.raises(SalesforceMalformedRequest) as exc:
            call(*args)
        assert _code(exc) == "INVALID_TYPE_FOR_OPERATION"
        assert "does not support" in exc.value.content[0]["message"]


def test_media_provider_create_update_upsert_but_no_delete(demo: RestOrg) -> None:
    sf = demo.client()
    created = sf.CallCoachingMediaProvider.create({"ProviderName": "Natterbox", "ProviderDescription": "Natterbox recordings"})
    component = demo.org.get_component("CallCoachingMediaProvider", "Natterbox")
    assert component == {"fullName": "Natterbox", "providerName": "Natterbox", "providerDescription": "Natterbox recordings", "isActive": False}
    sf.CallCoachingMediaProvider.update(created["id"], {"IsActive": True})
    rows = sf.query("SELECT Id, ProviderName, IsActive FROM CallCoachingMediaProvider")["records"]
    assert [(r["Id"], r["ProviderName"], r["IsActive"]) for r in rows] == [(created["id"], "Natterbox", True)]
    assert sf.CallCoachingMediaProvider.upsert("ProviderName/Natterbox", {"ProviderDescription": "again"}) == 200
    assert demo.org.get_component("CallCoachingMediaProvider", "Natterbox")["providerDescription"] == "again"
    assert sf.CallCoachingMediaProvider.upsert("ProviderName/Aircall", {"IsActive": False}) == 201
    assert sf.CallCoachingMediaProvider.get_by_custom_id("ProviderName", "aircall")["ProviderName"] == "Aircall"
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.CallCoachingMediaProvider.create({"ProviderName": "natterbox"})
    assert _code(exc) == "DUPLICATE_VALUE"
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.CallCoachingMediaProvider.delete(created["id"])
    assert _code(exc) == "INVALID_TYPE_FOR_OPERATION"


def test_upsert_matching_several_records_is_a_300(demo: RestOrg) -> None:
    sf = demo.client()
    demo.org.put_component("CallCoachingMediaProvider", "Dup_A", {"providerName": "Dup", "providerDescription": "", "isActive": False})
    demo.org.put_component("CallCoachingMediaProvider", "Dup_B", {"providerName": "Dup", "providerDescription": "", "isActive": False})
    with pytest.raises(SalesforceMoreThanOneRecord):
        sf.CallCoachingMediaProvider.upsert("ProviderName/Dup", {"IsActive": True})


def test_permission_set_assignment_needs_assign_permission_sets(demo: RestOrg) -> None:
    sf = demo.client()
    guest = demo.org.site_guest_user("VoiceConnector")
    voice = demo.org.component_id("PermissionSet", "Voice_Connector_Permission")
    with pytest.raises(SalesforceRefusedRequest) as exc:
        demo.client(READER).PermissionSetAssignment.create({"AssigneeId": guest["Id"], "PermissionSetId": voice})
    assert _code(exc) == "INSUFFICIENT_ACCESS"
    created = sf.PermissionSetAssignment.create({"AssigneeId": guest["Id"], "PermissionSetId": voice})
    rows = sf.query("SELECT PermissionSet.Label FROM PermissionSetAssignment WHERE Assignee.UserType = 'Guest'")["records"]
    assert [r["PermissionSet"]["Label"] for r in rows] == ["Voice Connector Permission"]
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.PermissionSetAssignment.create({"AssigneeId": guest["Id"], "PermissionSetId": voice})
    assert _code(exc) == "DUPLICATE_VALUE"
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.PermissionSetAssignment.create({"AssigneeId": guest["Id"], "PermissionSetId": "0PS000000000000AAA"})
    assert _code(exc) == "INVALID_CROSS_REFERENCE_KEY"
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.PermissionSetAssignment.create({"AssigneeId": voice, "PermissionSetId": voice})
    assert _code(exc) == "FIELD_INTEGRITY_EXCEPTION"
    sf.PermissionSetAssignment.delete(created["id"])
    assert sf.query("SELECT COUNT() FROM PermissionSetAssignment WHERE Assignee.UserType = 'Guest'")["totalSize"] == 0


def test_permission_set_created_over_rest_grants_its_permissions(demo: RestOrg) -> None:
    sf = demo.client()
    created = sf.PermissionSet.create({"Name": "AC_CallRecording", "Label": "AC_CallRecording", "PermissionsCallCoachingUser": True})
    component = demo.org.get_component("PermissionSet", "AC_CallRecording")
    assert component["userPermissions"] == [{"enabled": True, "name": "CallCoachingUser"}]
    reader_id = demo.org.find("User", Username="reader@rest.test")[0]["Id"]
    sf.PermissionSetAssignment.create({"AssigneeId": reader_id, "PermissionSetId": created["id"]})
    access = demo.client(READER).query("SELECT PermissionsCallCoachingUser FROM UserPermissionAccess")["records"][0]
    assert access["PermissionsCallCoachingUser"] is True
    sf.PermissionSet.update(created["id"], {"PermissionsCallCoachingUser": False, "PermissionsViewAllCalls": True})
    assert demo.org.get_component("PermissionSet", "AC_CallRecording")["userPermissions"] == [{"enabled": True, "name": "ViewAllCalls"}]
    sf.PermissionSet.delete(created["id"])
    assert sf.query(f"SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSetId = '{created['id']}'")["totalSize"] == 0


def test_user_free_form_fields_and_name(demo: RestOrg) -> None:
    sf = demo.client()
    rep = sf.query("SELECT Id, Aircall_User_Id__c FROM User WHERE Username = 'rep05@rest.test'")["records"][0]
    assert rep["Aircall_User_Id__c"] == "AC-5"
    sf.User.update(rep["Id"], {"Aircall_User_Id__c": "AC-500", "FirstName": "Ann"})
    again = sf.User.get(rep["Id"])
    assert (again["Aircall_User_Id__c"], again["Name"]) == ("AC-500", "Ann Rep 05")
    with pytest.raises(SalesforceRefusedRequest):
        demo.client(READER).User.update(rep["Id"], {"Aircall_User_Id__c": "AC-1"})
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.User.delete(rep["Id"])
    assert _code(exc) == "INVALID_TYPE_FOR_OPERATION"


def test_voice_call_records(demo: RestOrg) -> None:
    sf = demo.client()
    provider = sf.CallCoachingMediaProvider.create({"ProviderName": "Natterbox"})["id"]
    call = sf.VoiceCall.create({"CallType": "Inbound", "VendorType": "ContactCenter", "MediaProviderId": provider, "IsRecorded": True,
                                "CallStartDateTime": "2026-01-05T10:00:00.000Z", "CallEndDateTime": "2026-01-05T10:05:00.000Z"})  # fmt: skip
    rows = sf.query("SELECT MediaProvider.ProviderName, IsRecorded FROM VoiceCall WHERE CallStartDateTime > 2026-01-01T00:00:00Z")["records"]
    assert rows[0]["MediaProvider"]["ProviderName"] == "Natterbox" and rows[0]["IsRecorded"] is True
    sf.VoiceCall.delete(call["id"])


def test_unknown_objects_and_records_are_not_found(demo: RestOrg) -> None:
    sf = demo.client()
    with pytest.raises(SalesforceResourceNotFound):
        sf.Nothing.describe()
    with pytest.raises(SalesforceResourceNotFound):
        sf.User.get("005000000000000AAA")
    with pytest.raises(SalesforceResourceNotFound) as exc:
        sf.User.get("not-an-id")
    assert "Provided external ID field does not exist" in exc.value.content[0]["message"]
    with pytest.raises(SalesforceResourceNotFound):
        sf.restful("nowhere")


def test_tooling_named_credential_crud_reaches_the_metadata_store(demo: RestOrg) -> None:
    sf = demo.client()
    auth_id = demo.org.component_id("AuthProvider", "ECI_Auth_Provider")
    created = sf.toolingexecute("sobjects/NamedCredential/", method="POST", data={
        "DeveloperName": "Ring_Central", "MasterLabel": "Ring Central", "Endpoint": "https://platform.ringcentral.com",
        "PrincipalType": "NamedUser", "Protocol": "Oauth", "AuthProviderId": auth_id, "OauthScope": "openid",
    })  # fmt: skip
    assert created["success"] is True
    component = demo.org.get_component("NamedCredential", "Ring_Central")
    assert (component["protocol"], component["authProvider"], component["label"]) == ("Oauth", "ECI_Auth_Provider", "Ring Central")
    assert component["generateAuthorizationHeader"] is True
    data_view = sf.query("SELECT Endpoint, AuthProviderId FROM NamedCredential WHERE DeveloperName = 'Ring_Central'")["records"][0]
    assert data_view == {"attributes": data_view["attributes"], "Endpoint": "https://platform.ringcentral.com", "AuthProviderId": auth_id}
    sf.toolingexecute(f"sobjects/NamedCredential/{created['id']}", method="PATCH", data={"Endpoint": "https://platform.devtest.ringcentral.com"})
    assert demo.org.get_component("NamedCredential", "Ring_Central")["endpoint"] == "https://platform.devtest.ringcentral.com"
    full = sf.toolingexecute("sobjects/NamedCredential/", method="POST", data={
        "FullName": "AwsGenerateAudioRecordingURL",
        "Metadata": {"label": "AwsGenerateAudioRecordingURL", "endpoint": "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/f/invocations",
                     "principalType": "NamedUser", "protocol": "AwsSv4", "awsAccessKey": "AKIA", "awsAccessSecret": "s3cr3t",
                     "awsRegion": "us-east-1", "awsService": "lambda"},
    })  # fmt: skip
    stored = demo.org.get_component("NamedCredential", "AwsGenerateAudioRecordingURL")
    assert stored["awsAccessSecret"] == "s3cr3t" and stored["awsService"] == "lambda"
    read_back = tooling_query(sf, f"SELECT Metadata FROM NamedCredential WHERE Id = '{full['id']}'")["records"][0]["Metadata"]
    assert read_back["awsAccessSecret"] is None and read_back["awsRegion"] == "us-east-1"
    with pytest.raises(SalesforceRefusedRequest):
        demo.client(READER).toolingexecute(f"sobjects/NamedCredential/{full['id']}", method="DELETE")
    sf.toolingexecute(f"sobjects/NamedCredential/{full['id']}", method="DELETE")
    assert demo.org.get_component("NamedCredential", "AwsGenerateAudioRecordingURL") is None
