"""Salesforce's token endpoints in pure Python: code exchange, refresh, revoke, userinfo.

simple-salesforce has no authorization-code flow and can't refresh a token it was handed, so
the wizard speaks to ``/services/oauth2/*`` itself, through the project's verified sessions
(`wizard.salesforce.http`). Failures become `TokenRequestFailed` with Salesforce's ``error``
code kept, so callers can tell "sign in again" (``invalid_grant``) from other trouble. Tokens
never appear in a message, and `TokenGrant` hides them from ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

from wizard.salesforce.auth.errors import TokenRequestFailed, Unreachable

TOKEN_PATH = "/services/oauth2/token"
REVOKE_PATH = "/services/oauth2/revoke"
USERINFO_PATH = "/services/oauth2/userinfo"
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class TokenGrant:
    """What the token endpoint returned. The tokens are kept out of ``repr`` and messages."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    instance_url: str
    identity_url: str
    org_id: str
    user_id: str
    scope: str = ""
    issued_at: str = ""

    @classmethod
    def from_response(cls, payload: dict[str, Any], previous: TokenGrant | None = None) -> TokenGrant:
        """Parse a token response; a refresh response may omit what the first grant had."""
        identity = str(payload.get("id") or (previous.identity_url if previous else ""))
        org_id, user_id = parse_identity_url(identity)
        return cls(
            access_token=str(payload["access_token"]),
            refresh_token=payload.get("refresh_token") or (previous.refresh_token if previous else None),
            instance_url=str(payload.get("instance_url") or (previous.instance_url if previous else "")).rstrip("/"),
            identity_url=identity,
            org_id=org_id,
            user_id=user_id,
            scope=str(payload.get("scope") or (previous.scope if previous else "")),
            issued_at=str(payload.get("issued_at") or ""),
        )


def parse_identity_url(url: str) -> tuple[str, str]:
    """(org id, user id) from ``https://login.salesforce.com/id/<orgId>/<userId>``."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if len(parts) >= 3 and parts[-3] == "id":
        return parts[-2], parts[-1]
    return "", ""


def _network_error(host: str, exc: requests.RequestException) -> Unreachable:
    if isinstance(exc, requests.exceptions.SSLError):
        return Unreachable(
            f"The certificate presented by {host} could not be verified.",
            f"A certificate for {host} issued by an authority this computer trusts.",
            "If your network inspects HTTPS traffic, add your company's root certificate to the "
            "system's trusted certificates; otherwise check the address and try again.",
        )
    if isinstance(exc, requests.Timeout):
        seen = f"{host} did not answer within {TIMEOUT_SECONDS} seconds."
    else:
        seen = f"Could not connect to {host}: {connection_failure(exc)}."
    return Unreachable(seen, f"An answer from {host}.", "Check your internet connection or proxy, then try again.")


def connection_failure(exc: requests.RequestException) -> str:
    """What went wrong with a connection, in words: requests' exception names (ConnectionError,
    ProxyError) are the library's vocabulary, and the admin needs to know where it broke."""
    text = str(exc).lower()
    if isinstance(exc, requests.exceptions.ProxyError) or "proxy" in text:
        return "the proxy refused or dropped the connection"
    if any(word in text for word in ("name or service not known", "nodename nor servname", "getaddrinfo",
                                     "name resolution", "no address associated", "failed to resolve")):
        return "the name could not be found (no such host, or no DNS on this network)"
    if "refused" in text:
        return "the connection was refused (nothing answers at that address)"
    if any(word in text for word in ("aborted", "reset", "disconnected", "broken pipe", "closed")):
        return "the connection was dropped before an answer arrived"
    if "unreachable" in text:
        return "the network is unreachable from this computer"
    return "the connection failed"


def _oauth_error(response: requests.Response) -> tuple[str, str]:
    try:
        payload = response.json()
    except ValueError:
        return f"http_{response.status_code}", f"the server answered HTTP {response.status_code} without an OAuth error body"
    if isinstance(payload, dict):
        return str(payload.get("error") or f"http_{response.status_code}"), str(payload.get("error_description") or "")
    if isinstance(payload, list) and payload and isinstance(payload[0], dict):  # REST-style error array
        return str(payload[0].get("errorCode") or f"http_{response.status_code}"), str(payload[0].get("message") or "")
    return f"http_{response.status_code}", ""


