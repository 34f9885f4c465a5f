"""The RingCentral account's users (extensions), fetched with the sign-in's access token.

``GET /restapi/v1.0/account/~/extension`` pages through the account's extensions (100 per page,
following ``navigation.nextPage``). Only user extensions matter for call mapping: the Voice
Connector receives the extension id of the user on the call. Reading them needs the app's
Read Accounts permission; without it RingCentral answers 403 (CMN-401) and the admin is told.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from wizard.providers.ringcentral.answers import PROVIDER, api_problem
from wizard.providers.ringcentral.signin import RingCentralGrant
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.problems import ProviderProblem, json_body, send

EXTENSIONS_PATH = "/restapi/v1.0/account/~/extension"
PER_PAGE = 100
MAX_PAGES = 100


@dataclass(frozen=True)
class RingCentralUser:
    """One user extension: the id the Voice Connector receives, its number, name and e-mail."""

    id: str
    extension_number: str
    name: str
    email: str


def list_users(grant: RingCentralGrant, endpoints: ProviderEndpoints | None = None,
               session: requests.Session | None = None) -> list[RingCentralUser]:
    """Every enabled user extension of the account the sign-in belongs to."""
    endpoints = endpoints or ProviderEndpoints()
    session = session or endpoints.session()
    base = endpoints.ringcentral(grant.environment)  # type: ignore[arg-type]
    url: str | None = base + EXTENSIONS_PATH
    params: dict[str, object] | None = {"type": "User", "perPage": PER_PAGE, "page": 1}
    found: list[RingCentralUser] = []
    for _ in range(MAX_PAGES):
        if url is None:
            break
        response = send(session, "GET", url, PROVIDER, params=params,
                        headers={"Authorization": f"Bearer {grant.access_token}", "Accept": "application/json"})
        if response.status_code != 200:
            raise api_problem(response)
        body = json_body(response)
        if not isinstance(body, dict) or not isinstance(body.get("records"), list):
            raise ProviderProblem("answer", "RingCentral's extension list did not have the expected shape.",
                                  'A JSON object with "records".', "Try again; report it if it persists.")
        for record in body["records"]:
            if not isinstance(record, dict) or record.get("type", "User") != "User" or record.get("status", "Enabled") != "Enabled":
                continue
            contact = record.get("contact") or {}
            name = " ".join(p for p in (contact.get("firstName"), contact.get("lastName")) if p) or str(record.get("name") or "")
            found.append(RingCentralUser(str(record.get("id")), str(record.get("extensionNumber") or ""), name, str(contact.get("email") or "")))
        url, params = _next_page(base, body), None
    return found


def _next_page(base: str, body: dict) -> str | None:
    """The next page's URL on the configured host (the token is never sent elsewhere)."""
    link = ((body.get("navigation") or {}).get("nextPage") or {}).get("uri")
    if not link:
        return None
    parts, home = urlsplit(str(link)), urlsplit(base)
    return f"{home.scheme}://{home.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
