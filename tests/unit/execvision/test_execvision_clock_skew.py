"""Clocks that disagree: told as a warning naming the clock involved, never taken for a pass.

Three clocks meet in a delivery: the one that names the recordings (the call time), the one that
wrote the files (their write time) and this computer's. A call time written without its zone may
be in any zone up to UTC+14, so only what no time zone explains is said to be a clock problem;
a call time ahead by less (names in Tokyo or Kiritimati time read as UTC) is told as a time zone
other than the one the check was given (`test_execvision_time_zone_mismatch`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.execvision_files import GOOD_FIELDS, metadata_bytes, recording, touch
from tests.support.execvision_files import local_check as check

NOW = datetime.now(UTC).replace(microsecond=0)


#: Zones whose local-time names, read as UTC (no --name-tz), look hours early or late: none is a wrong clock.
LOCAL_ZONES = ("Asia/Tokyo", "Pacific/Kiritimati", "America/New_York")
#: The zones among them that are ahead of UTC: their names look in the future, told as a time zone (not a clock).
AHEAD_ZONES = {"Asia/Tokyo": "UTC+09:00", "Pacific/Kiritimati": "UTC+14:00"}


def local_time_names(folder: Path) -> None:
    """Recordings made minutes ago, named in each of `LOCAL_ZONES`' wall-clock time, written just after the call."""
    for zone in LOCAL_ZONES:
        for i in range(2):
            call = (NOW - timedelta(minutes=5 + i)).astimezone(ZoneInfo(zone))
            name = f"{call:%Y%m%d-%H%M%S}_{zone.split('/')[1].lower()}{i}"
            touch(folder / f"{name}.wav", b"RIFF", NOW - timedelta(minutes=4))
            touch(folder / f"{name}.json", metadata_bytes("json", GOOD_FIELDS), NOW - timedelta(minutes=4))


def test_uploads_written_after_this_computers_clock_are_told_not_passed(tmp_path: Path) -> None:
    """An export whose clock is 3 hours ahead would pass "Frequency of uploads" for 3 hours after it stopped."""
    ahead = tmp_path / "ahead"
    recording(ahead, NOW - timedelta(minutes=5), uid="skew", written=NOW + timedelta(hours=3))
    code, results = check(ahead, "--cadence")
    cadence = results["cadence"]
    assert cadence["status"] == "warn" and code == 0
    assert "3 hours after this computer's clock" in cadence["observed"] and "cannot be judged" in cadence["observed"]
    assert "the SFTP server" in cadence["observed"] and "internet time" in cadence["fix"]["hint"]

    moments = tmp_path / "written-during-the-listing"  # a few minutes ahead: a file arriving while the folder is listed
    recording(moments, NOW - timedelta(minutes=5), uid="fresh", written=NOW + timedelta(minutes=3))
    code, results = check(moments, "--cadence")
    assert results["cadence"]["status"] == "pass" and results["findings"] == [] and code == 0


def clock_findings(results: dict) -> list[tuple[str, str]]:
    """(file, rule) of the findings that are not about names in a zone ahead of UTC (those say a zone, not a clock)."""
    return [(f["file"], f["rule"]) for f in results["findings"] if not any(z.split("/")[1].lower() in f["file"] for z in AHEAD_ZONES)]


def assert_ahead_zones_told_as_zones(results: dict) -> None:
    """Each name in a zone ahead of UTC is one warning under the naming rule, naming that zone's offset."""
    for zone, offset in AHEAD_ZONES.items():
        told = [f for f in results["findings"] if zone.split("/")[1].lower() in f["file"]]
        assert [(f["rule"], f["status"]) for f in told] == [("recording-name", "warn")] * 2, told
        assert all(f"probably written in {offset}" in f["observed"] and "--name-tz" in f["fix"] for f in told)


def test_metadata_written_long_before_its_call_is_told(tmp_path: Path) -> None:
    """29 hours before its call: no time zone explains it, so a clock is named. Names in New York time are not flagged."""
    folder = tmp_path / "export"
    before = recording(folder, NOW - timedelta(hours=1), uid="before", written=NOW - timedelta(hours=30))
    local_time_names(folder)
    code, results = check(folder, "--cadence")
    assert clock_findings(results) == [(f"{before}.json", "metadata-updates")]
    assert_ahead_zones_told_as_zones(results)
    updates = results["metadata-updates"]
    assert updates["status"] == "warn" and code == 0
    assert "29 hours before the call it describes" in updates["observed"]
    assert "read as UTC; at least 15 hours in any time zone" in updates["observed"]
    assert "a clock or date is wrong" in updates["observed"] and "the SFTP server" in updates["fix"]["hint"]


def test_a_call_time_in_the_future_in_every_time_zone_is_told(tmp_path: Path) -> None:
    """17 hours ahead when read as UTC: even read as UTC+14 the call has not happened yet."""
    folder = tmp_path / "export"
    tomorrow = recording(folder, NOW + timedelta(hours=17), uid="tomorrow", written=NOW - timedelta(minutes=1))
    local_time_names(folder)  # up to 14 hours ahead when read as UTC: a time zone, not a clock
    code, results = check(folder)
    assert clock_findings(results) == [(f"{tomorrow}.wav", "recording-name")]
    assert_ahead_zones_told_as_zones(results)
    naming = results["recording-name"]
    assert naming["status"] == "warn" and code == 0
    assert "is in the future: 17 hours after this computer's clock (read as UTC; at least 3 hours in any time zone)" in naming["observed"]
    assert "the system that names the recordings" in naming["fix"]["hint"]
    assert results["metadata-updates"]["status"] == "pass"  # told once, under the name


def test_a_metadata_call_time_with_its_offset_is_held_to_the_minute(tmp_path: Path) -> None:
    """A call time that states its zone leaves nothing to allow for: 3 hours ahead is a clock problem."""
    folder = tmp_path / "export"
    call = (NOW + timedelta(hours=3)).astimezone(ZoneInfo("Europe/Berlin")).isoformat()
    touch(folder / "joe_S1.wav", b"RIFF", NOW)
    touch(folder / "joe_S1.json", metadata_bytes("json", {**GOOD_FIELDS, "call_time": call}), NOW)
    code, results = check(folder, "--source", "homegrown", "--name-pattern", "{user_id}_{session_id}")
    updates = results["metadata-updates"]
    assert updates["status"] == "warn" and code == 0
    assert "the call time in the metadata" in updates["observed"] and "is in the future: 3 hours after this computer's clock" in updates["observed"]
    assert "the system that writes the call time into the metadata" in updates["fix"]["hint"]
