"""The demo org's state: one store, many views.

Salesforce keeps one org behind several APIs; so does the demo org. Setup entities (named
credentials, auth providers, connected apps, sites, permission sets, settings, media providers)
live once, as Metadata API components (`components`), in the WSDL's field names. Data records
(users, profiles, assignments, packages, pages, calls) live as sObject rows (`records`) in REST
field names. The REST and Tooling views of setup entities (`wizard.demo.views`) are projections
of the components, so a component written through one API is seen through all the others.

Every mutation goes through the methods here, under one lock, so concurrent requests from the
client's thread pool see a consistent org.
"""

from __future__ import annotations

import copy
import secrets
import string
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]
Component = dict[str, Any]

_ID_ALPHABET = string.ascii_letters + string.digits

#: Key prefixes Salesforce uses for each object; ids look real so clients that inspect them work.
KEY_PREFIXES: dict[str, str] = {
    "Organization": "00D",
    "User": "005",
    "Profile": "00e",
    "PermissionSet": "0PS",
    "PermissionSetAssignment": "0Pa",
    "PermissionSetLicense": "0PL",
    "PermissionSetLicenseAssign": "2LA",
    "AuthProvider": "0SO",
    "NamedCredential": "0XA",
    "ExternalCredential": "0pt",
    "ConnectedApplication": "0H4",
    "ExternalClientApplication": "0xI",
    "Site": "0DM",
    "CallCoachingMediaProvider": "0mp",
    "SetupEntityAccess": "0J0",
    "InstalledSubscriberPackage": "0A3",
    "ApexPage": "066",
    "FlexiPage": "0M0",
    "VoiceCall": "0LQ",
    "ConversationalIntelligenceSettings": "0Ci",
    "CronTrigger": "08e",
    "CronJobDetail": "08a",
}


def _token_text(length: int) -> str:
    return "".join(secrets.choice(_ID_ALPHABET + "._") for _ in range(length))


def new_id(sobject: str) -> str:
    """A fresh 18-character id with the object's key prefix."""
    prefix = KEY_PREFIXES.get(sobject, "0Xx")
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(15))


@dataclass
class Session:
    """One OAuth grant: who it is for and what it may do."""

    access_token: str
    user_id: str
    client_id: str
    scopes: tuple[str, ...]
    refresh_token: str | None = None
    issued_at: float = field(default_factory=time.time)
    requests_left: int | None = None  # fault: the session expires after N more requests
    high_assurance: bool = False


@dataclass
class BrowserSession:
    """A signed-in browser (the ``sid`` cookie): what the login page and frontdoor.jsp create.

    Kept apart from API sessions because Salesforce keeps them apart too: a browser session opens
    Setup pages, an access token calls APIs, and the Single Access bridge turns the latter into
    the former exactly once.
    """

    sid: str
    user_id: str
    created: float = field(default_factory=time.time)


