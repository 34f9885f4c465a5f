""""Fix it for me" stopped by a dropped connection says the way on as the dialog offers it: press
Continue (once), never "Run the same apply again", which is advice for the command line."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.wizard_support import signed_in, when_shown
from wizard.ui.fix_dialog import FixDialog

pytestmark = pytest.mark.slow


def test_a_fix_stopped_by_a_dropped_connection_says_press_continue_once(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window = signed_in(qtbot, demo_org, make_window, page_id="eci-connected-app")
    row = window.guide_pages["eci-connected-app"].row("eci-app.exists")
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        dialog.confirm.setText("Acme Demo")
        server.faults.set(drop_after=6)  # the backup's five reads and the first write pass; the second drops
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        server.faults.clear()
        seen["stopped"] = (dialog.notice.text.text(), dialog.apply_button.text(), dialog.apply_button.isEnabled())
        dialog.cancel_button.click()

    when_shown(FixDialog, drive)
    row.fix_button.click()
    notice, apply_text, enabled = seen["stopped"]
    assert "The connection dropped while the wizard was writing" in notice
    assert notice.endswith("Press Continue: it reads what is already there and finishes the rest without duplicates."), notice
    assert notice.count("Continue") == 1 and apply_text == "&Continue" and enabled
    assert not any(words in notice.casefold() for words in ("apply again", "run the same", "command", "eci-wizard")), notice
