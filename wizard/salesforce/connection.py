"""A live connection to one org: a simple-salesforce client plus one transparent token refresh.

simple-salesforce has no authorization-code flow and cannot refresh a token it was handed, so
the wizard keeps the access token and a refresher (the sign-in module supplies it, backed by the
refresh token in the keyring). Every call goes through `OrgConnection.call`, which refreshes once
when the session has expired and retries, in every code path: REST, Tooling and Metadata.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from simple_salesforce import Salesforce
from simple_salesforce.exceptions import SalesforceExpiredSession

from wizard.salesforce.http import make_session

T = TypeVar("T")

#: The newest API version the bundled simple-salesforce Metadata WSDL describes.
CLIENT_MAX_API_VERSION = "63.0"


def trust_ca_bundle_for_process(bundle: str | Path) -> None:
    """Trust a CA bundle (system CAs plus a test CA) for every HTTP client in this process.

    The Metadata API client (zeep) builds its own HTTP session, so a per-session CA is not
    enough; the documented way is the process's ``REQUESTS_CA_BUNDLE``. The bundle must contain
    the system CAs too (the demo org writes it so), so real hosts stay verified.
    """
    os.environ["REQUESTS_CA_BUNDLE"] = str(bundle)


def is_expired_session(exc: BaseException) -> bool:
    """Whether an exception from any API family means 'the access token is no longer valid'."""
    if isinstance(exc, SalesforceExpiredSession):
        return True
    text = str(exc)
    return "INVALID_SESSION_ID" in text


@dataclass
class OrgConnection:
    """One signed-in org. Thread-safe: verification reads run concurrently through it."""

    instance_url: str
    access_token: str
    api_version: str = CLIENT_MAX_API_VERSION
    ca_bundle: Path | None = None
    refresher: Callable[[], str] | None = None
    _client: Salesforce | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _metadata_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def host(self) -> str:
        """host[:port] of the instance URL, the form simple-salesforce's ``instance`` takes."""
        return urlsplit(self.instance_url).netloc

    def client(self) -> Salesforce:
        """The simple-salesforce client for the current token (built once per token)."""
        with self._lock:
            if self._client is None:
                self._client = Salesforce(
                    instance_url=self.instance_url,
                    session_id=self.access_token,
                    version=self.api_version,
                    session=make_session(self.ca_bundle),
                )
            return self._client

    def refresh(self, stale_token: str) -> bool:
        """Get a new access token once; False when no refresher is available."""
        if self.refresher is None:
            return False
        with self._lock:
            if self.access_token != stale_token:
                return True  # another thread refreshed already
            self.access_token = self.refresher()
            self._client = None
        return True

    def metadata_call(self, fn: Callable[[Salesforce], T]) -> T:
        """Like `call`, for Metadata API (SOAP) calls, one at a time per connection.

        simple-salesforce's Metadata client (zeep over lxml) is not safe to use from several
        threads at once: concurrent calls on one client corrupt its parser state and can crash
        the process. REST and Tooling reads still run concurrently beside it.
        """
        with self._metadata_lock:
            return self.call(fn)

    def call(self, fn: Callable[[Salesforce], T]) -> T:
        """Run ``fn(client)``; on an expired session refresh the token once and retry."""
        token = self.access_token
        try:
            return fn(self.client())
        except Exception as exc:
            if not is_expired_session(exc) or not self.refresh(token):
                raise
        return fn(self.client())
