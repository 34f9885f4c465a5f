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
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from simple_salesforce import Salesforce
from simple_salesforce.exceptions import SalesforceExpiredSession

from wizard.salesforce.http import make_session
from wizard.salesforce.metadata_pool import DEFAULT_SIZE, MetadataClientPool
from wizard.salesforce.soap_logs import hide_soap_bodies_in_logs

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
    metadata_clients: int = DEFAULT_SIZE
    _client: Salesforce | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _metadata: MetadataClientPool[Salesforce] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._metadata = MetadataClientPool(self._metadata_client, lambda: self.access_token, self.metadata_clients)

    @property
    def host(self) -> str:
        """host[:port] of the instance URL, the form simple-salesforce's ``instance`` takes."""
        return urlsplit(self.instance_url).netloc

    def client(self) -> Salesforce:
        """The simple-salesforce client for the current token (built once per token)."""
        with self._lock:
            if self._client is None:
                self._client = self._new_client(self.access_token)
            return self._client

    def _new_client(self, token: str) -> Salesforce:
        hide_soap_bodies_in_logs()  # any client may build a Metadata client, whose envelopes carry the session id
        return Salesforce(
            instance_url=self.instance_url,
            session_id=token,
            version=self.api_version,
            session=make_session(self.ca_bundle),
        )

    def _metadata_client(self, token: str) -> Salesforce:
        """A client of its own for Metadata API calls, its WSDL parsed now rather than mid-call."""
        client = self._new_client(token)
        _ = client.mdapi
        return client

    @property
    def metadata_pool(self) -> MetadataClientPool[Salesforce]:
        """The connection's Metadata clients (how many exist and are idle, for figures and tests)."""
        return self._metadata

    def warm_metadata(self) -> None:
        """Have one Metadata client ready before concurrent reads start (it parses the WSDL)."""
        self._metadata.warm()

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
        """Like `call`, for Metadata API (SOAP) calls from any thread.

        Each call borrows a Metadata client no other thread is using (see `metadata_pool`):
        simple-salesforce's zeep-based client must not be shared by concurrent calls.
        """
        return self._with_one_refresh(fn, self._metadata.lease)

    def call(self, fn: Callable[[Salesforce], T]) -> T:
        """Run ``fn(client)``; on an expired session refresh the token once and retry."""
        return self._with_one_refresh(fn, lambda: nullcontext(self.client()))

    def _with_one_refresh(self, fn: Callable[[Salesforce], T], borrow: Callable[[], AbstractContextManager[Salesforce]]) -> T:
        """Run ``fn`` on a borrowed client; after an expired session, renew once and run it again.

        What is renewed is the token the failed call carried (``session_id``), not the one the
        connection held when the call began: another thread may have renewed it in between, and
        that newer token is the one to replace if it too has expired.
        """
        with borrow() as client:
            try:
                return fn(client)
            except Exception as exc:
                if not is_expired_session(exc) or not self.refresh(client.session_id):
                    raise
        with borrow() as client:
            return fn(client)
