"""An optional setting says so on its row, as `guides show` labels it "(optional, manual)" and the
report leaves it for later (before, the window's row gave no sign of it)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.wizard_support import signed_in

pytestmark = pytest.mark.slow


def test_an_optional_setting_says_so_on_its_row(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """As `guides show` labels it "(optional, manual)" and the report leaves it for later."""
    _server, window = signed_in(qtbot, demo_org, make_window, "amazon-connect", "cloudformation")
    page = window.guide_pages["cloudformation"]
    assert page.row("aws.lambda.ctr-trigger-timeout").name.text() == "sfCTRTrigger timeout (more than 1000 concurrent calls) (optional)"
    assert not page.row("aws.cloudformation.recording-import").name.text().endswith("(optional)")
