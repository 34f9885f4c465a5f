""""Forget saved keys" refused by the system keyring (a locked keyring refuses to remove an entry)
says that the keys are still saved and to unlock the keyring and press the button again: the
panel's way, never the command line's command ('eci-wizard aws keys forget --label ...'), nor the
keyring library's name for its error.

The real AWS panel of a window that is not in demo mode; the keyring is the test's in-memory one,
which refuses removals as a locked Secret Service does.
"""

from __future__ import annotations

import json
from typing import Any

import keyring
import pytest
from keyring.errors import KeyringLocked
from PySide6.QtWidgets import QMessageBox

from tests.support.memory_keyring import MemoryKeyring
from tests.ui.wizard_support import aws_panel, when_shown
from wizard import secrets
from wizard.providers.aws.access import KEYRING_KIND, save_keys
from wizard.providers.aws.session import LAST_KIND
from wizard.ui.providers.aws_panel import FORGET_KEY

pytestmark = pytest.mark.slow

KEY_ID, SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


class RefusesRemovals(MemoryKeyring):
    """Reads and stores as before, but refuses to remove anything (locked for changes)."""

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("the collection is locked")


def test_a_removal_the_keyring_refuses_says_to_unlock_it_and_press_the_button_again(qtbot: Any, make_window: Any) -> None:
    """Before: "... (KeyringUnavailable). Unlock your system keyring and try again, or use 'eci-wizard aws keys
    forget --label setup'."."""
    save_keys("setup", KEY_ID, SECRET)
    secrets.set_secret(LAST_KIND, "choices", json.dumps({"source": "keyring", "keys_label": "setup", "region": "us-west-2",
                                                         "profile": "", "stack": "", "origins": []}))
    panel = aws_panel(qtbot, make_window)
    forget = panel.forget_button
    qtbot.waitUntil(lambda: forget.isVisibleTo(panel), timeout=30_000)
    keyring.set_keyring(RefusesRemovals())  # the fixture puts the usual one back

    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click(), "ForgetAwsKeys")
    forget.click()  # modal until answered
    qtbot.waitUntil(lambda: not panel.controller.tasks.is_running(FORGET_KEY), timeout=30_000)
    said = panel.notice.text.text()
    assert said == ("The system keyring did not remove the AWS access keys saved as “setup”, so they are still saved there. "
                    "Unlock your system keyring, then press “Forget saved keys” again."), said
    assert secrets.get_secret(KEYRING_KIND, "setup") is not None
    assert forget.isVisibleTo(panel) and forget.isEnabled()  # the button it names
