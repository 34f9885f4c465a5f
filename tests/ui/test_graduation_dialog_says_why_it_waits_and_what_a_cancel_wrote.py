"""Wizard → Graduate from a profile…, when the org or the admin stops it: each stop says what was
seen, what is expected and the way on, and a cancel says exactly what was written.

- A preview that cannot read the org (its API limit reached, down for maintenance) says so once
  and turns Next into "Try again", instead of a greyed-out Next and a way back nobody names.
- The production org's name typed wrongly says why Graduate stays greyed out.
- A cancel before the first write says nothing was written (no parity verdict, no report to
  save, Back to preview again), as "Fix it for me" does; the "stays open while it writes" notice
  goes once the writing is over.
- Going back to the profile and on again keeps the values chosen for this org.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_wizard_graduation import (
    AIRCALL_ANSWERS,
    NAMED_CREDENTIAL,
    WORK_MS,
    captured_sandbox_profile,
    graduate_with,
    signed_in_window,
)
from wizard.ui.graduation.dialog import CHOICES, CONFIRM, PREVIEW, PROFILE, GraduationDialog

pytestmark = pytest.mark.slow


def run_dialog(window: Any, drive: Any) -> None:
    graduate_with(window, drive)


def open_profile(qtbot: Any, dialog: GraduationDialog, profile: Path) -> None:
    dialog.read_profile(str(profile))
    qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)


def sandbox_profile_and_production(qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Any, Any]:
    """An Aircall profile captured from the sandbox demo org, and a window signed in to a production
    demo org on the Aircall guide: where every test here starts."""
    profile = captured_sandbox_profile(tmp_path / "aircall.profile.yaml", monkeypatch)
    server = demo_org("voice-connector-production")
    return profile, server, signed_in_window(qtbot, make_window, server, "aircall")


def ready_to_graduate(qtbot: Any, dialog: GraduationDialog, profile: Path, org_name: str) -> None:
    """Through the profile and the preview to the confirmation, the secrets and the org's name typed:
    the next click of Graduate starts the writes."""
    open_profile(qtbot, dialog, profile)
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WORK_MS)
    dialog.next_button.click()
    for name, field in dialog.confirm_step.secret_fields.items():
        field.setText(AIRCALL_ANSWERS[name])
    dialog.confirm_step.confirm.setText(org_name)


def test_a_preview_the_org_refuses_offers_try_again_and_a_wrong_name_says_why_graduate_waits(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile, server, window = sandbox_profile_and_production(qtbot, demo_org, make_window, tmp_path, monkeypatch)
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        open_profile(qtbot, dialog, profile)
        server.faults.set(request_limit=0)
        dialog.next_button.click()
        qtbot.waitUntil(lambda: not dialog._busy(), timeout=WORK_MS)
        seen["refused"] = (dialog.step, dialog.notice.text.text(), dialog.next_button.text(), dialog.next_button.isEnabled())
        server.faults.clear()
        dialog.next_button.click()  # Try again
        qtbot.waitUntil(lambda: not dialog._busy(), timeout=WORK_MS)
        seen["again"] = (dialog.preview is not None, dialog.notice.isVisible(), dialog.next_button.text())

        dialog.next_button.click()
        assert dialog.step == CONFIRM
        for name, field in dialog.confirm_step.secret_fields.items():
            field.setText(AIRCALL_ANSWERS[name])
        hint = dialog.confirm_step.name_hint
        dialog.confirm_step.confirm.setText("acme demo")
        seen["case"] = (hint.isVisibleTo(dialog), hint.text(), dialog.next_button.isEnabled())
        dialog.confirm_step.confirm.setText("Acme")
        seen["other"] = hint.text()
        dialog.confirm_step.confirm.setText("Acme Demo")
        seen["right"] = (hint.isVisibleTo(dialog), dialog.next_button.isEnabled())
        dialog.cancel_button.click()

    run_dialog(window, drive)
    step, text, button, enabled = seen["refused"]
    assert step == PREVIEW and button == "&Try again" and enabled
    assert text.startswith("The preview could not read Acme Demo. The org has reached its API request limit")
    assert text.endswith("Press Try again once that is put right.")
    assert text.lower().count("nothing was") == 1  # said once, not "Nothing was changed. … Nothing was written."
    assert seen["again"] == (True, False, "&Next >")

    shown, text, enabled = seen["case"]
    assert shown and not enabled
    assert text == "Typed “acme demo”, which differs from “Acme Demo” in capital letters: type the name exactly as shown."
    assert seen["other"] == "Typed “Acme”, which is not this org's name: type Acme Demo exactly as shown to graduate into it."
    assert seen["right"] == (False, True)


def test_a_graduation_cancelled_before_its_first_write_says_nothing_was_written(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile, server, window = sandbox_profile_and_production(qtbot, demo_org, make_window, tmp_path, monkeypatch)
    c = window.controller
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        ready_to_graduate(qtbot, dialog, profile, c.facts.name)
        server.faults.set(latency_ms=100)  # the backup's reads take a while: the cancel comes before any write
        dialog.next_button.click()
        dialog.close()  # refused while it writes, with the reason
        seen["refused"] = (dialog.isVisible(), dialog.notice.text.text())
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: not dialog.applying, timeout=WORK_MS)
        server.faults.clear()
        seen["result"] = (dialog.result_step.headline.text(), dialog.result_step.status.text(), dialog.notice.isVisible(),
                          dialog.report_button.isVisible(), dialog.back_button.isVisible())
        dialog.back_button.click()  # previews again: nothing was written
        qtbot.waitUntil(lambda: not dialog._busy(), timeout=WORK_MS)
        seen["back"] = (dialog.step, dialog.preview is not None and not dialog.preview.secrets_needed)
        dialog.cancel_button.click()

    run_dialog(window, drive)
    shown, text = seen["refused"]
    assert shown and text.startswith("The graduation is writing to the org: this window stays open until it has finished")
    headline, status, notice, report, back = seen["result"]
    assert headline == "Graduation cancelled: nothing was written"
    assert status == ("You cancelled the graduation before its first write: nothing was written to Acme Demo, which is as "
                      "it was before. Press Back to preview it again, or Close. The values you typed were kept, and are "
                      "not asked again.")
    assert "parity" not in status.lower() and not notice and not report and back
    assert seen["back"] == (PREVIEW, True)
    assert server.org.get_component(*NAMED_CREDENTIAL) is None and c.changes == []


def test_going_back_to_the_profile_and_on_again_keeps_the_values_chosen_for_this_org(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = captured_sandbox_profile(tmp_path / "amazon-connect.profile.yaml", monkeypatch, "amazon-connect-configured",
                                       "amazon-connect")
    window = signed_in_window(qtbot, make_window, demo_org("fresh"), "amazon-connect")
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        open_profile(qtbot, dialog, profile)
        dialog.next_button.click()
        dialog.choices_step.boxes["aws_region"].setCurrentText("eu-west-1")
        dialog.back_button.click()
        assert dialog.step == PROFILE
        dialog.next_button.click()
        seen["kept"] = (dialog.step, dialog.choices_step.boxes["aws_region"].currentText())
        open_profile(qtbot, dialog, profile)  # the file chosen again: asked afresh
        dialog.next_button.click()
        seen["afresh"] = dialog.choices_step.boxes["aws_region"].currentText()
        dialog.cancel_button.click()

    run_dialog(window, drive)
    assert seen["kept"] == (CHOICES, "eu-west-1")
    assert seen["afresh"] != "eu-west-1"



def test_a_graduation_cancelled_partway_says_what_was_written_and_both_ways_on_in_the_windows_words(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile, server, window = sandbox_profile_and_production(qtbot, demo_org, make_window, tmp_path, monkeypatch)
    c = window.controller
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        ready_to_graduate(qtbot, dialog, profile, c.facts.name)
        server.faults.set(latency_ms=100)
        dialog.next_button.click()
        qtbot.waitUntil(lambda: "(step 3 of" in dialog.result_step.status.text(), timeout=WORK_MS)
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: not dialog.applying, timeout=WORK_MS)
        server.faults.clear()
        seen["result"] = (dialog.result_step.headline.text(), dialog.result_step.status.text(),
                          dialog.result_step.details.text(), dialog.report_button.isVisible())
        seen["backup"] = dialog.graduated.result.applied.backup_id
        dialog.cancel_button.click()

    run_dialog(window, drive)
    headline, status, details, report = seen["result"]
    written = len(c.changes)
    assert headline == "✖ Graduation cancelled partway" and written > 0
    assert status.startswith(f"You cancelled the graduation after {written} changes were written to Acme Demo (listed "
                             "below); the rest of the plan was not written.")
    assert ("To finish it: Wizard → Graduate from a profile… with the same profile again (nothing is done twice). To put "
            f"Acme Demo back as it was instead: Wizard → Undo the last fix (backup {seen['backup']}).") in status
    assert "As it stands: " in status and report  # the verdict of what is there now, and its report
    assert "command" not in details and "Cancelled:" not in details
