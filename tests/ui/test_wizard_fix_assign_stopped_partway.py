""""Fix it for me" giving ECI to 452 users, whose connection drops on the second request of 200:
the dialog says how many users got the set before the stop and how many did not, the report
keeps those assignments, Continue finishes the rest, and "Undo the last fix" takes them back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.integration.apply.bulk_assign_support import MANY_REPS, holders_of
from tests.ui.wizard_support import signed_in, when_shown
from wizard.apply.model import ApplyInputs
from wizard.ui.fix_dialog import FixDialog

pytestmark = pytest.mark.slow

ECI = "ConversationInsightsForSales"


def test_a_fix_stopped_between_two_requests_of_assignments_says_what_was_assigned(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path) -> None:
    scenario = tmp_path / "many-reps.yaml"
    scenario.write_text(MANY_REPS, encoding="utf-8")
    server, window = signed_in(qtbot, demo_org, make_window, guide_id="natterbox", page_id="eci-users", scenario=str(scenario))
    c = window.controller
    fixer = getattr(c.fixer, "inner", None) or c.fixer
    fixer.session(c).inputs = ApplyInputs(profile="Standard User")  # whom the fix gives ECI: the sales team
    row = window.guide_pages["eci-users"].row("eci-users.assigned")
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        server.faults.set(drop_after=2)  # who holds the set, and the first 200, pass; the second request drops
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        server.faults.clear()
        seen["stopped"] = (dialog.status.text(), dialog.notice.text.text(), dialog.apply_button.text())
        seen["held"] = len(holders_of(server, ECI))
        seen["recorded"] = len(c.changes)
        dialog.apply_button.click()  # Continue: the org is read again, and only the rest is planned
        qtbot.waitUntil(lambda: dialog.plan is not None and not c.tasks.is_running("fix"), timeout=30_000)
        seen["replanned"] = dialog.changes.text()
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    row.fix_button.click()
    status, notice, apply_text = seen["stopped"]
    assert "The fix stopped. 200 changes made in 1 write before the stop." in status  # once "0 changes made"
    assert "The connection dropped while the wizard was writing" in notice
    assert "Before the stop, Conversation Insights for Sales was given to 200 of 452 users. 252 users were not assigned yet." in notice
    assert notice.endswith("Press Continue: it reads what is already there and finishes the rest without duplicates.")
    assert "apply again" not in notice.lower() and apply_text == "&Continue"
    assert seen["held"] == 200 and seen["recorded"] == 200  # they hold it, and the report lists each of them
    assert "Assigned to 252 users" in seen["replanned"] and "200 of 452 hold it" in seen["replanned"]

    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: not c.tasks.is_running("undo") and not holders_of(server, ECI), timeout=60_000)
