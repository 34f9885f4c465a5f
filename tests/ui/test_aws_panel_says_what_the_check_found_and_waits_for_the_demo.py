"""The AWS panel in the real window, on the demo's AWS (``moto_server``): "Check AWS" waits, disabled
and saying why, until the demo's AWS runs; after a check the status line says when and what was
read (never "Reading…"), naming the demo's account as the demo's; and the sfCTRTrigger row asks for
the concurrent calls in the panel's own field, which the next check then uses."""

from __future__ import annotations

import os
import threading
from typing import Any

import pytest

from tests.ui.provider_support import checks_done, open_guide, panel, result
from tests.ui.wizard_support import signed_in
from wizard.providers import demo_sides
from wizard.providers.demo_sides import moto_available
from wizard.ui.providers.aws_panel import AwsPanel

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not moto_available(), reason="moto[server] is not installed")]
TIMEOUT = "aws.lambda.ctr-trigger-timeout"  # the guide's setting the sfCTRTrigger check lands on


def _shot(window: Any, name: str) -> None:
    """Keep a picture of the window where the test run asks for one (to look at what the admin sees)."""
    folder = os.environ.get("ECI_TEST_SHOTS")
    if folder:
        window.grab().save(os.path.join(folder, name))


def test_check_aws_is_disabled_saying_why_until_the_demos_aws_runs(
        qtbot: Any, demo_org: Any, make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    start_aws = demo_sides.DemoSides.start_aws

    def start_when_released(self: Any) -> Any:  # the real start, held back so the panel is seen while it starts
        release.wait(120)
        return start_aws(self)

    monkeypatch.setattr(demo_sides.DemoSides, "start_aws", start_when_released)
    try:
        _server, window = signed_in(qtbot, demo_org, make_window, "amazon-connect")
        aws_panel = panel(window, "cloudformation")
        assert isinstance(aws_panel, AwsPanel) and aws_panel.demo_radio.isChecked()
        hub = window.controller.provider_hub
        assert hub.demo_side("aws") is None
        assert not aws_panel.check_button.isEnabled()
        assert "still starting" in aws_panel.check_button.toolTip()  # why it waits, where the admin points
        _shot(window, "aws-panel-demo-starting.png")
    finally:
        release.set()
    qtbot.waitUntil(lambda: hub.demo_side("aws") is not None or "aws" in hub.demo_notes, timeout=120_000)
    assert "aws" not in hub.demo_notes, hub.demo_notes.get("aws")
    qtbot.waitUntil(aws_panel.check_button.isEnabled, timeout=10_000)
    assert aws_panel.check_button.toolTip() == ""


def checked_panel(qtbot: Any, demo_org: Any, make_window: Any) -> tuple[Any, AwsPanel]:
    """A window on the configured demo, its AWS panel checked once with "Check AWS"."""
    window = open_guide(qtbot, make_window, demo_org("amazon-connect-configured"), "amazon-connect", "aws")
    aws_panel = panel(window, "cloudformation")
    before = len(window.controller.checks)
    aws_panel.check_button.click()
    checks_done(qtbot, window, before)
    return window, aws_panel


def test_after_check_aws_the_status_says_when_and_what_was_read_in_the_demos_words(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window, aws_panel = checked_panel(qtbot, demo_org, make_window)
    qtbot.waitUntil(lambda: "Checked at" in aws_panel.status.text(), timeout=10_000)
    status = aws_panel.status.text()
    _shot(window, "aws-panel-checked.png")
    assert "Reading" not in status and "…" not in status
    assert "AWS settings read from the demo's local AWS account (us-west-2)" in status
    assert "moto" not in status.lower() and "emulator" not in status.lower()


def test_the_timeout_row_asks_for_the_panels_field_and_the_next_check_uses_it(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window, aws_panel = checked_panel(qtbot, demo_org, make_window)
    asked = result(window, "cloudformation", TIMEOUT).message
    assert "“Expected concurrent calls”" in asked and "--" not in asked  # a field this window has
    aws_panel.calls.setText("1500")
    before = len(window.controller.checks)
    aws_panel.check_button.click()
    checks_done(qtbot, window, before)
    judged = result(window, "cloudformation", TIMEOUT).message
    assert "1500 concurrent calls" in judged and "Expected concurrent calls" not in judged
    _shot(window, "aws-panel-calls-judged.png")

