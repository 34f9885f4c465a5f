"""One org, many views: setup entities written through one API are seen through the others."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.demo.rest_support import RestOrg, running_rest_org, tooling_query


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> Iterator[RestOrg]:
    with running_rest_org() as running:
        # zeep (simple-salesforce's Metadata client) builds its own requests session, so the
        # process CA bundle is the only way to trust the demo CA without disabling verification.
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(running.server.ca_bundle))
        yield running
        assert running.server.errors == [], running.server.errors


def test_a_component_put_in_the_store_shows_in_rest_and_tooling(demo: RestOrg) -> None:
    demo.org.put_component(
        "NamedCredential", "Aircall_API",
        {"label": "Aircall API", "endpoint": "https://api.aircall.io", "principalType": "NamedUser",
         "protocol": "Password", "username": "aircall-api-id", "password": "aircall-token"},
    )  # fmt: skip
    sf = demo.client()
    data = sf.query("SELECT Id, MasterLabel, Endpoint, PrincipalType FROM NamedCredential WHERE DeveloperName = 'Aircall_API'")["records"]
    tooling = tooling_query(sf, "SELECT Id, Protocol, Username, Password FROM NamedCredential WHERE DeveloperName = 'Aircall_API'")["records"]
    assert data[0]["Id"] == tooling[0]["Id"] == demo.org.component_id("NamedCredential", "Aircall_API")
    assert (data[0]["MasterLabel"], data[0]["Endpoint"], data[0]["PrincipalType"]) == ("Aircall API", "https://api.aircall.io", "NamedUser")
    assert (tooling[0]["Protocol"], tooling[0]["Username"], tooling[0]["Password"]) == ("Password", "aircall-api-id", None)


def test_views_follow_component_changes_and_deletes(demo: RestOrg) -> None:
    sf = demo.client()
    site = demo.org.get_component("CustomSite", "VoiceConnector")
    demo.org.put_component("CustomSite", "VoiceConnector", {**site, "active": False, "clickjackProtectionLevel": "NoFraming"})
    row = sf.query("SELECT Status, ClickjackProtectionLevel FROM Site WHERE Name = 'VoiceConnector'")["records"][0]
    assert (row["Status"], row["ClickjackProtectionLevel"]) == ("Inactive", "NoFraming")
    app = demo.org.get_component("ConnectedApp", "ECI_Connected_App")
    app["oauthPolicy"]["refreshTokenPolicy"] = "specific_inactivity:30:DAYS"
    app["oauthConfig"]["isAdminApproved"] = False
    demo.org.put_component("ConnectedApp", "ECI_Connected_App", app)
    row = sf.query("SELECT OptionsAllowAdminApprovedUsersOnly, RefreshTokenValidityPeriod, OptionsRefreshTokenValidityMetric FROM ConnectedApplication")["records"][0]
    assert (row["OptionsAllowAdminApprovedUsersOnly"], row["RefreshTokenValidityPeriod"], row["OptionsRefreshTokenValidityMetric"]) == (False, 30, True)
    demo.org.delete_component("AuthProvider", "ECI_Auth_Provider")
    assert sf.query("SELECT COUNT() FROM AuthProvider")["totalSize"] == 0
    nc = tooling_query(sf, "SELECT AuthProviderId FROM NamedCredential WHERE DeveloperName = 'ECI_Named_Credential'")["records"][0]
    assert nc["AuthProviderId"] is None, "a named credential's missing auth provider reads as no lookup"


def test_rest_created_auth_provider_is_read_by_the_metadata_api(demo: RestOrg) -> None:
    sf = demo.client()
    sf.AuthProvider.create({
        "DeveloperName": "ECI_Auth_Provider_2", "FriendlyName": "ECI Auth Provider 2", "ProviderType": "Salesforce",
        "ConsumerKey": "3MVG9key", "ConsumerSecret": "never-shown", "DefaultScopes": "content api web refresh_token offline_access",
        "OptionsSendClientCredentialsInHeader": True,
    })  # fmt: skip
    assert demo.org.components["AuthProvider"]["ECI_Auth_Provider_2"]["providerType"] == "Salesforce"
    read = sf.mdapi.AuthProvider.read("ECI_Auth_Provider_2")
    assert read.fullName == "ECI_Auth_Provider_2"
    assert read.friendlyName == "ECI Auth Provider 2" and read.consumerKey == "3MVG9key"
    assert read.sendClientCredentialsInHeader is True


def test_metadata_api_named_credential_appears_in_rest_and_tooling(demo: RestOrg) -> None:
    sf = demo.client()
    md = sf.mdapi
    md.NamedCredential.create([md.NamedCredential(
        fullName="ECINamedCredential", label="ECI Named Credential", endpoint="https://rest-test.my.salesforce.com",
        principalType=md.ExternalPrincipalType("NamedUser"), protocol=md.AuthenticationProtocol("Oauth"),
        authProvider="ECI_Auth_Provider", oauthScope="refresh_token web api content", generateAuthorizationHeader=True,
    )])  # fmt: skip
    data = sf.query("SELECT Endpoint, AuthProviderId FROM NamedCredential WHERE DeveloperName = 'ECINamedCredential'")["records"][0]
    assert data["AuthProviderId"] == demo.org.component_id("AuthProvider", "ECI_Auth_Provider")
    tooling = tooling_query(sf, "SELECT Protocol, OauthScope, Metadata FROM NamedCredential WHERE DeveloperName = 'ECINamedCredential'")["records"][0]
    assert (tooling["Protocol"], tooling["OauthScope"]) == ("Oauth", "refresh_token web api content")
    assert tooling["Metadata"]["generateAuthorizationHeader"] is True


def test_tooling_named_credential_is_read_by_the_metadata_api(demo: RestOrg) -> None:
    sf = demo.client()
    sf.toolingexecute("sobjects/NamedCredential/", method="POST", data={
        "FullName": "NatterboxS3AWS_2",
        "Metadata": {"label": "NatterboxS3AWS 2", "endpoint": "https://s3.eu-west-1.amazonaws.com", "principalType": "NamedUser",
                     "protocol": "AwsSv4", "awsAccessKey": "AKIA2", "awsAccessSecret": "s3cr3t", "awsRegion": "eu-west-1", "awsService": "s3"},
    })  # fmt: skip
    read = sf.mdapi.NamedCredential.read("NatterboxS3AWS_2")
    assert (read.protocol, read.awsRegion, read.awsService, read.label) == ("AwsSv4", "eu-west-1", "s3", "NatterboxS3AWS 2")
    assert not read.awsAccessSecret, "the secret is write-only through every API"


def test_guest_user_assignments_through_every_path(demo: RestOrg) -> None:
    sf = demo.client()
    site = sf.query("SELECT GuestUserId FROM Site WHERE Name = 'VoiceConnector'")["records"][0]
    ps = sf.query("SELECT Id FROM PermissionSet WHERE Label = 'Voice Connector Permission'")["records"][0]
    sf.PermissionSetAssignment.create({"AssigneeId": site["GuestUserId"], "PermissionSetId": ps["Id"]})
    rows = sf.query(
        f"SELECT PermissionSet.Name, PermissionSet.Label FROM PermissionSetAssignment WHERE AssigneeId = '{site['GuestUserId']}'"
    )["records"]
    assert [(r["PermissionSet"]["Name"], r["PermissionSet"]["Label"]) for r in rows] == [("Voice_Connector_Permission", "Voice Connector Permission")]
    assert demo.org.find("PermissionSetAssignment", AssigneeId=site["GuestUserId"])[0]["PermissionSetId"] == ps["Id"]


def test_permission_set_created_by_metadata_api_is_assignable_over_rest(demo: RestOrg) -> None:
    sf = demo.client()
    md = sf.mdapi
    md.PermissionSet.create([md.PermissionSet(
        fullName="AC_CallRecording", label="AC_CallRecording",
        userPermissions=[md.PermissionSetUserPermission(enabled=True, name="ViewAllCalls")],
    )])  # fmt: skip
    row = sf.query("SELECT Id, Label, PermissionsViewAllCalls, PermissionsCallCoachingUser FROM PermissionSet WHERE Name = 'AC_CallRecording'")["records"][0]
    assert (row["Label"], row["PermissionsViewAllCalls"], row["PermissionsCallCoachingUser"]) == ("AC_CallRecording", True, False)
    admin = demo.org.find("User", Username="admin@rest.test")[0]["Id"]
    sf.PermissionSetAssignment.create({"AssigneeId": admin, "PermissionSetId": row["Id"]})
    assert "ViewAllCalls" in demo.org.user_permissions(admin)
