"""Call times written in another time zone than the one the check was given: told as a warning that
names the zone offset which would explain them, while files in the zone given still pass.

The guide asks for call times "in a consistent time zone", shared with the implementations
manager, and the check reads names in the zone given (``--name-tz``, UTC unless said). A call
cannot be in the future and its metadata is not written before it, so a call time ahead of this
computer's clock, or of its metadata's write time, by no more than a real zone allows (UTC+14 at
most) is most likely such a zone; further ahead, a clock is wrong (`test_execvision_clock_skew`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.execvision_files import GOOD_FIELDS, metadata_bytes, touch
from tests.support.execvision_files import local_check as check

NOW = datetime.now(UTC).replace(microsecond=0)


def named_in(folder: Path, zone: timezone | ZoneInfo, call: datetime, uid: str, written: datetime | None = None) -> str:
    """A recording and its metadata, named with the call's wall-clock time in ``zone``, written a minute after the call."""
    name = f"{call.astimezone(zone):%Y%m%d-%H%M%S}_{uid}"
    when = written or call + timedelta(minutes=1)
    touch(folder / f"{name}.wav", b"RIFF", when)
    touch(folder / f"{name}.json", metadata_bytes("json", GOOD_FIELDS), when)
    return name


def test_a_call_time_12_hours_ahead_is_a_warning_naming_the_likely_time_zone(tmp_path: Path) -> None:
    """Names in UTC+12 (New Zealand in winter), read as UTC, look 12 hours ahead: no clock is that wrong by chance."""
    folder = tmp_path / "export"
    ahead = named_in(folder, timezone(timedelta(hours=12)), NOW - timedelta(minutes=3), "auckland")
    named_in(folder, UTC, NOW - timedelta(minutes=4), "in_utc")  # the zone the check was given: passes
    code, results = check(folder)
    assert code == 0  # a warning: the guide asks for one shared zone, not for UTC
    assert [(f["file"], f["rule"], f["status"]) for f in results["findings"]] == [(f"{ahead}.wav", "recording-name", "warn")]
    (finding,) = results["findings"]
    assert "read as UTC, is 12 hours after this computer's clock" in finding["observed"]  # what was seen
    assert "a call cannot be in the future" in finding["observed"]
    assert "probably written in UTC+12:00 or a time zone further ahead, not in UTC" in finding["observed"]  # the likely cause
    assert "otherwise a clock or date is wrong" in finding["observed"]
    assert "--name-tz +12:00" in finding["fix"] and "implementations manager" in finding["fix"]  # what to do
    assert "internet time" in finding["fix"]
    assert results["recording-name"]["status"] == "warn"
    assert results["metadata-updates"]["status"] == "pass"  # told once, under the name


def test_a_correct_utc_delivery_still_passes(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    for i in range(3):
        named_in(folder, UTC, NOW - timedelta(minutes=5 + i), f"agent{i}")
    code, results = check(folder)
    assert code == 0 and results["findings"] == []
    assert results["recording-name"]["status"] == "pass" and results["metadata-updates"]["status"] == "pass"


def test_names_given_their_zone_pass(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    named_in(folder, timezone(timedelta(hours=12)), NOW - timedelta(minutes=3), "auckland")
    code, results = check(folder, "--name-tz", "+12:00")
    assert code == 0 and results["findings"] == []


def test_old_calls_named_in_tokyo_time_are_told_by_their_metadata(tmp_path: Path) -> None:
    """Yesterday's calls named in Tokyo time are not in the future even read as UTC, but their metadata
    would have been written 9 hours before the call: the zone is named, and the 48-hour rule is not passed."""
    folder = tmp_path / "export"
    tokyo = ZoneInfo("Asia/Tokyo")
    name = named_in(folder, tokyo, NOW - timedelta(hours=20), "tokyo", written=NOW - timedelta(hours=20) + timedelta(minutes=4))
    code, results = check(folder)
    assert code == 0
    assert [(f["file"], f["rule"], f["status"]) for f in results["findings"]] == [(f"{name}.json", "metadata-updates", "warn")]
    (finding,) = results["findings"]
    assert "9 hours before the call it describes" in finding["observed"] and "read as UTC" in finding["observed"]
    assert "probably written in UTC+09:00 or a time zone further ahead" in finding["observed"]
    assert "so the 48-hour limit cannot be judged" in finding["observed"]
    assert "--name-tz +09:00" in finding["fix"]
    assert results["metadata-updates"]["status"] == "warn"

    code, results = check(folder, "--name-tz", "Asia/Tokyo")
    assert code == 0 and results["findings"] == [] and results["metadata-updates"]["status"] == "pass"


def test_names_behind_utc_never_look_like_the_future(tmp_path: Path) -> None:
    """New York names read as UTC look hours older: nothing about clocks to say for a recent call."""
    folder = tmp_path / "export"
    named_in(folder, ZoneInfo("America/New_York"), NOW - timedelta(minutes=3), "new_york")
    code, results = check(folder)
    assert code == 0 and results["findings"] == []
