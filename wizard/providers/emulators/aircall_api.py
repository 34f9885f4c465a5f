"""Aircall's public API as the wizard uses it: ``GET /v1/ping`` and ``GET /v1/users``.

Basic authentication with an API ID and token from the scenario; a wrong pair answers 401, a key
without API access 403, both in Aircall's ``{"error", "troubleshoot"}`` shape. Requests are rate
limited per company and minute; over the limit Aircall answers 429 and says when the window
resets in ``X-AircallApi-Reset`` (UNIX time), beside ``X-AircallApi-Limit`` and ``-Remaining``.
User lists are paginated (``page``, ``per_page`` up to 50) with Aircall's ``meta`` object.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections import deque
from typing import Any

from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.providers.emulators.scenario import AircallSpec

MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 20
WINDOW_SECONDS = 60


def _error(status: int, error: str, troubleshoot: str, headers: dict[str, str] | None = None) -> DemoResponse:
    return DemoResponse.json({"error": error, "troubleshoot": troubleshoot}, status, headers)


class AircallEmulator:
    """One Aircall company: its API keys, its users, its rate-limit window."""

    def __init__(self, spec: AircallSpec) -> None:
        self.spec = spec
        self.keys = {k.api_id: k for k in spec.api_keys}
        self.users = [u.model_dump() for u in spec.users]
        self.limit = spec.rate_limit_per_minute
        self._hits: deque[float] = deque()
        self._lock = threading.Lock()

    # -- state a test or a demo can change (what an Aircall admin would do in the dashboard) -----
    def add_user(self, user_id: int, name: str, email: str) -> None:
        self.users.append({"id": user_id, "name": name, "email": email})

    # -- HTTP -----------------------------------------------------------------------------------------
    def handle(self, request: DemoRequest) -> DemoResponse:
        limited, headers = self._count()
        if limited:
            return _error(429, "Too Many Requests", "Rate limit reached, retry after the time given in X-AircallApi-Reset.", headers)
        refusal = self._authenticate(request)
        if refusal is not None:
            refusal.headers.update(headers)
            return refusal
        path = request.path.rstrip("/")
        if request.method == "GET" and path == "/v1/ping":
            return DemoResponse.json({"ping": "pong"}, 200, headers)
        if request.method == "GET" and path == "/v1/users":
            return self._users(request, headers)
        return _error(404, "Not found", "Check the URL and the ID used.", headers)

    def _count(self) -> tuple[bool, dict[str, str]]:
        now = time.time()
        with self._lock:
            while self._hits and now - self._hits[0] >= WINDOW_SECONDS:
                self._hits.popleft()
            limited = len(self._hits) >= self.limit
            if not limited:
                self._hits.append(now)
            reset = int((self._hits[0] if self._hits else now) + WINDOW_SECONDS)
            remaining = max(0, self.limit - len(self._hits))
        return limited, {"X-AircallApi-Limit": str(self.limit), "X-AircallApi-Remaining": str(remaining), "X-AircallApi-Reset": str(reset)}

    def _authenticate(self, request: DemoRequest) -> DemoResponse | None:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("basic "):
            return _error(401, "Unauthorized", "Use Basic Authentication with your API ID and API token.")
        try:
            api_id, _, token = base64.b64decode(header.split(None, 1)[1]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError, IndexError):
            return _error(401, "Unauthorized", "The Authorization header is malformed.")
        key = self.keys.get(api_id)
        if key is None or key.api_token != token:
            return _error(401, "Unauthorized", "Check your API ID and API token.")
        if not key.access:
            return _error(403, "Forbidden", "Invalid API key or Bearer access token: this key may not use the Public API.")
        return None

    def _users(self, request: DemoRequest, headers: dict[str, str]) -> DemoResponse:
        try:
            page = max(1, int(request.arg("page", "1") or 1))
            per_page = min(MAX_PER_PAGE, max(1, int(request.arg("per_page", str(DEFAULT_PER_PAGE)) or DEFAULT_PER_PAGE)))
        except ValueError:
            return _error(400, "Invalid payload", "page and per_page must be integers.", headers)
        start = (page - 1) * per_page
        chunk = self.users[start : start + per_page]
        total = len(self.users)
        base = f"{request.base_url}/v1/users"
        meta: dict[str, Any] = {
            "count": len(chunk),
            "total": total,
            "current_page": page,
            "per_page": per_page,
            "next_page_link": f"{base}?page={page + 1}&per_page={per_page}" if start + per_page < total else None,
            "previous_page_link": f"{base}?page={page - 1}&per_page={per_page}" if page > 1 else None,
        }
        users = [
            {"id": u["id"], "direct_link": f"{base}/{u['id']}", "name": u["name"], "email": u["email"], "available": True,
             "availability_status": "available", "created_at": "2024-01-15T10:03:18.000Z", "time_zone": "America/New_York",
             "language": "en-US"}
            for u in chunk
        ]
        return DemoResponse.json({"users": users, "meta": meta}, 200, headers)
