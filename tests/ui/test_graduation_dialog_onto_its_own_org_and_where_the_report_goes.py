"""Wizard → Graduate from a profile… in the very org the profile was captured from, and where its
parity report may go.

An admin still signed in to the sandbox who opens its own profile is told so before anything is
read: graduating there only puts back what changed since the capture, and the report would compare
the org with itself. The report asked to go into a folder goes inside it under its usual name;
files already there (the JSON and the PDF beside it) are replaced only after one question naming
both; a place that refuses files says what to do in the window's words, not the command line's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_wizard_graduation import WORK_MS, graduate_with, signed_in_window
from tests.ui.wizard_support import when_shown
from wizard.ui.graduation.capture import ProfileSaver
from wizard.ui.graduation.dialog import RESULT, GraduationDialog

pytestmark = pytest.mark.slow
#: A place the system refuses files in (root may write almost anywhere else).
REFUSING = Path("/proc/eci-wizard-test")


def test_its_own_org_is_named_and_the_report_goes_only_where_asked(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path) -> None:
    window = signed_in_window(qtbot, make_window, demo_org("aircall-sandbox-configured"), "aircall")
    status = window.statusBar().currentMessage
    ProfileSaver(window, window.controller).save_to(REFUSING / "aircall.profile.yaml")
    refused_capture = status()
    profile = tmp_path / "aircall.profile.yaml"
    ProfileSaver(window, window.controller).save_to(profile)
    qtbot.waitUntil(lambda: status().startswith("Profile saved to"), timeout=WORK_MS)

    mine_json, mine_pdf = tmp_path / "mine.json", tmp_path / "mine.pdf"
    mine_json.write_text('{"my": "notes"}', encoding="utf-8")
    mine_pdf.write_bytes(b"%PDF-1.4 my own")
    folder = tmp_path / "reports"
    folder.mkdir()
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        dialog.read_profile(str(profile))
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)
        seen["own_org"] = (dialog.profile_step.guide_note.text(), dialog.profile_step.switch.isVisible(),
                           dialog.next_button.isEnabled())
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WORK_MS)
        dialog.next_button.click()
        dialog.next_button.click()  # nothing to write, no secret, a sandbox: Graduate at once
        qtbot.waitUntil(lambda: not dialog.applying, timeout=WORK_MS)
        assert dialog.step == RESULT and dialog.report_button.isVisible(), dialog.result_step.status.text()
        saved = dialog.result_step.saved

        dialog.save_report_to(folder)
        qtbot.waitUntil(lambda: not dialog._busy(), timeout=WORK_MS)
        seen["folder"] = saved.text()

        questions: list[tuple[str, list[str], str]] = []

        def keep(box: QMessageBox) -> None:
            questions.append((box.text(), [b.text() for b in box.buttons()], box.defaultButton().text()))
            keep_them = next((b for b in box.buttons() if b.text() == "Keep them"), None)
            keep_them.click() if keep_them is not None else box.reject()

        when_shown(QMessageBox, keep)
        dialog.save_report_to(mine_json)  # as chosen in the save dialog, which leaves the question to this one
        qtbot.waitUntil(lambda: not dialog._busy(), timeout=WORK_MS)
        seen["question"], seen["kept"] = questions, saved.text()

        dialog.save_report_to(REFUSING / "parity.json")
        seen["refused"] = saved.text()
        dialog.cancel_button.click()

    graduate_with(window, drive)

    note, switch, enabled = seen["own_org"]
    assert note.startswith("This profile was captured from this very org (Acme Demo, Sandbox, ")
    assert "its parity report compares this org with itself" in note and "sign in to the production org" in note
    assert not switch and enabled  # said, not refused: putting a sandbox back as captured is a use too

    inside = folder / "aircall.profile.parity.json"
    assert seen["folder"].startswith(f"Parity report saved: {inside} and {inside.with_suffix('.pdf')}")
    assert inside.is_file() and not (tmp_path / "reports.json").exists()

    (text, buttons, default), = seen["question"]
    assert text.startswith(f"{mine_json} and {mine_pdf} already exist.") and "replaces both" in text
    assert buttons == ["Replace them", "Keep them"] and default == "Keep them"
    assert seen["kept"] == (f"The parity report was not saved: {mine_json} and {mine_pdf} were kept as they were. "
                            "Save it again under another name.")
    assert mine_json.read_text(encoding="utf-8") == '{"my": "notes"}' and mine_pdf.read_bytes() == b"%PDF-1.4 my own"

    for said in (seen["refused"], refused_capture):
        assert said.startswith(("The parity report was not saved: The report file", "The profile file")), said
        assert said.endswith(", then save it again.") or "then save it again." in said, said
        assert "command" not in said, said
