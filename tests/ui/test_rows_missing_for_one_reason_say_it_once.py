"""Every setting of a missing named credential fails for one reason, with one fix: the page says it
once, on the first row with its Fix it for me, and the other rows point to it (before, five rows
repeated "does not exist in this org yet", each with its own identical Fix it for me)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.wizard_support import signed_in
from wizard.engine.results import Status

pytestmark = pytest.mark.slow


def test_a_missing_named_credential_is_said_once_with_one_fix(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "aircall", "aircall-named-credential")
    page = window.guide_pages["aircall-named-credential"]
    failing = [row for row in page.rows if row.result is not None and row.result.status is Status.FAIL]
    assert len(failing) >= 3
    first, *rest = failing
    assert "does not exist in this org yet" in first.message.text() and not first.fix_button.isHidden()
    for row in rest:
        assert row.message.text() == f"For the same reason as “{first.setting.label}” above; its fix covers this setting too."
        assert row.fix_button.isHidden() and row.observed.text() == "(missing)"
    window.grab().save("/tmp/ui-shots/missing-said-once.png")


def test_rows_failing_for_their_own_reasons_keep_their_words(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """The ECI switch and the Voice Connector package fail on the same page for different reasons."""
    _server, window = signed_in(qtbot, demo_org, make_window, "aircall", "before-you-start")
    page = window.guide_pages["before-you-start"]
    failing = [row for row in page.rows if row.result is not None and row.result.status is Status.FAIL]
    assert len(failing) == 2
    assert all(row.message.text() == row.result.message for row in failing)

