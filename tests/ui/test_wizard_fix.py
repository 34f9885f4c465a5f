""""Fix it for me" through the apply door: preview, typed confirmation for production, apply,
re-check, and the change in the report; "Undo the last fix" puts it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.wizard_support import sign_in_demo, signed_in, wait_checked, when_shown
from wizard.apply.session import FixSession
from wizard.engine.results import Status
from wizard.ui.fix_dialog import FixDialog

pytestmark = pytest.mark.slow




def test_fix_it_for_me_previews_confirms_applies_and_rechecks(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    c = window.controller
    assert c.fixer is not None  # the apply door is installed in this build
    c.choose_guide("aircall")
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    c.go("page:before-you-start")
    page = window.guide_pages["before-you-start"]
    row = page.row("org.eci-enabled")
    assert row.badge.text() == "✖ Fail" and row.fix_button.isVisible()
    assert not page.row("voice-connector.installed").fix_button.isVisible()  # a package: no fix
    writes_before = len(server.log.writes())
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        def planned() -> bool:
            return dialog.plan is not None

        qtbot.waitUntil(planned, timeout=30_000)
        seen["preview"] = dialog.changes.text()
        seen["enabled_before_typing"] = dialog.apply_button.isEnabled()
        dialog.confirm.setText("Acme Demo")  # production: the org's name, typed
        seen["enabled_after_typing"] = dialog.apply_button.isEnabled()
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        seen["status"] = dialog.status.text()
        dialog.cancel_button.click()  # now "Close"

    when_shown(FixDialog, drive)
    checks = len(c.checks)
    row.fix_button.click()  # modal until drive() closes it
    assert "Einstein Conversation Insights enabled" in seen["preview"] and "<b>On</b>" in seen["preview"]
    assert not seen["enabled_before_typing"] and seen["enabled_after_typing"]
    assert seen["status"].startswith("Done: 1 change made as previewed, in 1 write, backed up as ")
    assert len(server.log.writes()) > writes_before
    qtbot.waitUntil(lambda: len(c.checks) == checks + 1, timeout=60_000)
    assert row.badge.text() == "✔ Pass" and not row.fix_button.isVisible()
    run = c.run_record()
    assert run is not None and [(a.before, a.after) for a in run.changes] == [("Off", "On")]

    # Undo: the switch goes back off, and the page says so again.
    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: {r.check_id: r for r in c.results("before-you-start")}["org.eci-enabled"].status
                    is Status.FAIL, timeout=60_000)
    run = c.run_record()  # the undo wrote to the org too: the report lists it, taking the change back
    assert run is not None and [(a.setting.startswith("Undo: "), a.before, a.after) for a in run.changes] == [
        (False, "Off", "On"), (True, "On", "Off")]
    assert run.changes[1].backup_id == run.changes[0].backup_id and run.changes[1].by == c.facts.username


def test_undo_with_an_unreadable_backup_names_it_and_changes_nothing(qtbot: Any, demo_org: Any, make_window: Any,
                                                                     wizard_dirs: tuple[Path, Path]) -> None:
    server, window = signed_in(qtbot, demo_org, make_window)
    c = window.controller
    session = FixSession(c.connection, c.guide, c.facts)  # the door the window's fixer uses, same backups folder
    applied = session.apply(session.plan_for(("before-you-start", "org.eci-enabled")), confirmation="Acme Demo")
    assert applied.error is None and applied.backup_id
    folder = wizard_dirs[1] / "backups" / c.facts.org_id
    cut = folder / "29991231T000000000000Z-cut0.json"  # newer than the fix's backup, and cut off
    cut.write_text((folder / f"{applied.backup_id}.json").read_text(encoding="utf-8")[:200], encoding="utf-8")
    writes_before = len(server.log.writes())

    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: not c.tasks.is_running("undo"), timeout=60_000)
    shown = window.statusBar().currentMessage()
    assert shown.startswith(f"Nothing was undone. The backup file {cut} cannot be read")
    assert len(server.log.writes()) == writes_before  # the fix before it was not undone in its place


def _open_fix(qtbot: Any, demo_org: Any, make_window: Any) -> tuple[Any, Any, Any, Any]:
    """A signed-in window on the fresh demo org, on the page whose ECI switch is off."""
    server, window = signed_in(qtbot, demo_org, make_window, page_id="before-you-start")
    page = window.guide_pages["before-you-start"]
    return server, window, page, page.row("org.eci-enabled")


def test_esc_while_applying_keeps_the_dialog_open_records_the_write_and_rechecks(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window, _page, row = _open_fix(qtbot, demo_org, make_window)
    c = window.controller
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        server.faults.set(metadata_latency_ms=1500)  # the write takes a while
        dialog.apply_button.click()
        qtbot.wait(200)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()  # the title bar's close too
        seen["open_after_esc"] = dialog.isVisible()
        seen["notice_after_esc"] = dialog.notice.text.text()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        server.faults.clear()
        seen["recorded_before_close"] = len(c.changes)
        dialog.cancel_button.click()  # now "Close"

    when_shown(FixDialog, drive)
    checks = len(c.checks)
    row.fix_button.click()
    assert seen["open_after_esc"] and "stays open until it has finished" in seen["notice_after_esc"]
    assert seen["recorded_before_close"] == 1 and [(a.before, a.after) for a in c.changes] == [("Off", "On")]
    qtbot.waitUntil(lambda: len(c.checks) == checks + 1, timeout=60_000)
    assert row.badge.text() == "✔ Pass"


def test_a_stopped_fix_continues_from_the_dialog_and_counts_read_well(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window, _page, row = _open_fix(qtbot, demo_org, make_window)
    c = window.controller
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        seen["planned"] = (dialog.status.text(), dialog.apply_button.text())
        seen["table_at_top"] = bool(dialog.changes.alignment() & Qt.AlignmentFlag.AlignTop)
        dialog.confirm.setText("Acme Demo")
        server.faults.set(request_limit=1)  # the backup's read passes, the write is refused
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        seen["stopped"] = (dialog.status.text(), dialog.notice.text.text(), dialog.apply_button.text(),
                           dialog.apply_button.isEnabled())
        server.faults.clear()
        dialog.apply_button.click()  # Continue: the org is read again
        qtbot.waitUntil(lambda: dialog.plan is not None and not c.tasks.is_running("fix"), timeout=30_000)
        seen["replanned"] = (dialog.apply_button.text(), dialog.apply_button.isEnabled())
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        seen["done"] = dialog.status.text()
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    row.fix_button.click()
    status, apply_text = seen["planned"]
    assert status.startswith("1 change in Acme Demo") and apply_text == "Apply 1 change"
    assert seen["table_at_top"]
    status, notice, apply_text, enabled = seen["stopped"]
    assert "stopped" in status and "REQUEST_LIMIT_EXCEEDED" in notice and "Press Continue" in notice
    # Counted as the command line counts: the refused write made nothing.
    assert "Nothing was written to the org" in status and "after 1 write" not in status
    assert apply_text == "&Continue" and enabled
    assert seen["replanned"] == ("Apply 1 change", True)
    assert seen["done"].startswith("Done: 1 change made as previewed, in 1 write, backed up as ")
    assert [(a.before, a.after) for a in c.changes] == [("Off", "On")]


def test_a_fix_stopped_between_two_writes_records_the_write_that_was_made(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """The External Client App is created in four writes; the connection drops on the second. The
    first one was made: the report lists it, and Continue previews and writes only the rest."""
    server, window = signed_in(qtbot, demo_org, make_window, page_id="eci-connected-app")
    c = window.controller
    row = window.guide_pages["eci-connected-app"].row("eci-app.exists")
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        seen["planned"] = dialog.plan.change_count()
        dialog.confirm.setText("Acme Demo")
        server.faults.set(drop_after=6)  # the backup's five reads and the first write pass; the second drops
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        server.faults.clear()
        seen["stopped"] = dialog.status.text()
        seen["recorded"] = [(a.setting, a.before, a.after) for a in c.changes]
        dialog.apply_button.click()  # Continue: the org is read again
        qtbot.waitUntil(lambda: dialog.plan is not None and not c.tasks.is_running("fix"), timeout=30_000)
        seen["replanned"] = (dialog.plan.change_count(), dialog.changes.text())
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        seen["done"] = (dialog.result.made_writes, dialog.status.text())
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    row.fix_button.click()
    assert "1 change made in 1 write before the stop." in seen["stopped"]
    assert seen["recorded"] == [("the External Client App itself", "(missing)", "created")]
    count, table = seen["replanned"]
    assert count == seen["planned"] - 1 and "Finish creating the ECI app" in table
    assert "ECI Connected App (API Name ECI_Connected_App)" not in table  # the app itself exists: not "missing"
    made, status = seen["done"]
    assert made == 3 and status.startswith("Done: ")
    assert len(c.changes) == 4 and len({a.setting for a in c.changes}) == 4  # each part once, the first one too


def test_cancel_while_the_fix_writes_stops_after_the_step_and_the_dialog_stays_open(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """Cancel during the writes says the fix stops after the current step; closing is refused with
    the reason until it has stopped, so what was written is shown and recorded."""
    server, window = signed_in(qtbot, demo_org, make_window, page_id="eci-connected-app")
    row = window.guide_pages["eci-connected-app"].row("eci-app.exists")
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        server.faults.set(latency_ms=300)  # four writes of the External Client App: time to press Cancel
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.applying, timeout=10_000)
        dialog.cancel_button.click()
        seen["stopping"] = dialog.status.text()
        dialog.close()
        seen["held"] = (dialog.isVisible(), dialog.notice.text.text())
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        server.faults.clear()
        seen["stopped"] = dialog.status.text()
        seen["after"] = (dialog.apply_button.text(), dialog.notice.text.text(), dialog.result.backup_id)
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    row.fix_button.click()
    assert seen["stopping"] == ("Stopping after the current step… This window stays open until the fix has stopped, so "
                                "that what was written is shown and recorded.")
    visible, notice = seen["held"]
    assert visible and notice.startswith("The fix is writing to the org: this window stays open until it has finished")
    # Cancelled before its one step began: nothing was written, and the dialog says so (not "Done").
    assert seen["stopped"] == ("The fix was cancelled before its next step. Nothing was written to the org: it is as it "
                               "was before this apply."), seen["stopped"]
    apply_text, notice, backup = seen["after"]
    assert apply_text == "&Continue" and notice.startswith("Press Continue to read the org again")
    assert backup is None  # nothing reached the org: no backup to undo
    assert server.org.list_components("ExternalClientApplication") == []
