"""Aircall's refusals explained: wrong key (401), no access (403), rate limit (429), server trouble.

Aircall answers errors as ``{"error": "...", "troubleshoot": "..."}``; its own words are kept
(quoted) beside ours so the admin can search for them. The rate limit is per company and per
minute; when it is hit Aircall says when the window resets in ``X-AircallApi-Reset`` (UNIX time).
"""

from __future__ import annotations

import time

import requests

from wizard.providers.voice.problems import ProviderProblem, host_of, json_body, unexpected_answer

PROVIDER = "Aircall"
API_KEYS_PAGE = "https://dashboard.aircall.io/integrations/api-keys"


def _aircall_words(response: requests.Response) -> str:
    body = json_body(response)
    if not isinstance(body, dict):
        return ""
    parts = [str(body[k]) for k in ("error", "troubleshoot") if body.get(k)]
    if not parts:
        return ""
    words = " — ".join(parts)
    return f' Aircall said: "{words}"{"" if words.endswith((".", "!", "?")) else "."}'  # one full stop, not two


def retry_after(response: requests.Response) -> int | None:
    """Seconds until the rate-limit window resets, from Aircall's headers."""
    reset = response.headers.get("X-AircallApi-Reset")
    if reset and reset.isdigit():
        value = int(reset)
        if value > 10**12:  # some clients report milliseconds
            value //= 1000
        return max(1, value - int(time.time()))
    after = response.headers.get("Retry-After")
    return int(after) if after and after.isdigit() else None


def problem_for(response: requests.Response) -> ProviderProblem:
    """The `ProviderProblem` for an Aircall answer that is not a success."""
    status = response.status_code
    words = _aircall_words(response)
    host = host_of(response.url or "")
    if status == 401:
        return ProviderProblem(
            "credentials",
            f"Aircall did not accept the API ID and API token (HTTP 401).{words}",
            "An API ID and API token of a key listed under Integrations & API > API Keys.",
            "Copy the API ID again and enter the token of the same key. Aircall shows a token only once: "
            f"if it is lost, generate a new key at {API_KEYS_PAGE} and use both new values.",
            status=401,
        )
    if status == 403:
        return ProviderProblem(
            "access",
            f"Aircall recognised the request but refused access to its API (HTTP 403).{words}",
            "An active API key of a company whose plan includes the public API.",
            "Check in the Aircall dashboard that the key is still listed (a deleted key is refused) and "
            "that your company's plan allows API access; an Aircall admin can tell. Then generate a new "
            "key if needed and enter it here.",
            status=403,
        )
    if status == 429:
        wait = retry_after(response)
        when = f" Aircall allows the next request in about {wait} seconds." if wait else ""
        return ProviderProblem(
            "rate_limit",
            f"Aircall's rate limit for your company was reached (HTTP 429).{when}{words}",
            "An answer within Aircall's limit of requests per minute.",
            "Wait a minute and check again. Other tools using the same Aircall company share the limit.",
            status=429,
            retry_after=wait,
        )
    if status == 404:
        return ProviderProblem(
            "not_found",
            f"{host} has no such Aircall resource (HTTP 404).{words}",
            "Aircall's public API at this address.",
            "Check the Aircall API address the wizard uses (https://api.aircall.io by default).",
            status=404,
        )
    return unexpected_answer(PROVIDER, response, "A success answer from Aircall's API.")
