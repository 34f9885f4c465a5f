"""The two facts about an address that `access` (``--endpoint-url``) and `cors` (the org's origins) judge alike.

Both refuse a port that is not 1–65535 and both need to know whether a host is this machine. The
rest of their rules differ on purpose (an origin is https with a DNS name and is rewritten to the
form a browser sends; an endpoint may be an IP address, and plain http for a local emulator), so
each keeps its own checks and its own words; only these two judgements live here, once. Pure
standard library: `cors` is imported by ``--help``'s argument types and must stay light.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import SplitResult


def has_bad_port(parts: SplitResult) -> bool:
    """Whether the address names a port that is not a number from 1 to 65535 (``:0``, ``:99999``, ``:abc``, a bare ``:``).

    `SplitResult.port` raises for text or a number above 65535 but gives None for a bare colon and 0
    for ``:0``; the colon after an IPv6 literal's ``]`` is what tells "a port was given" from "none was".
    """
    try:
        number = parts.port
    except ValueError:
        number = 0
    return not number and ":" in parts.netloc.rsplit("@", 1)[-1].rsplit("]", 1)[-1]


def is_loopback_host(host: str) -> bool:
    """Whether `host` is this machine: ``localhost``, 127.0.0.0/8 or ::1 (never a name that merely resolves there)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
