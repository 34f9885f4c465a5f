"""HTTP sessions that verify TLS against the CA bundle we choose.

requests lets the ``REQUESTS_CA_BUNDLE`` environment variable override ``session.verify``; a
machine (or a test run) that sets it would silently ignore the CA we pass. `PinnedCASession` keeps
its own ``verify`` whenever one was given, so the demo org's CA is trusted by adding it, and a real
org is verified against the system store. Verification is never turned off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

#: Connection pool large enough for a verification's concurrent reads.
POOL_SIZE = 16


class PinnedCASession(requests.Session):
    """A requests session whose CA bundle is not overridden by environment variables."""

    def __init__(self, ca_bundle: str | Path | None = None) -> None:
        super().__init__()
        self._pinned = str(ca_bundle) if ca_bundle else None
        if self._pinned:
            self.verify = self._pinned
        adapter = HTTPAdapter(pool_connections=POOL_SIZE, pool_maxsize=POOL_SIZE)
        self.mount("https://", adapter)

    def merge_environment_settings(self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any) -> dict[str, Any]:
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if self._pinned and verify in (None, True):
            settings["verify"] = self._pinned
        return settings


def make_session(ca_bundle: str | Path | None = None) -> requests.Session:
    """A session for Salesforce or provider calls; `ca_bundle` adds trust, never removes it."""
    return PinnedCASession(ca_bundle)
