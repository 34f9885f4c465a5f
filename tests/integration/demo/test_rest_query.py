"""SOQL over REST and Tooling against the demo org, with the unmodified simple-salesforce client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from simple_salesforce import (
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from tests.integration.demo.rest_support import (
    NO_API,
    READER,
    REPS,
    WEB_ONLY,
    RestOrg,
    running_rest_org,
    tooling_query,
)

USERS = REPS + 3 + 1  # reps, admin/reader/no-api, the site's guest user


@pytest.fixture(scope="module")
def demo() -> Iterator[RestOrg]:
    """One org for the module: these tests only read."""
    with running_rest_org() as running:
        yield running
        assert running.server.errors == [], running.server.errors


def _error(exc: pytest.ExceptionInfo) -> dict:
    body = exc.value.content
    assert isinstance(body, list) and len(body) == 1, body
    return body[0]


def test_versions_need_no_session_and_end_at_the_orgs_newest(demo: RestOrg) -> None:
    response = demo.http().get(demo.url("/services/data/"), timeout=10)
    assert response.status_code == 200
    versions = response.json()
    assert versions[0] == {"label": "Summer '14", "url": "/services/data/v31.0", "version": "31.0"}
    assert versions[-1] == {"label": "Spring '26", "url": "/services/data/v66.0", "version": "66.0"}
    assert {"label": "Winter '24", "url": "/services/data/v59.0", "version": "59.0"} in versions


def test_resource_directory_lists_what_the_org_serves(demo: RestOrg) -> None:
    resources = demo.client().restful("")
    assert resources["query"] == "/services/data/v66.0/query"
    assert resources["tooling"] == "/services/data/v66.0/tooling"
    assert resources["limits"] == "/services/data/v66.0/limits"


def test_a_version_newer_than_the_org_is_not_found(demo: RestOrg) -> None:
    with pytest.raises(SalesforceResourceNotFound):
        demo.client(version="67.0").query("SELECT Id FROM Organization")


def test_query_returns_records_with_attributes_and_nested_relationships(demo: RestOrg) -> None:
    result = demo.client().query(
        "SELECT Id, Name, Profile.Name FROM User WHERE Username = 'ADMIN@rest.test'"
    )
    assert result["totalSize"] == 1 and result["done"] is True
    user = result["records"][0]
    assert user["attributes"] == {"type": "User", "url": f"/services/data/v66.0/sobjects/User/{user['Id']}"}
    assert user["Name"] == "Ada Admin"
    assert user["Profile"]["Name"] == "System Administrator"
    assert user["Profile"]["attributes"]["type"] == "Profile"


def test_paging_with_query_and_query_more(demo: RestOrg) -> None:
    sf = demo.client()
    first = sf.query("SELECT Id FROM User ORDER BY Username", headers={"Sforce-Query-Options": "batchSize=10"})
    assert first["totalSize"] == USERS and first["done"] is False and len(first["records"]) == 10
    assert first["nextRecordsUrl"].startswith("/services/data/v66.0/query/01g")
    ids = [r["Id"] for r in first["records"]]
    page = first
    while not page["done"]:
        page = sf.query_more(page["nextRecordsUrl"], identifier_is_url=True)
        ids += [r["Id"] for r in page["records"]]
    assert len(ids) == len(set(ids)) == USERS


def test_query_all_follows_every_page(demo: RestOrg) -> None:
    sf = demo.client()
    everything = sf.query_all("SELECT Id, Username FROM User", headers={"Sforce-Query-Options": "batchSize=4"})
    assert everything["totalSize"] == USERS
    assert len({r["Id"] for r in everything["records"]}) == USERS
    deleted_too = sf.query_all("SELECT Id FROM User", include_deleted=True, headers={"Sforce-Query-Options": "batchSize=7"})
    assert deleted_too["totalSize"] == USERS


def test_an_unknown_query_locator_is_refused(demo: RestOrg) -> None:
    with pytest.raises(SalesforceMalformedRequest) as exc:
        demo.client().query_more("01gdoesnotexist0-2000")
    assert _error(exc)["errorCode"] == "INVALID_QUERY_LOCATOR"


def test_where_with_relationships_in_like_and_parentheses(demo: RestOrg) -> None:
    sf = demo.client()
    holders = sf.query(
        "SELECT Assignee.Username, PermissionSet.Label FROM PermissionSetAssignment "
        "WHERE PermissionSet.PermissionsCallCoachingUser = true AND (Assignee.Username LIKE 'rep%' OR Assignee.Username = 'admin@rest.test') "
        "ORDER BY Assignee.Username DESC"
    )
    names = [r["Assignee"]["Username"] for r in holders["records"]]
    assert names == ["rep02@rest.test", "rep01@rest.test", "rep00@rest.test", "admin@rest.test"]
    assert {r["PermissionSet"]["Label"] for r in holders["records"]} == {"Conversation Insights for Sales"}
    picked = sf.query("SELECT Username FROM User WHERE Username IN ('rep03@rest.test', 'rep04@rest.test') AND NOT Username LIKE '%04%'")
    assert [r["Username"] for r in picked["records"]] == ["rep03@rest.test"]
    others = sf.query("SELECT Id FROM User WHERE Username NOT IN ('admin@rest.test') AND Email != null")
    assert others["totalSize"] == USERS - 1


def test_order_limit_offset_and_nulls(demo: RestOrg) -> None:
    sf = demo.client()
    page = sf.query("SELECT LastName FROM User WHERE LastName LIKE 'Rep%' ORDER BY LastName DESC LIMIT 3 OFFSET 2")
    assert [r["LastName"] for r in page["records"]] == [f"Rep {REPS - 3:02d}", f"Rep {REPS - 4:02d}", f"Rep {REPS - 5:02d}"]
    nulls_last = sf.query("SELECT FirstName FROM User ORDER BY FirstName ASC NULLS LAST")
    firsts = [r["FirstName"] for r in nulls_last["records"]]
    assert firsts[:2] == ["Ada", "Rita"] and firsts[-1] is None


def test_count_and_aggregate_count(demo: RestOrg) -> None:
    sf = demo.client()
    assert sf.query("SELECT COUNT() FROM User WHERE IsActive = true") == {"totalSize": USERS, "done": True, "records": []}
    agg = sf.query("SELECT COUNT(Id) total FROM PermissionSetAssignment")
    assert agg["records"][0]["total"] == 4 and agg["records"][0]["attributes"] == {"type": "AggregateResult"}


def test_semi_join_and_child_subquery(demo: RestOrg) -> None:
    sf = demo.client()
    eci = sf.query(
        "SELECT Username FROM User WHERE Id IN (SELECT AssigneeId FROM PermissionSetAssignment "
        "WHERE PermissionSet.Name = 'ECI_Users') ORDER BY Username"
    )
    assert [r["Username"] for r in eci["records"]] == ["admin@rest.test", "rep00@rest.test", "rep01@rest.test", "rep02@rest.test"]
    with_sets = sf.query(
        "SELECT Username, (SELECT PermissionSet.Name FROM PermissionSetAssignments) FROM User "
        "WHERE Username IN ('admin@rest.test', 'reader@rest.test') ORDER BY Username"
    )
    admin, reader = with_sets["records"]
    assert admin["PermissionSetAssignments"]["totalSize"] == 1
    assert admin["PermissionSetAssignments"]["records"][0]["PermissionSet"]["Name"] == "ECI_Users"
    assert reader["PermissionSetAssignments"] is None


def test_user_permission_access_is_the_session_users(demo: RestOrg) -> None:
    soql = "SELECT PermissionsApiEnabled, PermissionsManageAuthProviders, PermissionsCallCoachingUser FROM UserPermissionAccess"
    admin = demo.client().query(soql)["records"][0]
    assert (admin["PermissionsApiEnabled"], admin["PermissionsManageAuthProviders"], admin["PermissionsCallCoachingUser"]) == (True, True, True)
    reader = demo.client(READER).query(soql)["records"][0]
    assert (reader["PermissionsApiEnabled"], reader["PermissionsManageAuthProviders"], reader["PermissionsCallCoachingUser"]) == (True, False, False)


def test_organization_and_setup_objects(demo: RestOrg) -> None:
    sf = demo.client()
    org = sf.query("SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization")["records"][0]
    assert org["Id"] == demo.org.org_id and org["OrganizationType"] == "Enterprise Edition" and org["IsSandbox"] is True
    app = sf.query(
        "SELECT Name, OptionsAllowAdminApprovedUsersOnly, RefreshTokenValidityPeriod, OptionsRefreshTokenValidityMetric "
        "FROM ConnectedApplication WHERE Name = 'ECI Connected App'"
    )["records"][0]
    assert (app["OptionsAllowAdminApprovedUsersOnly"], app["RefreshTokenValidityPeriod"], app["OptionsRefreshTokenValidityMetric"]) == (True, 365, False)
    site = sf.query("SELECT Name, Status, UrlPathPrefix, ClickjackProtectionLevel, GuestUserId, GuestUser.IsActive, GuestUser.UserType FROM Site")["records"][0]
    assert (site["Name"], site["Status"], site["UrlPathPrefix"], site["ClickjackProtectionLevel"]) == ("VoiceConnector", "Active", "vc", "SameOriginOnly")
    assert site["GuestUserId"] == demo.org.site_guest_user("VoiceConnector")["Id"]
    assert site["GuestUser"]["IsActive"] is True and site["GuestUser"]["UserType"] == "Guest"
    package = sf.query("SELECT SubscriberPackage.Name, SubscriberPackage.NamespacePrefix FROM InstalledSubscriberPackage WHERE SubscriberPackage.Name LIKE '%Voice Connector%'")
    assert package["records"][0]["SubscriberPackage"]["NamespacePrefix"] == "cci"
    provider = sf.query("SELECT DeveloperName, ProviderType, ConsumerKey, ConsumerSecret, OptionsSendClientCredentialsInHeader, SsoKickoffUrl FROM AuthProvider")["records"][0]
    assert provider["ConsumerSecret"] is None, "the consumer secret is write-only"
    assert provider["OptionsSendClientCredentialsInHeader"] is True
    assert provider["SsoKickoffUrl"] == f"{demo.server.instance_url}/services/auth/sso/ECI_Auth_Provider"
    assert sf.query("SELECT Name FROM ApexPage WHERE Name = 'AC_RecordingViewer'")["totalSize"] == 1
    assert sf.query("SELECT DeveloperName FROM FlexiPage WHERE EntityDefinitionId = 'VoiceCall' AND Type = 'RecordPage'")["totalSize"] == 1


def test_named_credential_in_the_data_api_has_no_protocol(demo: RestOrg) -> None:
    sf = demo.client()
    rows = sf.query("SELECT DeveloperName, Endpoint, PrincipalType, AuthProviderId, CalloutOptionsGenerateAuthorizationHeader FROM NamedCredential ORDER BY DeveloperName")["records"]
    assert [r["DeveloperName"] for r in rows] == ["ECI_Named_Credential", "NatterboxS3AWS"]
    assert rows[0]["AuthProviderId"] == demo.org.component_id("AuthProvider", "ECI_Auth_Provider")
    assert rows[0]["CalloutOptionsGenerateAuthorizationHeader"] is True
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.query("SELECT Protocol FROM NamedCredential")
    error = _error(exc)
    assert error["errorCode"] == "INVALID_FIELD"
    assert "No such column 'Protocol' on entity 'NamedCredential'" in error["message"]


def test_tooling_named_credential_has_every_field(demo: RestOrg) -> None:
    sf = demo.client()
    result = tooling_query(
        sf,
        "SELECT DeveloperName, MasterLabel, Endpoint, PrincipalType, Protocol, OauthScope, Username, AuthProviderId, "
        "AuthProvider.DeveloperName, GenerateAuthorizationHeader, AllowMergeFieldsInBody, AllowMergeFieldsInHeader, "
        "NamedCredentialType, AwsRegion, AwsService, AwsAccessKey, AwsAccessSecret FROM NamedCredential ORDER BY DeveloperName",
    )
    assert result["size"] == result["totalSize"] == 2 and result["entityTypeName"] == "NamedCredential"
    eci, aws = result["records"]
    assert eci["attributes"]["url"].startswith("/services/data/v66.0/tooling/sobjects/NamedCredential/")
    assert (eci["Protocol"], eci["PrincipalType"], eci["OauthScope"]) == ("Oauth", "NamedUser", "refresh_token web api content")
    assert eci["AuthProvider"]["DeveloperName"] == "ECI_Auth_Provider"
    assert (aws["Protocol"], aws["AwsRegion"], aws["AwsService"], aws["AwsAccessKey"]) == ("AwsSv4", "eu-west-1", "s3", "AKIADEMO")
    assert aws["AwsAccessSecret"] is None, "AWS secrets are never returned"
    assert aws["NamedCredentialType"] == "Legacy"


def test_tooling_one_row_rule_for_full_name_and_metadata(demo: RestOrg) -> None:
    sf = demo.client()
    one = tooling_query(sf, "SELECT FullName, Metadata FROM NamedCredential WHERE DeveloperName = 'NatterboxS3AWS'")
    metadata = one["records"][0]["Metadata"]
    assert one["records"][0]["FullName"] == "NatterboxS3AWS"
    assert (metadata["protocol"], metadata["awsRegion"], metadata["awsAccessSecret"]) == ("AwsSv4", "eu-west-1", None)
    with pytest.raises(SalesforceMalformedRequest) as exc:
        tooling_query(sf, "SELECT Id, Metadata FROM NamedCredential")
    error = _error(exc)
    assert error["errorCode"] == "MALFORMED_QUERY"
    assert "no more than one row for retrieval. Result size: 2" in error["message"]
    with pytest.raises(SalesforceMalformedRequest):
        tooling_query(sf, "SELECT FullName FROM NamedCredential LIMIT 2")


def test_tooling_site_detail_packages_and_paging(demo: RestOrg) -> None:
    sf = demo.client()
    site_id = sf.query("SELECT Id FROM Site WHERE Name = 'VoiceConnector'")["records"][0]["Id"]
    detail = tooling_query(sf, f"SELECT DurableId, SecureUrl, IsRegistrationEnabled FROM SiteDetail WHERE DurableId = '{site_id}'")
    assert detail["records"][0]["SecureUrl"] == f"{demo.server.instance_url}/vc"
    assert detail["records"][0]["IsRegistrationEnabled"] is False
    packages = tooling_query(sf, "SELECT SubscriberPackage.Name FROM InstalledSubscriberPackage")
    assert packages["records"][0]["SubscriberPackage"]["Name"] == "Voice Connector"
    pages = tooling_query(sf, "SELECT DeveloperName FROM FlexiPage WHERE EntityDefinitionId = 'VoiceCall'")
    assert pages["totalSize"] == 1
    first = sf.toolingexecute("query/", params={"q": "SELECT Id FROM User"}, headers={"Sforce-Query-Options": "batchSize=20"})
    assert first["done"] is False and first["nextRecordsUrl"].startswith("/services/data/v66.0/tooling/query/")
    rest = sf.query_more(first["nextRecordsUrl"], identifier_is_url=True)
    assert rest["done"] is True and len(first["records"]) + len(rest["records"]) == USERS


@pytest.mark.parametrize(
    ("soql", "code", "words"),
    [
        ("SELECT Id FROM Nothing", "INVALID_TYPE", "sObject type 'Nothing' is not supported"),
        ("SELECT Nope FROM User", "INVALID_FIELD", "No such column 'Nope' on entity 'User'"),
        ("SELECT Owner.Name FROM User", "INVALID_FIELD", "Didn't understand relationship 'Owner'"),
        ("SELECT Id FROM", "MALFORMED_QUERY", "unexpected token: <EOF>"),
        ("SELECT Id FROM User WHERE IsActive = 'true'", "INVALID_FIELD", "must be of type boolean"),
        ("SELECT Id FROM User WHERE Id = 'abc'", "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: abc"),
        ("SELECT Id FROM User WHERE Name = 'a' AND Email = 'b' OR Alias = 'c'", "MALFORMED_QUERY", "unexpected token: OR"),
        ("SELECT Id FROM User GROUP BY Name", "MALFORMED_QUERY", "unexpected token: GROUP"),
        ("SELECT Id, Id FROM User", "MALFORMED_QUERY", "duplicate field selected: Id"),
    ],
)
def test_refused_queries_use_salesforces_error_shapes(demo: RestOrg, soql: str, code: str, words: str) -> None:
    with pytest.raises(SalesforceMalformedRequest) as exc:
        demo.client().query(soql)
    error = _error(exc)
    assert error["errorCode"] == code
    assert words in error["message"]
    if code != "MALFORMED_QUERY" or "duplicate" not in words:
        assert "ERROR at Row:1:Column:" in error["message"]


def test_sessions_are_checked_before_anything_runs(demo: RestOrg) -> None:
    with pytest.raises(SalesforceExpiredSession) as exc:
        demo.client("00Dnobody!not-a-token").query("SELECT Id FROM User")
    assert _error(exc) == {"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID", "fields": []}
    with pytest.raises(SalesforceExpiredSession):
        demo.client(WEB_ONLY).query("SELECT Id FROM User")
    with pytest.raises(SalesforceRefusedRequest) as exc:
        demo.client(NO_API).query("SELECT Id FROM User")
    assert _error(exc)["errorCode"] == "API_CURRENTLY_DISABLED"
    no_auth = demo.http().get(demo.url("/services/data/v66.0/query/"), params={"q": "SELECT Id FROM User"}, timeout=10)
    assert no_auth.status_code == 401 and no_auth.json()[0]["errorCode"] == "INVALID_SESSION_ID"


def test_limits_count_down_with_each_call(demo: RestOrg) -> None:
    sf = demo.client()
    before = sf.limits()["DailyApiRequests"]
    sf.query("SELECT Id FROM Organization")
    after = sf.limits()["DailyApiRequests"]
    assert after["Max"] == before["Max"] == 100_000
    assert after["Remaining"] == before["Remaining"] - 2
    assert sf.api_usage["api-usage"].used == 100_000 - after["Remaining"]
