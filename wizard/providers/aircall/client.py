"""The two Aircall calls the wizard makes: ``GET /v1/ping`` and ``GET /v1/users`` (every page).

Both use HTTP basic authentication (API ID as user name, API token as password) over the
project's verified sessions. Users are fetched 50 per page (Aircall's maximum), following the
``meta.next_page_link`` Aircall returns, so a company with hundreds of users costs a few requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from wizard.providers.aircall.answers import PROVIDER, problem_for
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.problems import ProviderProblem, json_body, send

PING_PATH = "/v1/ping"
USERS_PATH = "/v1/users"
PER_PAGE = 50
MAX_PAGES = 200  # 10,000 users: far above any real company, a guard against a looping server


@dataclass(frozen=True)
class AircallUser:
    """One Aircall user as the wizard needs it: the id the Voice Connector receives, name, e-mail."""

    id: str
    name: str
    email: str


class AircallClient:
    """Aircall's public API for one API key."""

    def __init__(self, credentials: AircallCredentials, endpoints: ProviderEndpoints | None = None,
                 session: requests.Session | None = None) -> None:
        self.credentials = credentials
        self.endpoints = endpoints or ProviderEndpoints()
        self.session = session or self.endpoints.session()
        self.requests = 0

    def _get(self, url: str, params: dict[str, Any] | None = None) -> requests.Response:
        self.requests += 1
        response = send(self.session, "GET", url, PROVIDER, params=params, auth=self.credentials.basic_auth,
                        headers={"Accept": "application/json"})
        if response.status_code != 200:
            raise problem_for(response)
        return response

    def ping(self) -> None:
        """Succeeds when Aircall accepts the key; raises `ProviderProblem` saying why not."""
        response = self._get(self.endpoints.aircall + PING_PATH)
        body = json_body(response)
        if not (isinstance(body, dict) and body.get("ping") == "pong"):
            raise ProviderProblem(
                "answer",
                f"{self.endpoints.aircall} answered the ping, but not as Aircall does.",
                'Aircall\'s answer {"ping": "pong"}.',
                "Check that the address is Aircall's API (https://api.aircall.io).",
                status=response.status_code,
            )

    def users(self) -> list[AircallUser]:
        """Every user of the Aircall company."""
        found: list[AircallUser] = []
        url: str | None = self.endpoints.aircall + USERS_PATH
        params: dict[str, Any] | None = {"page": 1, "per_page": PER_PAGE}
        for _ in range(MAX_PAGES):
            if url is None:
                break
            body = json_body(self._get(url, params))
            if not isinstance(body, dict) or not isinstance(body.get("users"), list):
                raise ProviderProblem("answer", "Aircall's user list did not have the expected shape.",
                                      'A JSON object with "users" and "meta".', "Try again; report it if it persists.")
            found += [AircallUser(str(u.get("id")), str(u.get("name") or ""), str(u.get("email") or ""))
                      for u in body["users"] if isinstance(u, dict) and u.get("id") is not None]
            url, params = self._next_page(body.get("meta") or {}), None
        return found

    def _next_page(self, meta: dict[str, Any]) -> str | None:
        """The next page's URL, kept on the configured host (never sending the key elsewhere)."""
        link = meta.get("next_page_link")
        if not link:
            return None
        parts = urlsplit(str(link))
        base = urlsplit(self.endpoints.aircall)
        return f"{base.scheme}://{base.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
