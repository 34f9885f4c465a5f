"""Wizard → Graduate from a profile…, given a profile in an older format, one cut off, and one whose
guide line was edited: each is refused with the way to a good profile in the window's words (its
menu entry "Wizard → Save a setup profile…"), and nothing in the dialog names a command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.test_wizard_graduation import (
    WORK_MS,
    captured_sandbox_profile,
    graduate_with,
    signed_in_window,
)
from wizard.ui.graduation.dialog import GraduationDialog

pytestmark = pytest.mark.slow
SAVE_MENU = "Wizard → Save a setup profile…"


def test_a_profile_the_window_cannot_use_names_the_menu_entry_that_saves_a_good_one(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = captured_sandbox_profile(tmp_path / "aircall.profile.yaml", monkeypatch).read_text(encoding="utf-8")
    files = {
        "older": text.replace("schema_version: 2", "schema_version: 1"),
        "cut off": text.replace("end_of_profile: true\n", ""),
        "edited guide": text.replace("\nguide: aircall\n", "\nguide: ringcentral\n"),
    }
    window = signed_in_window(qtbot, make_window, demo_org("voice-connector-production"), "aircall")
    seen: dict[str, tuple[str, list[str]]] = {}

    def drive(dialog: GraduationDialog) -> None:
        for name, content in files.items():
            path = tmp_path / f"{name.replace(' ', '-')}.profile.yaml"
            path.write_text(content, encoding="utf-8")
            dialog.read_profile(str(path))
            qtbot.waitUntil(lambda: dialog.notice.isVisible(), timeout=WORK_MS)
            seen[name] = (dialog.notice.text.text(), [label.text() for label in dialog.findChildren(QLabel)])
        dialog.cancel_button.click()

    graduate_with(window, drive)

    for name, (notice, shown) in seen.items():
        assert notice.startswith("This file cannot be used as a setup profile."), (name, notice)
        assert SAVE_MENU in notice, (name, notice)
        assert not [text for text in shown if "eci-wizard" in text or " --" in text], name
    assert "Capture it again from the source org with this wizard (Wizard → Save a setup profile…)." in seen["older"][0]
    assert (f"capture a profile for it in the source org: {SAVE_MENU} with the ECI with RingCentral guide open."
            in seen["edited guide"][0])
