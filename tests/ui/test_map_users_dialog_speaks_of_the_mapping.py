"""The "Map users" dialog's result speaks of the mapping, never of "this apply".

The dialog writes the identifiers through the apply door, whose summary says "it is as it was
before this apply"; in this dialog no apply ran ("Fix it for me" is the window's apply), so the
result says "before this mapping". The real window on the demo org, whose writes are refused
(a session that is not high assurance), beside the demo's Aircall.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.providers.support import AIRCALL_MAPPING
from tests.ui.provider_support import checks_done, open_guide, panel, row
from tests.ui.wizard_support import when_shown
from wizard.ui.providers.mapping_dialog import MappingDialog

pytestmark = pytest.mark.slow


def test_a_refused_mapping_says_the_org_is_as_it_was_before_this_mapping(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """Before: "Nothing was written to the org (...): it is as it was before this apply."."""
    server = demo_org(str(AIRCALL_MAPPING))
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    key_panel = panel(window, "aircall-api-key")
    before = len(window.controller.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    identifiers = row(window, "aircall-api-key", "aircall.user-identifiers")
    seen: dict[str, Any] = {}

    def apply(dialog: MappingDialog) -> None:
        qtbot.waitUntil(lambda: bool(dialog.matches), timeout=30_000)
        dialog.preview_button.click()
        dialog.confirm.setText("Acme Demo")  # a production org: its name, typed
        server.faults.set(high_assurance="writes")  # Salesforce refuses the write
        try:
            dialog.apply_button.click()
            qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
        finally:
            server.faults.clear()
        seen["status"] = dialog.status.text()
        seen["written"] = list(dialog.result.applied)
        dialog.close_button.click()

    when_shown(MappingDialog, apply)
    identifiers.fix_button.click()  # modal until apply() closes it
    said = " ".join(seen["status"].split())
    assert seen["written"] == []
    assert "Nothing was written to the org (Salesforce refused the 1 write sent): it is as it was before this mapping." in said
    assert "this apply" not in said  # "then apply again" stays: the dialog's button is Apply
