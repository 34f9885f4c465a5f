"""Per-type rules of the demo org's Metadata API: who may write, what is secret, what the org mints.

Salesforce treats the setup types the ECI guides touch differently: connected apps need "Manage
Connected Apps", auth providers "Manage Auth. Providers", named credentials "Manage Named
Credentials"; consumer secrets and named-credential passwords are accepted but never read back;
consumer keys are minted by the org when a client leaves them out. This module holds those
facts as data (`TYPES`) plus the small functions that apply them when a component is stored or
read. Field-level validation lives in `wizard.demo.metadata_checks`.
"""

from __future__ import annotations

import copy
import secrets
import string
from dataclasses import dataclass
from typing import Any

from wizard.demo.metadata_schema import schema
from wizard.demo.state import OrgState

Component = dict[str, Any]
SaveError = dict[str, Any]  # a WSDL `Error`: {"fields": [...], "message": ..., "statusCode": ...}

#: Labels Salesforce shows for the user permissions the rules need (for error messages).
PERMISSION_LABELS = {
    "CustomizeApplication": "Customize Application",
    "ManageAuthProviders": "Manage Auth. Providers",
    "ManageNamedCredentials": "Manage Named Credentials",
    "ManageRemoteAccess": "Manage Connected Apps",
    "ManageProfilesPermissionsets": "Manage Profiles and Permission Sets",
}


@dataclass(frozen=True)
class TypeRule:
    """What the demo org knows about one metadata type."""

    name: str
    directory: str  # folder in a retrieved package (FileProperties.fileName)
    suffix: str  # file suffix in a retrieved package
    permissions: tuple[str, ...] = ("CustomizeApplication",)  # all needed for create/update/delete
    secrets: tuple[str, ...] = ()  # dotted paths: accepted and stored, never returned
    minted: tuple[str, ...] = ()  # dotted paths the org generates on create when left out
    settings: bool = False  # a Settings type: one component that always exists


_APP_PERMS = ("CustomizeApplication", "ManageRemoteAccess")
_ECA_KEYS = ("consumerKey", "consumerSecret")

TYPES: dict[str, TypeRule] = {
    rule.name: rule
    for rule in (
        TypeRule(
            "ConnectedApp",
            "connectedApps",
            "connectedApp",
            _APP_PERMS,
            secrets=("oauthConfig.consumerSecret",),
            minted=("oauthConfig.consumerKey", "oauthConfig.consumerSecret"),
        ),
        TypeRule("ExternalClientApplication", "externalClientApps", "eca", _APP_PERMS),
        TypeRule("ExtlClntAppOauthSettings", "extlClntAppOauthSettings", "ecaOauth", _APP_PERMS),
        TypeRule(
            "ExtlClntAppGlobalOauthSettings",
            "extlClntAppGlobalOauthSets",
            "ecaGlblOauth",
            _APP_PERMS,
            secrets=("consumerSecret",),
            minted=_ECA_KEYS,
        ),
        TypeRule("ExtlClntAppOauthConfigurablePolicies", "extlClntAppOauthPolicies", "ecaOauthPlcy", _APP_PERMS),
        TypeRule("ExtlClntAppConfigurablePolicies", "extlClntAppPolicies", "ecaPlcy", _APP_PERMS),
        # consumerSecret is returned only when sendSecretInApis is true (see `readable`).
        TypeRule("AuthProvider", "authproviders", "authprovider", ("CustomizeApplication", "ManageAuthProviders")),
        TypeRule(
            "NamedCredential",
            "namedCredentials",
            "namedCredential",
            ("CustomizeApplication", "ManageNamedCredentials"),
            secrets=("password", "oauthToken", "oauthRefreshToken", "awsAccessSecret"),
        ),
        TypeRule(
            "ExternalCredential",
            "externalCredentials",
            "externalCredential",
            ("CustomizeApplication", "ManageNamedCredentials"),
        ),
        TypeRule("CustomSite", "sites", "site"),
        TypeRule("ConversationalIntelligenceSettings", "settings", "settings", settings=True),
        TypeRule("CallCoachingMediaProvider", "callCoachingMediaProviders", "callCoachingMediaProvider"),
        TypeRule(
            "PermissionSet",
            "permissionsets",
            "permissionset",
            ("CustomizeApplication", "ManageProfilesPermissionsets"),
        ),
    )
}

#: fullName of each Settings type (the file name in settings/, without ".settings").
SETTINGS_NAMES = {"ConversationalIntelligenceSettings": "ConversationalIntelligence"}

#: Scopes Salesforce stores under another name; readMetadata returns the stored form.
SCOPE_ALIASES = {"Profile": "Basic", "Email": "Basic", "Address": "Basic", "Phone": "Basic", "OfflineAccess": "RefreshToken"}


def error(status_code: str, message: str, fields: list[str] | None = None) -> SaveError:
    """One `Error` of a SaveResult/DeleteResult/UpsertResult."""
    return {"fields": fields or [], "message": message, "statusCode": status_code}


