"""The OAuth clients the demo org knows, and where it may send their users back to.

Clients come from the scenario (``oauth_clients``); the Salesforce CLI's public client
``PlatformCLI`` is always known, with its loopback callback on any port, as in every real org.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from wizard.demo.protocol import DemoResponse
from wizard.demo.state import OrgState

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

#: The Salesforce CLI's connected app (forcedotcom/sfdx-core ``DEFAULT_CONNECTED_APP_INFO``).
PLATFORM_CLI: dict[str, Any] = {
    "client_id": "PlatformCLI",
    "name": "Salesforce CLI",
    "callback_urls": ["http://localhost:1717/OauthRedirect"],
    "secret": None,
    "installed": True,
    "scopes": ["api", "web", "refresh_token", "offline_access", "openid", "id", "profile", "email", "full"],
    "loopback_any_port": True,
    "pkce_required": False,
    "rotate_refresh_tokens": False,
}


def clients(org: OrgState) -> dict[str, dict[str, Any]]:
    """Every OAuth client the org knows, by client id."""
    with org.lock:
        known = {k: dict(v) for k, v in org.oauth_clients.items()}
    known.setdefault(PLATFORM_CLI["client_id"], dict(PLATFORM_CLI))
    return known


def find_client(org: OrgState, client_id: str | None) -> dict[str, Any] | None:
    """One client by id, with defaults filled in, or None when the org has no such client."""
    if not client_id:
        return None
    client = clients(org).get(client_id)
    if client is None:
        return None
    client.setdefault("client_id", client_id)
    client.setdefault("name", client_id)
    client.setdefault("callback_urls", [])
    client.setdefault("secret", None)
    client.setdefault("installed", True)
    client.setdefault("scopes", ["api", "refresh_token", "web"])
    client.setdefault("loopback_any_port", False)
    client.setdefault("rotate_refresh_tokens", False)
    if client.get("pkce_required") is None:
        client["pkce_required"] = not client["secret"]
    return client


def is_loopback(url: str) -> bool:
    """Whether a URL points at this computer (http or https on localhost, 127.0.0.1 or ::1)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOOPBACK_HOSTS


def redirect_allowed(client: dict[str, Any], redirect_uri: str | None) -> bool:
    """Whether the org may send the browser (and a code) to this redirect URI.

    Only loopback URIs the client registered qualify; with ``loopback_any_port`` the port may
    differ (RFC 8252 section 7.3), as the Salesforce CLI relies on.
    """
    if not redirect_uri or not is_loopback(redirect_uri):
        return False
    wanted = urlsplit(redirect_uri)
    if wanted.fragment:
        return False
    for registered in client["callback_urls"]:
        if registered == redirect_uri:
            return True
        reg = urlsplit(registered)
        if (
            client["loopback_any_port"]
            and is_loopback(registered)
            and reg.scheme == wanted.scheme
            and reg.path == wanted.path
            and reg.query == wanted.query
        ):
            return True
    return False


def redirect_with(redirect_uri: str, **params: str | None) -> DemoResponse:
    """A 302 to the client's redirect URI with parameters appended to its query."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    joiner = "&" if urlsplit(redirect_uri).query else "?"
    return DemoResponse.redirect(f"{redirect_uri}{joiner}{query}")
