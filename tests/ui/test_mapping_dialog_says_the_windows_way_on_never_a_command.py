"""The "Map users" dialog says the way on as the window offers it, never as the command line would.

Once it has applied, the dialog's Preview and Apply buttons are done: a stop says to close it and
press Map users… again (after signing in again, when that is the cause), not to "apply again" or
"run the same apply again". What it wrote, its own Undo button puts back, never 'eci-wizard undo'.
The real window on the demo org, beside the demo's Aircall.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.providers.support import AIRCALL_MAPPING
from tests.ui.provider_support import checks_done, open_guide, panel, row
from tests.ui.wizard_support import when_shown
from wizard.ui.providers.mapping_dialog import MappingDialog

pytestmark = pytest.mark.slow

#: Words of the command line, which no window text may use.
COMMAND_WORDS = ("apply again", "run the same", "command", "eci-wizard", " --")


def _map(qtbot: Any, demo_org: Any, make_window: Any, **faults: Any) -> dict[str, Any]:
    """Open Map users… on the Aircall page, accept the proposals and apply them (with `faults` set on the
    demo org while the identifiers are written); what the dialog then says, and its buttons."""
    server = demo_org(str(AIRCALL_MAPPING))
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    key_panel = panel(window, "aircall-api-key")
    before = len(window.controller.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    seen: dict[str, Any] = {}

    def apply(dialog: MappingDialog) -> None:
        qtbot.waitUntil(lambda: bool(dialog.matches), timeout=30_000)
        dialog.preview_button.click()
        dialog.confirm.setText("Acme Demo")  # a production org: its name, typed
        server.faults.set(**faults)
        try:
            dialog.apply_button.click()
            qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
        finally:
            server.faults.clear()
        seen.update(status=" ".join(dialog.status.text().split()), notice=dialog.notice.text.text(),
                    result=dialog.result, undo=dialog.undo_button.isVisibleTo(dialog),
                    apply=dialog.apply_button.isEnabled())
        dialog.close_button.click()

    when_shown(MappingDialog, apply)
    row(window, "aircall-api-key", "aircall.user-identifiers").fix_button.click()  # modal until apply() closes it
    return seen


def test_a_refused_mapping_says_to_sign_in_and_open_map_users_again(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """Before: "Sign in again (...), then apply again." under a dialog whose Apply button was done."""
    seen = _map(qtbot, demo_org, make_window, high_assurance="writes")  # Salesforce refuses the write
    notice = seen["notice"]
    assert notice.endswith("Close this window and sign in again (with multi-factor verification if the org asks for it), "
                           "then press Map users… again."), notice
    assert not seen["apply"]  # the reason the way on is the dialog opened again
    for text in (notice, seen["status"]):
        assert not any(words in text.casefold() for words in COMMAND_WORDS), text


def test_a_written_mapping_names_the_undo_button_for_its_backup(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    seen = _map(qtbot, demo_org, make_window)
    result = seen["result"]
    assert result.error is None and result.applied and result.backup_id
    assert f"Backup: {result.backup_id} (Undo puts them back)." in seen["status"]
    assert seen["undo"]  # the button it names
    assert not any(words in seen["status"].casefold() for words in COMMAND_WORDS), seen["status"]
