"""RingCentral's OAuth endpoints: the authorize page (login, consent) and the token endpoint.

Error answers follow RingCentral's documented shape, ``{"error", "error_description", "errors":
[{"errorCode": "OAU-...", "message"}]}``: an unknown client is ``invalid_client`` / OAU-153, a
secret that does not match ``invalid_client`` / OAU-146, a grant type the app is not set up for
``unauthorized_client`` / OAU-251, a made-up or used code ``invalid_grant`` / OAU-106, a redirect
URI that differs from the registered one OAU-109 (none registered: OAU-113). The client is
authenticated before the code is looked at, which is what lets the wizard prove credentials
without a user. Successful tokens carry the app's permissions in ``scope``.
"""

from __future__ import annotations

import base64
import binascii
from html import escape
from urllib.parse import urlencode

from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.providers.emulators.ringcentral_state import (
    REFRESH_SECONDS,
    TOKEN_SECONDS,
    Pending,
    RingCentralState,
)
from wizard.providers.emulators.scenario import RingCentralAppSpec


def oauth_error(status: int, error: str, code: str, message: str, **extra: object) -> DemoResponse:
    item: dict[str, object] = {"errorCode": code, "message": message, **extra}
    return DemoResponse.json({"error": error, "errors": [item], "error_description": message}, status)


def rate_limited() -> DemoResponse:
    body = {"errorCode": "CMN-301", "message": "Request rate exceeded", "errors": [{"errorCode": "CMN-301", "message": "Request rate exceeded"}]}
    return DemoResponse.json(body, 429, {"Retry-After": "60"})


def _page(title: str, body: str) -> DemoResponse:
    return DemoResponse.html(f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
                             f"<body style='font-family:sans-serif'><h1>{escape(title)}</h1>{body}</body></html>")


def _login_form(handle: str, problem: str = "") -> DemoResponse:
    note = f"<p id='error' style='color:#b00'>{escape(problem)}</p>" if problem else ""
    return _page("Sign in to RingCentral (emulator)", f"""{note}
<form id='login-form' method='post' action='/restapi/oauth/login'>
<input type='hidden' name='handle' value='{escape(handle)}'>
<label>Email <input id='username' name='username' autocomplete='username'></label>
<label>Password <input id='password' name='password' type='password'></label>
<button id='signin' type='submit'>Sign In</button></form>""")


def _consent_form(handle: str, app: RingCentralAppSpec) -> DemoResponse:
    perms = "".join(f"<li>{escape(p)}</li>" for p in app.permissions)
    return _page("Authorize access", f"""<p>{escape(app.name)} asks for access to your RingCentral account:</p><ul>{perms}</ul>
<form id='consent-form' method='post' action='/restapi/oauth/consent'>
<input type='hidden' name='handle' value='{escape(handle)}'>
<button id='allow' name='decision' value='allow' type='submit'>Authorize</button>
<button id='deny' name='decision' value='deny' type='submit'>Cancel</button></form>""")


def _redirect(uri: str, params: dict[str, str | None]) -> DemoResponse:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return DemoResponse.redirect(f"{uri}{'&' if '?' in uri else '?'}{query}")


def authorize(state: RingCentralState, env: str, request: DemoRequest) -> DemoResponse:
    """GET /restapi/oauth/authorize: check client and redirect URI, then show the login page."""
    client_id = request.arg("client_id") or ""
    redirect_uri = request.arg("redirect_uri") or ""
    app = state.app(client_id, env)
    if app is None:
        return oauth_error(400, "invalid_client", "OAU-153", f"Invalid client: {client_id}",
                           parameters=[{"parameterName": "client_id", "parameterValue": client_id}])
    if request.arg("response_type") != "code":
        return oauth_error(400, "unsupported_response_type", "OAU-250", "Unsupported response type")
    if app.auth_flow != "authorization_code":
        return oauth_error(400, "unauthorized_client", "OAU-251", "Unauthorized for this grant type")
    registered = state.redirect_uris(app)
    if not registered:
        return oauth_error(400, "invalid_client", "OAU-113", "No redirect uri is registered for the client")
    if redirect_uri not in registered:
        return oauth_error(400, "invalid_request", "OAU-109", "Redirect URIs do not match")
    handle = state.begin(Pending(env, client_id, redirect_uri, request.arg("state")))
    return _login_form(handle)


