"""A backup folder the wizard cannot write: the command line may choose another data folder with
ECI_WIZARD_DATA_DIR, and says so; a window is started from the desktop, where no environment
setting can be made, so there the refusal names only what the admin can do (make the folder
writable, move away a file in its way) and the window's own way to start again."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.apply.backup import BackupUnwritable
from wizard.retry_words import COMMAND_LINE, DATA_DIR, RetryWords, shown_in
from wizard.ui import fix_door
from wizard.ui.fix_dialog import FIX_WORDS
from wizard.ui.graduation.words import RETRY_WORDS
from wizard.ui.providers.mapping_dialog import RETRY_WORDS as MAP_WORDS

FOLDER = Path("/home/admin/wizard-data/backups/00D000000000001")
REASON = f"{FOLDER.parent} is a file, not a folder"
WHAT_TO_DO = "Make that a folder your user account can write to (move away a file in its way), then "


def test_the_command_line_keeps_the_data_folder_setting() -> None:
    with shown_in(COMMAND_LINE):
        said = str(BackupUnwritable(FOLDER, REASON))
    assert said == (f"The wizard cannot write its backup in {FOLDER} ({REASON}); nothing was changed. Make that a folder "
                    "your user account can write to (move away a file in its way), or set ECI_WIZARD_DATA_DIR to such "
                    "a folder, then run the command again.")


@pytest.mark.parametrize(("words", "way"), [
    (FIX_WORDS, "press the Apply button again"),
    (fix_door.undo_words(), "choose Wizard → Undo the last fix again"),
    (RETRY_WORDS, "press Back to preview this org again"),
    (MAP_WORDS, "close this window and press Map users… again"),
], ids=["fix dialog", "undo", "graduation", "map users"])
def test_a_window_names_only_what_can_be_done_there(words: RetryWords, way: str) -> None:
    with shown_in(words):
        said = str(BackupUnwritable(FOLDER, REASON))
    assert said == f"The wizard cannot write its backup in {FOLDER} ({REASON}); nothing was changed. {WHAT_TO_DO}{way}."
    assert DATA_DIR not in said and "environment" not in said.casefold()


def test_a_place_may_still_name_its_own_way_to_another_data_folder() -> None:
    words = RetryWords(again="press Retry", same="press Retry", resumes="nothing is done twice", sign_in="Sign in",
                       signed_in_again="press Retry", undo="press Undo", ways={DATA_DIR: ", or choose another data folder"})
    assert words.way(DATA_DIR, ", or set it") == ", or choose another data folder"
    assert words.way("--timeout", " (--timeout)") == " (--timeout)"  # an option keeps the command line's words
    assert COMMAND_LINE.way(DATA_DIR, ", or set it") == ", or set it"
