"""Wizard → Graduate from a profile…, when the connection drops once during the apply: the dialog
runs to its verdict and says the graduation did not finish, and how to finish it in the window's
words (the menu entry, with the same profile), never a command to run again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_wizard_graduation import (
    captured_sandbox_profile,
    graduate_in_dialog,
    signed_in_window,
)

pytestmark = pytest.mark.slow
#: API calls Acme Demo answers once Graduate is pressed before the one whose connection drops:
#: the backup's reads and the first writes (the next read of the apply is cut off).
DROP_AFTER = 20


def test_a_graduation_cut_off_once_says_to_graduate_again_from_the_menu(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = captured_sandbox_profile(tmp_path / "aircall.profile.yaml", monkeypatch)
    production = demo_org("voice-connector-production")
    window = signed_in_window(qtbot, make_window, production, "aircall")

    seen = graduate_in_dialog(qtbot, window, profile, lambda: production.faults.set(drop_after=DROP_AFTER))
    status = seen["status"]
    assert seen["stopped"] is None and "The graduation did not finish: " in status, status
    assert "The connection dropped while the wizard was" in status and "changes made in" in status
    assert ("Choose Wizard → Graduate from a profile… with the same profile again: it reads what is already there and "
            "finishes the rest without duplicates.") in status
    assert not any(words in status.casefold() for words in ("apply again", "run the same", "command", "eci-wizard")), status
