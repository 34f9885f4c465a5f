"""What is left on a page, in words: the same counts for the page, the side list and the Summary.

A "✋ Manual step" result means two different things. For a setting the guide marks `manual`, the
admin confirms it with "I've done this". For a setting the wizard checks itself (a provider check
waiting for the key, the app's credentials or the org's origins), there is nothing to confirm: the
check above it proves it once it has what it needs. Counting those as "to confirm" would promise
a button that is not there, so they are counted "to check".
"""

from __future__ import annotations

from typing import Any

from wizard.engine.results import CheckResult, Status
from wizard.guides.schema import PageSpec


def setting_id(item: Any) -> str:
    """The setting a `CheckResult` (its `check_id`) or a report row (its `setting_id`) is about."""
    return getattr(item, "setting_id", "") or getattr(item, "check_id", "")


def checked_settings(page: PageSpec | None) -> frozenset[str]:
    """The ids of the page's settings the wizard checks (rather than the admin confirming them)."""
    return frozenset(s.id for s in page.settings if s.manual is None) if page is not None else frozenset()


def awaits_check(item: Any, page: PageSpec | None) -> bool:
    """A setting the check above decides, not a confirmation: a manual-status result of a checked
    setting, or a report row already marked so (`Row.awaits_check`, which also covers a provider-side
    setting skipped because its side was not checked: "to check" in every place, never "skipped")."""
    if getattr(item, "awaits_check", False):
        return True
    return item.status is Status.MANUAL and setting_id(item) in checked_settings(page)


def left_parts(results: list[Any], page: PageSpec | None, unread_words: str) -> list[str]:
    """['2 to fix', '1 to review', '1 to check', '1 to confirm', '1 not checked'] (only those > 0)."""
    to_check = sum(1 for r in results if awaits_check(r, page))
    manual = sum(1 for r in results if r.status is Status.MANUAL and not awaits_check(r, page))
    counts = (
        (sum(1 for r in results if r.status is Status.FAIL), "to fix"),
        (sum(1 for r in results if r.status is Status.WARN), "to review"),
        (to_check, "to check"),  # the words of `wizard.report.standing.Standing.TO_CHECK`
        (manual, "to confirm"),
        (sum(1 for r in results if r.status is Status.ERROR), unread_words),  # a refused read is not a setting to fix
    )
    return [f"{n} {words}" for n, words in counts if n]


def confirmed_by_hand(results: list[Any]) -> int:
    return sum(1 for r in results if isinstance(r, CheckResult) and r.confirmed_by_hand)
