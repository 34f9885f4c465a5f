"""The AWS panel's first state tells the truth: in demo mode it is on the demo's AWS from the
start (starting or running), and the origins field never waits for a sign-in that already happened."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.provider_support import panel
from tests.ui.wizard_support import signed_in
from wizard.providers.demo_sides import moto_available
from wizard.ui.providers.aws_panel import AwsPanel

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not moto_available(), reason="moto[server] is not installed")]


def test_in_demo_mode_the_aws_panel_starts_on_the_demo_and_asks_for_nothing_already_done(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "amazon-connect")
    aws_panel = panel(window, "cloudformation")  # built now, the demo's AWS starting or started
    assert isinstance(aws_panel, AwsPanel)
    assert aws_panel.demo_radio.isChecked() and not aws_panel.profile_radio.isChecked()
    assert "once signed in" not in aws_panel.origins.placeholderText()
    assert aws_panel.status.text().startswith("Demo: a local AWS with the guide's setup done is")
    hub = window.controller.provider_hub
    qtbot.waitUntil(lambda: hub.demo_side("aws") is not None or "aws" in hub.demo_notes, timeout=120_000)
    assert "aws" not in hub.demo_notes, hub.demo_notes.get("aws")
    qtbot.waitUntil(lambda: bool(aws_panel.origins.text()), timeout=10_000)
    assert aws_panel.status.text() == "Demo: a local AWS with the guide's setup done is running. Click “Check AWS”."
