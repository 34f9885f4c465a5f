"""Faults on demand: the bad days of a real org, reproducible in the demo org.

The wizard must stay calm when Salesforce is slow, expires a session, runs out of API calls,
answers 5xx, drops a connection, shows its maintenance page or refuses a session that is not
high assurance. `Faults.intercept` runs before every request is dispatched and either lets it
through (None), answers in Salesforce's own shape for the request's API family (REST JSON error
list or a Metadata SOAP fault), or raises `DropConnection`.

Settings come from the scenario's ``faults:`` block, from Python (``server.faults.set(...)``) or
from the loopback control endpoint ``POST /_demo/faults`` (JSON), all validated by
`FaultSettings`. Counters (API calls, requests before a drop) start when a setting is set.

High assurance. Salesforce refuses a session whose security level is below what the org
requires with ``401 INVALID_SESSION_ID "This session is not valid for use with the REST API"``
(seen when a profile requires High Assurance at login; jsforce/jsforce#1301) and the API's SOAP
counterpart. Refreshing the token does not help: the new token has the same level. The demo org
answers that way for writes only (``high_assurance: writes``, a sensitive-operations policy) or
for every API call (``high_assurance: all``). Which calls a real org blocks under a
sensitive-operations policy is our assumption; the error shape is Salesforce's.
"""

from __future__ import annotations

import json
import random
import threading
import time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from wizard.demo.protocol import DemoRequest, DemoResponse, DropConnection, rest_error, soap_fault
from wizard.demo.state import OrgState

#: Families whose requests are API calls (they count against limits and carry a session).
API_FAMILIES = frozenset({"rest", "tooling", "composite", "composite-read", "metadata", "metadata-read"})
SOAP_FAMILIES = frozenset({"metadata", "metadata-read"})

