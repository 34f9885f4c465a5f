"""A backup file the wizard cannot read, or a backup folder it cannot write, stops a fix, an undo or
a graduation before anything is written; what to do ends with starting it again, in the words of
where the admin reads it: the command line runs the command again (as it always said), the fix
dialog's Apply button, the undo's menu entry, the graduation dialog's Back (it previews the org
again, the values typed kept), the Map users dialog opened again. The window never tells the admin
to run a command."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.apply.backup import BackupUnreadable, BackupUnwritable
from wizard.retry_words import COMMAND_LINE, RetryWords, shown_in
from wizard.ui import fix_door
from wizard.ui.fix_dialog import FIX_WORDS
from wizard.ui.graduation.words import RETRY_WORDS
from wizard.ui.providers.mapping_dialog import RETRY_WORDS as MAP_WORDS

#: Words of the command line, which no window text may use.
COMMAND_WORDS = ("apply again", "run the same", "command", "eci-wizard", " --", "{", "}")
FILE = Path("/home/admin/wizard-data/backups/00D000000000001/20260101T000000000000Z-ab12.json")
FOLDER = Path("/home/admin/wizard-data/backups/00D000000000001")


def _refusals() -> tuple[str, str]:
    """(unreadable, unwritable), said with the words in effect now."""
    return (str(BackupUnreadable(FILE, "its JSON breaks off or is damaged at line 3, column 1 (Expecting value)")),
            str(BackupUnwritable(FOLDER, f"{FOLDER.parent} is a file, not a folder")))


def test_the_command_line_still_says_run_the_command_again() -> None:
    unreadable, unwritable = _refusals()
    assert unreadable.endswith(f"otherwise move it out of {FOLDER} (what it recorded can then no longer be undone by the "
                               "wizard), and run the command again.")
    assert unwritable.endswith("or set ECI_WIZARD_DATA_DIR to such a folder, then run the command again.")


@pytest.mark.parametrize(("words", "way"), [
    (FIX_WORDS, "press the Apply button again"),  # the fix dialog keeps its preview and its Apply button
    (fix_door.undo_words(), "choose Wizard → Undo the last fix again"),
    (RETRY_WORDS, "press Back to preview this org again"),
    (MAP_WORDS, "close this window and press Map users… again"),
], ids=["fix dialog", "undo", "graduation", "map users"])
def test_the_window_names_its_own_way_to_start_again(words: RetryWords, way: str) -> None:
    with shown_in(words):
        unreadable, unwritable = _refusals()
    assert unreadable.endswith(f"(what it recorded can then no longer be undone by the wizard), and {way}.")
    assert unwritable.endswith(f"then {way}.")
    for text in (unreadable, unwritable):
        assert not any(said in text.casefold() for said in COMMAND_WORDS), text


def test_a_place_without_words_of_its_own_for_starting_again_uses_its_way_to_try_again() -> None:
    words = RetryWords(again="press Retry", same="press Retry", resumes="nothing is done twice", sign_in="Sign in",
                       signed_in_again="press Retry", undo="press Undo")
    assert words.fill("Move it, then {rerun}. {Rerun} later.") == "Move it, then press Retry. Press Retry later."
    assert COMMAND_LINE.fill("{Rerun}.") == "Run the command again."
