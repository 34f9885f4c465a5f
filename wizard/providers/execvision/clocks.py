"""What a call time says about the clocks and the time zone of the names, in the admin's words.

Three clocks meet in a delivery: the one that names the recordings (the call time), the one that
wrote the files (their write time: the SFTP server, or the export job when the upload keeps the
files' times) and this computer's ("now"). A call never lies in the future, and its metadata is
never written before it, so a call time after either moment is a time-zone mismatch or a clock
set wrong. The guide asks for call times "in a consistent time zone", shared with the
implementations manager, and the check is told that zone (``--name-tz``, UTC unless said); it
reads every call time written without its zone (every name, and a metadata field without an
offset) in it.

Which cause it is follows from how far ahead the call time is. Real time zones run from UTC-12
to UTC+14, so names written in another zone than the one told look at most (+14 h minus the told
zone's offset) ahead: within that, the likely cause is the zone, and the warning says which
offset would explain it (names in Tokyo time read as UTC look 9 hours ahead: "UTC+09:00 or a zone
further ahead"). Further ahead than any zone explains, a clock or date is wrong. A call time that
states its own offset (or is in Unix seconds) leaves no zone to allow for: ahead is a clock. Names
written in a zone behind the one told look older, never in the future; the 48-hour rule is where
that shows. Both are warnings: the guide requires one consistent, shared zone, not a particular
one, and nothing here can tell a wrong zone from a wrong clock for certain. `CLOCK_SLACK` allows
for files written while a long listing runs and for clocks a few minutes apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from wizard.engine.results import Status
from wizard.retry_words import retry_words

from .findings import Finding

#: A time this far after another clock's is a clock or date set wrong, not a file written during the listing.
CLOCK_SLACK = timedelta(minutes=15)
#: The furthest any time zone is ahead of UTC (UTC+14, the Line Islands).
ZONE_FURTHEST_AHEAD = timedelta(hours=14)
#: The UTC offsets in use that are not whole hours (Newfoundland, India, Nepal, Adelaide, Chatham, ...).
_ODD_OFFSETS_MIN = (-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825)
#: Every UTC offset in use, in seconds, smallest first: an explaining offset is the first one it reaches.
REAL_OFFSETS_S = tuple(sorted({h * 3600 for h in range(-12, 15)} | {m * 60 for m in _ODD_OFFSETS_MIN}))
#: How far two clocks following internet time may differ when the likely zone is worked out.
_ZONE_TOLERANCE_S = 300
_CLOCK_SLACK_S, _ZONE_FURTHEST_AHEAD_S = CLOCK_SLACK.total_seconds(), ZONE_FURTHEST_AHEAD.total_seconds()
CLOCK_FIX = "both should follow internet time (NTP)"


@dataclass(frozen=True, slots=True)
class Ahead:
    """A call time after a moment it cannot follow (now, or its metadata's write time).

    ``seconds``: how far ahead, read in the zone the names are said to use. ``zone``: the smallest
    UTC offset that, had the call time been written in it, explains the gap ("UTC+09:00"); None when
    no time zone explains it (beyond UTC+14) or the call time stated its own offset.
    """

    seconds: float
    zone: str | None


def ahead_of(call_time: datetime, exact: bool, moment: float) -> Ahead | None:
    """How far ``call_time`` (aware: in the zone the names are said to use, or its own when ``exact``) is
    after ``moment`` (a timestamp), or None when it is not, beyond `CLOCK_SLACK`.

    The wall-clock time written is the same whatever zone it was meant in; in a zone with offset ``o`` it
    stands for the moment ``wall - o``, which is at or before ``moment`` (as a call must be) only for
    ``o >= wall - moment``. The first offset in use from there up is named: the file was written at or a
    little after its call, and a few minutes are allowed for clocks that differ slightly.
    """
    seconds = call_time.timestamp() - moment
    if seconds <= _CLOCK_SLACK_S:
        return None
    if exact:
        return Ahead(seconds, None)
    explaining = call_time.replace(tzinfo=UTC).timestamp() - moment  # the offset of the zone that explains it
    if explaining > _ZONE_FURTHEST_AHEAD_S + _CLOCK_SLACK_S:
        return Ahead(seconds, None)
    zone = next((o for o in REAL_OFFSETS_S if o >= explaining - _ZONE_TOLERANCE_S), REAL_OFFSETS_S[-1])
    return Ahead(seconds, utc_offset(zone))


def utc_offset(seconds: float) -> str:
    """'UTC+09:00', 'UTC-03:30'."""
    sign = "-" if seconds < 0 else "+"
    minutes = round(abs(seconds) / 60)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_name(call_time: datetime) -> str:
    """The zone a call time is read in, as the admin gave it: 'UTC', 'Asia/Tokyo', 'UTC+02:00'."""
    return str(call_time.tzinfo)


def earliest_words(call_time: datetime, ahead: Ahead) -> str:
    """'read as UTC; at least 3 hours in any time zone': the warning holds even for the zone furthest ahead."""
    least = call_time.replace(tzinfo=UTC).timestamp() - _ZONE_FURTHEST_AHEAD_S - (call_time.timestamp() - ahead.seconds)
    return f"read as {zone_name(call_time)}; at least {age(least)} in any time zone"


def zone_words(call_time: datetime, ahead: Ahead) -> str:
    """The likely cause when a time zone explains a call time ahead: which offset, instead of which zone."""
    further = "" if ahead.zone == utc_offset(_ZONE_FURTHEST_AHEAD_S) else " or a time zone further ahead"
    return (f"the call times are probably written in {ahead.zone}{further}, not in {zone_name(call_time)}, the zone the "
            "check was given; otherwise a clock or date is wrong")


def zone_fix(call_time: datetime, ahead: Ahead, systems: str) -> str:
    """What to do about a call time a time zone explains: find the zone and give it to the check, or set the clock."""
    offset = (ahead.zone or "UTC").removeprefix("UTC")
    # A place names its own way to give the zone; "{offset}" in its words is the offset that explains the call times.
    give = retry_words().way("--name-tz", f" Give that zone to the check (on the command line: --name-tz {offset}).")
    return (f"Find out which time zone {systems} writes the call times in; the guide asks for one consistent zone, shared "
            f"with your ExecVision implementations manager.{give.replace('{offset}', offset)} "
            f"If the call times are meant to be in {zone_name(call_time)}, set that system's clock to internet time (NTP)")


def call_text(call_time: datetime, exact: bool) -> str:
    """A call time as its text gave it: in UTC when the text fixed the moment, else as written."""
    return f"{call_time.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC" if exact else f"{call_time:%Y-%m-%d %H:%M:%S}"


def age(seconds: float) -> str:
    """A duration as the admin reads it: minutes, hours, then days."""
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} minutes"
    if seconds < 72 * 3600:
        return f"{seconds / 3600:.0f} hours"
    return f"{seconds / 86400:.0f} days"


#: Who writes the call times into the names, for the naming rules' clock and time-zone warnings.
_NAMER = "the system that names the recordings (the dialer or the export job)"


def name_in_future(path: str, call_time: datetime, ahead: Ahead, rule: str = "recording-name") -> Finding:
    """A recording whose name's call time is after this computer's clock: a time zone, or a clock (see above)."""
    wall = f"{call_time:%Y-%m-%d %H:%M:%S}"
    if ahead.zone is None:
        return Finding(rule, path, Status.WARN,
                       f"the call time {wall} is in the future: {age(ahead.seconds)} after this computer's clock "
                       f"({earliest_words(call_time, ahead)})",
                       f"Check the clock and date of {_NAMER}, then this computer's clock; {CLOCK_FIX}")
    return Finding(rule, path, Status.WARN,
                   f"the call time {wall}, read as {zone_name(call_time)}, is {age(ahead.seconds)} after this computer's clock, "
                   f"and a call cannot be in the future: {zone_words(call_time, ahead)}",
                   zone_fix(call_time, ahead, _NAMER))
