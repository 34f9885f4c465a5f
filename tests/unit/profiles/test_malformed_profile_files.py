"""Files that are not setup profiles, or are damaged ones: each named with what was found and what
was expected, as a `ProfileError` (the CLI's exit 2), never a crash or Python's own words."""

from __future__ import annotations

import json
import re

import pytest

from tests.unit.profiles.samples import profile, setting
from wizard.profiles.files import ProfileError, dump_profile, parse_profile, read_profile

#: Python's words that must never reach the admin.
PYTHON_WORDS = re.compile(r"\bNone\b|CapturedSetting|SourceOrg|Inventory\b|instance of|<unicode string>|Traceback")


@pytest.fixture
def text() -> str:
    return dump_profile(profile([setting("rc-nc.url", "named_credential.url", "https://platform.devtest.ringcentral.com/",
                                         page="ringcentral-named-credential")]))


def _message(text: str) -> str:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "p.yaml")
    message = str(caught.value)
    assert not PYTHON_WORDS.search(message), message
    return message


def test_brackets_nested_thousands_deep_are_refused_not_a_crash() -> None:
    message = _message("[" * 5000 + "]" * 5000)
    assert "nests lists or blocks thousands of levels deep" in message and "not a setup profile" in message


def test_a_key_that_is_a_list_is_broken_yaml_not_a_crash() -> None:
    message = _message("? [schema_version]\n: 2\n")
    assert "line 1" in message and "a key is a list or a block of fields, where a field name was expected" in message


def test_a_control_character_is_named_with_its_line() -> None:
    message = _message("kind: eci-setup-profile\nguide: air\x00call\n")
    assert message.startswith("p.yaml, line 2:") and "code 0x0000" in message


def test_an_empty_file_a_list_and_a_single_value_say_what_they_hold(text) -> None:
    assert "the file is empty" in _message("# only a comment\n")
    assert "the file holds a list of 2 (lines starting with '- ')" in _message("- a\n- b\n")
    assert "the file holds 'hello' and nothing else" in _message("hello\n")
    assert "where a setup profile holds its fields" in _message("[1, 2]")


def test_a_json_file_that_is_not_a_profile_says_kind_is_missing() -> None:
    message = _message(json.dumps({"org": "Acme", "pages": []}))
    assert "field 'kind': there is no 'kind' line: this file is not an ECI setup profile" in message
    assert "Expected 'kind: eci-setup-profile'" in message
    parity = _message(json.dumps({"kind": "parity", "schema_version": "1.1"}))
    assert "found 'parity': this file is not an ECI setup profile (a parity report" in parity


def test_a_missing_format_line_is_said_as_missing(text) -> None:
    message = _message(text.replace("schema_version: 2\n", ""))
    assert "there is no 'schema_version' line" in message and "expected 'schema_version: 2'" in message


def test_a_newer_format_names_both_formats(text) -> None:
    message = _message(text.replace("schema_version: 2\n", "schema_version: 9\n"))
    assert "format 9" in message and "a newer format than this wizard reads (2)" in message


def test_sections_of_the_wrong_shape_are_named_in_plain_words(text) -> None:
    settings = text[text.index("settings:\n"):text.index("inventory:")]
    wrong = text.replace(settings, "settings: [1, 2]\n")
    message = _message(wrong)
    assert "field 'settings[0]': found 1; expected a block of fields" in message
    source = text[text.index("source:\n"):text.index("\nenvironment:\n") + 1]
    assert "field 'source': found a list of 1; expected a block of fields" in _message(text.replace(source, "source: [x]\n"))
    assert "field 'settings': found 'none'; expected a list" in _message(text.replace(settings, "settings: none\n"))
    assert "found 1; expected text" in _message(text.replace("wizard_version: 0.1.0", "wizard_version: 1"))


def test_a_binary_file_is_refused(tmp_path) -> None:
    binary = tmp_path / "p.yaml"
    binary.write_bytes(b"kind: x\n\x00\x01\x02")
    with pytest.raises(ProfileError, match="code 0x0000"):
        read_profile(binary)
