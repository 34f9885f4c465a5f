"""A small hand-built org and real clients for the Metadata API tests.

The org is built directly on `OrgState` (no scenario file, no OAuth flow) so these tests depend
only on the Metadata API and the server. Sessions are put into ``org.sessions`` by hand.

TLS: simple-salesforce's Metadata client is zeep, and zeep makes its own ``requests.Session``
(simple-salesforce passes none), so the only way to make it trust the demo CA without turning
verification off is the process's CA bundle: ``REQUESTS_CA_BUNDLE`` is pointed at the bundle the
server writes (system CAs plus the demo CA). The REST session additionally pins its own bundle
so the environment cannot override it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import requests
from simple_salesforce import Salesforce

from wizard.demo.server import DemoOrgServer
from wizard.demo.state import OrgState, Session, new_id
from wizard.salesforce.http import make_session

ADMIN_TOKEN = "00Dadmin!demo-admin-session"
READER_TOKEN = "00Dreader!demo-metadata-reader-session"
STANDARD_TOKEN = "00Dstandard!demo-standard-user-session"
CUSTOMIZER_TOKEN = "00Dcustomizer!demo-customize-only-session"
NO_API_SCOPE_TOKEN = "00Dweb!demo-web-only-session"

ADMIN_PERMISSIONS = (
    "ApiEnabled",
    "ViewSetup",
    "ModifyAllData",
    "CustomizeApplication",
    "ManageAuthProviders",
    "ManageNamedCredentials",
    "ManageRemoteAccess",
    "ManageProfilesPermissionsets",
    "AssignPermissionSets",
)


def build_org() -> OrgState:
    """An org with an administrator, a metadata reader, a user who may only customize, and a rep."""
    org = OrgState()
    org.organization = {"Id": new_id("Organization"), "Name": "Metadata Test Org", "IsSandbox": True}
    profiles = {
        "System Administrator": ADMIN_PERMISSIONS,
        "Metadata Reader": ("ApiEnabled", "ViewSetup", "ModifyMetadata"),
        "Customizer": ("ApiEnabled", "ViewSetup", "ModifyMetadata", "CustomizeApplication"),
        "Standard User": ("ApiEnabled",),
    }
    users = {}
    for name, perms in profiles.items():
        profile_id = org.insert("Profile", {"Name": name, "UserType": "Standard", **{f"Permissions{p}": True for p in perms}})
        slug = name.split()[0].lower()
        users[slug] = org.insert(
            "User",
            {"Username": f"{slug}@metadata.test", "Name": f"{name} User", "ProfileId": profile_id, "UserType": "Standard", "IsActive": True},
        )
    for token, user, scopes in (
        (ADMIN_TOKEN, users["system"], ("api", "refresh_token")),
        (READER_TOKEN, users["metadata"], ("api",)),
        (STANDARD_TOKEN, users["standard"], ("api",)),
        (CUSTOMIZER_TOKEN, users["customizer"], ("api",)),
        (NO_API_SCOPE_TOKEN, users["system"], ("web",)),
    ):
        org.sessions[token] = Session(access_token=token, user_id=user, client_id="metadata-tests", scopes=scopes)
    return org


@dataclass
class DemoOrg:
    """A running demo org and a factory of clients signed in to it."""

    server: DemoOrgServer

    @property
    def org(self) -> OrgState:
        return self.server.org

    def client(self, token: str = ADMIN_TOKEN) -> Salesforce:
        """The unmodified simple-salesforce client, signed in with one of the sessions above."""
        session = make_session(self.server.ca_bundle)
        return Salesforce(instance_url=self.server.instance_url, session_id=token, session=session, version="63.0")


@contextmanager
def running_demo_org(server_class: type[DemoOrgServer] = DemoOrgServer) -> Iterator[DemoOrg]:
    """Start a demo org over HTTPS, trusted through the CA bundle it writes; stop it afterwards."""
    server = server_class(build_org()).start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))
            yield DemoOrg(server)
    finally:
        server.stop()


def soap_envelope(operation_xml: str, token: str = ADMIN_TOKEN, all_or_none: bool | None = None) -> str:
    """A Metadata API request written by hand, for what zeep refuses to send (unknown types, headers)."""
    headers = f"<md:SessionHeader><md:sessionId>{token}</md:sessionId></md:SessionHeader>"
    if all_or_none is not None:
        headers += f"<md:AllOrNoneHeader><md:allOrNone>{str(all_or_none).lower()}</md:allOrNone></md:AllOrNoneHeader>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:md="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<soapenv:Header>{headers}</soapenv:Header><soapenv:Body>{operation_xml}</soapenv:Body></soapenv:Envelope>"
    )


def post_soap(demo: DemoOrg, body: str) -> requests.Response:
    """POST a SOAP body to the Metadata endpoint over verified TLS."""
    session = make_session(demo.server.ca_bundle)
    url = f"{demo.server.instance_url}/services/Soap/m/63.0/"
    return session.post(url, data=body.encode("utf-8"), headers={"Content-Type": "text/xml", "SOAPAction": '""'}, timeout=30)
