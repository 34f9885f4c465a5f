"""An address the admin typed, fit to print back: without the parts that may hold a secret.

Admins paste whatever is in their browser's address bar, and that often carries a credential: a
front-door link's session id (``frontdoor.jsp?sid=…``), an OAuth redirect's ``#access_token=…``,
or ``user:password@`` before the host. A message that refuses such an address must still name
what was typed, so the admin recognises it, yet must never repeat the secret to the terminal, a
log or a CI transcript. This works on any text, even one no URL parser accepts.
"""

from __future__ import annotations

import re

#: Where the part that may hold a secret starts: the query or the fragment.
_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


def shown_address(text: str) -> str:
    """`text` without user:password@ and without its query and fragment (each replaced by "…")."""
    typed = text.strip()
    cut = _QUERY_OR_FRAGMENT.search(typed)
    head = typed[: cut.start()] if cut else typed
    tail = f"{cut.group()}…" if cut else ""
    scheme, sep, rest = head.rpartition("://") if "://" in head else ("", "", head)
    host_part, slash, path = rest.partition("/")
    if "@" in host_part:
        host_part = "…@" + host_part.rpartition("@")[2]
    return f"{scheme}{sep}{host_part}{slash}{path}{tail}"
