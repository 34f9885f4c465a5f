"""The Map users dialog has a heading, a table that fills its width with every cell on one line, and
no Preview when every user is already mapped (before: half the table empty, e-mails broken at their
hyphen, and a Preview that could only say there was nothing to write)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.provider_support import checks_done, open_guide, panel
from wizard.ui.providers.mapping_dialog import MappingDialog

pytestmark = pytest.mark.slow


def test_every_user_already_mapped_is_said_and_nothing_is_offered_to_preview(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window = open_guide(qtbot, make_window, demo_org("aircall-configured"), "aircall", "voice")
    c = window.controller
    key_panel = panel(window, "aircall-api-key")
    before = len(c.checks)
    key_panel.check_button.click()  # Aircall's users can be read once it accepts the key
    checks_done(qtbot, window, before)
    dialog = MappingDialog(c, c.provider_hub.voice, "aircall", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.matches), timeout=30_000)
    QApplication.processEvents()
    dialog.grab().save("/tmp/ui-shots/map-users-all-mapped.png")

    assert dialog.heading.isVisible() and dialog.heading.text() == "Map ECI users to Aircall users"
    assert {m.kind for m in dialog.matches} == {"mapped"}
    assert not dialog.preview_button.isEnabled()
    assert dialog.status.text().startswith("All 3 active users who hold an ECI permission set already have their Aircall User Identifier")
    table = dialog.table
    cells = [table.cellWidget(row, 3) for row in range(table.rowCount())]
    assert all(isinstance(cell, QLabel) and not cell.wordWrap() and "@acme-demo.example)" in cell.text() for cell in cells)
    header = table.horizontalHeader()
    assert header.sectionPosition(3) + header.sectionSize(3) == table.viewport().width()  # no empty band on the right
    assert all(cell.sizeHint().width() <= header.sectionSize(3) for cell in cells)  # read in full
    dialog.close_button.click()
