"""The two values the admin types for the delivery check as text: the names' time zone and the answer timeout.

The command line (``--name-tz``, ``--timeout``) and the window (“Call times in names”, “Answer
timeout”) read them here, so both accept exactly the same values and a value either refuses is
refused before anything connects: a typo in the zone would otherwise show up only as every name
"in the future", and a timeout of 0 as a server that "did not answer within 0 s". The refusals say
what was typed, what is expected and what to do, without naming a command-line option or a window
field; each place words the way to put it right (the command line keeps its own sentences).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The zone names are read in unless the admin says otherwise, and how the wizard writes it.
DEFAULT_ZONE = "UTC"
#: Seconds to wait for each answer from the SFTP server unless the admin says otherwise.
DEFAULT_TIMEOUT = 15.0
#: The window's field offers this range: a second is the least a distant server can answer in, and
#: ten minutes more than any working server needs (a Cancel stops a longer wait at once anyway).
TIMEOUT_RANGE = (1.0, 600.0)
_UTC_WORDS = ("UTC", "Z", "GMT")
#: An offset, also as the wizard's own warnings write it ("UTC+09:00"), so advice can be typed back as read.
_OFFSET = re.compile(r"(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})", re.IGNORECASE)
_ZONE_EXPECTED = "UTC, a time zone name like America/New_York or Asia/Tokyo, or an offset from UTC like +02:00 or -05:30"
_ZONE_ACTION = ("Enter the time zone the system that names the recordings writes the call times in (your ExecVision "
                "implementations manager knows the one agreed), or UTC if they are in UTC")


class ValueRefused(ValueError):
    """A typed value the check cannot use, in the wizard's words: what was typed, what is expected, what to do.

    ``kind`` tells the refusals apart for a place that words them its own way: "zone-offset" (an offset
    past what a clock shows), "zone-unknown", "timeout-not-a-number", "timeout-not-positive".
    """

    def __init__(self, kind: str, typed: str, observed: str, expected: str, action: str) -> None:
        self.kind, self.typed, self.observed, self.expected, self.action = kind, typed, observed, expected, action
        super().__init__(f"{observed}. Expected: {expected}. What to do: {action}.")


def name_time_zone(text: str) -> tzinfo:
    """The time zone `text` names: UTC (also Z or GMT), an IANA name, or an offset like +02:00, +0200 or UTC+02:00.

    The text is read as typed (the window trims its field first): the zone database's own errors
    ("ZoneInfo keys may not be absolute paths") would otherwise reach the admin, so every way a
    name can fail is one refusal.
    """
    if text.upper() in _UTC_WORDS:
        return UTC
    offset = _OFFSET.fullmatch(text)
    if offset:
        hours, minutes = int(offset.group(2)), int(offset.group(3))
        if hours > 23 or minutes > 59:  # what a clock can show; timezone() would answer in Python's words
            raise ValueRefused("zone-offset", text, f"“{text}” is not a time zone offset: hours go up to 23 and minutes up to 59",
                               _ZONE_EXPECTED, "Correct the offset (for example +09:00 for Tokyo), or enter the zone's name")
        sign = -1 if offset.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        shown = f"“{text}”" if text.strip() else "An empty time zone"
        raise ValueRefused("zone-unknown", text, f"{shown} is not a time zone this computer knows", _ZONE_EXPECTED,
                           _ZONE_ACTION) from None


def answer_timeout(value: str | float) -> float:
    """Seconds to wait for each answer from the SFTP server: a number above 0 (text as typed, or a number).

    Not a number, zero, a negative number or NaN is refused: each would reach a socket call or a
    message ("did not answer within -1 s") as nonsense.
    """
    typed = value if isinstance(value, str) else f"{value:g}" if isinstance(value, int | float) else str(value)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueRefused("timeout-not-a-number", typed, f"“{typed}” is not a number of seconds",
                           "a number of seconds above 0, such as 15",
                           "Enter how many seconds to wait for each answer from the SFTP server") from None
    if not seconds > 0:  # NaN too
        raise ValueRefused("timeout-not-positive", typed, f"{typed} is not a time to wait",
                           "a number of seconds above 0, such as 15",
                           f"Enter how many seconds to wait for each answer from the SFTP server ({DEFAULT_TIMEOUT:g} suits "
                           "most servers; more for a slow one)")
    return seconds


def kept_timeout(value: object) -> float:
    """A timeout read back from the kept entries, within `TIMEOUT_RANGE` (the default when it is no timeout).

    Entries kept before the window had the field hold none, and the keyring's copy may have been
    edited by hand: what the field cannot show must not stop the panel from filling in the rest.
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return DEFAULT_TIMEOUT
    try:
        seconds = answer_timeout(value)
    except ValueRefused:
        return DEFAULT_TIMEOUT
    low, high = TIMEOUT_RANGE
    return min(max(seconds, low), high) if math.isfinite(seconds) else DEFAULT_TIMEOUT
