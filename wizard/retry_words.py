"""How advice says the way on, in the words of the place that shows it (the command line, a dialog).

A stop's advice is one fact wherever it is read (what to put right first, and that trying again
resumes without duplicates), but the way to try again belongs to the place. This module has no
heavy imports, so the window's pages can hold their words from the start without loading the
Salesforce clients (`wizard.apply.errors` re-exports it for the apply's own stops).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryWords:
    """How the place that shows a stop says to try the same change again.

    The advice after a stop is one fact wherever it is read (what to put right first, and that
    trying again resumes without duplicates), but the way to try again belongs to the place: the
    command line runs the same apply again; the window's fix dialog has its Continue button; the
    graduation dialog's way is its menu entry. The sentences of `MEANINGS` and `UNDO_TODOS` (and
    the door's and the backup store's own stops) leave those words open, and each place fills them
    with its own (`COMMAND_LINE` by default, another place's inside `shown_in`), so the window never
    tells the admin to run a command.
    """

    again: str  # "..., then apply again." (the same change, from where the admin is)
    same: str  # "Run the same apply again: it reads what is already there..." (the whole way on)
    resumes: str  # "...; the next run resumes."
    sign_in: str  # "Sign in again, then..." / "Sign in as an administrator..." (starts a sentence)
    signed_in_again: str  # "..., then apply again." once signed in again (a dialog may have to close first)
    undo: str  # "Run the same undo again: it puts back only what still differs."
    #: "..., and run the command again." after a refusal before the run began (a backup file the
    #: wizard cannot read or write): the same run from its start, whatever it was (an apply, an
    #: undo, a graduation). A place whose way is the same as `again` leaves it empty.
    rerun: str = ""
    #: "Backup: <id> (undo with 'eci-wizard undo')." how this place takes a run's changes back,
    #: said after its backup; empty where the place says that in its own sentence.
    take_back: str = ""
    #: How this place names a choice the command line makes with an option or a command of its own
    #: ("--timeout", "eci-wizard aws keys forget"), by that option: a window names its field or
    #: button, or says what to do without one ("" leaves the aside out). An option this place does
    #: not name keeps the command line's words (`way`), unless it is an environment setting (`shell`).
    ways: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    #: True for the command line, the one place where an environment setting can be made
    #: (`ENVIRONMENT_SETTINGS`): any other place leaves those out unless its `ways` names them.
    shell: bool = False

    def way(self, option: str, command_line: str) -> str:
        """This place's words for `option`, where the command line says `command_line`.

        An environment setting is the command line's alone: the window is started from the
        desktop, where none can be set, so a place without words of its own for one says nothing
        of it ('') rather than advise what cannot be done there."""
        if option in self.ways:
            return self.ways[option]
        return "" if option in ENVIRONMENT_SETTINGS and not self.shell else command_line

    def word(self, name: str) -> str:
        """One of the open words (`rerun` falls back on `again`)."""
        if name == "rerun":
            return self.rerun or self.again
        text: str = getattr(self, name)
        return text

    def fill(self, advice: str) -> str:
        """`advice` with its open words filled (a capital slot, `{Again}`, starts a sentence)."""

        def word(found: re.Match[str]) -> str:
            name = found.group(1)
            text = self.word(name.lower())
            return text[:1].upper() + text[1:] if name[:1].isupper() else text

        return _SLOT.sub(word, advice)

    def names_a_way_on(self, text: str) -> bool:
        """Whether `text` already says how to try again in these words (so a caller need not add it)."""
        said = text.casefold()
        return any(way.casefold() in said for way in (self.again, self.same, self.signed_in_again, self.rerun) if way)


#: Where the wizard keeps its data (backups among it), when not in the system's usual place.
DATA_DIR = "ECI_WIZARD_DATA_DIR"
#: Choices made with an environment setting, which only a command line can make (`RetryWords.way`).
ENVIRONMENT_SETTINGS = frozenset({DATA_DIR})

_SLOT = re.compile(r"\{(again|Again|same|Same|resumes|sign_in|signed_in_again|undo|Undo|rerun|Rerun)\}")

#: The command line's words: the admin runs the apply (or the undo, or whichever command it was) again.
COMMAND_LINE = RetryWords(again="apply again", same="run the same apply again", resumes="the next run resumes",
                          sign_in="Sign in", signed_in_again="apply again", undo="run the same undo again",
                          rerun="run the command again", take_back="undo with 'eci-wizard undo'", shell=True)

_SHOWN_IN: ContextVar[RetryWords] = ContextVar("retry_words", default=COMMAND_LINE)


@contextmanager
def shown_in(words: RetryWords) -> Iterator[None]:
    """Within this block (on this thread), stops say how to try again in `words`.

    The stops are made deep in the apply door (an executor's refusal, a dropped connection) and
    reach the place that shows them as finished sentences; the place that starts the run says
    whose words they are, as a locale would, rather than every function on the way passing them.
    """
    token = _SHOWN_IN.set(words)
    try:
        yield
    finally:
        _SHOWN_IN.reset(token)


def retry_words() -> RetryWords:
    """The words stops made now are said in (`COMMAND_LINE` outside `shown_in`)."""
    return _SHOWN_IN.get()
