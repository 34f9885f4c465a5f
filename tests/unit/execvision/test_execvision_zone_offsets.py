"""Which UTC offset explains a call time ahead of the moment its file was written (`clocks.ahead_of`).

Real zones run from UTC-12 to UTC+14, some on the half or quarter hour (India +05:30, Nepal +05:45,
Chatham +12:45). A file is written at or a few minutes after its call, so the offset named is the
first one in use at or above the gap; beyond UTC+14 no zone explains the gap and a clock is wrong.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from wizard.providers.execvision.clocks import ahead_of

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.mark.parametrize("offset", ["+05:30", "+05:45", "+09:00", "+12:00", "+12:45", "+13:00", "+14:00", "+00:00"])
def test_the_offset_named_is_the_one_the_names_were_written_in(offset: str) -> None:
    """A file written a few minutes after its call, named in ``offset`` and read as UTC: that offset explains it."""
    sign = 1 if offset[0] == "+" else -1
    zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:])))
    call = NOW - timedelta(hours=30)
    wall = call.astimezone(zone).replace(tzinfo=UTC)  # the name, read as UTC
    for minutes_after in (0, 1, 4):
        ahead = ahead_of(wall, False, (call + timedelta(minutes=minutes_after)).timestamp())
        if offset == "+00:00":
            assert ahead is None  # no gap: nothing to explain
        else:
            assert ahead is not None and ahead.zone == f"UTC{offset}", (offset, minutes_after, ahead)


def test_beyond_utc_plus_14_no_zone_explains_it() -> None:
    call = NOW.replace(tzinfo=UTC)
    assert ahead_of(call + timedelta(hours=14, minutes=10), False, call.timestamp()).zone == "UTC+14:00"
    assert ahead_of(call + timedelta(hours=14, minutes=20), False, call.timestamp()).zone is None  # a clock, not a zone
    assert ahead_of(call + timedelta(hours=3), True, call.timestamp()).zone is None  # a stated offset leaves no zone to allow for
    assert ahead_of(call + timedelta(minutes=14), False, call.timestamp()) is None  # clocks a few minutes apart