class OrgState:
    """The whole org behind the demo server. Thread-safe through `lock`."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.organization: Record = {}
        #: sObject name -> Id -> record (REST field names, with "Id").
        self.records: dict[str, dict[str, Record]] = {}
        #: metadata type -> fullName -> component (WSDL field names; nested dicts and lists).
        self.components: dict[str, dict[str, Component]] = {}
        #: (metadata type, fullName) -> record Id of its sObject view.
        self.component_ids: dict[tuple[str, str], str] = {}
        #: access token -> session; refresh token -> session (the newest one it minted).
        self.sessions: dict[str, Session] = {}
        self.refresh_tokens: dict[str, Session] = {}
        #: Behaviours the scenario allows, e.g. {"allow_connected_app_creation": False}.
        self.behaviours: dict[str, Any] = {}
        #: OAuth clients the org knows: client_id -> {"callback_urls": [...], "installed": bool, ...}.
        self.oauth_clients: dict[str, dict[str, Any]] = {}
        #: Plain-text passwords of demo users for the login page (demo data, never real).
        self.passwords: dict[str, str] = {}
        #: Browser sessions by ``sid`` cookie value (login page, frontdoor.jsp).
        self.browser_sessions: dict[str, BrowserSession] = {}
        #: OAuth flow state owned by `wizard.demo.oauth`: pending authorization requests,
        #: authorization codes and one-time frontdoor links, each keyed by its random handle.
        self.pending_authorizations: dict[str, Any] = {}
        self.auth_codes: dict[str, Any] = {}
        self.one_time_links: dict[str, Any] = {}
        #: The newest API version the org speaks (e.g. "66.0"), from the scenario.
        self.api_version: str = "66.0"
        #: Username the demo login suggests (the scenario's default login user).
        self.default_username: str | None = None
        #: Where the org's state came from (scenario file), for messages and the CLI.
        self.source: str = ""
        #: Whether the scenario names the organization id, so that every run of it is "the same
        #: org" (as a real org is); otherwise each run gets a new id and the org is gone for good
        #: when it stops.
        self.id_is_fixed: bool = False
        #: Fault settings the scenario asks for; the server's `Faults` starts from these.
        self.fault_settings: dict[str, Any] = {}
        #: The URL the org is served at; ``{instance_url}`` in scenario strings resolves to it.
        self.instance_url: str = ""
        #: Custom fields a package added: sObject -> API name -> label (e.g. User identifiers).
        self.custom_fields: dict[str, dict[str, str]] = {}
        #: Whether the org has My Domain (its identity then names ``urls.custom_domain``).
        self.my_domain_deployed: bool = True
        #: sObjects the org has not switched on: SOQL answers INVALID_TYPE as for unknown objects.
        self.objects_not_enabled: frozenset[str] = frozenset()

    # -- records ---------------------------------------------------------------------------
    def insert(self, sobject: str, record: Record) -> str:
        """Store a new record and return its id."""
        with self.lock:
            rec = copy.deepcopy(record)
            rec.setdefault("Id", new_id(sobject))
            self.records.setdefault(sobject, {})[rec["Id"]] = rec
            return rec["Id"]

    def update(self, sobject: str, record_id: str, values: Record) -> None:
        """Change fields of an existing record (KeyError when it does not exist)."""
        with self.lock:
            self.records[sobject][record_id].update(copy.deepcopy(values))

    def delete(self, sobject: str, record_id: str) -> None:
        """Remove a record (KeyError when it does not exist)."""
        with self.lock:
            del self.records[sobject][record_id]

    def rows(self, sobject: str) -> list[Record]:
        """A snapshot copy of every record of one object."""
        with self.lock:
            return [copy.deepcopy(r) for r in self.records.get(sobject, {}).values()]

    def find(self, sobject: str, **where: Any) -> list[Record]:
        """Records whose fields equal every given value."""
        return [r for r in self.rows(sobject) if all(r.get(k) == v for k, v in where.items())]

    def get(self, sobject: str, record_id: str) -> Record | None:
        """One record by id, or None."""
        with self.lock:
            rec = self.records.get(sobject, {}).get(record_id)
            return copy.deepcopy(rec) if rec is not None else None

    # -- metadata components -----------------------------------------------------------------
    def get_component(self, mtype: str, full_name: str) -> Component | None:
        """One component, or None when the org has no such component."""
        with self.lock:
            comp = self.components.get(mtype, {}).get(full_name)
            return copy.deepcopy(comp) if comp is not None else None

    def put_component(self, mtype: str, full_name: str, component: Component) -> str:
        """Create or replace a component; returns the id of its sObject view.

        Side effects Salesforce has are applied here so every API sees them: a new CustomSite
        gets its guest user and guest profile.
        """
        with self.lock:
            comp = copy.deepcopy(component)
            comp["fullName"] = full_name
            existed = full_name in self.components.get(mtype, {})
            self.components.setdefault(mtype, {})[full_name] = comp
            key = (mtype, full_name)
            if key not in self.component_ids:
                self.component_ids[key] = new_id(_sobject_for_type(mtype))
            if mtype == "CustomSite" and not existed:
                self._create_site_guest_user(full_name, comp)
            return self.component_ids[key]

    def delete_component(self, mtype: str, full_name: str) -> bool:
        """Remove a component; False when it did not exist."""
        with self.lock:
            existed = self.components.get(mtype, {}).pop(full_name, None) is not None
            self.component_ids.pop((mtype, full_name), None)
            return existed

    def list_components(self, mtype: str) -> list[Component]:
        """Every component of one type (copies)."""
        with self.lock:
            return [copy.deepcopy(c) for c in self.components.get(mtype, {}).values()]

    def component_id(self, mtype: str, full_name: str) -> str | None:
        """The sObject-view id of a component, or None."""
        with self.lock:
            return self.component_ids.get((mtype, full_name))

    def component_by_id(self, record_id: str) -> tuple[str, Component] | None:
        """(type, component) for an sObject-view id, or None."""
        with self.lock:
            for (mtype, full_name), cid in self.component_ids.items():
                if cid == record_id:
                    comp = self.components.get(mtype, {}).get(full_name)
                    if comp is not None:
                        return mtype, copy.deepcopy(comp)
            return None

    def _create_site_guest_user(self, full_name: str, comp: Component) -> None:
        label = comp.get("masterLabel") or full_name
        profile_name = f"{label} Profile"
        profiles = self.find("Profile", Name=profile_name)
        profile_id = profiles[0]["Id"] if profiles else self.insert(
            "Profile", {"Name": profile_name, "UserType": "Guest"}
        )
        org_host = str(self.organization.get("Name", "demo")).lower().replace(" ", "")
        self.insert(
            "User",
            {
                "Username": f"{full_name.lower()}@{org_host}.force.com",
                "Name": f"{label} Site Guest User",
                "FirstName": label,
                "LastName": "Site Guest User",
                "Email": f"{full_name.lower()}@example.invalid",
                "ProfileId": profile_id,
                "UserType": "Guest",
                "IsActive": True,
                "_site": full_name,
            },
        )

    # -- users and permissions ----------------------------------------------------------------
    def site_guest_user(self, site_full_name: str) -> Record | None:
        """The guest user Salesforce created for a site."""
        users = self.find("User", _site=site_full_name)
        return users[0] if users else None

    def user_permissions(self, user_id: str) -> set[str]:
        """Names of the user permissions a user holds (e.g. 'ApiEnabled'), through profile and sets."""
        with self.lock:
            user = self.records.get("User", {}).get(user_id)
            if user is None:
                return set()
            granted: set[str] = set()
            profile = self.records.get("Profile", {}).get(user.get("ProfileId", ""), {})
            granted.update(k[len("Permissions"):] for k, v in profile.items() if k.startswith("Permissions") and v is True)
            for psa in self.records.get("PermissionSetAssignment", {}).values():
                if psa.get("AssigneeId") != user_id:
                    continue
                found = self.component_by_id(psa.get("PermissionSetId", ""))
                if found and found[0] == "PermissionSet":
                    for perm in found[1].get("userPermissions", []) or []:
                        if perm.get("enabled") in (True, "true"):
                            granted.add(perm["name"])
            return granted

    def has_permission(self, user_id: str, name: str) -> bool:
        """Whether a user holds a permission (name without the 'Permissions' prefix)."""
        return name in self.user_permissions(user_id)

    # -- sessions ------------------------------------------------------------------------------
    def session(self, access_token: str) -> Session | None:
        """The live session behind an access token, or None when unknown or expired."""
        with self.lock:
            return self.sessions.get(access_token)

    def iter_users(self) -> Iterator[Record]:
        """Every user (copies)."""
        yield from self.rows("User")

    def user_by_username(self, username: str) -> Record | None:
        """The user with this username (case-insensitive, as Salesforce compares them), or None."""
        wanted = username.strip().lower()
        for user in self.rows("User"):
            if str(user.get("Username", "")).lower() == wanted:
                return user
        return None

    @property
    def org_id(self) -> str:
        """The 18-character organization id."""
        return str(self.organization.get("Id", ""))

    def new_session(
        self, user_id: str, client_id: str, scopes: tuple[str, ...], with_refresh: bool = False
    ) -> Session:
        """Mint an access token (and a refresh token) for a user, as a successful grant does.

        Tokens look like Salesforce's (the org id, ``!``, then random text) because some clients
        parse the org id out of them.
        """
        with self.lock:
            token = f"{self.org_id[:15]}!{_token_text(96)}"
            refresh = f"5Aep861{_token_text(80)}" if with_refresh else None
            session = Session(token, user_id, client_id, tuple(scopes), refresh)
            self.sessions[token] = session
            if refresh:
                self.refresh_tokens[refresh] = session
            return session

    def revoke_token(self, token: str) -> bool:
        """Revoke an access or refresh token; a refresh token takes its access tokens with it."""
        with self.lock:
            if self.sessions.pop(token, None) is not None:
                return True
            if self.refresh_tokens.pop(token, None) is None:
                return False
            for access, session in list(self.sessions.items()):
                if session.refresh_token == token:
                    del self.sessions[access]
            return True

    # -- placeholders ------------------------------------------------------------------------
    def bind_instance_url(self, url: str) -> None:
        """Resolve ``{instance_url}`` in every string the scenario gave (and re-bind on restart).

        The scenario loader cannot know the port the server will get, so scenario strings keep
        the placeholder until the server starts; a restarted server on a new port swaps the old
        URL for the new one.
        """
        with self.lock:
            old = self.instance_url

            def resolve(value: Any) -> Any:
                if isinstance(value, str):
                    if old and old != url:
                        value = value.replace(old, url)
                    return value.replace("{instance_url}", url)
                if isinstance(value, list):
                    return [resolve(v) for v in value]
                if isinstance(value, dict):
                    return {k: resolve(v) for k, v in value.items()}
                return value

            self.organization = resolve(self.organization)
            self.records = resolve(self.records)
            self.components = resolve(self.components)
            self.oauth_clients = resolve(self.oauth_clients)
            self.behaviours = resolve(self.behaviours)
            self.instance_url = url


def _sobject_for_type(mtype: str) -> str:
    return {
        "ConnectedApp": "ConnectedApplication",
        "CustomSite": "Site",
        "ExternalClientApplication": "ExternalClientApplication",
    }.get(mtype, mtype)
