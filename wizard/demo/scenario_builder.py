"""Build an `OrgState` from a validated `ScenarioSpec`, checking what refers to what.

The order mirrors how an org comes to be: organization, profiles, licences, metadata components
(permission sets among them; a new site gets its guest user), users with their assignments, then
plain records, whose ``{user:…}``-style references resolve against everything before them.
Problems (a user's unknown profile, a duplicate username, a reference to nothing) are collected
and raised together as one `ScenarioError`.
"""

from __future__ import annotations

import re
from typing import Any

from wizard.demo.scenario_errors import ScenarioError
from wizard.demo.scenario_model import (
    KNOWN_PERMISSIONS,
    PermissionSetSpec,
    ProfileSpec,
    ScenarioSpec,
)
from wizard.demo.state import OrgState, new_id

_REFERENCE = re.compile(r"^\{(user|profile|permission_set|component|site_guest|psl):(.+)\}$")

#: Profiles every org has; a scenario profile of the same name replaces the default.
STANDARD_PROFILES: tuple[ProfileSpec, ...] = (
    ProfileSpec(
        name="System Administrator",
        permissions={
            name: True
            for name in (
                "ApiEnabled", "ViewSetup", "ModifyAllData", "ViewAllData", "CustomizeApplication",
                "ManageUsers", "ManageInternalUsers", "ResetPasswords", "AssignPermissionSets",
                "ManageProfilesPermissionsets", "ManageAuthProviders", "ManageNamedCredentials",
                "ManageRemoteAccess", "CanApproveUninstalledApps", "AuthorApex", "ManageCallCenters",
            )
        },
    ),
    ProfileSpec(name="Standard User", permissions={"ApiEnabled": True}),
)


def build_org(spec: ScenarioSpec, source: str) -> OrgState:
    """The org a scenario describes (raises `ScenarioError` listing every broken reference)."""
    org = OrgState()
    org.source = source
    problems: list[str] = []
    _organization(org, spec)
    profile_ids = _profiles(org, spec)
    psl_ids = {p.name: org.insert("PermissionSetLicense", _psl_record(p)) for p in spec.permission_set_licenses}
    _permission_sets(org, spec, psl_ids, problems)
    for mtype, components in spec.metadata.items():
        for full_name, component in components.items():
            if mtype == "PermissionSet" and org.get_component(mtype, full_name) is not None:
                problems.append(f"metadata.PermissionSet.{full_name}: also listed under permission_sets; expected it once")
                continue
            org.put_component(mtype, full_name, _resolve(org, component, f"metadata.{mtype}.{full_name}", problems))
    _users(org, spec, profile_ids, psl_ids, problems)
    for sobject, rows in spec.records.items():
        for i, row in enumerate(rows):
            resolved = _resolve(org, row, f"records.{sobject}[{i}]", problems)
            if not isinstance(resolved, dict):
                continue
            org.insert(sobject, _inline_parents(org, sobject, resolved))
    _licence_counts(org)
    org.oauth_clients = {c.client_id: c.model_dump() for c in spec.oauth_clients}
    org.behaviours = spec.behaviours.model_dump()
    org.custom_fields = {"User": dict(spec.user_fields)} if spec.user_fields else {}
    org.fault_settings = spec.faults.model_dump(exclude_defaults=True)
    if spec.behaviours.high_assurance_required and "high_assurance" not in org.fault_settings:
        org.fault_settings["high_assurance"] = "writes"
    if problems:
        raise ScenarioError(source, problems)
    return org


def _organization(org: OrgState, spec: ScenarioSpec) -> None:
    o = spec.organization
    org.api_version = o.api_version
    org.organization = {
        "Id": o.id or new_id("Organization"),
        "Name": o.name,
        "OrganizationType": o.edition,
        "IsSandbox": o.sandbox,
        "InstanceName": o.instance_name,
        "NamespacePrefix": o.namespace_prefix,
        "LanguageLocaleKey": o.language,
        "TrialExpirationDate": o.trial_expiration,
        **o.fields,
    }
    if o.my_domain:
        org.organization.setdefault("MyDomainName", o.my_domain)
    org.id_is_fixed = o.id is not None
    org.my_domain_deployed = o.my_domain_deployed
    org.objects_not_enabled = frozenset(o.objects_not_enabled)