def post_token(session: requests.Session, login_url: str, form: dict[str, str], action: str) -> dict[str, Any]:
    """POST to the token endpoint; raises `TokenRequestFailed` (Salesforce said no) or `Unreachable`."""
    host = urlsplit(login_url).netloc
    try:
        response = session.post(login_url.rstrip("/") + TOKEN_PATH, data=form, timeout=TIMEOUT_SECONDS,
                                headers={"Accept": "application/json"})
    except requests.RequestException as exc:
        raise _network_error(host, exc) from None
    if response.status_code == 200:
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if isinstance(payload, dict) and payload.get("access_token"):
            return payload
        raise TokenRequestFailed(
            "invalid_response",
            f"{host} answered the {action} without an access token.",
            "A JSON token response from Salesforce's /services/oauth2/token.",
            "Check that the login address is a Salesforce login address, then sign in again.",
        )
    error, description = _oauth_error(response)
    raise TokenRequestFailed(error, *token_error_text(error, description, action, form.get("client_id", "")))


#: Answers of a login service that is down (maintenance, an outage), not refusing anything in particular.
UNAVAILABLE_ERRORS = ("http_502", "http_503", "http_504", "SERVER_UNAVAILABLE", "temporarily_unavailable")


def token_error_text(error: str, description: str, action: str, client_id: str) -> tuple[str, str, str]:
    """(seen, expected, todo) for an error from the token endpoint."""
    said = f"{error}: {description}" if description else error
    seen = f"Salesforce refused the {action} ({said})."
    if error in ("invalid_client_id", "invalid_client"):
        return (seen, f"A consumer key Salesforce knows ('{client_id}').",
                "Check the consumer key of your External Client App (Setup → External Client App "
                "Manager → your app → Settings → OAuth Settings), or sign in with the default client.")
    if error == "invalid_grant" and action == "refresh":
        return (seen, "A refresh token that is still valid.",
                "Sign in again; the saved sign-in was revoked or has expired.")
    if error in ("invalid_grant", "invalid_request"):
        return (seen, "A fresh sign-in code with the matching PKCE verifier.",
                "Start the sign-in again (codes are single-use and expire after a few minutes).")
    if error in UNAVAILABLE_ERRORS:
        return (seen, f"Salesforce's login service answering the {action}.",
                "Salesforce looks unavailable or down for maintenance: check status.salesforce.com for your "
                "instance and try again later. Nothing was changed, and the saved sign-in is kept.")
    if error in ("inactive_user", "inactive_org"):
        return (seen, "An active user in an active org.", "Ask your Salesforce administrator to check the user and org.")
    return (seen, f"A successful {action}.", "Try again; if it keeps failing, note the error above for your Salesforce administrator.")


def exchange_code(session: requests.Session, login_url: str, *, code: str, client_id: str,
                  redirect_uri: str, code_verifier: str) -> TokenGrant:
    """Exchange an authorization code for tokens (PKCE: the verifier proves it's our code)."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
    }
    return TokenGrant.from_response(post_token(session, login_url, form, "sign-in code exchange"))


def refresh(session: requests.Session, login_url: str, *, client_id: str, refresh_token: str,
            previous: TokenGrant | None = None) -> TokenGrant:
    """A new access token from a refresh token."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    payload = post_token(session, login_url, form, "refresh")
    if previous is None:
        payload.setdefault("refresh_token", refresh_token)
    return TokenGrant.from_response(payload, previous)


def revoke(session: requests.Session, login_url: str, token: str) -> bool:
    """Revoke a token at Salesforce (a refresh token takes its access tokens with it).

    True when revoked, False when Salesforce no longer knew the token (already revoked);
    raises `Unreachable` (a `SignInError`) when Salesforce could not be reached.
    """
    host = urlsplit(login_url).netloc
    try:
        response = session.post(login_url.rstrip("/") + REVOKE_PATH, data={"token": token}, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise _network_error(host, exc) from None
    if response.status_code == 200:
        return True
    error, description = _oauth_error(response)
    if error in ("invalid_token", "unsupported_token_type"):
        return False
    raise TokenRequestFailed(error, *token_error_text(error, description, "revoke", ""))


def userinfo(session: requests.Session, instance_url: str, access_token: str) -> dict[str, Any]:
    """The OpenID Connect userinfo of the signed-in user (user name, ``urls.custom_domain``)."""
    response = session.get(instance_url.rstrip("/") + USERINFO_PATH, timeout=TIMEOUT_SECONDS,
                           headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"})
    response.raise_for_status()
    payload = response.json()
    return payload if isinstance(payload, dict) else {}