def login(state: RingCentralState, env: str, request: DemoRequest) -> DemoResponse:
    """POST /restapi/oauth/login: the user's RingCentral e-mail and password."""
    form = request.form()
    handle = form.get("handle", "")
    with state.lock:
        pending = state.pending.get(handle)
    if pending is None or pending.env != env:
        return _page("Sign-in expired", "<p>Start the sign-in again from the app.</p>")
    user = state.user(form.get("username", ""), env)
    if user is None or not user.password or user.password != form.get("password"):
        return _login_form(handle, "The e-mail or password is not correct.")
    pending.user_id = user.id
    app = state.app(pending.client_id, env)
    assert app is not None
    return _consent_form(handle, app)


def consent(state: RingCentralState, env: str, request: DemoRequest) -> DemoResponse:
    """POST /restapi/oauth/consent: Authorize issues a code, Cancel an access_denied redirect."""
    form = request.form()
    handle = form.get("handle", "")
    with state.lock:
        pending = state.pending.get(handle)
    if pending is None or pending.env != env or pending.user_id is None:
        return _page("Sign-in expired", "<p>Start the sign-in again from the app.</p>")
    if form.get("decision") != "allow":
        with state.lock:
            state.pending.pop(handle, None)
        return _redirect(pending.redirect_uri, {"error": "access_denied", "error_description": "The user denied access", "state": pending.state})
    issued = state.issue_code(handle)
    assert issued is not None
    return _redirect(pending.redirect_uri, {"code": issued[1], "state": pending.state})


def _client(state: RingCentralState, env: str, request: DemoRequest) -> RingCentralAppSpec | DemoResponse:
    header = request.headers.get("authorization", "")
    form = request.form() if request.body else {}
    if header.lower().startswith("basic "):
        try:
            client_id, _, secret = base64.b64decode(header.split(None, 1)[1]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError, IndexError):
            return oauth_error(401, "invalid_client", "OAU-123", "Invalid Authorization header value")
    elif form.get("client_id"):
        client_id, secret = form["client_id"], form.get("client_secret", "")
    else:
        return oauth_error(401, "invalid_client", "OAU-123", "Client authentication is required")
    app = state.app(client_id, env)
    if app is None:
        return oauth_error(401, "invalid_client", "OAU-153", f"Invalid client: {client_id}",
                           parameters=[{"parameterName": "client_id", "parameterValue": client_id}])
    if app.client_secret != secret:
        return oauth_error(401, "invalid_client", "OAU-146", "Invalid client credentials")
    return app


def token(state: RingCentralState, env: str, request: DemoRequest) -> DemoResponse:
    """POST /restapi/oauth/token: authorization_code and refresh_token grants."""
    app = _client(state, env, request)
    if isinstance(app, DemoResponse):
        return app
    form = request.form()
    grant = form.get("grant_type", "")
    if grant == "authorization_code":
        if app.auth_flow != "authorization_code":
            return oauth_error(400, "unauthorized_client", "OAU-251", "Unauthorized for this grant type")
        code = state.take_code(form.get("code", ""))
        if code is None or code.env != env:
            return oauth_error(400, "invalid_grant", "OAU-106", "Invalid authorization code")
        if code.client_id != app.client_id:
            return oauth_error(400, "invalid_grant", "OAU-110", "Authorization code was not issued for this application")
        if form.get("redirect_uri") != code.redirect_uri:
            return oauth_error(400, "invalid_grant", "OAU-109", "Redirect URIs do not match")
        user_id = code.user_id
    elif grant == "refresh_token":
        if not app.issue_refresh_tokens:
            return oauth_error(400, "unauthorized_client", "OAU-251", "Unauthorized for this grant type")
        old = state.take_refresh(form.get("refresh_token", ""))
        if old is None or old.client_id != app.client_id or old.env != env:
            return oauth_error(400, "invalid_grant", "OAU-211", "Token not found")
        user_id = old.user_id
    else:
        return oauth_error(400, "unsupported_grant_type", "OAU-250", "Unsupported grant type")
    access, issued = state.issue_token(env, app, user_id)
    body: dict[str, object] = {"access_token": access, "token_type": "bearer", "expires_in": TOKEN_SECONDS,
                               "scope": " ".join(issued.scope), "owner_id": str(user_id), "endpoint_id": "emulator"}
    if issued.refresh:
        body.update(refresh_token=issued.refresh, refresh_token_expires_in=REFRESH_SECONDS)
    return DemoResponse.json(body)
