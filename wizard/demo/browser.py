"""Browser sessions of the demo org: the ``sid`` cookie, password checks, safe return paths.

The OAuth login page, frontdoor.jsp and the Setup pages share one notion of "this browser is
signed in as that user", as they do in Salesforce: logging in for an OAuth grant also opens
Setup, and a frontdoor link signs the browser in without a password.
"""

from __future__ import annotations

import hmac
import secrets

from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.demo.state import BrowserSession, OrgState, Record

COOKIE = "sid"
SETUP_HOME = "/lightning/setup/SetupOneHome/home"


def check_password(org: OrgState, username: str, password: str) -> Record | None:
    """The active user these credentials belong to, or None (one answer for every failure)."""
    user = org.user_by_username(username)
    if user is None or not user.get("IsActive", True):
        return None
    expected = org.passwords.get(str(user["Username"]).lower())
    if expected is None or not hmac.compare_digest(expected.encode(), password.encode()):
        return None
    return user


def open_session(org: OrgState, user_id: str) -> BrowserSession:
    """Sign a browser in as a user."""
    with org.lock:
        session = BrowserSession(secrets.token_urlsafe(32), user_id)
        org.browser_sessions[session.sid] = session
        return session


def current_user(org: OrgState, request: DemoRequest) -> Record | None:
    """The user this browser is signed in as, or None."""
    sid = request.cookie(COOKIE)
    if not sid:
        return None
    with org.lock:
        session = org.browser_sessions.get(sid)
    if session is None:
        return None
    user = org.get("User", session.user_id)
    return user if user and user.get("IsActive", True) else None


def close_session(org: OrgState, request: DemoRequest) -> None:
    """Sign the browser out."""
    sid = request.cookie(COOKIE)
    if sid:
        with org.lock:
            org.browser_sessions.pop(sid, None)


def with_cookie(response: DemoResponse, session: BrowserSession) -> DemoResponse:
    """Attach the session cookie to a response."""
    response.headers["Set-Cookie"] = f"{COOKIE}={session.sid}; Path=/; Secure; HttpOnly; SameSite=Lax"
    return response


def safe_return_path(value: str | None, default: str = SETUP_HOME) -> str:
    """A path on this org to go to after login: relative and same-origin, else the default.

    An absolute or protocol-relative URL here would turn the login page into an open redirect.
    """
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value
