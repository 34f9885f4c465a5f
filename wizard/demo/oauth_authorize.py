"""``/services/oauth2/authorize``: login page, consent page and authorization codes (with PKCE).

The flow, as a person or a web view sees it:

1. ``GET /services/oauth2/authorize?response_type=code&client_id=…&redirect_uri=…`` checks the
   client and the redirect URI. An unknown client or an unregistered redirect URI gets an error
   *page*: the org never sends a browser to an address it cannot vouch for. Other problems are
   sent back to the redirect URI as ``error=…&error_description=…&state=…``.
2. Without a signed-in browser (or with ``prompt=login``) the login page asks for username and
   password; the browser gets the ``sid`` cookie.
3. A user who may not authorize the app (an uninstalled app without the "Approve Uninstalled
   Connected Apps" permission) is sent back with ``error=invalid_client``.
4. The consent page asks to Allow or Deny; Allow sends back ``code`` and ``state``.

Pending requests and codes are kept in `OrgState` under random handles; a code lives 15 minutes
and redeems once (see `oauth_tokens`).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from wizard.demo import browser, pages
from wizard.demo.oauth_clients import find_client, redirect_allowed, redirect_with
from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.demo.state import OrgState, Record

PENDING_SECONDS = 15 * 60
CODE_SECONDS = 15 * 60
LOGIN_ACTION = "/services/oauth2/authorize/login"
CONSENT_ACTION = "/services/oauth2/authorize/consent"


@dataclass
class PendingAuthorization:
    """An authorization request between the first GET and the user's Allow or Deny."""

    client_id: str
    redirect_uri: str
    state: str | None
    scopes: tuple[str, ...]
    code_challenge: str | None
    challenge_method: str
    user_id: str | None = None
    created: float = field(default_factory=time.time)


@dataclass
class AuthorizationCode:
    """A code the client redeems once at the token endpoint."""

    client_id: str
    redirect_uri: str
    user_id: str
    scopes: tuple[str, ...]
    code_challenge: str | None
    challenge_method: str
    created: float = field(default_factory=time.time)
    used: bool = False
    issued_tokens: list[str] = field(default_factory=list)


def start(org: OrgState, request: DemoRequest) -> DemoResponse:
    """GET /services/oauth2/authorize."""
    org_name = str(org.organization.get("Name", ""))
    client = find_client(org, request.arg("client_id"))
    if client is None:
        return _page_error(org, "invalid_client_id", "client identifier invalid")
    redirect_uri = request.arg("redirect_uri")
    if not redirect_allowed(client, redirect_uri):
        return _page_error(org, "redirect_uri_mismatch", "redirect_uri must match configuration")
    assert redirect_uri is not None
    state = request.arg("state")

    def back(error: str, description: str) -> DemoResponse:
        return redirect_with(redirect_uri, error=error, error_description=description, state=state)

    if request.arg("response_type") != "code":
        return back("unsupported_response_type", "response type not supported")
    requested = tuple((request.arg("scope") or "").split()) or tuple(client["scopes"])
    if any(scope not in client["scopes"] for scope in requested):
        return back("invalid_scope", "the requested scope is not allowed")
    challenge = request.arg("code_challenge") or None
    method = request.arg("code_challenge_method") or "S256"  # Salesforce assumes SHA-256
    if method not in ("S256", "plain"):
        return back("invalid_request", "unsupported code_challenge_method")
    if challenge is None and client["pkce_required"]:
        return back("invalid_request", "missing required code challenge")
    pending = PendingAuthorization(client["client_id"], redirect_uri, state, requested, challenge, method)
    handle = secrets.token_urlsafe(24)
    with org.lock:
        _forget_old(org)
        org.pending_authorizations[handle] = pending
    user = browser.current_user(org, request)
    if user is None or "login" in (request.arg("prompt") or "").split():
        hint = request.arg("login_hint") or ""
        html = pages.login_page(LOGIN_ACTION, {"req": handle}, org_name=org_name, username=hint, sandbox=_sandbox(org))
        return DemoResponse.html(html)
    pending.user_id = user["Id"]
    return _after_login(org, handle, pending, user)


