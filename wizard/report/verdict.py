"""The one-line verdict at the top of a report: can the admin call this setup done?

The verdict counts a manual step the admin confirmed as done (the report lists who confirmed it
and when), a warning as done-with-a-caveat, and anything failed or unreadable as not done. A
setting the wizard checks itself that still waits for its provider check (`Row.awaits_check`) is
"to check", not a step to confirm and not skipped, as the window counts it; a setting of the other
case of a guide is "not your case", never optional work left for later (`wizard.report.standing`). A
setting that was never checked (skipped, and not marked optional by the guide) is not done
either: the wizard cannot vouch for it, so the verdict names it and never reads "Ready". A failed
connection preflight makes the whole run doubtful, so it is named too.
"""

from __future__ import annotations

from collections.abc import Sequence

from wizard.engine.results import Status, worst
from wizard.report.model import Page, PreflightRow, Row, Verdict
from wizard.report.standing import Standing, row_standing

#: How many never-checked settings the verdict names before "and N more": an auditor needs the
#: names, and up to this many the verdict stays one readable paragraph.
NAMED_UNCHECKED = 5


def is_unchecked(row: Row, page: Page | None = None) -> bool:
    """A setting that counts but was never checked: skipped, and neither it nor its page optional.

    The window's list of what is left and the report's to-do list both use this rule, so the two
    never disagree about what is still open.
    """
    return row_standing(row, page) is Standing.NOT_CHECKED


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _named(rows: Sequence[Row]) -> str:
    """Every row by number and name, or the first few and "and N more" when there are many."""
    names = [f"{r.number} {r.setting}" for r in rows[:NAMED_UNCHECKED]]
    if len(rows) > NAMED_UNCHECKED:
        names.append(f"and {len(rows) - NAMED_UNCHECKED} more")
    return "; ".join(names)


def _standing(pages: Sequence[Page], wanted: Standing) -> list[Row]:
    """The rows of this standing, in guide order (`wizard.report.standing`)."""
    return [r for page in pages for r in page.rows if row_standing(r, page) is wanted]


def verdict(pages: Sequence[Page], preflight: Sequence[PreflightRow] = (), how_to_check: str = "") -> Verdict:
    """The verdict for a run's pages (their rows) and its preflight.

    `how_to_check` is how the place showing it runs the provider-side checks
    (`wizard.report.standing.how_to_check`), said after the settings left to check."""
    rows = [r for page in pages for r in page.rows]
    unchecked = _standing(pages, Standing.NOT_CHECKED)

    def count(status: Status) -> int:
        return sum(1 for r in rows if r.status is status)

    fails, errors, warns = count(Status.FAIL), count(Status.ERROR), count(Status.WARN)
    manual_open = sum(1 for r in _standing(pages, Standing.MANUAL) if r.confirmation is None)
    to_check = len(_standing(pages, Standing.TO_CHECK))
    other_case = _standing(pages, Standing.OTHER_CASE)
    manual_done = sum(1 for r in rows if r.status is Status.MANUAL and r.confirmation is not None)
    passed = count(Status.PASS)
    preflight_bad = sum(1 for p in preflight if p.status in (Status.FAIL, Status.ERROR))
    preflight_warn = sum(1 for p in preflight if p.status is Status.WARN)

    effective = [r.counted_status for r in rows if r.counted_status] + [p.status for p in preflight]
    status = worst(effective)
    if unchecked and status is Status.PASS:
        status = Status.SKIPPED  # not a pass: part of the setup was never looked at
    elif to_check and status is Status.PASS:
        status = Status.MANUAL  # not a pass either: the provider's check has not decided it yet

    if not rows:
        return Verdict(status=Status.SKIPPED, headline="Nothing checked", text="This guide has no settings to verify.")
    if all(r.status is Status.SKIPPED and not r.awaits_check for r in rows):
        return Verdict(status=Status.SKIPPED, headline="Nothing checked", text="No setting was checked in this run.")
    open_parts = []
    if fails:
        open_parts.append(_n(fails, "setting fails", "settings fail"))
    if errors:
        open_parts.append(_n(errors, "setting could not be checked", "settings could not be checked"))
    if preflight_bad:
        open_parts.append(_n(preflight_bad, "preflight check failed", "preflight checks failed"))
    if manual_open:
        open_parts.append(_n(manual_open, "manual step is not confirmed", "manual steps are not confirmed"))
    if to_check:
        how = f" ({how_to_check})" if how_to_check else ""
        open_parts.append(_n(to_check, "setting is", "settings are") + f" to check on the provider's side{how}")
    if unchecked:
        open_parts.append(_n(len(unchecked), "setting was never checked", "settings were never checked"))
    if warns:
        open_parts.append(_n(warns, "warning to review", "warnings to review"))
    if preflight_warn:
        open_parts.append(_n(preflight_warn, "preflight warning to review", "preflight warnings to review"))
    not_checked = f" Not checked: {_named(unchecked)}." if unchecked else ""
    if to_check:
        not_checked += f" To check: {_named(_standing(pages, Standing.TO_CHECK))}."
    optional = _standing(pages, Standing.OPTIONAL)
    if optional:
        not_checked += f" Optional, left for later ({_n(len(optional), 'setting', 'settings')} skipped): {_named(optional)}."
    if other_case:
        not_checked += (f" Not your case ({_n(len(other_case), 'setting', 'settings')} on the pages for the other case): "
                        "nothing to do there.")

    if fails or errors or preflight_bad:
        return Verdict(status=status, headline="Not ready", text=f"{_cap(_join(open_parts))}.{not_checked}")
    if manual_open or to_check or unchecked:
        lead = "Every checked setting passes or only warns" if warns else "Every checked setting passes"
        return Verdict(status=status, headline="Almost ready", text=f"{lead}; {_join(open_parts)}.{not_checked}")
    if warns or preflight_warn:
        return Verdict(status=status, headline="Ready with caveats", text=f"{_cap(_join(open_parts))}; everything else passes.{not_checked}")
    done = f"{_n(passed, 'setting passes', 'settings pass')}"
    if manual_done:
        done += f" and {_n(manual_done, 'manual step was', 'manual steps were')} confirmed"
    if optional:
        done += f" ({_n(len(optional), 'optional setting', 'optional settings')} skipped)"
    if other_case:
        done += f" ({_n(len(other_case), 'setting', 'settings')} not your case)"
    return Verdict(status=Status.PASS, headline="Ready", text=f"{_cap(done)}; nothing is left to do.")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
