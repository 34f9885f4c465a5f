"""The demo org's request log: what was asked, of which API family, with which answer.

Tests assert on it (how many round trips a verification took, that nothing was written) and
benchmarks read it (through ``GET /_demo/log`` when the org runs in another process).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the demo org saw it."""

    method: str
    path: str
    family: str  # rest, tooling, composite, metadata-read, metadata, oauth, ui, control
    status: int  # 0 when the connection was dropped
    started: float
    seconds: float
    user_id: str | None


class RequestLog:
    """Thread-safe log of every request, with counters, for tests and benchmarks."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []

    def add(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def count(self, family: str | None = None, method: str | None = None) -> int:
        """How many requests (of one family / method) were served."""
        return sum(
            1
            for e in self.entries()
            if (family is None or e.family == family) and (method is None or e.method == method)
        )

    def writes(self) -> list[LoggedRequest]:
        """Requests that may have changed the org: REST writes and Metadata CRUD other than read."""
        quiet = ("oauth", "ui", "control", "metadata-read", "composite-read")
        return [e for e in self.entries() if e.method in ("POST", "PATCH", "PUT", "DELETE") and e.family not in quiet]

    def counters(self) -> Counter[str]:
        return Counter(e.family for e in self.entries())
