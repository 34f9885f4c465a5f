"""The AWS access key ID a fix of the Natterbox S3 named credential needs, typed in the window:
one of another form than AWS's is refused beside its field as it is typed (its length and what
stands out, never the value; what was expected; what to do), Apply or Graduate stays off, and
nothing is kept or written. Spaces a paste brings around a key ID of AWS's form are dropped.

- "Fix it for me" on the Natterbox S3 named credential's page.
- Wizard → Graduate from a profile… of a Natterbox setup, onto an org without that credential.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_wizard_graduation import (
    WORK_MS,
    captured_sandbox_profile,
    graduate_with,
    signed_in_window,
)
from tests.ui.wizard_support import drive_dialog, signed_in
from wizard.apply.secret_source import SecretSource
from wizard.ui.fix_dialog import FixDialog
from wizard.ui.graduation.dialog import CONFIRM, GraduationDialog

pytestmark = pytest.mark.slow
KEY_ID = "NatterboxS3AWS/aws_access_key"
SECRET = "NatterboxS3AWS/aws_access_secret"
MISTYPED = "akiaiosfodnn7exampl"
REFUSAL = ("The AWS access key ID for the named credential NatterboxS3AWS, as typed, is 19 characters long, with "
           "lower-case letters. Expected an AWS access key ID (AKIA followed by 16 letters or digits). Copy it again "
           "from Natterbox, exactly as given.")


def test_fix_it_for_me_refuses_a_mistyped_key_id_beside_its_field_and_writes_nothing(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window = signed_in(qtbot, demo_org, make_window, guide_id="natterbox", page_id="natterbox-s3-named-credential")
    row = window.guide_pages["natterbox-s3-named-credential"].row("natterbox-s3.access-key")
    facts = window.controller.facts
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        key, refused = dialog.secret_fields[KEY_ID], dialog.secret_refusals[KEY_ID]
        seen["before"] = refused.isVisibleTo(dialog)
        dialog.secret_fields[SECRET].setText("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")
        if not dialog.confirm.isHidden():
            dialog.confirm.setText(facts.name)
        key.setText(MISTYPED)
        seen["refused"] = (refused.isVisibleTo(dialog), refused.text(), dialog.apply_button.isEnabled())
        writes = len(server.log.writes())
        dialog.apply()  # as if Apply were pressed anyway: nothing starts
        seen["nothing"] = (dialog.result, dialog.applying, len(server.log.writes()) - writes,
                           SecretSource(facts.org_id, session_only=True).has(KEY_ID))
        key.setText("  AKIAIOSFODNN7EXAMPLE  ")  # as a paste brings it
        seen["pasted"] = (refused.isVisibleTo(dialog), dialog.apply_button.isEnabled())
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        seen["done"] = (dialog.result.error, SecretSource(facts.org_id, session_only=True).get(KEY_ID))
        dialog.cancel_button.click()

    drive_dialog(FixDialog, drive, row.fix_button.click)  # a failed check closes the dialog, not hangs it
    assert seen["before"] is False
    shown, text, enabled = seen["refused"]
    assert shown and text == REFUSAL and not enabled
    assert MISTYPED not in text
    assert seen["nothing"] == (None, False, 0, False)
    assert seen["pasted"] == (False, True)
    assert seen["done"] == (None, "AKIAIOSFODNN7EXAMPLE")  # kept (and written) without the spaces


def test_graduation_refuses_a_mistyped_key_id_beside_its_field_and_keeps_graduate_off(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = captured_sandbox_profile(tmp_path / "natterbox.profile.yaml", monkeypatch, "natterbox-configured", "natterbox")
    server = demo_org("fresh")
    window = signed_in_window(qtbot, make_window, server, "natterbox")
    facts = window.controller.facts
    seen: dict[str, Any] = {}

    def drive(dialog: GraduationDialog) -> None:
        dialog.read_profile(str(profile))
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=WORK_MS)
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WORK_MS)
        if dialog.preview_step.anyway.isVisible():
            dialog.preview_step.anyway.setChecked(True)  # the fresh org lacks the Natterbox package
        dialog.next_button.click()
        assert dialog.step == CONFIRM
        step = dialog.confirm_step
        for name, field in step.secret_fields.items():
            field.setText("AKIAIOSFODNN7EXAMPLE" if name == KEY_ID else f"typed-value-for-{name}")
        if not step.confirm.isHidden():
            step.confirm.setText(facts.name)
        seen["ready"] = dialog.next_button.isEnabled()
        step.secret_fields[KEY_ID].setText(MISTYPED)
        refused = step.secret_refusals[KEY_ID]
        seen["refused"] = (refused.isVisibleTo(dialog), refused.text(), dialog.next_button.isEnabled())
        writes = len(server.log.writes())
        dialog.next()  # as if Graduate were pressed anyway: nothing starts
        seen["nothing"] = (dialog.applying, dialog.step, len(server.log.writes()) - writes)
        step.secret_fields[KEY_ID].setText(" AKIAIOSFODNN7EXAMPLE ")
        seen["pasted"] = (refused.isVisibleTo(dialog), dialog.next_button.isEnabled(), step.take_secrets()[KEY_ID])
        dialog.cancel_button.click()

    graduate_with(window, drive)
    assert seen["ready"]
    shown, text, enabled = seen["refused"]
    assert shown and text == REFUSAL and not enabled
    assert seen["nothing"] == (False, CONFIRM, 0)
    assert seen["pasted"] == (False, True, "AKIAIOSFODNN7EXAMPLE")
