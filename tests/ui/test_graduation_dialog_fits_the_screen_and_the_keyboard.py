"""Wizard → Graduate from a profile… on a small screen and from the keyboard alone.

The dialog asks for 1080x740 (the preview table's four columns need the width); on a smaller
screen it takes what the screen has, so Cancel and Graduate are never below its edge. The
keyboard starts in each step's first field (never on the line that only names the steps), Tab
goes down the confirm step (the secrets, then the org's name, then the buttons), every Alt key
shown is there once, Enter goes on and Esc closes. What was typed ends in no file, no report and
no line of the dialog.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from tests.integration.profiles.support import DEMO_SECRETS, assert_no_secret, files_under
from tests.ui.test_wizard_graduation import (
    AIRCALL_ANSWERS,
    WORK_MS,
    captured_sandbox_profile,
    graduate_with,
    signed_in_window,
)
from wizard.report.export import export_run
from wizard.ui.graduation.dialog import CONFIRM, PREVIEW, RESULT, GraduationDialog

pytestmark = pytest.mark.slow
#: A step the keyboard cannot reach is waited for this long, not the full WORK_MS.
STEP_MS = 20_000


def alt_keys(dialog: GraduationDialog) -> list[str]:
    """The Alt key letter of every button (and buddied label) the dialog shows now."""
    shown = [w.text() for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)
             if w.isVisibleTo(dialog) and (not isinstance(w, QLabel) or w.buddy() is not None)]
    return [m.group(1).upper() for text in shown if (m := re.search(r"&([^&])", text.replace("&&", "")))]


def tab_stops(dialog: GraduationDialog, start: QWidget, count: int) -> list[QWidget]:
    """The next `count` widgets Tab reaches from `start` (shown, enabled, taking Tab focus)."""
    found, widget = [], start
    while len(found) < count:
        widget = widget.nextInFocusChain()
        if widget.isVisibleTo(dialog) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
    return found


def test_the_dialog_fits_the_screen_and_goes_from_step_to_step_by_keyboard(
        qtbot: Any, demo_org: Any, make_window: Any, wizard_dirs: tuple[Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    profile = captured_sandbox_profile(tmp_path / "aircall.profile.yaml", monkeypatch)
    server = demo_org("voice-connector-production")
    window = signed_in_window(qtbot, make_window, server, "aircall")
    seen: dict[str, Any] = {"keys": {}}

    def drive(dialog: GraduationDialog) -> None:
        qtbot.waitUntil(dialog.isActiveWindow, timeout=WORK_MS)
        area = dialog.screen().availableGeometry()
        seen["fits"] = (area.contains(dialog.frameGeometry()), dialog.frameGeometry().getRect(), area.getRect())
        seen["first"] = QApplication.focusWidget() is dialog.profile_step.path
        seen["steps_line_tab_stop"] = bool(dialog.steps_line.focusPolicy() & Qt.FocusPolicy.TabFocus)
        seen["keys"]["profile"] = alt_keys(dialog)
        qtbot.keyClicks(dialog.profile_step.path, str(profile))
        qtbot.keyClick(dialog.profile_step.path, Qt.Key.Key_Return)  # reads the file typed
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)
        seen["default"] = dialog.next_button.isDefault()
        qtbot.keyClick(dialog.profile_step.path, Qt.Key.Key_Return)  # Enter: Next
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=STEP_MS)
        seen["preview_focus"] = (dialog.step, QApplication.focusWidget() is dialog.preview_step.tree)
        seen["keys"]["preview"] = alt_keys(dialog)
        qtbot.keyClick(dialog.preview_step.tree, Qt.Key.Key_Return)  # Enter: Next
        confirm = dialog.confirm_step
        fields = list(confirm.secret_fields.values())
        seen["confirm_focus"] = (dialog.step, QApplication.focusWidget() is fields[0])
        seen["tab"] = tab_stops(dialog, fields[0], 4) == [fields[1], confirm.manual, confirm.confirm, dialog.back_button]
        seen["keys"]["confirm"] = alt_keys(dialog)
        for field, value in zip(fields, AIRCALL_ANSWERS.values(), strict=True):
            qtbot.keyClicks(field, value)
        qtbot.keyClicks(confirm.confirm, window.controller.facts.name)
        qtbot.keyClick(confirm.confirm, Qt.Key.Key_Return)  # Enter: Graduate
        seen["applying"] = dialog.applying
        seen["cancel_not_focused"] = QApplication.focusWidget() is not dialog.cancel_button
        qtbot.waitUntil(lambda: not dialog.applying, timeout=WORK_MS)
        seen["result"] = (dialog.step, dialog.graduated is not None)
        seen["keys"]["result"] = alt_keys(dialog)
        seen["shown"] = "\n".join(w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QLineEdit))
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
        seen["closed"] = not dialog.isVisible()

    graduate_with(window, drive)

    fits, frame, area = seen["fits"]
    assert fits, f"the dialog {frame} does not fit the screen {area}"
    assert seen["first"] and not seen["steps_line_tab_stop"]
    assert seen["default"]
    assert seen["preview_focus"] == (PREVIEW, True)
    assert seen["confirm_focus"] == (CONFIRM, True) and seen["tab"]
    assert seen["applying"] and seen["cancel_not_focused"]
    assert seen["result"] == (RESULT, True) and seen["closed"]
    for step, keys in seen["keys"].items():
        assert len(keys) == len(set(keys)), (step, keys)
    assert seen["keys"]["profile"] == ["H", "N"] and seen["keys"]["confirm"] == ["B", "G"]

    # What was typed is in no file (state, logs, backups), not in the window's report, nor in the dialog.
    report = tmp_path / "window-report"
    c = window.controller
    run = c.run_record()
    assert run is not None and run.changes
    export_run(c.guide, run, json_path=report / "r.json", html_path=report / "r.html", pdf_path=report / "r.pdf")
    typed = {*AIRCALL_ANSWERS.values(), *DEMO_SECRETS}
    assert_no_secret([*files_under(wizard_dirs[0]), *files_under(wizard_dirs[1]), *files_under(report),
                      ("the dialog", seen["shown"])], typed)
