"""Names the admin types exactly never look as if they held a space when a label wraps.

Before, "(VoiceConnector)" could show as "(Voice" and "Connector)" on two lines, and the banner's
"admin@acme-demo.example" as "admin@acme-" and "demo.example": both read like names with a space.
Now a token of up to 30 characters never breaks, a long URL breaks after its separators, and only a
long camel-case name breaks inside, with a soft hyphen (a hyphen drawn at the line's end).
"""

from __future__ import annotations

import pytest

from wizard.ui.wrap import ZWSP, breakable, unbreak

#: A soft hyphen: Qt draws a hyphen where the line breaks at it, nothing elsewhere.
SHY = "\u00ad"
#: A word joiner: keeps Qt from breaking after a hyphen by itself.
JOINER = "\u2060"


@pytest.mark.parametrize("text", [
    "VoiceConnector (VoiceConnector)",
    "AwsGenerateAudioRecordingURL",
    "PostcallRecordingImportEnabled: true",
    "signed in as admin@acme-demo.example · a demo org",
    "(AwsGenerateAudioRecordingURL),",
])
def test_short_names_and_addresses_never_break_where_a_space_could_be_read(text: str) -> None:
    wide = breakable(text, tight=False)  # what a label wide enough for the name shows
    assert ZWSP not in wide and SHY not in wide and unbreak(wide) == text
    narrow = breakable(text)  # a narrower one: inside a word, only a soft hyphen (drawn as a hyphen)
    assert unbreak(narrow) == text
    for i, ch in enumerate(narrow):
        if ch == SHY:
            assert narrow[i - 1].isalnum() and narrow[i + 1].isupper(), narrow
        if ch == ZWSP:
            assert narrow[i - 1] in "/_.@-=&?,;:", narrow


def test_an_e_mail_address_is_held_together_even_at_its_hyphen() -> None:
    shown = breakable("signed in as admin@acme-demo.example", tight=False)
    assert "acme-" + JOINER + "demo" in shown and SHY not in shown and ZWSP not in shown
    assert unbreak(shown) == "signed in as admin@acme-demo.example"


def test_a_name_under_twenty_characters_is_left_alone() -> None:
    assert breakable("VoiceConnector (VoiceConnector)") == "VoiceConnector (VoiceConnector)"


def test_a_long_url_breaks_only_after_its_separators() -> None:
    url = "https://127.0.0.1:43925/services/authcallback/EC"
    shown = breakable(url)
    assert SHY not in shown
    assert all(shown[i - 1] in "/.:" for i, ch in enumerate(shown) if ch == ZWSP)
    assert unbreak(shown) == url


def test_a_long_camel_case_name_breaks_at_its_words_with_a_soft_hyphen() -> None:
    name = "invokeSfGenerateAudioRecordingStreamingURLPolicy"
    shown = breakable(name)
    assert ZWSP not in shown and shown.split(SHY)[:3] == ["invoke", "Sf", "Generate"]
    assert unbreak(shown) == name


def test_a_wide_label_moves_a_name_to_the_next_line_whole_and_a_narrow_one_hyphenates_it(qtbot: object) -> None:
    """Qt breaks at the last chance on a line, so a label wide enough for the name shows no soft hyphen."""
    from PySide6.QtWidgets import QLabel

    from wizard.ui.wrap import wrap_label

    text = ("The serverless application only builds the AWS resources for recording import when its "
            "PostcallRecordingImportEnabled parameter is true.")
    widget = wrap_label(text)
    widget.setWordWrap(True)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    widget.resize(700, 200)
    qtbot.waitUntil(lambda: SHY not in QLabel.text(widget))  # type: ignore[attr-defined]
    assert widget.text() == text
    widget.resize(120, 400)
    qtbot.waitUntil(lambda: SHY in QLabel.text(widget))  # type: ignore[attr-defined]
    assert widget.minimumSizeHint().width() <= 120 and widget.text() == text
