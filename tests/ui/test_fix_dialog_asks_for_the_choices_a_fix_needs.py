""""Fix it for me" on the Amazon Connect named credential (missing in a fresh org) needs two choices
first: the AWS region the serverless application runs in and the Lambda function's full name. The
dialog asks for them (each checked as it is typed, the refusal under its field), offers no Apply
while they are missing, then reads the org again and previews the URL they make, and applies it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.ui.wizard_support import drive_dialog, signed_in
from wizard.apply.secret_source import SecretSource
from wizard.ui.fix_dialog import FixDialog

pytestmark = pytest.mark.slow
PAGE = "salesforce-named-credential"
CREDENTIAL = "AwsGenerateAudioRecordingURL"
FUNCTION = "sfGenerateAudioRecordingStreaming-abc123"
URL = f"https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/{FUNCTION}/invocations"
SHOTS = os.environ.get("FIX_DIALOG_SHOTS")  # a folder to save the dialog's pictures in, for a look


def _shot(dialog: FixDialog, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_the_dialog_asks_for_the_region_and_function_then_previews_and_applies_them(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window = signed_in(qtbot, demo_org, make_window, guide_id="amazon-connect", page_id=PAGE)
    row = window.guide_pages[PAGE].row("aws-nc.exists")
    assert row.fix_button.isVisible()
    facts = window.controller.facts
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        _shot(dialog, "choices-asked")
        seen["asked"] = (sorted(dialog.input_fields), dialog.apply_button.text(), dialog.apply_button.isEnabled(),
                         dialog.notice.text.text(), dialog.status.text(), dialog.confirm.isHidden(),
                         sorted(dialog.secret_fields))
        region, function = dialog.input_fields["aws_region"], dialog.input_fields["lambda_function"]
        region.setText("Virginia")
        function.setText(FUNCTION)
        qtbot.wait(100)  # the rows just added are shown once the layout has run
        refused = dialog.input_refusals["aws_region"]
        seen["refused"] = (refused.isVisibleTo(dialog), refused.text(), dialog.apply_button.isEnabled())
        _shot(dialog, "choice-refused")
        region.setText(" EU-West-2 ")  # as a paste may bring it: taken as the code
        seen["accepted"] = (refused.isVisibleTo(dialog), dialog.apply_button.isEnabled())
        writes = len(server.log.writes())
        dialog.apply_button.click()  # "Preview with these choices": reads the org again, writes nothing
        qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.plan.inputs_needed, timeout=30_000)
        _shot(dialog, "previewed")
        seen["previewed"] = (dialog.changes.text(), dialog.apply_button.text(), dialog.apply_button.isEnabled(),
                             len(server.log.writes()) - writes, dialog.input_fields == {})
        dialog.secret_fields[f"{CREDENTIAL}/aws_access_key"].setText("AKIAIOSFODNN7EXAMPLE")
        dialog.secret_fields[f"{CREDENTIAL}/aws_access_secret"].setText("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")
        dialog.confirm.setText(facts.name)
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        seen["done"] = (dialog.result.error, dialog.status.text())
        dialog.cancel_button.click()

    drive_dialog(FixDialog, drive, row.fix_button.click)  # a failed check closes the dialog, not hangs it
    fields, button, enabled, notice, status, confirm_hidden, secrets = seen["asked"]
    assert fields == ["aws_region", "lambda_function"]
    assert button == "&Preview with these choices" and not enabled
    assert "can't" not in notice and "yet" not in notice
    assert status.startswith("First, the fix needs 2 choices in Acme Demo") and confirm_hidden and secrets == []
    shown, text, enabled = seen["refused"]
    assert shown and not enabled
    assert text == ("“virginia” is not an AWS region code. Expected the code the AWS console shows beside the region's "
                    "name, e.g. us-east-1 or eu-west-2. Type the region your serverless application runs in.")
    assert seen["accepted"] == (False, True)
    table, button, enabled, writes, no_choices = seen["previewed"]
    assert URL in table and "eu-west-2" in table and button.startswith("Apply ") and not enabled
    assert writes == 0 and no_choices
    error, status = seen["done"]
    assert error is None and status.startswith("Done: ")
    assert SecretSource(facts.org_id, session_only=True).has(f"{CREDENTIAL}/aws_access_key")
    assert window.controller.fixer.inner.session(window.controller).inputs.aws_region == "eu-west-2"
