"""The AWS side in a real (not demo) window: damaged saved keys and an unreadable private key file, in words.

Saved keys the keyring gives back damaged used to show a parser's bare message ("Expecting value: line
1 column 1"); the panel now shows the same sentence as ``eci-wizard aws check --keyring-label``, with
the commands that replace them, and offers "Forget saved keys". The secret fix's private key file is
read before AWS is asked, and a wrong path is said as such, not as ``[Errno 2]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.wizard_support import aws_panel
from wizard import secrets
from wizard.providers.aws.access import KEYRING_KIND
from wizard.providers.aws.credential_sources import DEFAULT_KEYS_LABEL
from wizard.ui.providers.aws_fix_dialog import KEY as FIX_KEY
from wizard.ui.providers.aws_fix_dialog import AwsFixDialog
from wizard.ui.providers.aws_panel import KEY


def test_damaged_saved_keys_show_what_to_do_and_offer_to_forget_them(
        qtbot: Any, make_window: Any, no_machine_aws: Path) -> None:
    secrets.set_secret(KEYRING_KIND, DEFAULT_KEYS_LABEL, "not json {")
    panel = aws_panel(qtbot, make_window)
    panel.keys_radio.setChecked(True)
    panel.region.setCurrentText("us-west-2")
    panel.check_button.click()
    qtbot.waitUntil(lambda: not panel.controller.tasks.is_running(KEY) and panel.notice.isVisibleTo(panel), timeout=30_000)
    notice = " ".join(panel.notice.text.text().split())
    assert (f"The AWS access keys saved as '{DEFAULT_KEYS_LABEL}' in the keyring cannot be read: the saved entry is "
            "damaged.") in notice, notice
    assert "eci-wizard" not in notice and "--label" not in notice  # the window's way, never a command
    assert "Forget saved keys" in notice and "Expecting value" not in notice
    assert panel.forget_button.isVisibleTo(panel)  # the damaged entry is there to be forgotten


def test_the_secret_fix_says_a_missing_key_file_in_words(qtbot: Any, make_window: Any, no_machine_aws: Path,
                                                         tmp_path: Path) -> None:
    panel = aws_panel(qtbot, make_window)
    dialog = AwsFixDialog(panel.controller, panel.hub.aws, "aws.secret", panel)
    qtbot.addWidget(dialog)
    missing = tmp_path / "missing.pem"
    dialog.key_file.setText(str(missing))
    dialog.key_id.setText("K2JCJMDEHXQW5F")
    dialog.plan_button.click()
    qtbot.waitUntil(lambda: not panel.controller.tasks.is_running(FIX_KEY) and dialog.notice.isVisibleTo(dialog),
                    timeout=30_000)
    notice = " ".join(dialog.notice.text.text().split())
    assert f"the private key file {missing} does not exist" in notice and "check the path" in notice, notice
    assert "Errno" not in notice and dialog.plan is None
