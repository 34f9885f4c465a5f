"""The AWS panel of a real (not demo) window, against two ``moto_server`` emulators on loopback.

The usual emulator accepts any key; the strict one (moto's ``INITIAL_NO_AUTH_ACTION_COUNT=0``) checks
every request's key against its own IAM users and, holding none, refuses every key as AWS refuses
deleted or mistyped ones. A refused sign-in must leave the remembered choices (kept in the keyring,
no secrets) and the access in use as they were; "Forget saved keys" removes the keys saved under the
label shown through the same function as ``eci-wizard aws keys forget``, after a question.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.wizard_support import aws_panel, when_shown
from wizard import secrets
from wizard.providers.aws.access import KEYRING_KIND, save_keys
from wizard.providers.aws.demo import LocalAws
from wizard.providers.aws.session import LAST_KIND
from wizard.providers.demo_sides import moto_available
from wizard.ui.providers.aws_panel import (
    FORGET_KEY,
    KEY,
    KEY_ID_HINT,
    SAVED_HINT,
    AwsPanel,
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not moto_available(), reason="moto[server] is not installed")]

REGION = "us-west-2"
KEY_ID, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
EARLIER = {"source": "profile", "profile": "earlier", "keys_label": "amazon-connect", "region": "eu-west-1",
           "stack": "earlier-stack", "origins": []}


@pytest.fixture(scope="module")
def emulators() -> Iterator[tuple[LocalAws, LocalAws]]:
    """(accepting, refusing) emulators."""
    accepting = LocalAws().start()
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("INITIAL_NO_AUTH_ACTION_COUNT", "0")  # read by the moto_server child when it starts
            refusing = LocalAws().start()
        try:
            yield accepting, refusing
        finally:
            refusing.stop()
    finally:
        accepting.stop()


@pytest.fixture
def aws_profiles(no_machine_aws: Path) -> None:
    """No AWS settings of this machine: the profile ``connect-admin`` only, in the test's own files."""
    tmp_path = no_machine_aws
    (tmp_path / "aws-credentials").write_text(f"[connect-admin]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    (tmp_path / "aws-config").write_text("")


def remembered() -> dict[str, Any] | None:
    stored = secrets.get_secret(LAST_KIND, "choices")
    return json.loads(stored) if stored else None


def click_check(qtbot: Any, panel: AwsPanel) -> None:
    panel.check_button.click()
    qtbot.waitUntil(lambda: not panel.controller.tasks.is_running(KEY), timeout=60_000)


def test_a_refused_profile_replaces_nothing_and_an_accepted_one_is_remembered(
        qtbot: Any, make_window: Any, emulators: tuple[LocalAws, LocalAws], aws_profiles: None) -> None:
    accepting, refusing = emulators
    accepting.reset()
    secrets.set_secret(LAST_KIND, "choices", json.dumps(EARLIER))
    panel = aws_panel(qtbot, make_window)
    session = panel.hub.aws
    assert panel.region.currentText() == "eu-west-1" and panel.profile.text() == "earlier"  # read back

    panel.profile.setText("connect-admin")
    panel.region.setCurrentText(REGION)
    panel.stack.setText("new-stack")
    session.endpoints = {"*": refusing.url}
    click_check(qtbot, panel)
    assert "AWS rejected profile 'connect-admin'" in panel.notice.text.text()
    assert remembered() == EARLIER and session.access is None  # refused: nothing remembered, nothing in use

    session.endpoints = {"*": accepting.url}
    click_check(qtbot, panel)
    assert "Signed in to AWS account" in panel.status.text() and not panel.notice.isVisibleTo(panel)
    assert remembered() == {**EARLIER, "profile": "connect-admin", "region": REGION, "stack": "new-stack", "concurrent_calls": None}
    accepted = remembered()

    panel.stack.setText("other-stack")
    session.endpoints = {"*": refusing.url}
    click_check(qtbot, panel)
    notice = panel.notice.text.text()
    assert "AWS rejected profile 'connect-admin'" in notice and "aws configure --profile connect-admin" in notice
    assert f"Nothing was replaced: the wizard still uses profile connect-admin ({REGION})" in notice
    assert remembered() == accepted and session.choices.stack == "new-stack"


def test_forget_saved_keys_asks_then_removes_them(qtbot: Any, make_window: Any, emulators: tuple[LocalAws, LocalAws],
                                                 aws_profiles: None) -> None:
    accepting, _refusing = emulators
    save_keys("setup", KEY_ID, SECRET)
    secrets.set_secret(LAST_KIND, "choices", json.dumps({**EARLIER, "source": "keyring", "keys_label": "setup", "region": REGION}))
    panel = aws_panel(qtbot, make_window)
    session = panel.hub.aws
    forget = panel.forget_button
    qtbot.waitUntil(lambda: forget.isVisibleTo(panel), timeout=30_000)
    assert panel.keys_radio.isChecked() and panel.key_id.placeholderText() == SAVED_HINT

    session.endpoints = {"*": accepting.url}
    click_check(qtbot, panel)  # signed in with the saved keys
    assert "keys from the keyring (setup)" in panel.status.text()

    panel.label_field.setText("nothing-here")  # another label: no keys there, no button
    panel.label_field.editingFinished.emit()
    qtbot.waitUntil(lambda: "nothing-here" in session.saved_keys and not forget.isVisibleTo(panel), timeout=30_000)
    panel.label_field.setText("setup")
    assert forget.isVisibleTo(panel)

    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        when_shown(QMessageBox, lambda box: (asked.append(box.text()), box.button(button).click()), "ForgetAwsKeys")

    answer(QMessageBox.StandardButton.No)
    forget.click()  # modal until answered
    assert "“setup”" in asked[0] and secrets.get_secret(KEYRING_KIND, "setup") is not None  # kept when the admin says no

    answer(QMessageBox.StandardButton.Yes)
    forget.click()
    qtbot.waitUntil(lambda: not panel.controller.tasks.is_running(FORGET_KEY), timeout=30_000)
    assert len(asked) == 2
    assert secrets.get_secret(KEYRING_KIND, "setup") is None
    assert "Removed the AWS access keys saved as “setup”" in panel.status.text()
    assert not forget.isVisibleTo(panel) and panel.key_id.placeholderText() == KEY_ID_HINT
    assert session.access is None  # the wizard no longer signs in with them
