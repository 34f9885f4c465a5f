"""Sandbox to production in the window: Wizard → "Save a setup profile…" in a window signed in to
the sandbox, then Wizard → "Graduate from a profile…" in a window signed in to production.

Real parts throughout: two demo orgs over HTTPS, the sign-in through the embedded consent view,
the system's file dialogs (Qt's own, offscreen), the apply door with its backups, the parity
report's renderers. Set ECI_WIZARD_TEST_SHOTS to a folder to keep a picture of every step.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

from tests.integration.profiles.support import (
    AIRCALL_ANSWERS,
    DEMO_SECRETS,
    assert_no_secret,
    connect,
    files_under,
)
from tests.ui.wizard_support import drive_dialog, sign_in_demo, wait_checked, when_shown
from wizard.demo import start_demo_org
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.profiles.capture import capture_profile
from wizard.profiles.files import read_profile, write_profile
from wizard.profiles.graduate import GraduationStopped
from wizard.report.parity import from_json
from wizard.ui.graduation.dialog import CHOICES, CONFIRM, PREVIEW, PROFILE, RESULT, GraduationDialog
from wizard.ui.graduation.result_step import ResultStep

pytestmark = pytest.mark.slow
SHOTS = os.environ.get("ECI_WIZARD_TEST_SHOTS", "")
WORK_MS = 90_000
NAMED_CREDENTIAL = ("NamedCredential", "ECI_Named_Credential")
#: API requests the production demo org answers once Graduate is pressed: the backup's reads and the
#: first writes pass, then its limit runs out (a stop partway through the writes).
REQUEST_LIMIT = 20


def shot(widget: QWidget, name: str) -> None:
    """A picture of the widget, for a look by eye (only when ECI_WIZARD_TEST_SHOTS names a folder)."""
    if SHOTS:
        QApplication.processEvents()  # the layout follows the last change (a button's new text) first
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def choose_file(path: Path) -> Any:
    """Answer the next file dialog with `path`, as an admin typing it and pressing Save or Open."""
    def act(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()
    return act


def press(text: str) -> Any:
    """Press the message box button that reads `text`."""
    def act(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == text).click()
    return act


def graduate_with(window: Any, drive: Any) -> None:
    """Open Wizard → Graduate from a profile… and let `drive` work the dialog; a check that fails
    inside it is raised here once the dialog has closed (see `wizard_support.driving`)."""
    drive_dialog(GraduationDialog, drive, window.graduation_actions.graduate.trigger)


def signed_in_window(qtbot: Any, make_window: Any, server: Any, guide_id: str) -> Any:
    window = make_window(server)
    window.controller.choose_guide(guide_id)
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    return window


def tree_rows(dialog: GraduationDialog) -> dict[str, list[str]]:
    """The preview table's rows by setting id: the four cells as the admin reads them (tooltips hold them whole)."""
    tree, rows = dialog.preview_step.tree, {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            item = group.child(j)
            rows[item.data(0, Qt.ItemDataRole.UserRole)] = [item.toolTip(column) for column in range(4)]
    return rows


def eci_switch(controller: Any) -> Status | None:
    """The window's latest result for "Einstein Conversation Insights enabled" (None: not checked yet)."""
    found = {r.check_id: r.status for r in controller.results("before-you-start")}
    return found.get("org.eci-enabled")


def captured_sandbox_profile(path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str = "aircall-sandbox-configured",
                             guide_id: str = "aircall") -> Path:
    """A profile of a configured demo org (captured as the CLI does), the org stopped after."""
    server = start_demo_org(scenario)
    try:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))  # the Metadata client trusts the demo CA
        org = connect(server)
        return write_profile(capture_profile(org.connection, org.facts, load_guide(guide_id)).profile, path)
    finally:
        server.stop()


