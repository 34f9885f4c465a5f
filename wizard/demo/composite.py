"""The composite resources: ``composite``, ``composite/batch`` (data and Tooling).

``composite`` runs up to 25 dependent subrequests (at most 5 of them queries or collections) as one
API call; later subrequests use earlier results through ``@{ref.field}`` and
``@{ref.records[0].Id}``; with ``allOrNone`` one failure rolls the whole request back. The top level
answers 200 whatever happened: each subrequest carries its own ``httpStatusCode``. ``composite/batch``
runs up to 25 independent subrequests; with ``haltOnError`` the ones after a failure get 412
``BATCH_PROCESSING_HALTED``. sObject Collections live in `wizard.demo.collections`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from wizard.demo.api_error import ApiError, bad_request
from wizard.demo.dml import restore, snapshot
from wizard.demo.rest_context import RestContext

MAX_SUBREQUESTS = 25
MAX_QUERIES = 5
ROLLED_BACK = "The transaction was rolled back since another operation in the same transaction failed."
_REF_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_REFERENCE = re.compile(r"@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}")
_VERSIONED = re.compile(r"^/?(?:services/data/)?v(\d+\.\d)/(.*)$")

#: call(ctx, method, resource path after the version, query params, JSON body) -> (status, body, headers)
Caller = Callable[[RestContext, str, str, dict[str, str], Any], tuple[int, Any, dict[str, str]]]


class _Unresolved(Exception):
    pass


def _split(url: Any, ctx: RestContext) -> tuple[RestContext, str, dict[str, str]]:
    """A subrequest URL -> (context at its version, path after the version, query params)."""
    if not isinstance(url, str):
        raise bad_request("INVALID_API_INPUT", "Each subrequest needs a url such as /services/data/v66.0/sobjects/Account")
    parts = urlsplit(url)
    match = _VERSIONED.match(parts.path)
    if not match:
        raise bad_request("INVALID_API_INPUT", f"The subrequest url {url} must start with /services/data/vXX.X/")
    params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return RestContext(ctx.org, ctx.session, ctx.api, match.group(1), ctx.base_url), match.group(2), params


def _resource(path: str, ctx: RestContext) -> str:
    """The resource a subrequest path names, without the Tooling prefix ('sobjects', 'query', ...)."""
    path = path.strip("/")
    if ctx.api == "tooling":
        if not path.startswith("tooling/"):
            return ""
        path = path[len("tooling/") :]
    elif path.startswith("tooling/"):
        return ""
    if path.startswith("composite/sobjects"):
        return "composite/sobjects"
    return path.split("/", 1)[0]


def _lookup(results: dict[str, Any], ref: str, trail: str) -> Any:
    if ref not in results:
        raise _Unresolved(ref + trail)
    value = results[ref]
    for name, index in re.findall(r"\.([A-Za-z0-9_]+)|\[(\d+)\]", trail):
        if index:
            if not isinstance(value, list) or int(index) >= len(value):
                raise _Unresolved(ref + trail)
            value = value[int(index)]
        else:
            if not isinstance(value, dict):
                raise _Unresolved(ref + trail)
            key = name if name in value else next((k for k in value if k.lower() == name.lower()), None)
            if key is None:
                raise _Unresolved(ref + trail)
            value = value[key]
    return value


def resolve(value: Any, results: dict[str, Any]) -> Any:
    """Replace ``@{ref.path}`` references in a body or URL by the earlier results they name."""
    if isinstance(value, dict):
        return {k: resolve(v, results) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, results) for v in value]
    if not isinstance(value, str) or "@{" not in value:
        return value
    whole = _REFERENCE.fullmatch(value)
    if whole:
        return _lookup(results, whole.group(1), whole.group(2))
    return _REFERENCE.sub(lambda m: str(_lookup(results, m.group(1), m.group(2))), value)


def _halted(message: str) -> dict[str, Any]:
    return {"body": [{"errorCode": "PROCESSING_HALTED", "message": message}], "httpHeaders": {}, "httpStatusCode": 400}


def run_composite(ctx: RestContext, body: Any, call: Caller) -> dict[str, Any]:
    """``POST composite``: dependent subrequests, optionally all or none."""
    if not isinstance(body, dict) or not isinstance(body.get("compositeRequest"), list):
        raise bad_request("JSON_PARSER_ERROR", "The request body needs a compositeRequest array")
    subs = body["compositeRequest"]
    if not subs or len(subs) > MAX_SUBREQUESTS:
        raise bad_request("INVALID_API_INPUT", f"A composite request holds 1 to {MAX_SUBREQUESTS} subrequests; this one has {len(subs)}")
    seen: set[str] = set()
    queries = 0
    for sub in subs:
        ref = sub.get("referenceId") if isinstance(sub, dict) else None
        if not isinstance(ref, str) or not _REF_ID.match(ref) or ref in seen:
            raise bad_request("INVALID_API_INPUT", f"Each subrequest needs a unique referenceId that starts with a letter and holds only letters, digits and underscores; found {ref!r}")
        seen.add(ref)
        if not isinstance(sub.get("method"), str):
            raise bad_request("INVALID_API_INPUT", f"Subrequest {ref} needs an HTTP method")
        sub_ctx, path, _ = _split(sub.get("url"), ctx)
        kind = _resource(path, sub_ctx)
        if kind not in ("sobjects", "query", "queryAll", "composite/sobjects"):
            raise bad_request("INVALID_API_INPUT", f"Subrequest {ref}: a composite request may hold sobjects, query, queryAll and composite/sobjects requests only, not {sub.get('url')}")
        queries += kind != "sobjects"
    if queries > MAX_QUERIES:
        raise bad_request("INVALID_API_INPUT", f"A composite request may hold at most {MAX_QUERIES} query or collection subrequests; this one has {queries}")
    all_or_none = body.get("allOrNone") is True
    with ctx.org.lock:
        saved = snapshot(ctx.org) if all_or_none else None
        responses, failed = _run_each(ctx, subs, call, all_or_none)
        if failed and saved is not None:
            restore(ctx.org, saved)
            responses = [r if r["httpStatusCode"] >= 400 else _halted(ROLLED_BACK) | {"referenceId": r["referenceId"]} for r in responses]
    return {"compositeResponse": responses}


def _run_each(ctx: RestContext, subs: list[dict[str, Any]], call: Caller, all_or_none: bool) -> tuple[list[dict[str, Any]], bool]:
    results: dict[str, Any] = {}
    responses: list[dict[str, Any]] = []
    failed = False
    for sub in subs:
        ref = sub["referenceId"]
        if failed and all_or_none:
            responses.append(_halted(ROLLED_BACK) | {"referenceId": ref})
            continue
        try:
            sub_ctx, path, params = _split(resolve(sub["url"], results), ctx)
            sub_body = resolve(sub.get("body"), results)
        except _Unresolved as missing:
            responses.append(_halted(f"Invalid reference specified. No value for {missing} found in {str(missing).split('.')[0].split('[')[0]}. Provided referenceId ('{ref}') must refer to an earlier subrequest that succeeded.") | {"referenceId": ref})
            failed = True
            continue
        except ApiError as err:
            responses.append({"body": err.body(), "httpHeaders": {}, "httpStatusCode": err.status, "referenceId": ref})
            failed = True
            continue
        status, out, headers = call(sub_ctx, sub["method"].upper(), path, params, sub_body)
        responses.append({"body": out, "httpHeaders": headers, "httpStatusCode": status, "referenceId": ref})
        if status < 300:
            results[ref] = out
        else:
            failed = True
    return responses, failed


def run_batch(ctx: RestContext, body: Any, call: Caller, count_call: Callable[[], None]) -> dict[str, Any]:
    """``POST composite/batch``: independent subrequests, each counted as an API call."""
    if not isinstance(body, dict) or not isinstance(body.get("batchRequests"), list):
        raise bad_request("JSON_PARSER_ERROR", "The request body needs a batchRequests array")
    subs = body["batchRequests"]
    if not subs or len(subs) > MAX_SUBREQUESTS:
        raise bad_request("INVALID_API_INPUT", f"A batch request holds 1 to {MAX_SUBREQUESTS} subrequests; this one has {len(subs)}")
    halt = body.get("haltOnError") is True
    results: list[dict[str, Any]] = []
    halted = has_errors = False
    for sub in subs:
        if halted:
            results.append({"statusCode": 412, "result": [{"errorCode": "BATCH_PROCESSING_HALTED", "message": "Batch processing halted per request"}]})
            continue
        try:
            if not isinstance(sub, dict) or not isinstance(sub.get("method"), str):
                raise bad_request("INVALID_API_INPUT", "Each batch subrequest needs a method and a url")
            sub_ctx, path, params = _split(sub.get("url"), ctx)
            if _resource(path, sub_ctx) in ("", "composite", "composite/sobjects"):
                raise bad_request("INVALID_API_INPUT", f"A batch request cannot hold {sub.get('url')}")
            count_call()
            status, out, _headers = call(sub_ctx, sub["method"].upper(), path, params, sub.get("richInput"))
        except ApiError as err:
            status, out = err.status, err.body()
        results.append({"statusCode": status, "result": out})
        if status >= 400:
            has_errors = True
            halted = halt
    return {"hasErrors": has_errors, "results": results}
