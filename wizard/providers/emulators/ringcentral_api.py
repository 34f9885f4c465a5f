"""RingCentral's platform as the wizard uses it: OAuth endpoints and the account's extension list.

`RingCentralEmulator.handler(env)` serves one environment (sandbox or production) of a shared
state. ``GET /restapi/v1.0/account/~/extension`` needs a bearer token whose app holds
``ReadAccounts`` (else 403 CMN-401, as RingCentral answers) and pages with ``page`` / ``perPage``,
``paging`` and ``navigation`` as RingCentral documents. A bad or expired token answers 401.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.providers.emulators import ringcentral_oauth as oauth
from wizard.providers.emulators.ringcentral_state import RingCentralState
from wizard.providers.emulators.scenario import RingCentralSpec

EXTENSION_PATH = "/restapi/v1.0/account/~/extension"


def _api_error(status: int, code: str, message: str, **extra: object) -> DemoResponse:
    return DemoResponse.json({"errorCode": code, "message": message, "errors": [{"errorCode": code, "message": message, **extra}]}, status)


class RingCentralEmulator:
    """Both RingCentral platforms over one state (apps, users, codes, tokens)."""

    def __init__(self, spec: RingCentralSpec) -> None:
        self.state = RingCentralState(spec)

    def handler(self, env: str) -> Callable[[DemoRequest], DemoResponse]:
        return lambda request: self.handle(env, request)

    def handle(self, env: str, request: DemoRequest) -> DemoResponse:
        if not self.state.hit(env):
            return oauth.rate_limited()
        path, method = request.path.rstrip("/"), request.method
        if path == "/restapi/oauth/authorize" and method == "GET":
            return oauth.authorize(self.state, env, request)
        if path == "/restapi/oauth/login" and method == "POST":
            return oauth.login(self.state, env, request)
        if path == "/restapi/oauth/consent" and method == "POST":
            return oauth.consent(self.state, env, request)
        if path == "/restapi/oauth/token" and method == "POST":
            return oauth.token(self.state, env, request)
        if path == EXTENSION_PATH and method == "GET":
            return self._extensions(env, request)
        return _api_error(404, "CMN-120", "Invalid URI")

    def _extensions(self, env: str, request: DemoRequest) -> DemoResponse:
        header = request.headers.get("authorization", "")
        token = self.state.token(header.split(None, 1)[1]) if header.lower().startswith("bearer ") else None
        if token is None or token.env != env:
            return _api_error(401, "OAU-129", "Access token corrupted")
        if "ReadAccounts" not in token.scope:
            return _api_error(403, "CMN-401", "In order to call this API endpoint, application needs to have [ReadAccounts] permission",
                              permissionName="ReadAccounts")
        try:
            page = max(1, int(request.arg("page", "1") or 1))
            per_page = min(1000, max(1, int(request.arg("perPage", "100") or 100)))
        except ValueError:
            return _api_error(400, "CMN-101", "Parameter [page] value is invalid.", parameterName="page")
        wanted = request.arg("type")
        users = [u for u in self.state.users(env) if not wanted or u.type == wanted]
        chunk = users[(page - 1) * per_page : page * per_page]
        base = f"{request.base_url}{EXTENSION_PATH}"
        total_pages = max(1, -(-len(users) // per_page))
        navigation: dict[str, Any] = {"firstPage": {"uri": f"{base}?page=1&perPage={per_page}"},
                                      "lastPage": {"uri": f"{base}?page={total_pages}&perPage={per_page}"}}
        if page < total_pages:
            navigation["nextPage"] = {"uri": f"{base}?page={page + 1}&perPage={per_page}" + (f"&type={wanted}" if wanted else "")}
        if page > 1:
            navigation["previousPage"] = {"uri": f"{base}?page={page - 1}&perPage={per_page}"}
        records = [
            {"uri": f"{base}/{u.id}", "id": u.id, "extensionNumber": u.extension_number, "name": f"{u.first_name} {u.last_name}",
             "type": u.type, "status": u.status,
             "contact": {"firstName": u.first_name, "lastName": u.last_name, "email": u.email}}
            for u in chunk
        ]
        paging = {"page": page, "totalPages": total_pages, "perPage": per_page, "totalElements": len(users),
                  "pageStart": (page - 1) * per_page, "pageEnd": (page - 1) * per_page + max(0, len(chunk) - 1)}
        return DemoResponse.json({"uri": f"{base}?page={page}&perPage={per_page}", "records": records, "paging": paging,
                                  "navigation": navigation})
