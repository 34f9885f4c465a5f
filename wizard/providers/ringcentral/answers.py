"""RingCentral's error answers, read the way its documentation says to read them.

OAuth endpoints answer ``{"error": "invalid_client", "error_description": "...", "errors":
[{"errorCode": "OAU-153", "message": "..."}]}``; the REST API answers ``{"errorCode": "CMN-401",
"message": "...", "errors": [...]}``. RingCentral asks clients to rely on the error code, not the
message. Messages may echo the client ID, so they are masked before they reach the admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests

from wizard.providers.voice.problems import ProviderProblem, json_body, mask, unexpected_answer

PROVIDER = "RingCentral"
CONSOLE = "https://developers.ringcentral.com/console"


@dataclass(frozen=True)
class RingCentralError:
    """An error answer: the OAuth ``error`` (if any), RingCentral's codes and first message."""

    status: int
    error: str = ""
    codes: tuple[str, ...] = ()
    message: str = ""
    retry_after: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def has(self, *codes: str) -> bool:
        return any(c in self.codes for c in codes)


def read_error(response: requests.Response, hide: tuple[str, ...] = ()) -> RingCentralError:
    """The error in an answer (whatever its shape), with identifiers in `hide` masked."""
    body = json_body(response)
    after = response.headers.get("Retry-After")
    retry = int(after) if after and after.isdigit() else None
    if not isinstance(body, dict):
        return RingCentralError(response.status_code, retry_after=retry)
    items = [e for e in body.get("errors") or [] if isinstance(e, dict)]
    codes = [str(e.get("errorCode")) for e in items if e.get("errorCode")]
    if body.get("errorCode"):
        codes.insert(0, str(body["errorCode"]))
    message = str(body.get("error_description") or body.get("message") or (items[0].get("message") if items else "") or "")
    for value in hide:
        if value:
            message = message.replace(value, mask(value))
    return RingCentralError(response.status_code, str(body.get("error") or ""), tuple(dict.fromkeys(codes)), message,
                            retry, {k: v for k, v in body.items() if k not in ("errors", "error", "error_description")})


def said(error: RingCentralError) -> str:
    """RingCentral's own words, quoted, for the admin to search for."""
    what = ", ".join(c for c in (error.error, *error.codes) if c)
    if not what and not error.message:
        return ""
    words = f'{what}{": " if what and error.message else ""}{error.message}'
    return f' RingCentral said: "{words}"{"" if words.endswith((".", "!", "?")) else "."}'  # one full stop, not two


def rate_limited(error: RingCentralError) -> ProviderProblem:
    when = f" RingCentral allows the next request in about {error.retry_after} seconds." if error.retry_after else ""
    return ProviderProblem(
        "rate_limit",
        f"RingCentral's request limit was reached (HTTP 429).{when}{said(error)}",
        "An answer within RingCentral's rate limits.",
        "Wait a minute and check again.",
        status=429,
        code=error.codes[0] if error.codes else None,
        retry_after=error.retry_after,
    )


def api_problem(response: requests.Response, hide: tuple[str, ...] = ()) -> ProviderProblem:
    """A REST API refusal (after the sign-in): expired token, missing permission, limits."""
    error = read_error(response, hide)
    if response.status_code == 429:
        return rate_limited(error)
    if response.status_code == 401:
        return ProviderProblem(
            "credentials",
            f"RingCentral no longer accepts the sign-in (HTTP 401).{said(error)}",
            "A valid access token from a RingCentral sign-in.",
            "Sign in to RingCentral again.",
            status=401,
            code=error.codes[0] if error.codes else None,
        )
    if response.status_code == 403:
        return ProviderProblem(
            "access",
            f"RingCentral refused the request (HTTP 403).{said(error)}",
            "An app holding the permission the request needs (Read Accounts to list users).",
            f"Add the missing permission to the app in the developer console ({CONSOLE}), then sign in again.",
            status=403,
            code=error.codes[0] if error.codes else None,
        )
    return unexpected_answer(PROVIDER, response, "A success answer from RingCentral's API.")
