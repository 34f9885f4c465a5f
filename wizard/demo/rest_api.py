"""The demo org's REST and Tooling APIs: everything under ``/services/data/``.

The front door does what Salesforce does before any resource runs: ``GET /services/data/`` lists
the API versions without a session; every other request needs a live session whose token carries
the ``api`` (or ``full``) scope (else 401 ``INVALID_SESSION_ID``, "Session expired or invalid"), a
user allowed to use the API (403 ``API_CURRENTLY_DISABLED``), a version the org speaks, and API
calls left for the day (403 ``REQUEST_LIMIT_EXCEEDED``). The resources themselves are in
`wizard.demo.rest_routes`; the org's data, seen through one catalogue of objects, in
`wizard.demo.sobject_catalogue`, `wizard.demo.sobject_rows` and the component views.
"""

from __future__ import annotations

import json
import re
from typing import Any

from wizard.demo import api_usage
from wizard.demo.protocol import DemoRequest, DemoResponse, rest_error
from wizard.demo.rest_context import RestContext
from wizard.demo.rest_routes import call
from wizard.demo.state import OrgState

OLDEST_VERSION = 31
_VERSION = re.compile(r"^v(\d{2})\.0$")
_SEASONS = ("Summer", "Winter", "Spring")  # 31.0 was Summer '14; three releases a year since


def release_label(major: int) -> str:
    """The release name of an API version, e.g. 59 -> "Winter '24", 66 -> "Spring '26"."""
    step = major - OLDEST_VERSION
    season = _SEASONS[step % 3]
    year = 14 + (step + 2) // 3
    return f"{season} '{year:02d}"


def newest_version(org: OrgState) -> int:
    text = str(getattr(org, "api_version", "") or "66.0")
    return int(float(text)) if re.fullmatch(r"\d{2}(\.0)?", text) else 66


def versions(org: OrgState) -> list[dict[str, str]]:
    """``GET /services/data/``: every version from 31.0 to the org's newest."""
    return [
        {"label": release_label(v), "url": f"/services/data/v{v}.0", "version": f"{v}.0"}
        for v in range(OLDEST_VERSION, newest_version(org) + 1)
    ]


def handle(org: OrgState, request: DemoRequest) -> DemoResponse:
    """Serve one request under ``/services/data/``."""
    parts = [p for p in request.path.split("/") if p][2:]  # after "services", "data"
    if not parts:
        if request.method not in ("GET", "HEAD"):
            return rest_error(405, "METHOD_NOT_ALLOWED", f"HTTP Method '{request.method}' not allowed. Allowed are GET,HEAD")
        return DemoResponse.json(versions(org))
    version = _version(org, parts[0])
    if version is None:
        return rest_error(404, "NOT_FOUND", "The requested resource does not exist")
    refused = _refuse(org, request)
    if refused is not None:
        return refused
    api_usage.count_call(org)
    ctx = RestContext(org, request.session, "data", version, request.base_url)
    body, error = _body(request)
    if error is not None:
        return error
    params = {k: v[0] for k, v in request.query.items() if v}
    status, payload, headers = call(ctx, request.method, "/".join(parts[1:]), params, body, request.headers)
    headers = {**headers, "Sforce-Limit-Info": api_usage.limit_info(org)}
    if status == 204 or payload is None:
        response = DemoResponse.empty(status if status != 200 else 204)
        response.headers.update(headers)
        return response
    return DemoResponse.json(payload, status, headers)


def _version(org: OrgState, segment: str) -> str | None:
    if segment == "latest":
        return f"{newest_version(org)}.0"
    match = _VERSION.match(segment)
    if not match or not OLDEST_VERSION <= int(match.group(1)) <= newest_version(org):
        return None
    return f"{match.group(1)}.0"


def _refuse(org: OrgState, request: DemoRequest) -> DemoResponse | None:
    """The session checks Salesforce makes before serving any resource."""
    session = request.session
    user = org.get("User", session.user_id) if session else None
    if session is None or user is None or user.get("IsActive") is False:
        return rest_error(401, "INVALID_SESSION_ID", "Session expired or invalid")
    if not {"api", "full"} & {s.lower() for s in session.scopes}:
        return rest_error(401, "INVALID_SESSION_ID", "This session is not valid for use with the REST API")
    if not org.has_permission(session.user_id, "ApiEnabled"):
        return rest_error(403, "API_CURRENTLY_DISABLED", "API is disabled for this User")
    if api_usage.exhausted(org):
        return rest_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
    return None


def _body(request: DemoRequest) -> tuple[Any, DemoResponse | None]:
    if request.method not in ("POST", "PATCH", "PUT") or not request.body.strip():
        return None, None
    try:
        return json.loads(request.body.decode("utf-8")), None
    except (ValueError, UnicodeDecodeError) as exc:
        return None, rest_error(400, "JSON_PARSER_ERROR", f"The request body is not valid JSON: {exc}")
