"""The names' time zone and the answer timeout, read the same way for the command line and the window.

A refusal says what was typed, what is expected and what to do in the wizard's words, never an
option's name (the window shows it beside its own field); the command line wraps the same reading
and keeps its own sentences, with its option names.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wizard.providers.execvision.session import DeliveryEntries, ExecVisionSession
from wizard.providers.execvision.typed_values import (
    DEFAULT_TIMEOUT,
    TIMEOUT_RANGE,
    ValueRefused,
    answer_timeout,
    kept_timeout,
    name_time_zone,
)


@pytest.mark.parametrize(("typed", "offset_hours"), [
    ("UTC", 0), ("utc", 0), ("Z", 0), ("GMT", 0), ("+02:00", 2), ("+0200", 2), ("-05:30", -5.5), ("+14:00", 14), ("UTC+09:00", 9), ("utc-05:30", -5.5), ("GMT+0100", 1),
    ("Asia/Tokyo", 9), ("Asia/Kolkata", 5.5),
])
def test_a_zone_is_read_as_a_name_an_offset_or_utc(typed: str, offset_hours: float) -> None:
    zone = name_time_zone(typed)
    assert zone.utcoffset(datetime(2024, 1, 15, 12)) == timedelta(hours=offset_hours)


def test_a_named_zone_follows_its_daylight_saving_time() -> None:
    new_york = name_time_zone("America/New_York")
    assert new_york == ZoneInfo("America/New_York")
    assert new_york.utcoffset(datetime(2024, 1, 15)) != new_york.utcoffset(datetime(2024, 7, 15))


@pytest.mark.parametrize("typed", ["Mars/Olympus", "Europe/Nowhere", "+02", "", " ", "../etc/passwd", "/etc/passwd", "UTC+2"])
def test_a_zone_that_is_none_is_refused_saying_what_was_typed_and_what_to_enter(typed: str) -> None:
    with pytest.raises(ValueRefused) as refused:
        name_time_zone(typed)
    problem = refused.value
    assert problem.kind == "zone-unknown" and problem.typed == typed
    assert (f"“{typed}” is not a time zone" if typed.strip() else "An empty time zone is not") in problem.observed
    assert "America/New_York" in problem.expected and "+02:00" in problem.expected
    assert "implementations manager" in problem.action
    text = str(problem)
    assert "Expected:" in text and "What to do:" in text and "--" not in text
    assert "ZoneInfo" not in text and "absolute" not in text  # the zone database's own words stay out


@pytest.mark.parametrize("typed", ["+25:00", "+02:75", "-24:00"])
def test_an_offset_past_what_a_clock_shows_is_refused_in_plain_words(typed: str) -> None:
    with pytest.raises(ValueRefused) as refused:
        name_time_zone(typed)
    assert refused.value.kind == "zone-offset"
    assert f"“{typed}” is not a time zone offset: hours go up to 23 and minutes up to 59" in str(refused.value)
    assert "timedelta" not in str(refused.value) and "--" not in str(refused.value)


@pytest.mark.parametrize(("typed", "seconds"), [("15", 15.0), ("2.5", 2.5), (7, 7.0), (0.5, 0.5), ("1e3", 1000.0)])
def test_a_timeout_is_any_number_of_seconds_above_zero(typed: str | float, seconds: float) -> None:
    assert answer_timeout(typed) == seconds


@pytest.mark.parametrize(("typed", "kind"), [
    ("abc", "timeout-not-a-number"), ("", "timeout-not-a-number"), ("0", "timeout-not-positive"),
    ("-1", "timeout-not-positive"), ("nan", "timeout-not-positive"), (0.0, "timeout-not-positive"),
])
def test_a_timeout_that_is_no_time_to_wait_is_refused_in_plain_words(typed: str | float, kind: str) -> None:
    with pytest.raises(ValueRefused) as refused:
        answer_timeout(typed)
    assert refused.value.kind == kind
    text = str(refused.value)
    assert "a number of seconds above 0" in text and "What to do: Enter how many seconds" in text and "--" not in text


@pytest.mark.parametrize(("kept", "shown"), [
    (30, 30.0), ("45", 45.0), (None, DEFAULT_TIMEOUT), ("abc", DEFAULT_TIMEOUT), (True, DEFAULT_TIMEOUT),
    (-3, DEFAULT_TIMEOUT), (math.inf, DEFAULT_TIMEOUT), (0.2, TIMEOUT_RANGE[0]), (10_000, TIMEOUT_RANGE[1]),
])
def test_a_kept_timeout_the_field_cannot_show_becomes_one_it_can(kept: object, shown: float) -> None:
    assert kept_timeout(kept) == shown


def test_the_window_entries_carry_the_zone_and_the_timeout_to_the_check() -> None:
    entries = DeliveryEntries(host="sftp.example.com", username="acme", name_tz=" Asia/Tokyo ", timeout=4.0)
    assert entries.config().name_tz == ZoneInfo("Asia/Tokyo")
    assert entries.target().timeout == 4.0
    assert DeliveryEntries().config().name_tz is UTC and DeliveryEntries(host="h", username="u").target().timeout == 15.0
    with pytest.raises(ValueRefused):
        DeliveryEntries(name_tz="Mars/Olympus").config()


def test_entries_kept_before_the_fields_existed_read_back_as_utc_and_15_seconds(memory_keyring: type,
                                                                                wizard_dirs: tuple[Path, Path]) -> None:
    import json

    from wizard import secrets
    from wizard.providers.execvision.session import LAST_KIND

    secrets.set_secret(LAST_KIND, "entries", json.dumps({"host": "sftp.example.com", "username": "acme", "dialer": "five9"}))
    restored = ExecVisionSession().restore()
    assert (restored.host, restored.name_tz, restored.timeout) == ("sftp.example.com", "UTC", 15.0)
    secrets.set_secret(LAST_KIND, "entries", json.dumps({"host": "h", "username": "u", "name_tz": 5, "timeout": "soon"}))
    restored = ExecVisionSession().restore()
    assert (restored.host, restored.name_tz, restored.timeout) == ("h", "UTC", 15.0)  # the rest is still filled in


@pytest.mark.parametrize(("typed", "said"), [
    ("abc", "argument --timeout: 'abc' is not a number of seconds"),
    ("0", "argument --timeout: 0 is not a duration; expected a number of seconds above 0"),
    ("-1", "argument --timeout: -1 is not a duration; expected a number of seconds above 0"),
])
def test_the_command_line_keeps_its_own_words_for_a_timeout(typed: str, said: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from wizard.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["execvision", "check", "--sftp", "127.0.0.1", "--user", "u", f"--timeout={typed}"])
    assert stop.value.code == 2 and said in capsys.readouterr().err


def test_the_command_line_keeps_its_own_words_for_a_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wizard.cli import main

    assert main(["execvision", "check", "--local", str(tmp_path), "--name-tz", "Mars/Olympus"]) == 2
    assert ("Cannot check: --name-tz 'Mars/Olympus' is not a time zone; use UTC, a name like America/New_York, "
            "or an offset like +02:00") in capsys.readouterr().err
