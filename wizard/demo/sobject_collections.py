"""sObject Collections: ``composite/sobjects`` create, update, delete and retrieve of up to 200 records.

Each record gets its own SaveResult (``{"id", "success", "errors": [{"statusCode", "message",
"fields"}]}``) in the order sent; with ``allOrNone`` any failure rolls back every record, and the
records that would have succeeded say so (``ALL_OR_NONE_OPERATION_ROLLED_BACK``). As in Salesforce,
Setup objects (users, permission sets, assignments, auth providers...) may not share one call
with other objects (``MIXED_DML_OPERATION``).
"""

from __future__ import annotations

from typing import Any

from wizard.demo import dml
from wizard.demo.api_error import ApiError, bad_request
from wizard.demo.rest_context import RestContext
from wizard.demo.sobject_rows import find_row, looks_like_id

MAX_RECORDS = 200
ROLLED_BACK = {
    "statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
    "message": "Record rolled back because not all records were valid and the request was using AllOrNone header",
    "fields": [],
}


def _too_many(count: int) -> ApiError:
    return bad_request(
        "EXCEEDED_ID_LIMIT",
        f"record limit reached. cannot submit more than {MAX_RECORDS} records into this call (got {count})",
    )


def save(ctx: RestContext, method: str, body: Any) -> list[dict[str, Any]]:
    """POST (create) or PATCH (update) ``composite/sobjects``."""
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise bad_request("JSON_PARSER_ERROR", "The request body needs a records array")
    records = body["records"]
    if len(records) > MAX_RECORDS:
        raise _too_many(len(records))
    all_or_none = body.get("allOrNone") is True
    return _each(ctx, records, all_or_none, lambda rec: _save_one(ctx, method, rec))


def delete(ctx: RestContext, params: dict[str, str]) -> list[dict[str, Any]]:
    """DELETE ``composite/sobjects?ids=...&allOrNone=...``."""
    ids = [i for i in (params.get("ids") or "").split(",") if i]
    if not ids:
        raise bad_request("MISSING_ARGUMENT", "The ids parameter must list the records to delete")
    if len(ids) > MAX_RECORDS:
        raise _too_many(len(ids))
    all_or_none = str(params.get("allOrNone", "false")).lower() == "true"
    return _each(ctx, ids, all_or_none, lambda rid: _delete_one(ctx, rid))


def retrieve(ctx: RestContext, sobject: str, params: dict[str, str]) -> list[dict[str, Any] | None]:
    """GET ``composite/sobjects/<Name>?ids=...&fields=...``: records in order, null for unknown ids."""
    obj = dml.sobject(ctx, sobject)
    ids = [i for i in (params.get("ids") or "").split(",") if i]
    if not ids or not params.get("fields"):
        raise bad_request("MISSING_ARGUMENT", "Both ids and fields parameters are required")
    if len(ids) > 2000:
        raise _too_many(len(ids))
    out: list[dict[str, Any] | None] = []
    for rid in ids:
        row = find_row(ctx, obj, rid)
        out.append(dml.shape(ctx, obj, row, params["fields"]) if row else None)
    return out


def _each(ctx: RestContext, items: list[Any], all_or_none: bool, one: Any) -> list[dict[str, Any]]:
    with ctx.org.lock:
        saved = dml.snapshot(ctx.org) if all_or_none else None
        results: list[dict[str, Any]] = []
        kinds: dict[bool, str] = {}
        for item in items:
            try:
                _check_mix(ctx, item, kinds)
                results.append({"id": one(item), "success": True, "errors": []})
            except ApiError as err:
                result: dict[str, Any] = {"success": False, "errors": [err.save_error()]}
                if isinstance(item, str):
                    result = {"id": item, **result}
                elif isinstance(item, dict) and (item.get("Id") or item.get("id")):
                    result = {"id": item.get("Id") or item.get("id"), **result}
                results.append(result)
        if saved is not None and not all(r["success"] for r in results):
            dml.restore(ctx.org, saved)
            results = [
                {"id": r.get("id"), "success": False, "errors": [dict(ROLLED_BACK)]} if r["success"] else r
                for r in results
            ]
    return results


def _check_mix(ctx: RestContext, item: Any, kinds: dict[bool, str]) -> None:
    """Setup and non-setup objects may not be written in one call."""
    name = _type_of(ctx, item)
    obj = ctx.sobject(name) if name else None
    if obj is None:
        return
    other = kinds.get(not obj.setup)
    if other:
        raise bad_request(
            "MIXED_DML_OPERATION",
            f"DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): {obj.name}, original object: {other}",
        )
    kinds.setdefault(obj.setup, obj.name)


def _type_of(ctx: RestContext, item: Any) -> str | None:
    if isinstance(item, dict):
        attrs = item.get("attributes")
        return attrs.get("type") if isinstance(attrs, dict) else None
    return locate(ctx, item) if isinstance(item, str) else None


def _save_one(ctx: RestContext, method: str, record: Any) -> str:
    name = _type_of(ctx, record)
    if not name:
        raise bad_request("INVALID_TYPE", "Each record needs attributes.type, e.g. {\"attributes\": {\"type\": \"Account\"}}")
    values = {k: v for k, v in record.items() if k not in ("attributes", "Id", "id")}
    if method == "POST":
        if record.get("Id") or record.get("id"):
            raise bad_request("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", ["Id"])
        return dml.create(ctx, name, values)
    record_id = record.get("Id") or record.get("id")
    if not record_id:
        raise bad_request("MISSING_ARGUMENT", "Id not specified in an update call", ["Id"])
    dml.update(ctx, name, str(record_id), values)
    row = find_row(ctx, dml.sobject(ctx, name), str(record_id))
    return str(row["Id"]) if row else str(record_id)


def _delete_one(ctx: RestContext, record_id: str) -> str:
    if not looks_like_id(record_id):
        raise bad_request("MALFORMED_ID", f"malformed id {record_id}")
    name = locate(ctx, record_id)
    if name is None:
        raise bad_request("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")
    full = find_row(ctx, dml.sobject(ctx, name), record_id)
    dml.delete(ctx, name, record_id)
    return str(full["Id"]) if full else record_id


def locate(ctx: RestContext, record_id: str) -> str | None:
    """The object a record id belongs to (by key prefix, then by looking it up)."""
    if not looks_like_id(record_id):
        return None
    known = ctx.sobjects()
    candidates = [o for o in known if o.prefix == record_id[:3]] or [o for o in known if not o.prefix]
    for obj in candidates:
        if find_row(ctx, obj, record_id) is not None:
            return obj.name
    return None