def file_name(mtype: str, full_name: str) -> str:
    """FileProperties.fileName, e.g. ``namedCredentials/ECI.namedCredential``."""
    rule = TYPES[mtype]
    return f"{rule.directory}/{full_name}.{rule.suffix}"


# -- access ------------------------------------------------------------------------------------------
def write_access_error(org: OrgState, user_id: str, mtype: str) -> SaveError | None:
    """INSUFFICIENT_ACCESS when the session's user lacks a permission the type needs for writes."""
    missing = [p for p in TYPES[mtype].permissions if not org.has_permission(user_id, p)]
    if not missing:
        return None
    names = ", ".join(f'"{PERMISSION_LABELS.get(p, p)}"' for p in missing)
    return error(
        "INSUFFICIENT_ACCESS",
        f"insufficient access rights: creating, changing or deleting a {mtype} needs the user "
        f"permission(s) {names}; ask an administrator to grant them through the profile or a permission set",
    )


# -- dotted paths ------------------------------------------------------------------------------------
def get_path(data: Component, path: str) -> Any:
    """The value at a dotted path (e.g. ``oauthConfig.consumerSecret``), or None."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _set_path(data: Component, path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node.get(part)
        if not isinstance(node, dict):
            return  # the enclosing structure is absent: nothing to carry over
    node[leaf] = value


def _pop_path(data: Component, path: str) -> None:
    *parents, leaf = path.split(".")
    node: Any = data
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(leaf, None)


# -- shaping what is stored and what is read ---------------------------------------------------------
def for_storage(mtype: str, new: Component, existing: Component | None) -> Component:
    """The component as the org keeps it after a create/update of `new` over `existing`.

    updateMetadata replaces the whole component, except what a client cannot read back: a
    write-only secret or an org-minted key left out of the update keeps its stored value (a
    read-modify-write must not wipe the consumer secret it never saw).
    """
    stored = copy.deepcopy(new)
    rule = TYPES[mtype]
    for path in dict.fromkeys(rule.secrets + rule.minted + (("consumerSecret",) if mtype == "AuthProvider" else ())):
        if get_path(stored, path) is None:
            old = get_path(existing, path) if existing else None
            if old is None and existing is None and path in rule.minted:
                old = _mint(path)
            if old is not None:
                _set_path(stored, path, old)
    if existing is not None:  # a consumer key is settable only at creation
        for path in rule.minted:
            if not path.endswith("Secret") and get_path(existing, path) is not None:
                _set_path(stored, path, get_path(existing, path))
    _apply_defaults(mtype, stored, existing)
    return stored


def _mint(path: str) -> str:
    if path.endswith("consumerKey"):
        alphabet = string.ascii_letters + string.digits + "._"
        return "3MVG9" + "".join(secrets.choice(alphabet) for _ in range(80))
    return secrets.token_hex(32).upper()


def _apply_defaults(mtype: str, comp: Component, existing: Component | None) -> None:
    """Values Salesforce fills in and returns on read even when the client left them out."""
    if mtype == "NamedCredential":
        comp.setdefault("allowMergeFieldsInBody", False)
        comp.setdefault("allowMergeFieldsInHeader", False)
        comp.setdefault("generateAuthorizationHeader", True)
        comp.setdefault("calloutStatus", "Enabled")
        comp.setdefault("namedCredentialType", "Legacy")
    elif mtype == "ConnectedApp" and isinstance(comp.get("oauthConfig"), dict):
        scopes = comp["oauthConfig"].get("scopes")
        if scopes:
            comp["oauthConfig"]["scopes"] = list(dict.fromkeys(SCOPE_ALIASES.get(s, s) for s in scopes))
    elif mtype == "CustomSite" and existing is not None:
        for read_only in ("guestProfile", "subdomain"):
            if existing.get(read_only) is not None:
                comp[read_only] = existing[read_only]
            else:
                comp.pop(read_only, None)
    elif mtype == "CustomSite":
        comp.pop("guestProfile", None)  # read only: the org names the guest profile itself
        comp.pop("subdomain", None)


def readable(mtype: str, comp: Component) -> Component:
    """The component as readMetadata returns it: write-only secrets removed."""
    out = copy.deepcopy(comp)
    for path in TYPES[mtype].secrets:
        _pop_path(out, path)
    if mtype == "AuthProvider" and out.get("sendSecretInApis") is not True:
        out.pop("consumerSecret", None)
    return out


def guest_profile_name(org: OrgState, site: str) -> str | None:
    """The name of the guest profile the org made for a site (CustomSite.guestProfile, read only)."""
    guest = org.site_guest_user(site)
    profile = org.get("Profile", guest.get("ProfileId", "")) if guest else None
    return profile.get("Name") if profile else None


def settings_default(mtype: str) -> Component:
    """A Settings component as a fresh org has it: every boolean off."""
    comp: Component = {"fullName": SETTINGS_NAMES[mtype]}
    for field in schema().fields(mtype):
        if field.type_name == "boolean" and field.builtin:
            comp[field.name] = False
    return comp
