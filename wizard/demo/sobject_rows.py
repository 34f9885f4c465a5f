"""The rows of every sObject, wherever they live: records, component views, or computed.

SOQL, ``sobjects/<Name>/<Id>`` and the composite resources all read through here, so every read
path sees the same org. Rows come back with every catalogue field present (unset booleans false,
other unset fields null, write-only fields null), in canonical field names.
"""

from __future__ import annotations

import copy
from typing import Any

from wizard.demo.rest_context import RestContext
from wizard.demo.setup_views import view_for
from wizard.demo.sobject_catalogue import lookup, permission_names
from wizard.demo.sobjects import SObjectType
from wizard.demo.state import Record, new_id

PLACEHOLDER_ID = "000000000000000AAA"


def rows(ctx: RestContext, obj: SObjectType) -> list[Record]:
    """Every row of one object as the caller may see it, completed with defaults."""
    view = view_for(ctx.api, obj.name)
    if view is not None:
        raw = view.rows(ctx)
    else:
        source = _SPECIAL.get(obj.name)
        raw = source(ctx) if source else ctx.org.rows(obj.name)
    fields = obj.all_fields(ctx.org)
    return [_complete(r, fields) for r in raw]


def _complete(raw: Record, fields: list[Any]) -> Record:
    out: Record = {}
    lower = {k.lower(): v for k, v in raw.items()}
    for f in fields:
        value = None if f.write_only else lower.get(f.name.lower())
        if value is None and f.default is not None and not f.write_only:
            value = copy.deepcopy(f.default)
        out[f.name] = value
    return out


def find_row(ctx: RestContext, obj: SObjectType, record_id: str) -> Record | None:
    """One row by id (15- or 18-character), or None. Direct lookups first: writes check every
    lookup field of every record, so this must not scan the object for the common 18-character id."""
    if not looks_like_id(record_id):
        return None
    if len(record_id) == 18:
        direct = _direct(ctx, obj, record_id)
        if direct is not None:
            return _complete(direct, obj.all_fields(ctx.org)) if direct else None
    key = record_id[:15]
    return next((r for r in rows(ctx, obj) if str(r.get("Id") or "")[:15] == key), None)


def _direct(ctx: RestContext, obj: SObjectType, record_id: str) -> Record | None:
    """The raw row for an 18-character id without scanning: {} when surely absent, None when unknown."""
    view = view_for(ctx.api, obj.name)
    if view is not None:
        if view.sobject == "SiteDetail":
            return None
        found = ctx.org.component_by_id(record_id)
        return view.project(ctx, found[1]) if found and found[0] == view.mtype else {}
    if obj.name == "User":
        user = ctx.org.get("User", record_id)
        return _users_from([user])[0] if user else {}
    if obj.name in _SPECIAL:
        return None
    return ctx.org.get(obj.name, record_id) or {}


def looks_like_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) in (15, 18) and value.isalnum()


# -- computed sources ------------------------------------------------------------------------------
def _organization(ctx: RestContext) -> list[Record]:
    org = ctx.org
    with org.lock:
        if not org.organization.get("Id"):
            org.organization["Id"] = new_id("Organization")
        return [copy.deepcopy(org.organization)]


def _users(ctx: RestContext) -> list[Record]:
    return _users_from(ctx.org.rows("User"))


def _users_from(users: list[Record]) -> list[Record]:
    out = []
    for user in users:
        if not user.get("Name"):
            user["Name"] = " ".join(p for p in (user.get("FirstName"), user.get("LastName")) if p)
        out.append({k: v for k, v in user.items() if not k.startswith("_")})
    return out


def _user_permission_access(ctx: RestContext) -> list[Record]:
    """One row: the permissions of the session's user, through profile and permission sets."""
    held = ctx.org.user_permissions(ctx.user_id)
    row: Record = {"Id": PLACEHOLDER_ID}
    row.update({"Permissions" + n: n in held for n in permission_names(ctx.org)})
    return [row]


def _subscriber_packages(ctx: RestContext) -> list[Record]:
    """SubscriberPackage rows, plus any package given inline on an installed-package record."""
    found = {r["Id"]: r for r in ctx.org.rows("SubscriberPackage")}
    for installed in _installed_packages_raw(ctx):
        inline = installed.get("_package")
        if inline:
            found.setdefault(inline["Id"], inline)
    return list(found.values())


def _installed_packages_raw(ctx: RestContext) -> list[Record]:
    out = []
    for rec in ctx.org.rows("InstalledSubscriberPackage"):
        inline = rec.pop("SubscriberPackage", None)
        if isinstance(inline, dict):
            package = dict(inline)
            package.setdefault("Id", rec.get("SubscriberPackageId") or "033" + rec["Id"][3:])
            rec["SubscriberPackageId"] = package["Id"]
            rec["_package"] = package
        out.append(rec)
    return out


def _installed_packages(ctx: RestContext) -> list[Record]:
    return [{k: v for k, v in r.items() if k != "_package"} for r in _installed_packages_raw(ctx)]


def _setup_entity_access(ctx: RestContext) -> list[Record]:
    """SetupEntityAccess rows with SetupEntityType named after the entity's object."""
    out = []
    for rec in ctx.org.rows("SetupEntityAccess"):
        if not rec.get("SetupEntityType"):
            for target in ("ConnectedApplication", "ApexPage"):
                obj = lookup("data", target)
                if obj and find_row(ctx.for_api("data"), obj, rec.get("SetupEntityId", "")):
                    rec["SetupEntityType"] = target
                    break
        out.append(rec)
    return out


_SPECIAL = {
    "Organization": _organization,
    "User": _users,
    "UserPermissionAccess": _user_permission_access,
    "SubscriberPackage": _subscriber_packages,
    "InstalledSubscriberPackage": _installed_packages,
    "SetupEntityAccess": _setup_entity_access,
}
