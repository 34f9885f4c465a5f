""""Fix it for me" and "Undo the last fix" say the way on as the window offers it, never a command:
a backup file the wizard cannot read names the dialog's Apply button (the fix) or the menu entry
(the undo); a fix stopped because the sign-in ended says to close the dialog and sign in, and then
does not offer Continue, which would only read the org with the sign-in that just ended.

The real window on the demo org; the sign-in ends through the demo org's own revoke endpoint, as a
logout elsewhere (or an admin in Setup) would end it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.support.memory_keyring import MemoryKeyring
from tests.ui.wizard_support import signed_in, when_shown
from wizard.apply.session import FixSession
from wizard.demo.server import DemoOrgServer
from wizard.ui.fix_dialog import FixDialog

pytestmark = pytest.mark.slow

PAGE, ROW = "before-you-start", "org.eci-enabled"  # the ECI switch, off in the fresh demo org
#: Words of the command line, which no window text may use.
COMMAND_WORDS = ("apply again", "run the same", "command", "eci-wizard", " --")


def _cut_backup(folder: Path) -> Path:
    """A backup file newer than any other, cut off as a full disk or a crash leaves one."""
    folder.mkdir(parents=True, exist_ok=True)
    cut = folder / "29991231T000000000000Z-cut0.json"
    cut.write_text('{"format": 1, "id": "29991231T0000', encoding="utf-8")
    return cut


def _revoke_every_refresh_token(server: DemoOrgServer, demo_http: Any) -> None:
    """End the sign-in at Salesforce, through its revoke endpoint (a logout somewhere else)."""
    http = demo_http(server)
    for token in list(MemoryKeyring._store.values()):
        assert http.post(server.instance_url + "/services/oauth2/revoke", data={"token": token}).status_code == 200


def test_a_fix_refused_by_an_unreadable_backup_names_the_apply_button(
        qtbot: Any, demo_org: Any, make_window: Any, wizard_dirs: tuple[Path, Path]) -> None:
    """Before: "... and run the command again." in the dialog."""
    server, window = signed_in(qtbot, demo_org, make_window, page_id=PAGE)
    c = window.controller
    cut = _cut_backup(wizard_dirs[1] / "backups" / c.facts.org_id)
    writes_before = len(server.log.writes())
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: not dialog.applying and not c.tasks.is_running("fix"), timeout=60_000)
        seen["notice"] = dialog.notice.text.text()
        seen["status"] = dialog.status.text()
        seen["apply"] = (dialog.apply_button.text(), dialog.apply_button.isEnabled())
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    window.guide_pages[PAGE].row(ROW).fix_button.click()
    notice = seen["notice"]
    assert seen["status"] == "The fix stopped before writing anything: nothing was changed."
    assert notice.startswith(f"The backup file {cut} cannot be read"), notice
    assert notice.endswith("(what it recorded can then no longer be undone by the wizard), and press the Apply button "
                           "again."), notice
    assert not any(words in notice.casefold() for words in COMMAND_WORDS), notice
    assert seen["apply"][0].startswith("Apply") and seen["apply"][1]  # the button the notice names is there
    assert len(server.log.writes()) == writes_before


def test_an_undo_refused_by_an_unreadable_backup_names_the_menu_entry(
        qtbot: Any, demo_org: Any, make_window: Any, wizard_dirs: tuple[Path, Path]) -> None:
    """Before: "Nothing was undone. ... and run the command again." on the status line."""
    server, window = signed_in(qtbot, demo_org, make_window)
    c = window.controller
    session = FixSession(c.connection, c.guide, c.facts)  # the door the window's fixer uses, same backups folder
    applied = session.apply(session.plan_for((PAGE, ROW)), confirmation="Acme Demo")
    assert applied.error is None and applied.backup_id
    cut = _cut_backup(wizard_dirs[1] / "backups" / c.facts.org_id)
    writes_before = len(server.log.writes())

    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: not c.tasks.is_running("undo"), timeout=60_000)
    shown = window.statusBar().currentMessage()
    assert shown.startswith(f"Nothing was undone. The backup file {cut} cannot be read"), shown
    assert shown.endswith(", and choose Wizard → Undo the last fix again."), shown
    assert not any(words in shown.casefold() for words in COMMAND_WORDS), shown
    assert len(server.log.writes()) == writes_before  # nothing was undone in its place


def test_a_fix_stopped_because_the_sign_in_ended_says_sign_in_and_offers_no_continue(
        qtbot: Any, demo_org: Any, make_window: Any, demo_http: Any) -> None:
    """Before: Continue stayed enabled beside "Close this window and sign in again"."""
    server, window = signed_in(qtbot, demo_org, make_window, page_id=PAGE)
    writes_before = len(server.log.writes())
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        _revoke_every_refresh_token(server, demo_http)
        server.faults.set(session_expires_after=0)  # the access token ends too: the apply's first read must renew it
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        server.faults.clear()
        seen["notice"] = dialog.notice.text.text()
        seen["continue"] = (dialog.apply_button.text(), dialog.apply_button.isEnabled())
        dialog.apply_button.click()  # even a click that reaches it does nothing
        seen["planning"] = window.controller.tasks.is_running("fix")
        seen["close"] = (dialog.cancel_button.text(), dialog.cancel_button.isEnabled())
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    window.guide_pages[PAGE].row(ROW).fix_button.click()
    notice = seen["notice"]
    assert "Close this window and sign in again, then press Fix it for me again" in notice, notice
    assert not any(words in notice.casefold() for words in COMMAND_WORDS), notice
    assert seen["continue"] == ("&Continue", False)
    assert not seen["planning"]
    assert seen["close"] == ("Close", True)
    assert len(server.log.writes()) == writes_before
