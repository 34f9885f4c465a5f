"""Where one setting stands, in one set of words for the command line, the window and the report.

A result's `status` is the record (the JSON keeps pass/warn/fail/manual/error/skipped), but two of
those statuses each cover settings the admin must treat differently, and every place that counts
or names a setting has to split them the same way, or the same org reads in different numbers:

* ✋ Manual step covers steps the admin confirms by hand ("I've done this") *and* settings the
  wizard checks itself whose provider check still waits for what it needs (the Aircall key, the
  app's credentials). The second kind is "to check": there is nothing to confirm.
* – Skipped covers a setting checked on the provider's side when that side was not checked in this
  run (also "to check": the provider check decides it), a setting of the other case of a guide
  ("not your case": nothing to do), an optional setting left for later, and a setting never checked.

`standing()` is that one split. `tally()` counts it, so the headline of `verify`, the window's
Summary badges and the report's count table show the same numbers for the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wizard.engine.results import Status

#: How the ExecVision checks begin a row of the other case's pages ("Not your case: this page is for Five9...").
NOT_YOUR_CASE = "Not your case"


class Standing(StrEnum):
    """A setting's standing: its status, with manual and skipped split by what the admin does next."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"
    MANUAL = "manual"  # a step to confirm by hand
    TO_CHECK = "to-check"  # decided by a provider check that has not run or waits for what it needs
    NOT_CHECKED = "not-checked"  # skipped, and the guide needs it: nobody looked
    OPTIONAL = "optional"  # skipped, and the guide lets it wait
    OTHER_CASE = "other-case"  # a page for the other case of the guide: nothing to do


@dataclass(frozen=True)
class Words:
    icon: str
    label: str  # the badge's word: "Manual step", "To check"
    one: str  # "{n} manual step" in a count line
    many: str

    def count(self, n: int) -> str:
        return f"{n} {self.one if n == 1 else self.many}"


WORDS: dict[Standing, Words] = {
    Standing.PASS: Words(Status.PASS.icon, Status.PASS.label, "pass", "pass"),
    Standing.WARN: Words(Status.WARN.icon, Status.WARN.label, "warning", "warnings"),
    Standing.FAIL: Words(Status.FAIL.icon, Status.FAIL.label, "fail", "fail"),
    Standing.ERROR: Words(Status.ERROR.icon, Status.ERROR.label, "could not be checked", "could not be checked"),
    Standing.MANUAL: Words(Status.MANUAL.icon, Status.MANUAL.label, "manual step", "manual steps"),
    Standing.TO_CHECK: Words("○", "To check", "to check", "to check"),
    Standing.NOT_CHECKED: Words(Status.SKIPPED.icon, "Not checked", "not checked", "not checked"),
    Standing.OPTIONAL: Words(Status.SKIPPED.icon, "Optional, left for later", "optional, left for later",
                             "optional, left for later"),
    Standing.OTHER_CASE: Words(Status.SKIPPED.icon, "Not your case", "not your case", "not your case"),
}

#: The status colour each standing is drawn in (a badge, a PDF cell): never colour alone, always with its words.
COLOUR_OF: dict[Standing, Status] = {
    Standing.PASS: Status.PASS, Standing.WARN: Status.WARN, Standing.FAIL: Status.FAIL, Standing.ERROR: Status.ERROR,
    Standing.MANUAL: Status.MANUAL, Standing.TO_CHECK: Status.MANUAL, Standing.NOT_CHECKED: Status.SKIPPED,
    Standing.OPTIONAL: Status.SKIPPED, Standing.OTHER_CASE: Status.SKIPPED,
}


def standing(status: Status | None, *, awaits_check: bool = False, optional: bool = False, message: str = "") -> Standing | None:
    """The standing of a setting with this status (None: not checked at all, as in a blank checklist).

    `awaits_check`: the setting is decided by a provider check that has not run or waits
    (`wizard.report.model.Row.awaits_check`); `optional`: the guide lets it (or its page) wait;
    `message`: the result's words, which say when a row belongs to the other case of the guide.
    """
    if status is None:
        return None
    if awaits_check and status in (Status.MANUAL, Status.SKIPPED):
        return Standing.TO_CHECK
    if status is Status.SKIPPED:
        if message.startswith(NOT_YOUR_CASE):
            return Standing.OTHER_CASE
        return Standing.OPTIONAL if optional else Standing.NOT_CHECKED
    return Standing(status.value)


def row_standing(row: Any, page: Any = None) -> Standing | None:
    """The standing of a report row (`wizard.report.model.Row`) on its page."""
    optional = bool(row.optional or (page is not None and getattr(page, "optional", False)))
    return standing(row.status, awaits_check=row.awaits_check, optional=optional, message=row.message)


def report_standings(pages: Iterable[Any]) -> list[Standing]:
    """Every row's standing, page by page (rows with no status left out)."""
    found = (row_standing(row, page) for page in pages for row in page.rows)
    return [s for s in found if s is not None]


def tally(standings: Iterable[Standing]) -> list[tuple[Standing, int]]:
    """(standing, count) in `Standing` order, only those counted at least once."""
    listed = list(standings)
    return [(s, n) for s in Standing if (n := listed.count(s))]


def tally_line(counted: list[tuple[Standing, int]], total: int, how_to_check: str = "") -> str:
    """'43 settings: 6 pass, 30 fail, 5 manual steps, 2 to check (run ...)'.

    `how_to_check` follows "to check" in brackets: the way this place checks them."""
    parts = []
    for s, n in counted:
        part = WORDS[s].count(n)
        if s is Standing.TO_CHECK and how_to_check:
            part += f" ({how_to_check})"
        parts.append(part)
    return f"{total} settings: " + ", ".join(parts)


#: The command that checks each guide's provider side, as the command line names it.
PROVIDER_COMMANDS = {
    "aircall": "eci-wizard aircall check",
    "ringcentral": "eci-wizard ringcentral check",
    "execvision": "eci-wizard execvision check",
    "amazon-connect": "eci-wizard aws check",
}
#: The choice a place words for itself (`RetryWords.ways`): how the provider-side checks are run there.
PROVIDER_CHECK = "provider check"


def how_to_check(guide_id: str) -> str:
    """How the place showing this says to run the provider-side checks ("run 'eci-wizard aircall check'").

    The command line names its command; the window names its panel's check (`RetryWords.ways`),
    never a command."""
    from wizard.retry_words import retry_words

    command = PROVIDER_COMMANDS.get(guide_id)
    default = f"run '{command}'" if command else "check it on its page in the wizard's window"
    return retry_words().way(PROVIDER_CHECK, default)
