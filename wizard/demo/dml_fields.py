"""Checking the fields of a write the way Salesforce does before saving anything.

Unknown fields, read-only fields, wrong JSON types, bad picklist values, lookups to records that
do not exist and missing required fields each get Salesforce's errorCode and wording, so the
wizard's error mapping is exercised against realistic refusals.
"""

from __future__ import annotations

from typing import Any

from wizard.demo.api_error import ApiError, bad_request
from wizard.demo.rest_context import RestContext
from wizard.demo.sobject_catalogue import lookup
from wizard.demo.sobject_rows import find_row, looks_like_id
from wizard.demo.sobjects import Field, SObjectType


def clean_values(ctx: RestContext, obj: SObjectType, values: Any, creating: bool) -> dict[str, Any]:
    """The write's values under canonical field names, checked and converted."""
    if not isinstance(values, dict):
        raise bad_request("JSON_PARSER_ERROR", "The request body must be a JSON object of field names and values")
    fields = obj.field_map(ctx.org)
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "attributes":
            continue
        field = fields.get(str(key).lower())
        if field is None:
            raise bad_request("INVALID_FIELD", f"No such column '{key}' on sobject of type {obj.name}", [str(key)])
        if field.name == "Id":
            if creating:
                raise bad_request("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", ["Id"])
            continue
        if not (field.create if creating else field.update):
            raise bad_request(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                f"Unable to create/update fields: {field.name}. Please check the security settings of this "
                "field and verify that it is read/write for your profile or permission set.",
                [field.name],
            )
        out[field.name] = _convert(ctx, field, value)
    if creating:
        missing = [f.name for f in fields.values() if f.required and out.get(f.name) in (None, "")]
        if missing:
            raise bad_request("REQUIRED_FIELD_MISSING", f"Required fields are missing: [{', '.join(missing)}]", missing)
    else:
        emptied = [f.name for f in fields.values() if f.required and f.name in out and out[f.name] in (None, "")]
        if emptied:
            raise bad_request("REQUIRED_FIELD_MISSING", f"Required fields are missing: [{', '.join(emptied)}]", emptied)
    return out


def _convert(ctx: RestContext, field: Field, value: Any) -> Any:
    if value is None:
        return None
    kind = field.type
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise _json_error("boolean", value, field)
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            raise _json_error("int", value, field)
        return int(value)
    if kind == "double":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _json_error("double", value, field)
        return float(value)
    if kind == "complexvalue":
        if not isinstance(value, dict):
            raise _json_error("complexvalue", value, field)
        return value
    if isinstance(value, (dict, list)):
        raise _json_error("string", value, field)
    text = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    if field.picklist and text not in field.picklist:
        raise bad_request(
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            f"{field.label or field.name}: bad value for restricted picklist field: {text}",
            [field.name],
        )
    if kind == "reference":
        return _reference(ctx, field, text)
    return text


def _json_error(kind: str, value: Any, field: Field) -> ApiError:
    shown = "(a value that is not shown)" if field.write_only else str(value)[:40]  # secrets never echo
    return bad_request(
        "JSON_PARSER_ERROR",
        f"Cannot deserialize instance of {kind} from value {shown} or request may be missing a required field",
    )


def _reference(ctx: RestContext, field: Field, value: str) -> str:
    """A lookup must name an existing record of a target type; returns its 18-character id."""
    if not looks_like_id(value):
        raise bad_request("MALFORMED_ID", f"{field.name}: id value of incorrect type: {value}", [field.name])
    prefixes = []
    for target in field.reference_to:
        for api in dict.fromkeys((ctx.api, "data")):
            obj = lookup(api, target)
            if obj is None:
                continue
            prefixes.append(obj.prefix)
            row = find_row(ctx.for_api(api), obj, value)
            if row is not None:
                return str(row["Id"])
            break
    if any(p and value.startswith(p) for p in prefixes):
        raise bad_request("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [field.name])
    raise bad_request("FIELD_INTEGRITY_EXCEPTION", f"{field.name}: id value of incorrect type: {value}", [field.name])
