"""Recording and metadata file-name rules: the guide's default and an agreed pattern."""

from __future__ import annotations

from datetime import datetime

import pytest

from wizard.providers.execvision.naming import (
    ANI_DNIS,
    CALL_TIME,
    DIRECTION,
    FILE_TYPE,
    SESSION_ID,
    USER_ID,
    NameMatch,
    NameProblem,
    PatternError,
    compile_pattern,
    metadata_only_id_problem,
    split_name,
)

DEFAULT = compile_pattern()


def test_the_guides_example_matches() -> None:
    stem, ext = split_name("20201012-140253_joe_baducci.wav")
    assert (stem, ext) == ("20201012-140253_joe_baducci", "wav")
    found = DEFAULT.match(stem)
    assert isinstance(found, NameMatch)
    assert found.call_time == datetime(2020, 10, 12, 14, 2, 53)
    assert found.fields == {"user_id": "joe_baducci"}


def test_default_example_is_the_guides() -> None:
    assert DEFAULT.example() == "20201012-140253_joe_baducci.wav"


def test_second_60_is_allowed_as_the_guide_says() -> None:
    found = DEFAULT.match("20161231-235960_ops@example.com")
    assert isinstance(found, NameMatch) and found.leap_second
    assert found.fields["user_id"] == "ops@example.com"


@pytest.mark.parametrize(
    ("stem", "says"),
    [
        ("20201332-140253_joe", "month 13"),
        ("20200230-140253_joe", "2020-02-30 is not a real date"),
        ("20210229-140253_joe", "2021-02-29 is not a real date"),
        ("20201012-240253_joe", "hour 24"),
        ("20201012-146053_joe", "minute 60"),
        ("20201012-140261_joe", "second 61"),
        ("20201012-140253", "'_' and the user's unique id"),
        ("20201012-140253_", "'_' and the user's unique id"),
        ("2020-10-12_140253_joe", "does not start with a yyyyMMdd-hhmmss timestamp"),
        ("joe_20201012-140253", "does not start with a yyyyMMdd-hhmmss timestamp"),
    ],
)
def test_bad_names_are_explained(stem: str, says: str) -> None:
    problem = DEFAULT.match(stem)
    assert isinstance(problem, NameProblem)
    assert says in problem.observed
    assert problem.fix


def test_leap_day_is_a_real_date() -> None:
    assert isinstance(DEFAULT.match("20240229-000000_joe"), NameMatch)


def test_agreed_pattern_carries_five9_information() -> None:
    pattern = compile_pattern("{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}")
    assert pattern.five9_info == {CALL_TIME, USER_ID, DIRECTION, SESSION_ID, ANI_DNIS, FILE_TYPE}
    found = pattern.match("20201012-140253_joe_inbound_5F9C_5551234567")
    assert isinstance(found, NameMatch)
    assert found.fields["session_id"] == "5F9C" and found.fields["ani"] == "5551234567"
    assert isinstance(pattern.match(split_name(pattern.example())[0]), NameMatch)
    mismatch = pattern.match("20201012-140253_joe")
    assert isinstance(mismatch, NameProblem) and "agreed pattern" in mismatch.observed


def test_other_time_formats() -> None:
    pattern = compile_pattern("{user_id}-{call_time:yyyy-MM-dd_HHmmss}")
    found = pattern.match("joe-2020-10-12_140253")
    assert isinstance(found, NameMatch) and found.call_time == datetime(2020, 10, 12, 14, 2, 53)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("recording", "no fields"),
        ("{user_id}{direction}", "separator"),
        ("{user_id}_{user_id}", "twice"),
        ("{call_time:yyyyMMdd}_{user_id}", "lacks the hour, minute, second"),
        ("{call_time:yyyyMMdd-hhmmssXX}_{uid}", "Unknown letters"),
        ("{user_id:upper}", "Only {call_time:...} takes a format"),
        ("{call_time:yyyyMMdd-hhmmss}_{user_id}.wav", "extension"),
        ("{call_time:yyyyMMdd-hhmmss}_{user_id", "Unbalanced"),
    ],
)
def test_unusable_patterns_are_explained(text: str, says: str) -> None:
    with pytest.raises(PatternError, match=None) as caught:
        compile_pattern(text)
    assert says in str(caught.value)


def test_split_name_edge_cases() -> None:
    assert split_name(".DS_Store") == (".DS_Store", "")
    assert split_name("README") == ("README", "")
    assert split_name("A.B.WAV") == ("A.B", "wav")


def test_metadata_only_ids() -> None:
    assert metadata_only_id_problem("BXyT30eVTWIZjUA") is None
    spaced = metadata_only_id_problem("call 42")
    assert spaced is not None and spaced.fix
    assert metadata_only_id_problem("   ") is not None
