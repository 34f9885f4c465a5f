"""The resources under ``/services/data/vXX.X/`` and their Tooling twins, one function per path.

`call` serves one resource for an authenticated caller and never raises: refusals come back as
(status, Salesforce error body). The HTTP front door (`wizard.demo.rest_api`) and the composite
resources both use it, so a subrequest inside ``composite`` behaves exactly like the same request
sent alone.
"""

from __future__ import annotations

from typing import Any

from wizard.demo import api_usage, dml, rest_query, sobject_collections
from wizard.demo.api_error import ApiError, bad_request, not_found
from wizard.demo.composite import run_batch, run_composite
from wizard.demo.rest_context import RestContext

Result = tuple[int, Any, dict[str, str]]
_READS = ("GET", "HEAD")


def call(ctx: RestContext, method: str, path: str, params: dict[str, str], body: Any, headers: dict[str, str] | None = None) -> Result:
    """Serve `method` on `path` (relative to ``/services/data/vXX.X/``); refusals as error bodies."""
    parts = [p for p in path.strip("/").split("/") if p]
    ctx = ctx.for_api("data")
    if parts[:1] == ["tooling"]:
        ctx, parts = ctx.for_api("tooling"), parts[1:]
    try:
        return _route(ctx, method.upper(), parts, params, body, headers or {})
    except ApiError as err:
        return err.status, err.body(), {}


def _route(ctx: RestContext, method: str, parts: list[str], params: dict[str, str], body: Any, headers: dict[str, str]) -> Result:
    head = parts[0] if parts else ""
    if not parts:
        _allow(method, _READS)
        return 200, resources(ctx), {}
    if head == "limits" and ctx.api == "data" and len(parts) == 1:
        _allow(method, _READS)
        return 200, api_usage.limits(ctx.org), {}
    if head in ("query", "queryAll") and len(parts) <= 2:
        _allow(method, _READS)
        if len(parts) == 2:
            return 200, rest_query.query_more(ctx, parts[1], head), {}
        return 200, rest_query.query(ctx, params.get("q"), headers, head), {}
    if head == "sobjects":
        return _sobjects(ctx, method, parts[1:], params, body)
    if head == "composite":
        return _composite(ctx, method, parts[1:], params, body)
    raise not_found()


def _allow(method: str, allowed: tuple[str, ...]) -> None:
    if method not in allowed:
        raise ApiError(405, "METHOD_NOT_ALLOWED", f"HTTP Method '{method}' not allowed. Allowed are {','.join(allowed)}")


def resources(ctx: RestContext) -> dict[str, str]:
    """The version's resource directory (``GET /services/data/vXX.X/``)."""
    root = ctx.root.rstrip("/")
    names = ["sobjects", "query", "queryAll", "composite"] + (["limits", "tooling"] if ctx.api == "data" else [])
    return {name: f"{root}/{name}" for name in names}


def _sobjects(ctx: RestContext, method: str, rest: list[str], params: dict[str, str], body: Any) -> Result:
    if not rest:
        _allow(method, _READS)
        return 200, global_describe(ctx), {}
    obj = dml.sobject(ctx, rest[0])
    can_write = ctx.can(*obj.write_permissions)
    if len(rest) == 1:
        _allow(method, ("GET", "HEAD", "POST"))
        if method == "POST":
            record_id = dml.create(ctx, obj.name, body)
            return 201, {"id": record_id, "success": True, "errors": []}, {"Location": ctx.record_url(obj.name, record_id)}
        return 200, {"objectDescribe": obj.describe_global(ctx.root, can_write), "recentItems": []}, {}
    if len(rest) == 2 and rest[1] == "describe":
        _allow(method, _READS)
        return 200, obj.describe(ctx.org, ctx.root, can_write), {}
    if len(rest) == 2:
        _allow(method, ("GET", "HEAD", "PATCH", "DELETE"))
        if method == "PATCH":
            dml.update(ctx, obj.name, rest[1], body)
            return 204, None, {}
        if method == "DELETE":
            dml.delete(ctx, obj.name, rest[1])
            return 204, None, {}
        return 200, dml.read(ctx, obj.name, rest[1], params.get("fields")), {}
    if len(rest) == 3:
        return _by_external_id(ctx, method, obj.name, rest[1], rest[2], body)
    raise not_found()


def _by_external_id(ctx: RestContext, method: str, name: str, field: str, value: str, body: Any) -> Result:
    """``sobjects/<Name>/<Field>/<Value>``: read or upsert by an id-lookup field."""
    _allow(method, ("GET", "HEAD", "PATCH"))
    obj, matches = dml.find_by(ctx, name, field, value)
    if len(matches) > 1:
        return 300, [ctx.record_url(obj.name, r["Id"]) for r in matches], {}
    if method != "PATCH":
        if not matches:
            raise not_found()
        return 200, dml.shape(ctx, obj, matches[0]), {}
    if not isinstance(body, dict):
        raise bad_request("JSON_PARSER_ERROR", "The request body must be a JSON object of field names and values")
    if matches:
        values = {k: v for k, v in body.items() if k.lower() != field.lower()}
        dml.update(ctx, obj.name, matches[0]["Id"], values)
        return 200, {"id": matches[0]["Id"], "success": True, "errors": [], "created": False}, {}
    canonical = obj.field_map(ctx.org)[field.lower()].name
    record_id = dml.create(ctx, obj.name, {**body, canonical: value})
    return 201, {"id": record_id, "success": True, "errors": [], "created": True}, {"Location": ctx.record_url(obj.name, record_id)}


def global_describe(ctx: RestContext) -> dict[str, Any]:
    return {
        "encoding": "UTF-8",
        "maxBatchSize": 200,
        "sobjects": [o.describe_global(ctx.root, ctx.can(*o.write_permissions)) for o in ctx.sobjects()],
    }


def _composite(ctx: RestContext, method: str, rest: list[str], params: dict[str, str], body: Any) -> Result:
    if not rest:
        if method in _READS:
            root = ctx.root + "composite"
            return 200, {"tree": f"{root}/tree", "batch": f"{root}/batch", "sobjects": f"{root}/sobjects"}, {}
        _allow(method, ("GET", "HEAD", "POST"))
        return 200, run_composite(ctx, body, _subrequest), {}
    if rest == ["batch"]:
        _allow(method, ("POST",))
        return 200, run_batch(ctx, body, _subrequest, lambda: api_usage.count_call(ctx.org)), {}
    if rest[0] == "sobjects" and len(rest) == 1:
        _allow(method, ("POST", "PATCH", "DELETE"))
        if method == "DELETE":
            return 200, sobject_collections.delete(ctx, params), {}
        return 200, sobject_collections.save(ctx, method, body), {}
    if rest[0] == "sobjects" and len(rest) == 2:
        _allow(method, _READS)
        return 200, sobject_collections.retrieve(ctx, rest[1], params), {}
    raise not_found()


def _subrequest(ctx: RestContext, method: str, path: str, params: dict[str, str], body: Any) -> Result:
    """A composite or batch subrequest: the same resource, without the front door's counting."""
    return call(ctx, method, path, params, body)