def _profiles(org: OrgState, spec: ScenarioSpec) -> dict[str, str]:
    given = {p.name: p for p in spec.profiles}
    ordered = [given.pop(p.name, p) for p in STANDARD_PROFILES] + list(given.values())
    ids = {}
    for profile in ordered:
        record: dict[str, Any] = {
            "Name": profile.name,
            "UserType": profile.user_type,
            "Description": profile.description,
        }
        record.update({f"Permissions{name}": bool(profile.permissions.get(name, False)) for name in KNOWN_PERMISSIONS})
        ids[profile.name] = org.insert("Profile", record)
    return ids


def _psl_record(psl: Any) -> dict[str, Any]:
    return {
        "DeveloperName": psl.name,
        "MasterLabel": psl.label,
        "TotalLicenses": psl.total,
        "UsedLicenses": 0,
        "Status": psl.status,
        "ExpirationDate": psl.expiration,
    }


def _permission_sets(org: OrgState, spec: ScenarioSpec, psl_ids: dict[str, str], problems: list[str]) -> None:
    seen: set[str] = set()
    for i, ps in enumerate(spec.permission_sets):
        if ps.name in seen:
            problems.append(f"permission_sets[{i}].name: {ps.name!r} is listed twice; expected unique API names")
            continue
        seen.add(ps.name)
        if ps.license and ps.license not in psl_ids and ps.license not in ("Salesforce", "Salesforce Platform"):
            problems.append(
                f"permission_sets[{i}].license: no licence named {ps.license!r}; expected one of "
                f"{', '.join(['Salesforce', 'Salesforce Platform', *psl_ids])}"
            )
        org.put_component("PermissionSet", ps.name, permission_set_component(ps))


def permission_set_component(ps: PermissionSetSpec) -> dict[str, Any]:
    """The PermissionSet metadata component (WSDL element names) a scenario entry stands for."""
    component: dict[str, Any] = {"label": ps.label, "hasActivationRequired": False}
    if ps.description:
        component["description"] = ps.description
    if ps.license:
        component["license"] = ps.license
    component["userPermissions"] = [{"enabled": True, "name": name} for name in sorted(set(ps.user_permissions))]
    for key, value in ps.metadata.items():
        component[key] = value
    return component


def _users(
    org: OrgState, spec: ScenarioSpec, profile_ids: dict[str, str], psl_ids: dict[str, str], problems: list[str]
) -> None:
    usernames: set[str] = set()
    defaults = [u.username for u in spec.users if u.default_login]
    if len(defaults) > 1:
        problems.append(f"users: default_login is true for {', '.join(defaults)}; expected exactly one default login user")
    for i, u in enumerate(spec.users):
        where = f"users[{i}]"
        if u.username.lower() in usernames:
            problems.append(f"{where}.username: {u.username!r} is listed twice; expected unique usernames")
            continue
        usernames.add(u.username.lower())
        profile_id = profile_ids.get(u.profile)
        if profile_id is None:
            problems.append(f"{where}.profile: no profile named {u.profile!r}; expected one of {', '.join(profile_ids)}")
            continue
        profile = org.get("Profile", profile_id) or {}
        name = " ".join(p for p in (u.first_name, u.last_name) if p)
        user_id = org.insert(
            "User",
            {
                "Username": u.username,
                "FirstName": u.first_name,
                "LastName": u.last_name,
                "Name": name,
                "Alias": u.alias or (name.replace(" ", "").lower()[:8] or "user"),
                "Email": u.email,
                "ProfileId": profile_id,
                "UserType": u.user_type or profile.get("UserType", "Standard"),
                "IsActive": u.active,
                "TimeZoneSidKey": "America/Los_Angeles",
                "LocaleSidKey": "en_US",
                "LanguageLocaleKey": "en_US",
                "EmailEncodingKey": "UTF-8",
                **u.fields,
            },
        )
        if u.password:
            org.passwords[u.username.lower()] = u.password
        for j, ps_name in enumerate(u.permission_sets):
            ps_id = org.component_id("PermissionSet", ps_name)
            if ps_id is None:
                known = ", ".join(c["fullName"] for c in org.list_components("PermissionSet"))
                problems.append(f"{where}.permission_sets[{j}]: no permission set named {ps_name!r}; expected one of {known}")
                continue
            org.insert("PermissionSetAssignment", {"AssigneeId": user_id, "PermissionSetId": ps_id, "IsActive": True})
        for j, psl_name in enumerate(u.permission_set_licenses):
            if psl_name not in psl_ids:
                problems.append(f"{where}.permission_set_licenses[{j}]: no licence named {psl_name!r}; expected one of {', '.join(psl_ids)}")
                continue
            org.insert("PermissionSetLicenseAssign", {"AssigneeId": user_id, "PermissionSetLicenseId": psl_ids[psl_name]})
    default = defaults[0] if defaults else next((u.username for u in spec.users if u.password and u.active), None)
    org.default_username = default


