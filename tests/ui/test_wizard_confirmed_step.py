"""A manual step confirmed by hand in the window reads "Confirmed", never "Pass", as in the report.

Real window, real demo org over HTTPS: the admin confirms the Aircall named credential's password
(a step no API can read), the row's badge and its accessible name say it was confirmed by hand,
who and when are shown, the page's counts say so, and Undo brings the manual step back.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.wizard_support import signed_in, wait_checked
from wizard.engine.results import Status
from wizard.report.verdict import is_unchecked

pytestmark = pytest.mark.slow

PAGE = "aircall-named-credential"
STEP = "aircall-nc.password"


def test_a_confirmed_manual_step_shows_confirmed_not_pass_and_undo_brings_it_back(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window = signed_in(qtbot, demo_org, make_window, "aircall", PAGE)
    page = window.guide_pages[PAGE]
    row = page.row(STEP)
    assert row.badge.text() == "✋ Manual step" and row.done_button.isVisible()
    assert "1 to confirm" in page.counts.text()

    row.done_button.click()
    wait_checked(qtbot, window)
    assert row.badge.text() == "✔ Confirmed"
    assert row.badge.accessibleName() == "Status: Confirmed by hand"
    assert row.result is not None and row.result.confirmed_by_hand
    assert "Pass" not in row.badge.text() and "Pass" not in row.badge.accessibleName()
    assert "Status: Confirmed by hand." in row.accessibleName()
    assert row.observed.text().startswith(f"confirmed by {server.default_login[0]} on ")  # who and when
    assert row.undo_button.isVisible() and not row.done_button.isVisible()
    assert "(1 confirmed by hand)" in page.counts.text() and "to confirm" not in page.counts.text()

    # The Summary (the exported report's own model) agrees: a manual step with who, nothing left to do.
    c = window.controller
    c.go("summary")
    report = window.summary.report
    confirmed = next(r for p in report.pages for r in p.rows if r.setting_id == STEP)
    assert confirmed.status is Status.MANUAL and confirmed.confirmation is not None
    assert confirmed.number not in {t.number for t in report.todo}
    assert not is_unchecked(confirmed)

    c.go(f"page:{PAGE}")
    row.undo_button.click()
    wait_checked(qtbot, window)
    assert row.result is not None and row.result.status is Status.MANUAL and not row.result.confirmed_by_hand
    assert row.badge.text() == "✋ Manual step" and row.badge.accessibleName() == "Status: Manual step"
    assert row.done_button.isVisible() and not row.undo_button.isVisible()
    assert row.observed.text() == "not confirmed yet"
    assert "1 to confirm" in page.counts.text() and "confirmed by hand" not in page.counts.text()
