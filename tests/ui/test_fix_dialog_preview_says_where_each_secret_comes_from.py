"""The Aircall named credential's fix preview says where its user name and password come from, in
agreement with the fields below it: "the value you type below" while a field is empty, "as entered
below" once it holds a value, and never "from the keyring" while the keyring holds nothing.
The Aircall API key the provider page holds (the demo account's in the demo, or the key Aircall
accepted this session) fills those fields, and the dialog says so. Checkboxes read "selected" as
on the page's rows, never "true".
"""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.ui.provider_support import DEMO_TIMEOUT_MS
from tests.ui.wizard_support import drive_dialog, signed_in
from wizard.apply.secret_source import SecretSource
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.ui.fix_dialog import FixDialog

pytestmark = pytest.mark.slow
PAGE = "aircall-named-credential"
USER, PASSWORD = "Aircall/username", "Aircall/password"
SHOTS = os.environ.get("FIX_DIALOG_SHOTS")


def _open(qtbot: Any, demo_org: Any, make_window: Any) -> tuple[Any, Any]:
    server, window = signed_in(qtbot, demo_org, make_window, guide_id="aircall", page_id=PAGE)
    hub = window.controller.provider_hub
    qtbot.waitUntil(lambda: hub.demo_side("voice") is not None or "voice" in hub.demo_notes, timeout=DEMO_TIMEOUT_MS)
    return server, window


def _run(qtbot: Any, window: Any, act: Any) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def drive(dialog: FixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        act(dialog, seen)
        dialog.cancel_button.click()

    drive_dialog(FixDialog, drive, window.guide_pages[PAGE].row("aircall-nc.exists").fix_button.click)  # a failed check closes the dialog, not hangs it
    return seen


def test_the_demo_key_fills_the_fields_and_the_preview_says_typed_or_to_type(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = _open(qtbot, demo_org, make_window)
    demo = window.controller.provider_hub.demo_side("voice").demo_credentials()

    def act(dialog: FixDialog, seen: dict[str, Any]) -> None:
        seen["filled"] = (dialog.secret_fields[USER].text(), dialog.secret_fields[PASSWORD].text(), unescape(dialog.extra.text()))
        qtbot.wait(100)  # the rows laid out, for the picture
        seen["typed"] = unescape(dialog.changes.text())
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / "aircall-filled.png"))
        dialog.secret_fields[PASSWORD].clear()
        seen["to_type"] = unescape(dialog.changes.text())
        qtbot.wait(100)
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / "aircall-to-type.png"))

    seen = _run(qtbot, window, act)
    user, password, extra = seen["filled"]
    assert (user, password) == (demo.aircall_api_id, demo.aircall_api_token)
    assert "the demo Aircall account's API ID (the user name) and API token (the password) are filled in" in extra
    assert "(from the keyring)" not in seen["typed"]
    assert seen["typed"].count("(as entered below; kept for this session only)") == 2
    assert "<b>selected</b>" in seen["typed"] and ">true<" not in seen["typed"]
    assert "(the value you type below: “The Aircall API token (the password of the named credential Aircall)”)" in seen["to_type"]
    assert seen["to_type"].count("(as entered below; kept for this session only)") == 1


def test_a_key_aircall_accepted_this_session_fills_the_fields(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = _open(qtbot, demo_org, make_window)
    c = window.controller
    voice = c.provider_hub.voice
    voice.aircall_accepted = AircallCredentials("accepted-id", "accepted-token")  # as the Aircall page keeps it
    assert not SecretSource.for_org(c.facts).has(USER)  # not handed to the fixes: the dialog asks

    def act(dialog: FixDialog, seen: dict[str, Any]) -> None:
        seen["filled"] = (dialog.secret_fields[USER].text(), dialog.secret_fields[PASSWORD].text(), unescape(dialog.extra.text()))

    seen = _run(qtbot, window, act)
    user, password, extra = seen["filled"]
    assert (user, password) == ("accepted-id", "accepted-token")
    assert "Filled in from the key you entered on the provider's page this session" in extra
