"""A few Metadata API clients per connection, each used by one thread at a time.

simple-salesforce's Metadata client (zeep over lxml) must not be shared by threads: concurrent
calls on one client corrupt its parser state and can crash the process. Serializing every SOAP
call keeps it safe but makes a guide's metadata reads (one `readMetadata` per type) queue behind
each other, which is what an admin waits for on a real org (300-500 ms per SOAP call).

Separate clients share nothing (each parses its own WSDL and owns its own HTTP session), so each
may serve one thread while others serve theirs. Building one costs about 0.2 s of CPU and 13 MB,
so the pool grows only when a call actually has to wait, and the build runs in the background:
the waiting call takes whichever comes first, a client handed back or the new one. The first
verification after sign-in is therefore never slower than with a single client, and the ones
after it run their metadata reads side by side.

Clients carry the access token they were built with; when the token changes (refreshed after
expiry) the old clients are dropped and new ones are built for the new token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

C = TypeVar("C")

#: The most Metadata calls a guide has in flight at once: the ECI switch and the site are read
#: first, and the ECI app joins them as soon as the REST batch says which kind of app it is.
#: Each client costs about 13 MB, so the pool is no larger than what a verification can use.
DEFAULT_SIZE = 3


class MetadataClientPool(Generic[C]):
    """Up to `size` clients for the connection's current token; `lease()` lends one to a thread."""

    def __init__(self, build: Callable[[str], C], current_token: Callable[[], str], size: int = DEFAULT_SIZE) -> None:
        if size < 1:
            raise ValueError("a metadata client pool needs room for at least one client")
        self._build = build
        self._current_token = current_token
        self.size = size
        self._ready = threading.Condition()
        self._token: str | None = None
        self._free: list[C] = []
        self._count = 0  # clients built or being built for `_token`
        self._building = False
        self._cannot_grow = False  # a background build failed: stay at the clients that exist

    @property
    def built(self) -> int:
        """Clients that exist or are being built for the current token (for tests and figures)."""
        with self._ready:
            return self._count

    @property
    def idle(self) -> int:
        """Clients ready and not lent out right now."""
        with self._ready:
            return len(self._free)

    def warm(self) -> None:
        """Make sure one client exists, building it in this thread if needed.

        Called before a verification's threads start, so that none of them pays for the WSDL
        parse while the others wait on it.
        """
        with self.lease():
            pass

    @contextmanager
    def lease(self) -> Iterator[C]:
        """A client for the current token, for this thread alone until the block ends."""
        client, token = self._acquire()
        try:
            yield client
        finally:
            self._release(client, token)

    # -- internals ---------------------------------------------------------------------------------
    def _acquire(self) -> tuple[C, str]:
        with self._ready:
            while True:
                token = self._current_token()
                self._forget_stale(token)
                if self._free:
                    return self._free.pop(), token
                if self._count == 0:
                    # Nothing exists or is coming (first call, or the token was just renewed): build
                    # one here, and let no other build compete with it for the CPU meanwhile.
                    self._count = 1
                    self._building = True
                    break
                self._grow_in_background(token)
                self._ready.wait()
        try:
            client = self._build(token)
        except BaseException:
            with self._ready:
                if self._token == token:
                    self._count -= 1
                    self._building = False
                self._ready.notify_all()
            raise
        with self._ready:
            if self._token == token:
                self._building = False
            self._ready.notify_all()
        return client, token

    def _release(self, client: C, token: str) -> None:
        with self._ready:
            if token == self._token:
                self._free.append(client)
            self._ready.notify_all()

    def _forget_stale(self, token: str) -> None:
        """Clients of an older token are of no use (their session header has expired): drop them."""
        if self._token != token:
            self._token = token
            self._free.clear()
            self._count = 0
            self._building = False
            self._cannot_grow = False

    def _grow_in_background(self, token: str) -> None:
        """Start building one more client unless one is being built or the pool is full."""
        if self._building or self._cannot_grow or self._count >= self.size:
            return
        self._building = True
        self._count += 1
        threading.Thread(target=self._build_one, args=(token,), name="sf-metadata-client", daemon=True).start()

    def _build_one(self, token: str) -> None:
        try:
            client = self._build(token)
        except Exception:  # a failed extra client only means less concurrency
            client = None
        with self._ready:
            if self._token == token:
                self._building = False
                if client is None:
                    self._count -= 1
                    self._cannot_grow = True
                else:
                    self._free.append(client)
            self._ready.notify_all()
