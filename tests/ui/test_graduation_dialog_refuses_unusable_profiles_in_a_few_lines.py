"""Wizard → Graduate from a profile…, given a file that cannot be a profile: refused at once, in a
few lines that fit the dialog on the screen.

A file of many megabytes is not read whole to find out it is no profile (that took half a minute
for 60 MB, and a bigger one could take all the memory); a profile with the same hand edit in every
setting lists the first problems and counts the rest, instead of a notice taller than any screen.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_wizard_graduation import (
    WORK_MS,
    captured_sandbox_profile,
    graduate_with,
    signed_in_window,
)
from wizard.ui.graduation.dialog import GraduationDialog

pytestmark = pytest.mark.slow
#: The problems listed before the rest are counted.
SHOWN = 6
#: The smallest screen the window is made for.
SMALL_SCREEN = (1024, 700)


def test_a_huge_file_is_refused_unread_and_a_file_with_many_problems_still_fits_the_screen(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = captured_sandbox_profile(tmp_path / "aircall.profile.yaml", monkeypatch)
    huge = tmp_path / "export.yaml"
    with huge.open("wb") as out:
        out.truncate(30 * 1024 * 1024)  # 30 MB (sparse: made at once)
    edited = tmp_path / "edited.profile.yaml"  # one hand edit repeated in every setting
    edited.write_text(profile.read_text(encoding="utf-8").replace("  label:", "  labelx:"), encoding="utf-8")
    window = signed_in_window(qtbot, make_window, demo_org("voice-connector-production"), "aircall")
    seen: dict[str, Any] = {}

    def refused(dialog: GraduationDialog, path: Path) -> tuple[str, float]:
        started = time.monotonic()
        dialog.read_profile(str(path))
        qtbot.waitUntil(lambda: dialog.notice.isVisible(), timeout=WORK_MS)
        return dialog.notice.text.text(), time.monotonic() - started

    def drive(dialog: GraduationDialog) -> None:
        seen["huge"] = refused(dialog, huge)
        seen["edited"] = refused(dialog, edited)
        seen["edited_height"] = dialog.minimumSizeHint().height()
        seen["next"] = dialog.next_button.isEnabled()
        dialog.cancel_button.click()

    graduate_with(window, drive)

    text, took = seen["huge"]
    assert text.startswith("This file cannot be used as a setup profile. Nothing was read from Acme Demo.")
    assert "The file holds 30 MB, far more than any setup profile" in text and "so it was not read" in text
    assert took < 10

    text, _took = seen["edited"]
    lines = text.splitlines()
    assert len(lines) == 1 + SHOWN + 1, text
    assert lines[1].startswith("• Line ") and "field 'environment[0].label'" in lines[1]
    assert str(edited) not in text  # the path is in the field above, not repeated on every line
    assert lines[-1].startswith("… and ") and "more problems of the same kind" in lines[-1]
    assert seen["edited_height"] <= SMALL_SCREEN[1], "the dialog no longer fits a 1024x700 screen"
    assert not seen["next"]
