"""A damaged or mismatched profile is the same fact wherever it is read, but the way to a good one
is the reader's own: the command line names ``eci-wizard capture``, the window its menu entry
"Wizard → Save a setup profile…". One set of rules, two sets of words; the window's never name a
command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.profiles.samples import profile, setting
from wizard.guides.loader import load_guide
from wizard.profiles.files import ProfileError, dump_profile, held_by, parse_profile, read_profile
from wizard.ui.graduation.words import CAPTURE_WORDS, SAVE_MENU

#: What only the command line may say.
COMMAND_LINE_WORDS = ("eci-wizard", " --", "'capture'", "give the path")


def _aircall() -> str:
    """A whole Aircall profile, as capture writes one."""
    guide = load_guide("aircall")
    return dump_profile(profile([setting(s.id, "check", page=page.id) for page, s in guide.settings()], guide="aircall"))


def _damaged() -> dict[str, str]:
    text = _aircall()
    return {
        "not a profile": json.dumps({"org": "Acme"}),
        "a parity report": json.dumps({"kind": "parity"}),
        "an empty file": "# nothing\n",
        "a binary file": "kind: eci-setup-profile\nguide: air\x00call\n",
        "nested thousands deep": "[" * 5000 + "]" * 5000,
        "no format line": text.replace("schema_version: 2\n", ""),
        "a format that is no number": text.replace("schema_version: 2", "schema_version: two"),
        "an older format": text.replace("schema_version: 2", "schema_version: 1"),
        "cut off": text.replace("end_of_profile: true\n", ""),
        "no guide line": text.replace("\nguide: aircall\n", "\n"),
        "an unknown guide": text.replace("\nguide: aircall\n", "\nguide: aircal\n"),
        "another guide's line": text.replace("\nguide: aircall\n", "\nguide: ringcentral\n"),
        "a value of the wrong kind": text.replace("captured_at: ", "captured_at: [1]\nwas_captured_at: "),
    }


def _said(text: str, words: object = None) -> str:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "aircall.profile.yaml", *([words] if words else []))
    return str(caught.value)


@pytest.mark.parametrize("case", list(_damaged()))
def test_the_window_names_its_menu_entry_never_a_command(case: str) -> None:
    text = _damaged()[case]
    window = _said(text, CAPTURE_WORDS)
    assert not any(words in window for words in COMMAND_LINE_WORDS), window
    command_line = _said(text)
    if "eci-wizard capture" in command_line:  # where the command line names its way, the window names its own
        assert SAVE_MENU in window, window
    # The same facts: only the way on differs.
    assert window.split(":")[0] == command_line.split(":")[0]


def test_a_profile_of_another_guide_says_which_guide_to_open_before_saving() -> None:
    window = _said(_damaged()["another guide's line"], CAPTURE_WORDS)
    assert "put back 'guide: aircall'" in window
    assert f"capture a profile for it in the source org: {SAVE_MENU} with the ECI with RingCentral guide open." in window
    assert "eci-wizard capture --guide ringcentral" in _said(_damaged()["another guide's line"])  # the command line's


def test_a_missing_file_a_folder_and_what_a_file_holds_are_said_in_the_windows_words(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.yaml", tmp_path):
        with pytest.raises(ProfileError) as caught:
            read_profile(path, CAPTURE_WORDS)
        assert f"choose a profile that {SAVE_MENU} saved" in str(caught.value)
        assert not any(words in str(caught.value) for words in COMMAND_LINE_WORDS)
    report, notes = tmp_path / "a.parity.json", tmp_path / "notes.txt"
    report.write_text('{"kind": "parity"}', encoding="utf-8")
    notes.write_text("meeting: tuesday\n- not a profile\n", encoding="utf-8")
    assert held_by(report, CAPTURE_WORDS).text() == "a parity report (saved from the graduation dialog)"
    assert held_by(notes, CAPTURE_WORDS).text().endswith(f"not saved with {SAVE_MENU})")
    assert held_by(report).text() == "a parity report (written by 'eci-wizard graduate')"  # the command line's, as ever
