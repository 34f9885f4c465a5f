"""Where the Five9 information hides in a metadata file: field names recognised for each fact.

The guide wants the call time, user id, direction, session id, file type and ANI/DNIS phone number
with every Five9 recording, in the file name or in its metadata. Metadata field names vary by
export (Five9's own reports say ``SESSION ID``, ``ANI``, ``DNIS``, ``CALL TYPE``), so names are
compared after dropping case, spaces and punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, tzinfo
from functools import lru_cache

from .naming import ANI_DNIS, CALL_TIME, DIRECTION, FILE_TYPE, SESSION_ID, USER_ID

#: Normalised field names (lower case, letters and digits only) that carry each Five9 fact.
FIELD_ALIASES: dict[str, frozenset[str]] = {
    CALL_TIME: frozenset(
        {"calltime", "calldatetime", "calldate", "datetime", "timestamp", "starttime", "callstart",
         "callstarttime", "endtime", "callendtime", "date", "time"}
    ),
    USER_ID: frozenset(
        {"userid", "uid", "user", "username", "agent", "agentid", "agentname", "agentemail",
         "agentusername", "email", "extension", "useremail"}
    ),
    DIRECTION: frozenset({"direction", "calldirection", "calltype", "type"}),
    SESSION_ID: frozenset({"sessionid", "five9sessionid", "callsessionid", "session"}),
    FILE_TYPE: frozenset({"filetype", "mediatype", "format", "fileformat", "extension", "fileextension", "mimetype"}),
    ANI_DNIS: frozenset(
        {"ani", "dnis", "anidnis", "phone", "phonenumber", "contactphone", "contactphonenumber",
         "callerid", "callernumber", "dialednumber", "number", "customernumber"}
    ),
}
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """A field name reduced to lower-case letters and digits (cached: names repeat per file)."""
    return _NOT_ALNUM.sub("", name.lower())


@lru_cache(maxsize=4096)
def _facts_of(name: str) -> frozenset[str]:
    key = normalise(name)
    return frozenset(fact for fact, aliases in FIELD_ALIASES.items() if key in aliases)


def facts_in_fields(fields: dict[str, str]) -> set[str]:
    """The Five9 facts that non-empty metadata fields carry."""
    return set(_facts_of_names(tuple(name for name, value in fields.items() if value and not value.isspace())))


@lru_cache(maxsize=1024)
def _facts_of_names(names: tuple[str, ...]) -> frozenset[str]:
    """Cached per set of field names: a folder's metadata files mostly share one layout."""
    found: set[str] = set()
    for name in names:
        found |= _facts_of(name)
    return frozenset(found)


def call_time_in_fields(fields: dict[str, str], tz: tzinfo) -> datetime | None:
    """The call time from a metadata field (ISO 8601 or Unix seconds), or None if none is readable."""
    stated = stated_call_time(fields, tz)
    return stated[0] if stated else None


def stated_call_time(fields: dict[str, str], tz: tzinfo) -> tuple[datetime, bool] | None:
    """The call time from a metadata field, and whether its text fixed the moment itself (Unix seconds,
    or ISO 8601 with ``Z`` or an offset) rather than leaving the time zone to ``tz``, the zone the names
    are said to use. Only a fixed moment can be held against a clock without allowing for a time zone."""
    for name, value in fields.items():
        if CALL_TIME not in _facts_of(name):
            continue
        text = value.strip()
        if text.isdigit() and 9 <= len(text) <= 10:
            return datetime.fromtimestamp(int(text), tz), True
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        return (when, True) if when.tzinfo else (when.replace(tzinfo=tz), False)
    return None


def describe(facts: Iterable[str]) -> str:
    """Facts as a readable list, in the guide's order."""
    order = (CALL_TIME, USER_ID, DIRECTION, SESSION_ID, FILE_TYPE, ANI_DNIS)
    wanted = set(facts)
    return ", ".join(f for f in order if f in wanted)
