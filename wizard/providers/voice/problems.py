"""Why a provider call failed, in the admin's words: what was seen, what was expected, what to do.

A wrong API token, a revoked key, a rate limit, a typo in a host name and a company proxy that
re-signs HTTPS all look alike to a person staring at "it doesn't work". `ProviderProblem` keeps
them apart (``kind``), carries the provider's own status and error code so it can be searched for,
and never holds a credential: messages are built from hosts, status codes and error codes only.
`send` makes one request and turns every transport failure (DNS, refused connection, timeout, TLS)
into a `ProviderProblem`.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import requests

ProblemKind = Literal["credentials", "access", "rate_limit", "dns", "network", "timeout", "tls", "server", "answer", "not_found"]
TIMEOUT_SECONDS = 30


@dataclass
class ProviderProblem(Exception):
    """A provider call that did not give the expected answer."""

    kind: ProblemKind
    seen: str
    expected: str
    todo: str
    status: int | None = None
    code: str | None = None
    retry_after: int | None = None

    def __post_init__(self) -> None:
        super().__init__(self.seen)

    @property
    def message(self) -> str:
        """Seen, then what to do: one paragraph for a status line or the terminal."""
        return f"{self.seen} {self.todo}"

    def __str__(self) -> str:
        return self.message


def host_of(url: str) -> str:
    """host[:port] of an address for a message; never a ``user:password@`` part (it would be shown)."""
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url.rpartition("@")[2]


def _is_dns_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, socket.gaierror) or "NameResolutionError" in type(current).__name__:
            return True
        text = str(current)
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo failed" in text:
            return True
        current = current.__cause__ or current.__context__ or (current.args[0] if current.args and isinstance(current.args[0], BaseException) else None)
    return False


def transport_problem(provider: str, url: str, exc: requests.RequestException) -> ProviderProblem:
    """A failure before any answer arrived, explained by its cause."""
    host = host_of(url)
    if isinstance(exc, requests.exceptions.SSLError):
        return ProviderProblem(
            "tls",
            f"The certificate presented by {host} could not be verified, so nothing was sent to {provider}.",
            f"A certificate for {host} from an authority this computer trusts.",
            "If your company inspects HTTPS traffic, add its root certificate to the system's trusted "
            "certificates (or give the wizard the CA bundle). Otherwise check the address: it may not be "
            f"{provider}'s.",
        )
    if isinstance(exc, requests.Timeout):
        return ProviderProblem(
            "timeout",
            f"{host} did not answer within {TIMEOUT_SECONDS} seconds.",
            f"An answer from {provider} at {host}.",
            f"Check your internet connection or proxy, and {provider}'s status page, then try again.",
        )
    if _is_dns_failure(exc):
        return ProviderProblem(
            "dns",
            f"The name {urlsplit(url).hostname} could not be found (DNS).",
            f"{host} resolving to {provider}'s servers.",
            "Check the address for typos and that this computer can reach the internet (or your "
            "company's DNS), then try again.",
        )
    return ProviderProblem(
        "network",
        f"Could not connect to {host} ({type(exc).__name__}).",
        f"A connection to {provider} at {host}.",
        "Check your internet connection, proxy and firewall (HTTPS, port 443), then try again.",
    )


def send(session: requests.Session, method: str, url: str, provider: str, **kwargs: Any) -> requests.Response:
    """One request; transport failures become `ProviderProblem`, answers are returned as they are."""
    kwargs.setdefault("timeout", TIMEOUT_SECONDS)
    kwargs.setdefault("allow_redirects", False)
    try:
        return session.request(method, url, **kwargs)
    except requests.RequestException as exc:
        raise transport_problem(provider, url, exc) from None


def json_body(response: requests.Response) -> Any:
    """The answer's JSON, or None when it is not JSON (an HTML error page, a proxy's text)."""
    try:
        return response.json()
    except ValueError:
        return None


def unexpected_answer(provider: str, response: requests.Response, expected: str) -> ProviderProblem:
    """An answer the wizard does not know how to read (a proxy page, a changed API)."""
    kind: ProblemKind = "server" if response.status_code >= 500 else "answer"
    todo = (
        f"{provider} had trouble answering; try again in a few minutes and check its status page."
        if kind == "server"
        else f"Check that the address really is {provider}'s API (a proxy or captive portal may have answered)."
    )
    return ProviderProblem(
        kind,
        f"{host_of(response.url or '')} answered HTTP {response.status_code}, which the wizard did not expect here.",
        expected,
        todo,
        status=response.status_code,
    )


def mask(value: str | None, keep: int = 4) -> str:
    """An identifier shown by its last characters only (API IDs, client IDs): enough to compare."""
    if not value:
        return "(not set)"
    if len(value) <= keep:
        return "…" + value[-1:]
    return "…" + value[-keep:]