def test_a_sandbox_setup_saved_in_one_window_graduates_to_production_in_another(
        qtbot: Any, demo_org: Any, make_window: Any, wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    sandbox = demo_org("aircall-sandbox-configured")
    window = make_window(sandbox)
    actions = window.graduation_actions
    assert not actions.save_profile.isEnabled() and not actions.graduate.isEnabled()  # no org yet
    window.controller.choose_guide("aircall")
    sign_in_demo(qtbot, window, sandbox)
    wait_checked(qtbot, window)
    assert actions.save_profile.isEnabled() and actions.graduate.isEnabled()

    # 1. In the sandbox: Wizard → Save a setup profile…, into a file chosen in the save dialog.
    profile_path = tmp_path / "aircall.profile.yaml"
    when_shown(QFileDialog, choose_file(profile_path))
    actions.save_profile.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Profile saved to"), timeout=WORK_MS)
    assert window.statusBar().currentMessage().startswith(f"Profile saved to {profile_path}.")
    profile = read_profile(profile_path)  # read with the command line's own checks
    assert profile.guide == "aircall" and profile.source.environment == "Sandbox" and not profile.notes
    window.close()

    # 2. In production, a window still on another guide: the dialog says so and offers the switch.
    production = demo_org("voice-connector-production")
    prod = signed_in_window(qtbot, make_window, production, "ringcentral")
    c = prod.controller
    facts = c.facts
    assert not facts.is_sandbox
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        shot(dialog, "1-profile-empty")
        assert dialog.step == PROFILE and not dialog.next_button.isEnabled()
        when_shown(QFileDialog, choose_file(profile_path))
        dialog.profile_step.browse.click()
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)
        seen["about"] = dialog.profile_step.about.text()
        seen["mismatch"] = dialog.profile_step.guide_note.text()
        seen["switch"] = (dialog.profile_step.switch.isVisible(), dialog.profile_step.switch.text(), dialog.next_button.isEnabled())
        shot(dialog, "2-profile-other-guide")
        dialog.profile_step.switch.click()
        seen["switched"] = (c.guide.id, dialog.profile_step.guide_note.isVisible(), dialog.next_button.isEnabled())

        dialog.next_button.click()  # Aircall asks nothing: straight to the preview, read on a worker
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WORK_MS)
        seen["rows"] = tree_rows(dialog)
        seen["headers"] = [dialog.preview_step.tree.headerItem().text(i) for i in range(4)]
        seen["summary"] = dialog.preview_step.summary.text()
        seen["anyway"] = dialog.preview_step.anyway.isVisible()
        shot(dialog, "3-preview")

        dialog.next_button.click()
        assert dialog.step == CONFIRM
        confirm = dialog.confirm_step
        seen["confirm_summary"] = confirm.summary.text()
        seen["fields"] = {name: field.echoMode() for name, field in confirm.secret_fields.items()}
        for name, field in confirm.secret_fields.items():
            field.setText(AIRCALL_ANSWERS[name])
        confirm.confirm.setText(facts.name.lower())  # not the name as shown
        seen["enabled_wrong_name"] = dialog.next_button.isEnabled()
        confirm.confirm.setText(facts.name)
        seen["enabled_right_name"] = dialog.next_button.isEnabled()
        shot(dialog, "4-confirm")
        dialog.next_button.click()
        seen["fields_after"] = [field.text() for field in confirm.secret_fields.values()]
        qtbot.waitUntil(lambda: not dialog.applying, timeout=WORK_MS)
        assert dialog.step == RESULT and dialog.graduated is not None, dialog.result_step.status.text()
        seen["applied"] = dialog.graduated.result.applied.applied
        seen["headline"] = dialog.result_step.headline.text()
        seen["status"] = dialog.result_step.status.text()
        seen["details"] = dialog.result_step.details.text()
        shot(dialog, "5-result")

        report = tmp_path / "reports" / "aircall.parity.json"
        when_shown(QFileDialog, choose_file(report))
        dialog.report_button.click()
        qtbot.waitUntil(lambda: dialog.result_step.saved.text().startswith("Parity report saved"), timeout=WORK_MS)
        seen["saved"] = dialog.result_step.saved.text()
        shot(dialog, "6-report-saved")
        dialog.cancel_button.click()  # now "Close"

    graduate_with(prod, drive)  # modal until drive() closes it

    assert seen["about"].startswith("A setup profile of the ECI with Aircall guide (aircall), captured from Acme Demo (Sandbox")
    assert "captured for the ECI with Aircall guide (aircall), but the window is on the ECI with RingCentral guide" in seen["mismatch"]
    assert seen["switch"] == (True, "&Switch the window to ECI with Aircall", False)
    assert seen["switched"] == ("aircall", False, True)

    assert seen["headers"] == ["Setting", "Sandbox", "This org now", "Will get"]
    url = seen["rows"]["eci-named-credential.url"]
    assert url[1:] == [sandbox.instance_url, "(missing)", production.instance_url] and url[0].startswith("→* ")
    assert seen["rows"]["org.eci-enabled"][1:] == ["On", "Off", "On"]
    assert seen["rows"]["org.edition"][0].startswith("= ")
    assert "settings marked → will change" in seen["summary"] and not seen["anyway"]

    assert "Wizard → Undo the last fix takes them back" in seen["confirm_summary"]
    assert seen["fields"] == {name: QLineEdit.EchoMode.Password for name in AIRCALL_ANSWERS}
    assert not seen["enabled_wrong_name"] and seen["enabled_right_name"]
    assert seen["fields_after"] == ["", ""]  # typed once, never shown again

    # The Aircall side was connected in neither org: the report's own verdict, and the rows it names.
    assert seen["headline"] == "▲ Parity not confirmed"
    assert "Not checked" in seen["details"] and "Aircall API key" in seen["details"]
    assert "Wizard → Undo the last fix takes these changes back" in seen["status"]
    json_path, pdf_path = tmp_path / "reports" / "aircall.parity.json", tmp_path / "reports" / "aircall.parity.pdf"
    assert seen["saved"].startswith(f"Parity report saved: {json_path} and {pdf_path}")
    record = from_json(json_path.read_bytes())
    assert json.loads(json_path.read_text())["target"]["org_id"] == facts.org_id
    assert record.summary.headline == "Parity not confirmed" and record.summary.unexplained == 0
    assert pdf_path.read_bytes().startswith(b"%PDF")

    # The org really changed, the window's pages show it checked again, and the report lists the writes.
    credential = production.org.get_component(*NAMED_CREDENTIAL)
    assert credential is not None and credential["endpoint"] == production.instance_url
    qtbot.waitUntil(lambda: eci_switch(c) is Status.PASS, timeout=WORK_MS)  # checked again after the graduation
    run = c.run_record()
    assert run is not None and run.changes == seen["applied"] and len(run.changes) > 10

    # Wizard → Undo the last fix takes the graduation back.
    when_shown(QMessageBox, press("&Yes"))
    c.fixer.undo_last(prod, c)
    qtbot.waitUntil(lambda: production.org.get_component(*NAMED_CREDENTIAL) is None and not c.tasks.is_running("undo"),
                    timeout=WORK_MS)
    qtbot.waitUntil(lambda: eci_switch(c) is Status.FAIL, timeout=WORK_MS)

    # What was typed is in no file the wizard wrote (backups, logs, state), nor in the profile or the report.
    typed = {*AIRCALL_ANSWERS.values(), *DEMO_SECRETS}
    assert_no_secret([*files_under(wizard_dirs[0]), *files_under(wizard_dirs[1]), *files_under(tmp_path / "reports"),
                      ("profile", profile_path.read_bytes())], typed)


