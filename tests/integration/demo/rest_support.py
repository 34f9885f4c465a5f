"""A small hand-built org and real simple-salesforce clients for the REST and Tooling tests.

The org is built directly on `OrgState` (no scenario file, no OAuth flow), so these tests depend
only on the REST front door and the server; sessions are put into ``org.sessions`` by hand.
Clients trust the demo CA through the bundle the server writes, pinned on their own session so
the environment's ``REQUESTS_CA_BUNDLE`` cannot override it; verification is never turned off.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests
from simple_salesforce import Salesforce

from wizard.demo.server import DemoOrgServer
from wizard.demo.state import OrgState, Session, new_id
from wizard.salesforce.http import make_session

API_VERSION = "66.0"
ADMIN = "00Dadmin!rest-admin-session"
READER = "00Dreader!rest-read-only-session"
NO_API = "00Dnoapi!rest-no-api-user-session"
WEB_ONLY = "00Dweb!rest-web-scope-session"
REPS = 23  # enough users to page through with small batches

ADMIN_PERMISSIONS = (
    "ApiEnabled", "ViewSetup", "ModifyAllData", "CustomizeApplication", "ManageAuthProviders",
    "ManageNamedCredentials", "ManageUsers", "AssignPermissionSets", "ManageProfilesPermissionsets",
)  # fmt: skip


def _profile(org: OrgState, name: str, perms: tuple[str, ...], user_type: str = "Standard") -> str:
    return org.insert("Profile", {"Name": name, "UserType": user_type, **{f"Permissions{p}": True for p in perms}})


def _user(org: OrgState, username: str, last: str, profile_id: str, **extra: Any) -> str:
    return org.insert(
        "User",
        {"Username": username, "FirstName": extra.pop("first", None), "LastName": last, "Email": username,
         "ProfileId": profile_id, "UserType": "Standard", "IsActive": True, **extra},
    )  # fmt: skip


def build_org() -> OrgState:
    """An org set up the way the aircall and natterbox guides leave it, plus users to page through."""
    org = OrgState()
    org.api_version = API_VERSION
    org.organization = {
        "Id": new_id("Organization"), "Name": "Rest Test Org", "OrganizationType": "Enterprise Edition",
        "IsSandbox": True, "InstanceName": "CS42", "LanguageLocaleKey": "en_US",
    }  # fmt: skip
    admin_profile = _profile(org, "System Administrator", ADMIN_PERMISSIONS)
    reader_profile = _profile(org, "Read Only", ("ApiEnabled", "ViewSetup"))
    no_api_profile = _profile(org, "No API", ("ViewSetup",))
    admin = _user(org, "admin@rest.test", "Admin", admin_profile, first="Ada")
    reader = _user(org, "reader@rest.test", "Reader", reader_profile, first="Rita")
    no_api = _user(org, "noapi@rest.test", "Nobody", no_api_profile)
    reps = [
        _user(org, f"rep{i:02d}@rest.test", f"Rep {i:02d}", reader_profile, Aircall_User_Id__c=f"AC-{i}")
        for i in range(REPS)
    ]
    eci_ps = org.put_component(
        "PermissionSet", "ECI_Users",
        {"label": "Conversation Insights for Sales", "userPermissions": [{"enabled": True, "name": "CallCoachingUser"}]},
    )  # fmt: skip
    org.put_component("PermissionSet", "Voice_Connector_Permission", {"label": "Voice Connector Permission"})
    for user in (admin, *reps[:3]):
        org.insert("PermissionSetAssignment", {"AssigneeId": user, "PermissionSetId": eci_ps})
    org.put_component(
        "AuthProvider", "ECI_Auth_Provider",
        {"friendlyName": "ECI Auth Provider", "providerType": "Salesforce", "consumerKey": "3MVG9demo",
         "consumerSecret": "auth-provider-secret", "defaultScopes": "content api web refresh_token offline_access",
         "sendAccessTokenInHeader": False, "sendClientCredentialsInHeader": True, "sendSecretInApis": True},
    )  # fmt: skip
    org.put_component(
        "NamedCredential", "ECI_Named_Credential",
        {"label": "ECI Named Credential", "endpoint": "https://rest-test.my.salesforce.com", "principalType": "NamedUser",
         "protocol": "Oauth", "authProvider": "ECI_Auth_Provider", "oauthScope": "refresh_token web api content",
         "generateAuthorizationHeader": True},
    )  # fmt: skip
    org.put_component(
        "NamedCredential", "NatterboxS3AWS",
        {"label": "NatterboxS3AWS", "endpoint": "https://s3.eu-west-1.amazonaws.com", "principalType": "NamedUser",
         "protocol": "AwsSv4", "awsAccessKey": "AKIADEMO", "awsAccessSecret": "aws-secret-value",
         "awsRegion": "eu-west-1", "awsService": "s3"},
    )  # fmt: skip
    org.put_component(
        "ConnectedApp", "ECI_Connected_App",
        {"label": "ECI Connected App", "contactEmail": "admin@rest.test",
         "oauthConfig": {"callbackUrl": "https://dummy_url/services/authcallback/ECI_Auth_Provider",
                         "consumerKey": "3MVG9demo", "isAdminApproved": True,
                         "scopes": ["Content", "Api", "Web", "RefreshToken", "OfflineAccess"]},
         "oauthPolicy": {"ipRelaxation": "BYPASS", "refreshTokenPolicy": "specific_lifetime:365:DAYS"}},
    )  # fmt: skip
    org.put_component(
        "CustomSite", "VoiceConnector",
        {"masterLabel": "VoiceConnector", "active": True, "siteType": "Visualforce", "indexPage": "SiteLogin",
         "urlPathPrefix": "vc", "clickjackProtectionLevel": "SameOriginOnly", "siteAdmin": "admin@rest.test"},
    )  # fmt: skip
    org.insert(
        "InstalledSubscriberPackage",
        {"SubscriberPackage": {"Name": "Voice Connector", "NamespacePrefix": "cci"}, "SubscriberPackageVersionId": None},
    )
    org.insert("ApexPage", {"Name": "AC_RecordingViewer", "MasterLabel": "AC_RecordingViewer", "ApiVersion": 59.0})
    org.insert("FlexiPage", {"DeveloperName": "VoiceCall_Record_Page", "MasterLabel": "Voice Call Record Page",
                             "Type": "RecordPage", "EntityDefinitionId": "VoiceCall"})  # fmt: skip
    for token, user, scopes in ((ADMIN, admin, ("api", "refresh_token")), (READER, reader, ("api",)),
                                (NO_API, no_api, ("api",)), (WEB_ONLY, admin, ("web",))):  # fmt: skip
        org.sessions[token] = Session(access_token=token, user_id=user, client_id="rest-tests", scopes=scopes)
    return org


@dataclass
class RestOrg:
    """A running demo org and a factory of simple-salesforce clients signed in to it."""

    server: DemoOrgServer

    @property
    def org(self) -> OrgState:
        return self.server.org

    def client(self, token: str = ADMIN, version: str = API_VERSION) -> Salesforce:
        return Salesforce(instance_url=self.server.instance_url, session_id=token, session=self.http(), version=version)

    def http(self) -> requests.Session:
        """A plain HTTPS session trusting the demo org, for requests simple-salesforce cannot make."""
        return make_session(self.server.ca_bundle)

    def url(self, path: str) -> str:
        return self.server.instance_url + path


@contextmanager
def running_rest_org() -> Iterator[RestOrg]:
    """Start the hand-built org over HTTPS; stop it afterwards."""
    server = DemoOrgServer(build_org()).start()
    try:
        yield RestOrg(server)
    finally:
        server.stop()


def tooling_query(sf: Salesforce, soql: str) -> dict[str, Any]:
    """A Tooling API query exactly as the wizard sends it."""
    return sf.toolingexecute("query/", params={"q": soql})
