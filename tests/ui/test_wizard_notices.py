"""What the main window says, and when it stops saying it: the page's problem notice, the status
line, "Open in Salesforce" when Salesforce can't hand out a link, rows that could not be checked,
"Undo the last fix" with nothing to undo, and closing while work runs. Real window, demo org."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.wizard_support import signed_in, wait_checked, when_shown

pytestmark = pytest.mark.slow


def _signed_in(qtbot: Any, demo_org: Any, make_window: Any, page_id: str = "before-you-start") -> tuple[Any, Any, Any]:
    server, window = signed_in(qtbot, demo_org, make_window, page_id=page_id)
    return server, window, window.guide_pages[page_id]


def test_a_whole_check_failure_notice_goes_once_a_check_succeeds(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window, page = _signed_in(qtbot, demo_org, make_window)
    server.faults.set(request_limit=0)
    page.check_button.click()
    wait_checked(qtbot, window)
    assert page.notice.isVisible() and "API request limit" in page.notice.text.text()
    server.faults.clear()
    page.check_button.click()
    wait_checked(qtbot, window)
    assert not page.notice.isVisible() and page.notice.text.text() == ""


def test_open_in_salesforce_explains_a_dropped_connection_and_maintenance(qtbot: Any, demo_org: Any,
                                                                          make_window: Any) -> None:
    server, window, page = _signed_in(qtbot, demo_org, make_window)
    c = window.controller
    shown = {}
    for name, fault in (("drop", {"drop_path": "singleaccess"}), ("maintenance", {"maintenance": True})):
        server.faults.clear()
        server.faults.set(**fault)
        page.open_button.click()
        qtbot.waitUntil(lambda: not c.tasks.is_running("open-setup"), timeout=60_000)
        shown[name] = page.notice.text.text()
    server.faults.clear()
    assert shown["drop"].startswith("Salesforce did not hand out a sign-in link for Setup.")
    assert "could not be reached" in shown["drop"] and "RemoteDisconnected" not in shown["drop"]
    assert "maintenance" in shown["maintenance"] and "'web' scope" not in shown["maintenance"]


def test_a_long_or_multi_line_status_stays_readable_in_full(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window, page = _signed_in(qtbot, demo_org, make_window)
    text = "First line of what happened.\n" + "Second line, which says what to do about it; " * 6
    window.controller.notice.emit(text)
    bar = window.statusBar()
    assert bar.toolTip() == text and "Second line" in bar.currentMessage()
    assert page.notice.text.text() == text  # too long for the line: the page shows all of it


def test_a_row_that_could_not_be_read_offers_no_fix_and_is_not_counted_to_fix(qtbot: Any, demo_org: Any,
                                                                             make_window: Any) -> None:
    from wizard.engine.results import Status

    server, window, page = _signed_in(qtbot, demo_org, make_window)
    server.faults.set(error_rate=1.0)
    page.check_button.click()
    wait_checked(qtbot, window)
    server.faults.clear()
    results = {r.check_id: r for r in window.controller.results("before-you-start")}
    assert results["org.eci-enabled"].status is Status.ERROR
    row = page.row("org.eci-enabled")
    assert row.badge.isVisible() and not row.fix_button.isVisible()
    assert "could not be checked" in page.counts.text() and "to fix" not in page.counts.text()
    side = window.steps.step_line("page:before-you-start")  # the side panel counts the same way
    assert "not checked" in side and "to fix" not in side


def test_undo_with_no_backup_says_there_is_nothing_to_undo(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window, _page = _signed_in(qtbot, demo_org, make_window)
    c = window.controller
    asked = []
    when_shown(QMessageBox, lambda box: (asked.append(box.text()), box.button(QMessageBox.StandardButton.Yes).click()))
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: not c.tasks.is_running("undo"), timeout=30_000)
    qtbot.wait(100)
    assert not asked
    assert window.statusBar().currentMessage().startswith("There is nothing to undo: the wizard has not changed Acme Demo")


def test_closing_during_a_check_is_prompt(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window, page = _signed_in(qtbot, demo_org, make_window)
    server.faults.set(latency_ms=4000)
    page.check_button.click()
    qtbot.wait(300)
    assert window.controller.tasks.is_running("check")
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 1.0 and not window.isVisible()
    server.faults.clear()


def test_closing_during_an_undo_keeps_the_window_open_until_it_ends(qtbot: Any, demo_org: Any,
                                                                     make_window: Any) -> None:
    from wizard.apply.session import FixSession

    server, window, _page = _signed_in(qtbot, demo_org, make_window)
    c = window.controller
    session = FixSession(c.connection, c.guide, c.facts)
    assert session.apply(session.plan_for(("before-you-start", "org.eci-enabled")), confirmation="Acme Demo").ok
    server.faults.set(metadata_latency_ms=1500)
    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: c.tasks.is_running("undo"), timeout=10_000)
    window.close()
    said = window.statusBar().currentMessage()
    assert window.isVisible() and said.startswith("The wizard stays open while a change to the org is still being made (")
    assert "…" not in said, said  # the task's label sits inside the sentence without its trailing dots
    qtbot.waitUntil(lambda: not c.tasks.is_running("undo"), timeout=60_000)
    server.faults.clear()
    window.close()
    assert not window.isVisible()




def test_a_fix_that_stopped_partway_is_told_on_its_page_until_undone(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """Closing the dialog of a half-done fix leaves the page saying so, not only "✖ Fail"."""
    from wizard.ui.fix_dialog import FixDialog

    server, window, page = _signed_in(qtbot, demo_org, make_window, page_id="eci-connected-app")
    c = window.controller
    row = page.row("eci-app.exists")
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        server.faults.set(request_limit=8)  # the app is created, a later part of it is refused
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        seen["made"] = dialog.result.made_writes
        server.faults.clear()
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    row.fix_button.click()
    assert seen["made"] > 0
    qtbot.waitUntil(lambda: "fix on this page stopped partway" in page.notice.text.text(), timeout=60_000)
    wait_checked(qtbot, window)
    text = page.notice.text.text()
    assert "Fix it for me finishes it" in text and "Wizard → Undo the last fix takes it back" in text

    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: "stopped partway" not in page.notice.text.text(), timeout=60_000)
    wait_checked(qtbot, window)
    assert "stopped partway" not in page.notice.text.text()