def login(org: OrgState, request: DemoRequest) -> DemoResponse:
    """POST /services/oauth2/authorize/login: the login form."""
    form = request.form() if request.method == "POST" else {}
    handle = form.get("req", "")
    pending = _pending(org, handle)
    if pending is None:
        return _page_error(org, "invalid_request", "This sign-in request has expired. Start again from the app.")
    user = browser.check_password(org, form.get("username", ""), form.get("password", ""))
    if user is None:
        html = pages.login_page(
            LOGIN_ACTION,
            {"req": handle},
            org_name=str(org.organization.get("Name", "")),
            error="Check your username and password and try again.",
            username=form.get("username", ""),
            sandbox=_sandbox(org),
        )
        return DemoResponse.html(html)
    pending.user_id = user["Id"]
    session = browser.open_session(org, user["Id"])
    response = DemoResponse.redirect(f"{CONSENT_ACTION}?{urlencode({'req': handle})}", 303)
    return browser.with_cookie(response, session)


def consent(org: OrgState, request: DemoRequest) -> DemoResponse:
    """GET shows the consent page; POST records Allow or Deny and goes back to the app."""
    fields = request.form() if request.method == "POST" else {"req": request.arg("req") or ""}
    handle = fields.get("req", "")
    pending = _pending(org, handle)
    if pending is None:
        return _page_error(org, "invalid_request", "This sign-in request has expired. Start again from the app.")
    user = browser.current_user(org, request)
    if user is None or user["Id"] != pending.user_id:
        return _page_error(org, "access_denied", "Log in first: this browser is not signed in as the requesting user.")
    if request.method != "POST":
        return _after_login(org, handle, pending, user)
    with org.lock:
        org.pending_authorizations.pop(handle, None)
    if "allow" not in fields:
        return redirect_with(
            pending.redirect_uri, error="access_denied", error_description="end-user denied authorization", state=pending.state
        )
    blocked = _blocked(org, pending, user)
    if blocked is not None:
        return blocked
    code = "aPrx" + secrets.token_urlsafe(40)
    grant = AuthorizationCode(
        pending.client_id, pending.redirect_uri, user["Id"], pending.scopes, pending.code_challenge, pending.challenge_method
    )
    with org.lock:
        org.auth_codes[code] = grant
    return redirect_with(pending.redirect_uri, code=code, state=pending.state)


def _after_login(org: OrgState, handle: str, pending: PendingAuthorization, user: Record) -> DemoResponse:
    """The user is known: refuse an app they may not authorize, else ask for consent."""
    blocked = _blocked(org, pending, user)
    if blocked is not None:
        with org.lock:
            org.pending_authorizations.pop(handle, None)
        return blocked
    client = find_client(org, pending.client_id) or {"name": pending.client_id}
    html = pages.consent_page(
        CONSENT_ACTION,
        {"req": handle},
        org_name=str(org.organization.get("Name", "")),
        app_name=str(client["name"]),
        username=str(user.get("Username", "")),
        scopes=pending.scopes,
    )
    return DemoResponse.html(html)


def _blocked(org: OrgState, pending: PendingAuthorization, user: Record) -> DemoResponse | None:
    """Since September 2025 an uninstalled app needs a user who may approve uninstalled apps."""
    client = find_client(org, pending.client_id)
    if client is None or client["installed"] or org.has_permission(user["Id"], "CanApproveUninstalledApps"):
        return None
    return redirect_with(
        pending.redirect_uri, error="invalid_client", error_description="app must be installed into org", state=pending.state
    )


def _pending(org: OrgState, handle: str) -> PendingAuthorization | None:
    with org.lock:
        pending = org.pending_authorizations.get(handle)
    if pending is None or time.time() - pending.created > PENDING_SECONDS:
        return None
    return pending


def _forget_old(org: OrgState) -> None:
    now = time.time()
    for key, pending in list(org.pending_authorizations.items()):
        if now - pending.created > PENDING_SECONDS:
            del org.pending_authorizations[key]
    for key, code in list(org.auth_codes.items()):
        if now - code.created > 2 * CODE_SECONDS:
            del org.auth_codes[key]


def _page_error(org: OrgState, code: str, description: str) -> DemoResponse:
    html = pages.error_page(
        "We can't authorize this app", f"error={code}: {description}", org_name=str(org.organization.get("Name", "")), code=code
    )
    return DemoResponse.html(html, 400)


def _sandbox(org: OrgState) -> bool:
    return bool(org.organization.get("IsSandbox"))
