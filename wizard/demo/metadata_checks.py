"""Validation the demo org applies to Metadata API writes, as Salesforce does.

A write that a real org would refuse must be refused here too, with the status code a client
can act on: a required field left out (REQUIRED_FIELD_MISSING), a reference to a component that
does not exist (INVALID_CROSS_REFERENCE_KEY, in Salesforce's "In field: X - no Y named Z found"
wording), a value that breaks a type's own rules (FIELD_INTEGRITY_EXCEPTION), a consumer key
already used (DUPLICATE_VALUE), or a delete that would leave others dangling (DEPENDENCY_EXISTS).
Required fields come from the WSDL (minOccurs), recursively; the rest are per-type functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from wizard.demo.metadata_rules import SETTINGS_NAMES, TYPES, Component, SaveError, error, get_path
from wizard.demo.metadata_schema import schema
from wizard.demo.state import OrgState

_CONSUMER_KEY = re.compile(r"^[A-Za-z0-9._]{8,256}$")
_CONSUMER_SECRET = re.compile(r"^[A-Za-z0-9]{8,256}$")
_IP_RELAXATION = ("ENFORCE", "BYPASS_2FACTOR", "BYPASS", "ENFORCE_RELAXREFRESH")
_REFRESH_POLICY = re.compile(r"^(infinite|zero|specific_(lifetime|inactivity):[1-9][0-9]*:(HOURS|DAYS|MONTHS))$")


def validate(org: OrgState, mtype: str, comp: Component) -> list[SaveError]:
    """Every reason Salesforce would refuse to save `comp` ([] when it would save it)."""
    full_name = comp.get("fullName") or ""
    if not full_name.strip():
        return [error("REQUIRED_FIELD_MISSING", "Required field is missing: fullName", ["fullName"])]
    if TYPES[mtype].settings and full_name != SETTINGS_NAMES[mtype]:
        return [_no_such("fullName", mtype, full_name)]
    problems = list(_missing_required(mtype, comp, ""))
    check = _CHECKS.get(mtype)
    if check is not None:
        problems += check(org, comp)
    return problems


def delete_problem(org: OrgState, mtype: str, full_name: str) -> SaveError | None:
    """Why Salesforce would refuse to delete a component, or None."""
    if TYPES[mtype].settings:
        return error("INVALID_TYPE_FOR_OPERATION", f"{mtype} can't be deleted; update its fields instead")
    users = [who for mt, name, who in _references(org) if (mt, name) == (mtype, full_name)]
    if users:
        return error("DEPENDENCY_EXISTS", f"Cannot delete this {mtype}: it is still used by {', '.join(sorted(set(users)))}")
    if mtype == "PermissionSet":
        ps_id = org.component_id(mtype, full_name)
        if ps_id and org.find("PermissionSetAssignment", PermissionSetId=ps_id):
            return error("DELETE_FAILED", "This permission set is assigned to users; remove the assignments first")
    return None


def _missing_required(type_name: str, data: dict[str, Any], prefix: str) -> Iterator[SaveError]:
    for field in schema().fields(type_name):
        value = data.get(field.name)
        path = f"{prefix}{field.name}"
        if field.required and (value is None or value == [] or value == ""):
            yield error("REQUIRED_FIELD_MISSING", f"Required field is missing: {path}", [path])
        elif schema().is_complex(field.type_name) and value is not None:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    yield from _missing_required(field.type_name, item, f"{path}.")


def _no_such(field: str, mtype: str, name: str) -> SaveError:
    return error("INVALID_CROSS_REFERENCE_KEY", f"In field: {field} - no {mtype} named {name} found", [field])


def _exists(org: OrgState, mtype: str, name: str) -> bool:
    return org.get_component(mtype, name) is not None


def _user_exists(org: OrgState, username: str) -> bool:
    return bool(org.find("User", Username=username))


# -- per-type checks ----------------------------------------------------------------------------------
def _connected_app(org: OrgState, comp: Component) -> list[SaveError]:
    problems = []
    oauth = comp.get("oauthConfig") or {}
    key, secret = oauth.get("consumerKey"), oauth.get("consumerSecret")
    if key is not None and not _CONSUMER_KEY.match(key):
        problems.append(error("FIELD_INTEGRITY_EXCEPTION", "The consumer key must be 8 to 256 letters, digits, periods or underscores", ["oauthConfig.consumerKey"]))
    if key is not None and key in _consumer_keys(org, exclude=("ConnectedApp", comp["fullName"])):
        problems.append(error("DUPLICATE_VALUE", "This consumer key is already used by another app; leave it out to let the org mint one", ["oauthConfig.consumerKey"]))
    if secret is not None and not _CONSUMER_SECRET.match(secret):
        problems.append(error("FIELD_INTEGRITY_EXCEPTION", "The consumer secret must be 8 to 256 letters or digits", ["oauthConfig.consumerSecret"]))
    grants = (comp.get("profileName") or []) + (comp.get("permissionSetName") or [])
    if grants and oauth.get("isAdminApproved") is not True:
        problems.append(error("FIELD_INTEGRITY_EXCEPTION", "profileName and permissionSetName need oauthConfig.isAdminApproved set to true (admin approved users are pre-authorized)", ["oauthConfig.isAdminApproved"]))
    for name in comp.get("permissionSetName") or []:
        if not _exists(org, "PermissionSet", name):
            problems.append(_no_such("permissionSetName", "PermissionSet", name))
    for name in comp.get("profileName") or []:
        if not org.find("Profile", Name=name):
            problems.append(_no_such("profileName", "Profile", name))
    policy = comp.get("oauthPolicy") or {}
    if policy.get("ipRelaxation") is not None and policy["ipRelaxation"] not in _IP_RELAXATION:
        problems.append(error("FIELD_INTEGRITY_EXCEPTION", f"ipRelaxation must be one of {', '.join(_IP_RELAXATION)}", ["oauthPolicy.ipRelaxation"]))
    if policy.get("refreshTokenPolicy") is not None and not _REFRESH_POLICY.match(policy["refreshTokenPolicy"]):
        problems.append(error("FIELD_INTEGRITY_EXCEPTION", "refreshTokenPolicy must be infinite, zero, specific_lifetime:<n>:HOURS|DAYS|MONTHS or specific_inactivity:<n>:HOURS|DAYS|MONTHS", ["oauthPolicy.refreshTokenPolicy"]))
    return problems


def _consumer_keys(org: OrgState, exclude: tuple[str, str]) -> set[str]:
    keys = set()
    for mtype, path in (("ConnectedApp", "oauthConfig.consumerKey"), ("ExtlClntAppGlobalOauthSettings", "consumerKey")):
        for other in org.list_components(mtype):
            if (mtype, other.get("fullName")) != exclude and get_path(other, path):
                keys.add(get_path(other, path))
    return keys


def _auth_provider(org: OrgState, comp: Component) -> list[SaveError]:
    problems = []
    if comp.get("providerType") == "OpenIdConnect":
        for field in ("consumerKey", "authorizeUrl", "tokenUrl"):
            if not comp.get(field):
                problems.append(error("REQUIRED_FIELD_MISSING", f"Required field is missing: {field} (an OpenID Connect provider needs it)", [field]))
    if comp.get("executionUser") and not _user_exists(org, comp["executionUser"]):
        problems.append(_no_such("executionUser", "User", comp["executionUser"]))
    return problems


def _named_credential(org: OrgState, comp: Component) -> list[SaveError]:
    problems = []
    legacy = comp.get("namedCredentialType") in (None, "Legacy")
    if legacy and not comp.get("endpoint"):
        problems.append(error("REQUIRED_FIELD_MISSING", "Required field is missing: endpoint (the URL of a legacy named credential)", ["endpoint"]))
    if legacy and comp.get("protocol") == "Oauth" and not comp.get("authProvider"):
        problems.append(error("REQUIRED_FIELD_MISSING", "Required field is missing: authProvider (protocol Oauth needs an auth provider)", ["authProvider"]))
    if comp.get("authProvider") and not _exists(org, "AuthProvider", comp["authProvider"]):
        problems.append(_no_such("authProvider", "AuthProvider", comp["authProvider"]))
    params = comp.get("namedCredentialParameters") or []
    if not legacy and not any(p.get("parameterType") == "Url" and p.get("parameterValue") for p in params):
        problems.append(error("REQUIRED_FIELD_MISSING", "Required field is missing: a namedCredentialParameters entry of type Url", ["namedCredentialParameters"]))
    for param in params:
        ext = param.get("externalCredential")
        if param.get("parameterType") == "Authentication" and ext and not _exists(org, "ExternalCredential", ext):
            problems.append(_no_such("externalCredential", "ExternalCredential", ext))
    return problems


def _external_credential(org: OrgState, comp: Component) -> list[SaveError]:
    return [
        _no_such("authProvider", "AuthProvider", p["authProvider"])
        for p in comp.get("externalCredentialParameters") or []
        if p.get("authProvider") and not _exists(org, "AuthProvider", p["authProvider"])
    ]


def _custom_site(org: OrgState, comp: Component) -> list[SaveError]:
    problems = []
    for field in ("siteAdmin", "siteGuestRecordDefaultOwner"):
        if comp.get(field) and not _user_exists(org, comp[field]):
            problems.append(_no_such(field, "User", comp[field]))
    prefix = comp.get("urlPathPrefix")
    if prefix and any(s.get("urlPathPrefix") == prefix and s.get("fullName") != comp["fullName"] for s in org.list_components("CustomSite")):
        problems.append(error("DUPLICATE_VALUE", f"Another site already uses the URL path prefix {prefix!r}", ["urlPathPrefix"]))
    return problems


def _eca_child(org: OrgState, comp: Component) -> list[SaveError]:
    app = comp.get("externalClientApplication")
    if app and not _exists(org, "ExternalClientApplication", app):
        return [_no_such("externalClientApplication", "ExternalClientApplication", app)]
    return []


def _eca_global(org: OrgState, comp: Component) -> list[SaveError]:
    problems = _eca_child(org, comp)
    key = comp.get("consumerKey")
    if key is not None and key in _consumer_keys(org, exclude=("ExtlClntAppGlobalOauthSettings", comp["fullName"])):
        problems.append(error("DUPLICATE_VALUE", "This consumer key is already used by another app", ["consumerKey"]))
    return problems


_CHECKS: dict[str, Callable[[OrgState, Component], list[SaveError]]] = {
    "ConnectedApp": _connected_app,
    "AuthProvider": _auth_provider,
    "NamedCredential": _named_credential,
    "ExternalCredential": _external_credential,
    "CustomSite": _custom_site,
    "ExtlClntAppOauthSettings": _eca_child,
    "ExtlClntAppGlobalOauthSettings": _eca_global,
    "ExtlClntAppOauthConfigurablePolicies": _eca_child,
    "ExtlClntAppConfigurablePolicies": _eca_child,
}


def _references(org: OrgState) -> Iterator[tuple[str, str, str]]:
    """(referenced type, referenced fullName, "Type fullName" of the referrer) for every reference."""
    for nc in org.list_components("NamedCredential"):
        who = f"NamedCredential {nc['fullName']}"
        if nc.get("authProvider"):
            yield "AuthProvider", nc["authProvider"], who
        for p in nc.get("namedCredentialParameters") or []:
            if p.get("externalCredential"):
                yield "ExternalCredential", p["externalCredential"], who
    for ec in org.list_components("ExternalCredential"):
        for p in ec.get("externalCredentialParameters") or []:
            if p.get("authProvider"):
                yield "AuthProvider", p["authProvider"], f"ExternalCredential {ec['fullName']}"
    for mtype in ("ExtlClntAppOauthSettings", "ExtlClntAppGlobalOauthSettings", "ExtlClntAppOauthConfigurablePolicies", "ExtlClntAppConfigurablePolicies"):
        for child in org.list_components(mtype):
            if child.get("externalClientApplication"):
                yield "ExternalClientApplication", child["externalClientApplication"], f"{mtype} {child['fullName']}"