def test_the_window_refuses_what_would_lose_work_or_graduate_a_blocked_org(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a fresh org (the guide fails, the Voice Connector package is missing): saving over a file that
    is no profile asks first, a failing guide is saved only after "Save anyway"; a file that is no
    profile is refused in words; the package missing blocks graduation until "Graduate anyway"."""
    sandbox_profile = captured_sandbox_profile(tmp_path / "aircall.profile.yaml", monkeypatch)
    server = demo_org("fresh")
    window = signed_in_window(qtbot, make_window, server, "aircall")
    notes = tmp_path / "notes.yaml"
    notes.write_text("meeting: tuesday\n", encoding="utf-8")

    when_shown(QFileDialog, choose_file(notes))
    when_shown(QMessageBox, press("Keep it"))
    window.graduation_actions.save_profile.trigger()
    assert window.statusBar().currentMessage() == f"No profile was saved: {notes} is unchanged. Choose another file name to save it."
    assert notes.read_text(encoding="utf-8") == "meeting: tuesday\n"

    questions: list[str] = []

    def answer(text: str) -> Any:
        def act(box: QMessageBox) -> None:
            questions.append(box.text())
            shot(box, f"0-capture-question-{len(questions)}")
            press(text)(box)
        return act

    when_shown(QFileDialog, choose_file(notes))
    when_shown(QMessageBox, answer("Replace it"))
    window.graduation_actions.save_profile.trigger()
    when_shown(QMessageBox, answer("Save anyway"))  # asked once the org was read
    status = window.statusBar().currentMessage
    qtbot.waitUntil(lambda: status().startswith("Profile saved to"), timeout=WORK_MS)
    assert questions[0].startswith(f"{notes} already holds content that is not a setup profile")
    assert questions[1].startswith("The ECI with Aircall setup does not fully verify in Acme Demo yet")
    assert "or save the profile anyway: it then names the failing settings in a note" in questions[1]
    assert status().startswith(f"Profile saved to {notes}. It replaced what the file held before: content that is not")
    assert read_profile(notes).notes[0].startswith("Captured with")

    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        report = tmp_path / "a.parity.json"
        report.write_text('{"kind": "parity"}', encoding="utf-8")
        dialog.read_profile(str(report))
        qtbot.waitUntil(lambda: dialog.notice.isVisible(), timeout=WORK_MS)
        seen["not_a_profile"] = (dialog.notice.text.text(), dialog.next_button.isEnabled())
        shot(dialog, "1-not-a-profile")

        dialog.read_profile(str(sandbox_profile))
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)
        seen["notice_cleared"] = dialog.notice.isVisible()
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WORK_MS)
        assert dialog.step == PREVIEW
        seen["blocked"] = (dialog.notice.text.text(), dialog.preview_step.anyway.isVisible(), dialog.next_button.isEnabled())
        seen["findings"] = dialog.preview_step.findings.text()
        shot(dialog, "3-preview-blocked")
        dialog.preview_step.anyway.setChecked(True)
        seen["anyway"] = dialog.next_button.isEnabled()
        dialog.next_button.click()
        seen["step"] = dialog.step
        dialog.cancel_button.click()

    graduate_with(window, drive)

    text, enabled = seen["not_a_profile"]
    assert text.startswith("This file cannot be used as a setup profile. Nothing was read from Acme Demo.")
    assert "this file is not an ECI setup profile (a parity report" in text and not enabled
    assert not seen["notice_cleared"]
    text, anyway_shown, enabled = seen["blocked"]
    assert text.startswith("Acme Demo lacks what the wizard cannot create (Package missing in the target: Voice Connector)")
    assert "Graduate anyway" in text and anyway_shown and not enabled
    assert seen["findings"].index("Blocks graduation") < seen["findings"].index("Worth knowing")
    assert seen["anyway"] and seen["step"] == CONFIRM


def graduate_in_dialog(qtbot: Any, window: Any, profile: Path, before_apply: Any = None) -> dict[str, Any]:
    """Wizard → Graduate from a profile…, through every step to the result; what the result step said."""
    seen: dict[str, Any] = {}
    facts = window.controller.facts

    def drive(dialog: GraduationDialog) -> None:
        dialog.read_profile(str(profile))
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WORK_MS)
        seen["preview_summary"] = dialog.preview_step.summary.text()
        dialog.next_button.click()
        seen["secrets_asked"] = sorted(dialog.confirm_step.secret_fields)
        for name, field in dialog.confirm_step.secret_fields.items():
            field.setText(AIRCALL_ANSWERS[name])
        dialog.confirm_step.confirm.setText(facts.name)
        if before_apply is not None:
            before_apply()
        dialog.next_button.click()
        qtbot.waitUntil(lambda: not dialog.applying, timeout=WORK_MS)
        seen.update(headline=dialog.result_step.headline.text(), status=dialog.result_step.status.text(),
                    details=dialog.result_step.details.text(), report_offered=dialog.report_button.isVisible(),
                    stopped=dialog.stopped, graduated=dialog.graduated)
        shot(dialog, "5-result-stopped" if dialog.stopped else "5-result-finished")
        dialog.cancel_button.click()

    graduate_with(window, drive)
    return seen


def test_a_graduation_that_stops_partway_says_what_was_written_and_graduating_again_finishes_it(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = captured_sandbox_profile(tmp_path / "aircall.profile.yaml", monkeypatch)
    production = demo_org("voice-connector-production")
    window = signed_in_window(qtbot, make_window, production, "aircall")
    c = window.controller

    stopped = graduate_in_dialog(qtbot, window, profile, lambda: production.faults.set(request_limit=REQUEST_LIMIT))
    production.faults.clear()
    stop = stopped["stopped"]
    assert isinstance(stop, GraduationStopped) and stop.applied.backup_id and stop.applied.applied, stopped["status"]
    written = len(stop.applied.applied)
    assert stopped["headline"] == "✖ Graduation stopped partway"
    assert stopped["status"].startswith(f"Graduation stopped partway: {written} change")
    assert f"choose Wizard → Graduate from a profile… with the same profile again. It continues backup {stop.applied.backup_id}" \
        in stopped["status"]
    assert stopped["status"].endswith("To put Acme Demo back as it was instead: Wizard → Undo the last fix.")
    assert "eci-wizard" not in stopped["status"] and not stopped["report_offered"]
    assert list(c.changes) == list(stop.applied.applied)  # recorded for the report at once

    finished = graduate_in_dialog(qtbot, window, profile)  # the same profile again: it finishes
    assert finished["stopped"] is None and finished["headline"] == "▲ Parity not confirmed", finished["status"]
    assert finished["secrets_asked"] == []  # the values typed the first time were kept for this run
    assert finished["graduated"].result.applied.backup_id == stop.applied.backup_id  # the same backup, continued
    assert finished["report_offered"]


def test_a_graduation_stopped_partway_says_what_was_written_and_how_to_finish(qtbot: Any) -> None:
    """The result step after a stop: the changes made, the backup, graduating again finishes it, undo takes it back."""
    from wizard.apply.model import ApplyResult
    from wizard.engine.changes import AppliedChange

    change = AppliedChange.model_validate({
        "target": "NamedCredential ECI_Named_Credential", "setting": "URL", "before": "", "after": "https://acme.example",
        "backup_id": "20261122T030000000000Z-ab12", "by": "admin@acme.example", "at": "2026-11-22T03:00:00Z"})
    applied = ApplyResult(guide_id="aircall", org_id="00D000000000001", backup_id="20261122T030000000000Z-ab12",
                          applied=(change,), writes=1, resumable=True)
    step = ResultStep()
    qtbot.addWidget(step)
    step.show_stopped(GraduationStopped(applied, "the connection to Salesforce dropped"), "Acme Demo")
    text = step.status.text()
    assert step.headline.text() == "✖ Graduation stopped partway"
    assert text.startswith("Graduation stopped partway: 1 change was written to Acme Demo (listed below); then Acme Demo "
                           "could not be read to verify it: the connection to Salesforce dropped.")
    assert "choose Wizard → Graduate from a profile… with the same profile again. It continues backup " \
           "20261122T030000000000Z-ab12, writes only what is still missing" in text
    assert text.endswith("To put Acme Demo back as it was instead: Wizard → Undo the last fix.")
    assert "ECI_Named_Credential" in step.details.text()


def test_the_choices_step_asks_only_what_differs_with_the_source_value_suggested(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An Amazon Connect profile asks for production's AWS region and Lambda name; the preview uses what was chosen."""
    profile = captured_sandbox_profile(tmp_path / "amazon-connect.profile.yaml", monkeypatch, "amazon-connect-configured",
                                       "amazon-connect")
    captured = read_profile(profile)
    region = captured.env("aws_region").value  # type: ignore[union-attr]
    window = signed_in_window(qtbot, make_window, demo_org("fresh"), "amazon-connect")
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        dialog.read_profile(str(profile))
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)
        seen["steps"] = dialog.steps_line.text()
        dialog.next_button.click()
        assert dialog.step == CHOICES
        boxes = dialog.choices_step.boxes
        seen["asked"] = {key: (box.currentText(), box.isEditable(), box.accessibleName()) for key, box in boxes.items()}
        boxes["aws_region"].setCurrentText("eu-west-1")
        shot(dialog, "2-choices")
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None or dialog.notice.isVisible(), timeout=WORK_MS)
        assert dialog.preview is not None, dialog.notice.text.text()
        seen["answers"] = dict(dialog.preview.answers)
        seen["summary"] = dialog.preview_step.summary.text()
        dialog.cancel_button.click()

    graduate_with(window, drive)
    assert "2. Choices" in seen["steps"]
    assert seen["asked"]["aws_region"] == (region, True, "AWS region of the recording Lambda")
    assert set(seen["asked"]) == {"aws_region", "lambda_function"}
    assert seen["answers"]["aws_region"] == "eu-west-1"
    # Named as the choices step asked it, never by the profile's internal key.
    assert "Chosen for this org: AWS region of the recording Lambda: eu-west-1" in seen["summary"]
    assert "aws_region" not in seen["summary"]
