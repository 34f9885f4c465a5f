"""A stop's advice is one fact (what to put right first, and that trying again finishes the rest),
said in the words of where the admin reads it: the command line runs the same apply (or undo)
again; the window's fix dialog has its Continue button; the graduation dialog and the undo have
their menu entries. The window never tells the admin to run a command."""

from __future__ import annotations

import threading

import pytest

from wizard.apply.errors import MEANINGS, error_for, not_sent, undo_error
from wizard.retry_words import COMMAND_LINE, RetryWords, retry_words, shown_in
from wizard.ui import fix_door
from wizard.ui.fix_dialog import FIX_WORDS, stop_text
from wizard.ui.graduation.words import RETRY_WORDS

#: Every code with a sentence of its own, and one Salesforce code the wizard has none for.
CODES = [*MEANINGS, "SOME_NEW_CODE"]
#: Words of the command line, which no window text may use.
COMMAND_WORDS = ("apply again", "run the same", "command", "eci-wizard", "--", "{", "}")


class _SoapValidation(Exception):
    """The SOAP client's refusal to send a change (as zeep words it)."""


def _stops() -> list[str]:
    """Every apply stop and undo stop, with the words in effect now."""
    texts = [error_for(code, "Salesforce's own words", "Named credential ECI").text for code in CODES]
    texts += [not_sent(_SoapValidation("Missing element fullName"), "Site ECI").text,
              not_sent(_SoapValidation("wrong shape"), "Site ECI").text]
    texts += [undo_error(error_for(code, "words"), "Site ECI").text for code in CODES]
    return texts


def test_the_command_line_says_what_it_always_said() -> None:
    assert retry_words() is COMMAND_LINE
    assert error_for("NETWORK", "").todo == ("Run the same apply again: it reads what is already there and finishes the "
                                             "rest without duplicates.")
    assert error_for("SIGN_IN_ENDED", "").todo == ("Sign in again, then apply again: it reads what is already there and "
                                                   "finishes the rest without duplicates.")
    assert error_for("MAINTENANCE", "").todo == ("Check status.salesforce.com for your instance and apply again later; "
                                                 "the next run resumes.")
    assert error_for("REQUEST_LIMIT_EXCEEDED", "").todo.startswith("Apply again once the rolling 24-hour window frees")
    assert undo_error(error_for("SESSION_EXPIRED", "")).todo == ("Sign in again, then run the same undo again: it puts "
                                                                  "back only what still differs.")
    assert all("{" not in text for text in _stops())  # every open word is filled


@pytest.mark.parametrize(("place", "words"), [("the fix dialog", FIX_WORDS), ("the graduation dialog", RETRY_WORDS),
                                              ("the undo", fix_door.undo_words())])
def test_the_window_never_tells_the_admin_to_run_a_command(place: str, words: RetryWords) -> None:
    with shown_in(words):
        texts = _stops()
    for text in texts:
        assert not any(said in text.casefold() for said in COMMAND_WORDS), (place, text)
    assert retry_words() is COMMAND_LINE  # the block ends, and the command line's words are back


def test_the_fix_dialog_names_its_continue_button_and_says_it_once() -> None:
    with shown_in(FIX_WORDS):
        dropped = error_for("NETWORK", "", "Permission set ECI", dropped=True).text
        limit = error_for("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").text
        ended = error_for("SIGN_IN_ENDED", "").text
        licence = error_for("FIELD_INTEGRITY_EXCEPTION", "licence mismatch").text
    assert dropped.endswith("Press Continue: it reads what is already there and finishes the rest without duplicates.")
    assert stop_text(dropped, resumable=True) == dropped  # its own way on, not a second "Press Continue"
    assert "Press Continue once the rolling 24-hour window frees requests" in stop_text(limit, resumable=True)
    # A sign-in cannot be renewed behind this dialog: close it, sign in, and fix again from the page.
    assert "Close this window and sign in again, then press Fix it for me again: it reads" in ended
    assert stop_text(ended, resumable=True) == ended
    # A stop with no advice to try again gets the dialog's own.
    assert stop_text(licence, resumable=False) == f"{licence} Press Continue to read the org again and apply what is left."


def test_the_graduation_and_the_undo_name_their_menu_entries() -> None:
    with shown_in(RETRY_WORDS):
        dropped = error_for("NETWORK", "").todo
    with shown_in(fix_door.undo_words()):
        undo = undo_error(error_for("NETWORK", "")).todo
    assert dropped == ("Choose Wizard → Graduate from a profile… with the same profile again: it reads what is already "
                       "there and finishes the rest without duplicates.")
    assert undo == "Check the connection, then choose Wizard → Undo the last fix again: it puts back only what still differs."


def test_the_words_of_one_run_stay_with_its_thread() -> None:
    """The window's worker says its stops in the window's words; a command run at the same time keeps its own."""
    seen: list[str] = []
    inside, done = threading.Event(), threading.Event()

    def worker() -> None:
        with shown_in(FIX_WORDS):
            inside.set()
            done.wait(5)
            seen.append(error_for("NETWORK", "").todo)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    here = error_for("NETWORK", "").todo
    done.set()
    thread.join(5)
    assert here.startswith("Run the same apply again") and seen[0].startswith("Press Continue")