#: Records that may give their parent inline, the way a query returns it (``CronJobDetail: {Name: …}``
#: on a CronTrigger): object -> relationship -> (parent object, lookup field). A scheduled job's
#: detail belongs to that one job, so the scenario says both in one place; the parent is stored as
#: a record of its own, which every query, lookup and Setup page then finds.
INLINE_PARENTS: dict[str, dict[str, tuple[str, str]]] = {
    "CronTrigger": {"CronJobDetail": ("CronJobDetail", "CronJobDetailId")},
}


def _inline_parents(org: OrgState, sobject: str, record: dict[str, Any]) -> dict[str, Any]:
    for relationship, (parent, field) in INLINE_PARENTS.get(sobject, {}).items():
        if isinstance(record.get(relationship), dict):
            record[field] = org.insert(parent, record.pop(relationship))
    return record


def _licence_counts(org: OrgState) -> None:
    for psl in org.rows("PermissionSetLicense"):
        used = len(org.find("PermissionSetLicenseAssign", PermissionSetLicenseId=psl["Id"]))
        org.update("PermissionSetLicense", psl["Id"], {"UsedLicenses": used})


def _resolve(org: OrgState, value: Any, where: str, problems: list[str]) -> Any:
    """Replace ``{kind:name}`` reference strings by the ids they name."""
    if isinstance(value, dict):
        return {k: _resolve(org, v, f"{where}.{k}", problems) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(org, v, f"{where}[{i}]", problems) for i, v in enumerate(value)]
    if value == "{org_id}":
        return org.org_id
    if not isinstance(value, str):
        return value
    match = _REFERENCE.match(value)
    if not match:
        return value
    kind, name = match.groups()
    found = _lookup(org, kind, name)
    if found is None:
        problems.append(f"{where}: {value} names nothing in this scenario; expected an existing {kind.replace('_', ' ')} defined earlier in the file")
    return found


def _lookup(org: OrgState, kind: str, name: str) -> str | None:
    if kind == "user":
        user = org.user_by_username(name)
        return user["Id"] if user else None
    if kind == "profile":
        rows = org.find("Profile", Name=name)
        return rows[0]["Id"] if rows else None
    if kind == "permission_set":
        return org.component_id("PermissionSet", name)
    if kind == "component" and "/" in name:
        mtype, full_name = name.split("/", 1)
        return org.component_id(mtype, full_name)
    if kind == "site_guest":
        guest = org.site_guest_user(name)
        return guest["Id"] if guest else None
    if kind == "psl":
        rows = org.find("PermissionSetLicense", DeveloperName=name)
        return rows[0]["Id"] if rows else None
    return None