MAINTENANCE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Down for Maintenance</title>
<style>body{font-family:Arial,Helvetica,sans-serif;background:#f3f3f3;color:#333;margin:0}
.box{max-width:560px;margin:80px auto;background:#fff;border-radius:6px;padding:32px;
box-shadow:0 2px 6px rgba(0,0,0,.15)}h1{color:#032d60;font-size:22px}</style></head>
<body><div class="box"><h1>Down for Maintenance</h1>
<p>This org is unavailable while scheduled maintenance is in progress.</p>
<p>Try again in a few minutes. Thank you for your patience.</p></div></body></html>
"""


class FaultSettings(BaseModel):
    """Every fault the demo org can produce; all off by default."""

    model_config = ConfigDict(extra="forbid")

    latency_ms: int = Field(0, ge=0, le=120_000, description="delay added to every request")
    metadata_latency_ms: int | None = Field(
        None, ge=0, le=120_000, description="delay for Metadata API (SOAP) calls instead of latency_ms"
    )
    session_expires_after: int | None = Field(
        None, ge=0, description="each access token serves this many API calls, then answers 401"
    )
    request_limit: int | None = Field(
        None, ge=0, description="API calls allowed before 403 REQUEST_LIMIT_EXCEEDED"
    )
    error_rate: float = Field(0.0, ge=0.0, le=1.0, description="share of API calls answered with a 5xx")
    error_status: int = Field(500, ge=500, le=599, description="status of those answers")
    seed: int = Field(0, description="seed of the 5xx dice, so a run is reproducible")
    drop_after: int | None = Field(
        None, ge=0, description="drop the connection of the API call after this many (once)"
    )
    drop_path: str | None = Field(None, min_length=1, description="drop every request whose path contains this")
    maintenance: bool = Field(False, description="answer every request with the maintenance page (503)")
    high_assurance: Literal["writes", "all"] | None = Field(
        None, description="refuse API writes (or all API calls) from sessions that are not high assurance"
    )


_DEFAULTS = FaultSettings()


class Faults:
    """The fault injector the server consults before dispatching each request. Thread-safe."""

    def __init__(self, org: OrgState, **settings: Any) -> None:
        self._org = org
        self._lock = threading.Lock()
        self._settings = FaultSettings()
        self._api_calls = 0  # since request_limit was set
        self._calls_for_drop = 0  # since drop_after was set
        self._dropped_once = False
        self._rng = random.Random(0)
        if settings:
            self.set(**settings)

    # -- settings ------------------------------------------------------------------------------
    def set(self, **changes: Any) -> FaultSettings:
        """Change some settings (the rest stay); returns the new settings.

        Setting a counter-based fault restarts its count, so ``set(request_limit=3)`` allows
        three more API calls from now.
        """
        with self._lock:
            merged = {**self._settings.model_dump(), **changes}
            new = FaultSettings.model_validate(merged)
            if "request_limit" in changes:
                self._api_calls = 0
            if "drop_after" in changes:
                self._calls_for_drop = 0
                self._dropped_once = False
            if "seed" in changes or "error_rate" in changes:
                self._rng = random.Random(new.seed)
            if "session_expires_after" in changes:
                with self._org.lock:
                    for session in self._org.sessions.values():
                        session.requests_left = None
            self._settings = new
            return new

    def clear(self) -> FaultSettings:
        """Turn every fault off."""
        return self.set(**_DEFAULTS.model_dump())

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return self._settings

    def status(self) -> dict[str, Any]:
        """Settings and counters, for the control endpoint and benchmarks."""
        with self._lock:
            return {"settings": self._settings.model_dump(), "api_calls": self._api_calls}

    def raise_session_level(self, access_token: str) -> bool:
        """Mark a session high assurance (as a login with multi-factor verification would)."""
        session = self._org.session(access_token)
        if session is None:
            return False
        session.high_assurance = True
        return True

    # -- the hook --------------------------------------------------------------------------------
    def intercept(self, family: str, request: DemoRequest) -> DemoResponse | None:
        """Answer (or drop) the request if a fault applies, else None to let it through."""
        s = self.settings
        delay = s.metadata_latency_ms if s.metadata_latency_ms is not None and family in SOAP_FAMILIES else s.latency_ms
        if delay:
            time.sleep(delay / 1000)
        if s.maintenance:
            return DemoResponse.html(MAINTENANCE_HTML, 503)
        if s.drop_path and s.drop_path in request.path:
            raise DropConnection
        if family not in API_FAMILIES:
            return None
        with self._lock:
            self._api_calls += 1
            calls = self._api_calls
            drop = False
            if s.drop_after is not None and not self._dropped_once:
                self._calls_for_drop += 1
                if self._calls_for_drop > s.drop_after:
                    self._dropped_once = drop = True
            error = s.error_rate > 0 and self._rng.random() < s.error_rate
        if drop:
            raise DropConnection
        soap = family in SOAP_FAMILIES
        if s.request_limit is not None and calls > s.request_limit:
            return _refuse(soap, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        session = request.session
        if session is not None and s.session_expires_after is not None:
            with self._org.lock:
                if session.requests_left is None:
                    session.requests_left = s.session_expires_after
                if session.requests_left <= 0:
                    self._org.sessions.pop(session.access_token, None)
                    expired = True
                else:
                    session.requests_left -= 1
                    expired = False
            if expired:
                if soap:
                    return soap_fault("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session")
                return rest_error(401, "INVALID_SESSION_ID", "Session expired or invalid")
        if (
            session is not None
            and s.high_assurance is not None
            and not session.high_assurance
            and (s.high_assurance == "all" or is_write(family, request))
        ):
            if soap:
                return soap_fault("INVALID_SESSION_ID", "This session is not valid for use with the API")
            return rest_error(401, "INVALID_SESSION_ID", "This session is not valid for use with the REST API")
        if error:
            code = "UNKNOWN_EXCEPTION" if s.error_status == 500 else "SERVER_UNAVAILABLE"
            message = (
                "An unexpected error occurred. Please include this ErrorId if you contact support: "
                f"{1_000_000_000 + calls}-{calls % 100_000} (-{calls * 7919 % 1_000_000_000})"
            )
            return _refuse(soap, s.error_status, code, message)
        return None


def _refuse(soap: bool, status: int, code: str, message: str) -> DemoResponse:
    return soap_fault(code, message, 500) if soap else rest_error(status, code, message)


def is_write(family: str, request: DemoRequest) -> bool:
    """Whether an API request may change the org (a high-assurance policy blocks those)."""
    if family == "metadata":
        return True
    if family == "metadata-read" or request.method in ("GET", "HEAD"):
        return False
    path = request.path.rstrip("/")
    if request.method == "POST" and "/composite" in path and not path.endswith("/sobjects"):
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return True
        subs = body.get("compositeRequest") or body.get("batchRequests") or []
        return any(str(sub.get("method", "GET")).upper() != "GET" for sub in subs if isinstance(sub, dict))
    return True
