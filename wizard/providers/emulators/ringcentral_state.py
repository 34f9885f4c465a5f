"""The RingCentral emulator's memory: apps, users, pending sign-ins, codes and tokens.

One state serves both environments (sandbox and production run as two servers, as RingCentral's
two platforms do); an app's credentials work only in the environments its scenario lists, which
is how graduation shows. Codes are single-use and short-lived, tokens expire, and everything is
guarded by one lock because the servers answer on several threads.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from wizard.providers.emulators.scenario import (
    RingCentralAppSpec,
    RingCentralExtensionSpec,
    RingCentralSpec,
)

CODE_SECONDS = 60
TOKEN_SECONDS = 3600
REFRESH_SECONDS = 604800


@dataclass
class Pending:
    """A sign-in between the authorize request and the consent answer."""

    env: str
    client_id: str
    redirect_uri: str
    state: str | None
    user_id: int | None = None


@dataclass
class Code:
    env: str
    client_id: str
    redirect_uri: str
    user_id: int
    expires: float


@dataclass
class Token:
    env: str
    client_id: str
    user_id: int
    scope: tuple[str, ...]
    expires: float
    refresh: str | None = None


@dataclass
class RingCentralState:
    """Everything both RingCentral environments know."""

    spec: RingCentralSpec
    org_url: str = ""
    pending: dict[str, Pending] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    refresh_tokens: dict[str, Token] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    _hits: dict[str, deque[float]] = field(default_factory=dict)

    # -- scenario data ------------------------------------------------------------------------------
    def app(self, client_id: str, env: str) -> RingCentralAppSpec | None:
        """The app with this client ID, if its credentials work in `env`."""
        return next((a for a in self.spec.apps if a.client_id == client_id and env in a.environments), None)

    def redirect_uris(self, app: RingCentralAppSpec) -> list[str]:
        return [u.replace("{instance_url}", self.org_url) for u in app.redirect_uris]

    def user(self, email: str, env: str) -> RingCentralExtensionSpec | None:
        return next((u for u in self.spec.extensions if u.email.lower() == email.strip().lower() and env in u.environments), None)

    def users(self, env: str) -> list[RingCentralExtensionSpec]:
        return [u for u in self.spec.extensions if env in u.environments]

    # -- what an admin does in the developer console ----------------------------------------------
    def set_redirect_uri(self, client_id: str, uri: str) -> None:
        """Replace the app's OAuth Redirect URI (the guide's 'click Update')."""
        with self.lock:
            for app in self.spec.apps:
                if app.client_id == client_id:
                    app.redirect_uris = [uri]

    def graduate(self, client_id: str) -> None:
        """The app passed graduation: its credentials now work in production too."""
        with self.lock:
            for app in self.spec.apps:
                if app.client_id == client_id and "production" not in app.environments:
                    app.environments = [*app.environments, "production"]

    # -- flow state --------------------------------------------------------------------------------
    def begin(self, pending: Pending) -> str:
        handle = secrets.token_urlsafe(16)
        with self.lock:
            self.pending[handle] = pending
        return handle

    def issue_code(self, handle: str) -> tuple[Pending, str] | None:
        with self.lock:
            pending = self.pending.pop(handle, None)
            if pending is None or pending.user_id is None:
                return None
            code = secrets.token_urlsafe(24)
            self.codes[code] = Code(pending.env, pending.client_id, pending.redirect_uri, pending.user_id, time.time() + CODE_SECONDS)
            return pending, code

    def take_code(self, code: str) -> Code | None:
        with self.lock:
            found = self.codes.pop(code, None)
        return found if found is not None and found.expires > time.time() else None

    def issue_token(self, env: str, app: RingCentralAppSpec, user_id: int) -> tuple[str, Token]:
        """A new access token (and refresh token when the app issues them)."""
        token = Token(env, app.client_id, user_id, tuple(app.permissions), time.time() + TOKEN_SECONDS)
        if app.issue_refresh_tokens:
            token.refresh = secrets.token_urlsafe(32)
        access = secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[access] = token
            if token.refresh:
                self.refresh_tokens[token.refresh] = token
        return access, token

    def take_refresh(self, refresh: str) -> Token | None:
        with self.lock:
            return self.refresh_tokens.pop(refresh, None)

    def token(self, access: str) -> Token | None:
        with self.lock:
            found = self.tokens.get(access)
        return found if found is not None and found.expires > time.time() else None

    def hit(self, env: str) -> bool:
        """Count a request; False when the environment's per-minute limit is exceeded."""
        now = time.time()
        with self.lock:
            window = self._hits.setdefault(env, deque())
            while window and now - window[0] >= 60:
                window.popleft()
            if len(window) >= self.spec.rate_limit_per_minute:
                return False
            window.append(now)
            return True
