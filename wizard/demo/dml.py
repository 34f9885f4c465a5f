"""Creating, reading, updating and deleting sObject records, with Salesforce's refusals.

One path for every write, whatever resource it came through (``sobjects``, ``composite``,
``composite/batch``, ``composite/sobjects``, Tooling): the object must support the operation
(``INVALID_TYPE_FOR_OPERATION``), the session's user must hold the object's permissions (403
``INSUFFICIENT_ACCESS``), the fields must check out (`wizard.demo.dml_fields`), and the object's
rules must hold (`wizard.demo.dml_rules`). Component-backed objects are written through their view
into ``org.components``, so the Metadata API sees the change at once.
"""

from __future__ import annotations

import copy
from typing import Any

from wizard.demo import dml_rules, metadata_audit
from wizard.demo.api_error import ApiError, bad_request, not_found
from wizard.demo.dml_fields import clean_values
from wizard.demo.rest_context import RestContext
from wizard.demo.setup_views import view_for
from wizard.demo.sobject_rows import find_row, looks_like_id, rows
from wizard.demo.sobjects import SObjectType
from wizard.demo.state import OrgState

_VERBS = {"create": "insert", "update": "update", "delete": "delete"}


def sobject(ctx: RestContext, name: str) -> SObjectType:
    """The object named in a URL, or 404 NOT_FOUND as Salesforce answers for unknown objects."""
    obj = ctx.sobject(name)
    if obj is None:
        raise not_found()
    return obj


def check_write(ctx: RestContext, obj: SObjectType, operation: str) -> None:
    """The object supports the operation, and the user holds the permissions it needs."""
    allowed = {"create": obj.createable, "update": obj.updateable, "delete": obj.deletable}[operation]
    if not allowed:
        raise bad_request("INVALID_TYPE_FOR_OPERATION", f"entity type {obj.name} does not support {_VERBS[operation]}")
    missing = [p for p in obj.write_permissions if not ctx.can(p)]
    if missing:
        raise ApiError(
            403,
            "INSUFFICIENT_ACCESS",
            f"insufficient access rights: changing {obj.name} records needs the user permission(s) "
            f"{', '.join(missing)}",
        )


def create(ctx: RestContext, name: str, values: Any) -> str:
    """Insert one record; returns its id."""
    obj = sobject(ctx, name)
    check_write(ctx, obj, "create")
    view = view_for(ctx.api, obj.name)
    if view is not None and isinstance(values, dict):
        values = view.normalize(values)
    clean = clean_values(ctx, obj, values, creating=True)
    with ctx.org.lock:
        dml_rules.before_create(ctx, obj, clean, view.mtype if view else None)
        if view is not None:
            full_name, comp = view.apply(ctx, clean, None)
            record_id = ctx.org.put_component(view.mtype, full_name, comp)
            _touched(ctx, view.mtype, full_name)
        else:
            record_id = ctx.org.insert(obj.name, clean)
        dml_rules.after_write(ctx, obj, record_id, clean)
    return record_id


def update(ctx: RestContext, name: str, record_id: str, values: Any) -> None:
    """Change fields of one record (404 when it does not exist)."""
    obj = sobject(ctx, name)
    check_write(ctx, obj, "update")
    clean = clean_values(ctx, obj, values, creating=False)
    with ctx.org.lock:
        row = _existing(ctx, obj, record_id)
        view = view_for(ctx.api, obj.name)
        if view is not None:
            found = ctx.org.component_by_id(row["Id"])
            if found is None:
                raise not_found()
            full_name, comp = view.apply(ctx, clean, found[1])
            ctx.org.put_component(view.mtype, full_name, comp)
            _touched(ctx, view.mtype, full_name)
        else:
            ctx.org.update(obj.name, row["Id"], clean)
        dml_rules.after_write(ctx, obj, row["Id"], clean)


def delete(ctx: RestContext, name: str, record_id: str) -> None:
    """Delete one record (404 when it does not exist)."""
    obj = sobject(ctx, name)
    check_write(ctx, obj, "delete")
    with ctx.org.lock:
        row = _existing(ctx, obj, record_id)
        view = view_for(ctx.api, obj.name)
        if view is not None:
            found = ctx.org.component_by_id(row["Id"])
            if found is not None:
                ctx.org.delete_component(found[0], found[1]["fullName"])
                metadata_audit.forget(ctx.org, found[0], found[1]["fullName"])
        else:
            ctx.org.delete(obj.name, row["Id"])
        dml_rules.after_delete(ctx, obj, row)


def _touched(ctx: RestContext, mtype: str, full_name: str) -> None:
    """A component written through its record is changed for listMetadata too (who and when), as
    in Salesforce, where the record and the component are one thing."""
    if ctx.session is not None:
        metadata_audit.touch(ctx.org, ctx.session, mtype, full_name)


def _existing(ctx: RestContext, obj: SObjectType, record_id: str) -> dict[str, Any]:
    row = find_row(ctx, obj, record_id)
    if row is None:
        if not looks_like_id(record_id):
            raise not_found(f"Provided external ID field does not exist or is not accessible: {record_id}")
        raise not_found()  # the demo org keeps no recycle bin: a deleted id is simply not found
    return row


def read(ctx: RestContext, name: str, record_id: str, fields: str | None = None) -> dict[str, Any]:
    """One record as ``GET sobjects/<Name>/<Id>`` returns it (all fields, or those asked for)."""
    obj = sobject(ctx, name)
    row = _existing(ctx, obj, record_id)
    return shape(ctx, obj, row, fields)


def shape(ctx: RestContext, obj: SObjectType, row: dict[str, Any], fields: str | None = None) -> dict[str, Any]:
    """A row with ``attributes``, limited to the comma-separated `fields` when given."""
    out: dict[str, Any] = {"attributes": {"type": obj.name, "url": ctx.record_url(obj.name, row.get("Id"))}}
    if fields:
        known = obj.field_map(ctx.org)
        for name in (f.strip() for f in fields.split(",") if f.strip()):
            field = known.get(name.lower())
            if field is None:
                raise bad_request("INVALID_FIELD", f"No such column '{name}' on sobject of type {obj.name}", [name])
            out[field.name] = row.get(field.name)
        return out
    out.update(row)
    return out


def find_by(ctx: RestContext, name: str, field_name: str, value: str) -> tuple[SObjectType, list[dict[str, Any]]]:
    """Rows whose id-lookup field equals `value` (for ``sobjects/<Name>/<Field>/<Value>``)."""
    obj = sobject(ctx, name)
    field = obj.field_map(ctx.org).get(field_name.lower())
    if field is None or not field.id_lookup:
        raise not_found(f"Provided external ID field does not exist or is not accessible: {field_name}")
    wanted = value.lower()
    return obj, [r for r in rows(ctx, obj) if str(r.get(field.name) or "").lower() == wanted]


# -- all-or-none ------------------------------------------------------------------------------------
def snapshot(org: OrgState) -> tuple[Any, ...]:
    """Everything a write can change, to roll back an all-or-none request that failed."""
    with org.lock:
        return copy.deepcopy((org.organization, org.records, org.components, org.component_ids))


def restore(org: OrgState, saved: tuple[Any, ...]) -> None:
    with org.lock:
        org.organization, org.records, org.components, org.component_ids = copy.deepcopy(saved)
