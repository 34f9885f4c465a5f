"""The page, the side list and the Summary count what is left in the same honest words (demo org).

- A setting the wizard checks, still waiting for its check (the Aircall key, the RingCentral app's
  credentials), has no "I've done this": it is "to check", never "to confirm", and its row says to
  use the check above instead of "not checked yet" beside its badge.
- A warning is "to review" on the page, in the side list and on the Summary alike.
- Pages not about the org head their third column "Found", not "In your org".
- ExecVision's write test names the "data" subfolder as a name; RingCentral's page 2 says which
  redirect URI to paste now and which later, with both values exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.wizard_support import signed_in
from wizard.engine.results import Status

pytestmark = pytest.mark.slow


def test_a_check_waiting_for_its_key_is_to_check_not_to_confirm(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "aircall", "aircall-api-key")
    page = window.guide_pages["aircall-api-key"]
    row = page.row("aircall.api-key")
    assert row.result is not None and row.result.status is Status.MANUAL  # the key was not checked yet
    assert not row.done_button.isVisible()  # nothing to confirm by hand
    assert "FOUND" in _headings(page) and "IN YOUR ORG" not in _headings(page)
    assert row.observed.text() != "not checked yet" and "Check the key" in row.observed.text()
    assert "Check the key" in row.message.text()
    assert "1 to check" in page.counts.text() and "to confirm" not in page.counts.text()
    side = window.steps.step_line("page:aircall-api-key")
    assert "1 to check" in side and "to confirm" not in side, side
    window.grab().save("/tmp/ui-shots/counts-aircall-key.png")
    window.controller.go("summary")
    line = next(line for line in window.summary.left_lines if line.startswith("3. "))
    assert "1 to check" in line and "to confirm" not in line, line
    window.grab().save("/tmp/ui-shots/counts-summary.png")
    window.controller.go("page:aircall-named-credential")
    assert "IN YOUR ORG" in _headings(window.guide_pages["aircall-named-credential"])


def test_ringcentral_app_counts_credentials_to_check_and_manual_steps_to_confirm(qtbot: Any, demo_org: Any,
                                                                               make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "ringcentral", "ringcentral-app")
    page = window.guide_pages["ringcentral-app"]
    assert "to check" in page.counts.text() and "to confirm" in page.counts.text(), page.counts.text()
    side = window.steps.step_line("page:ringcentral-app")
    assert "to check" in side and "to confirm" in side, side
    assert not page.row("ringcentral.client-credentials").done_button.isVisible()
    assert page.row("ringcentral.app-type").done_button.isVisible()


def test_a_warning_is_to_review_on_the_page_the_side_list_and_the_summary(qtbot: Any, demo_org: Any,
                                                                         make_window: Any, tmp_path: Path) -> None:
    trial = tmp_path / "developer-org.yaml"  # an edition the guides do not name: a warning, never a failure
    trial.write_text("extends: fresh\norganization: {edition: Developer Edition}\n", encoding="utf-8")
    _server, window = signed_in(qtbot, demo_org, make_window, "aircall", "before-you-start", scenario=str(trial))
    results = window.controller.results("before-you-start")
    warnings = sum(1 for r in results if r.status is Status.WARN)
    assert warnings, "a Developer Edition org should have a warning on Before you start"
    words = f"{warnings} to review"
    assert words in window.guide_pages["before-you-start"].counts.text()
    assert words in window.steps.step_line("page:before-you-start")
    window.controller.go("summary")
    line = next(line for line in window.summary.left_lines if line.startswith("1. "))
    assert words in line, line


def _headings(page: Any) -> list[str]:
    return [w.text() for w in page.findChildren(QLabel) if w.objectName() == "ColumnHeader"]


def test_the_third_column_says_where_the_values_come_from(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "execvision", "sftp-push")
    assert "IN YOUR ORG" not in _headings(window.guide_pages["sftp-push"])
    assert "FOUND" in _headings(window.guide_pages["sftp-push"])
    window.controller.go("page:choose-delivery")
    consent = window.guide_pages["choose-delivery"].panels[0].consent.text()
    assert "to the “data” subfolder" in consent, consent


def test_ringcentral_says_which_redirect_uri_to_paste_now(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "ringcentral", "ringcentral-app")
    page = window.guide_pages["ringcentral-app"]
    panel = page.panels[0]
    captions = [w.text() for w in panel.findChildren(QLabel)]
    assert "Final OAuth Redirect URI" in captions
    assert any("Not yet" in c and "page 4" in c for c in captions), captions
    assert panel.callback.text().endswith("/services/authcallback/Ring_Central")
    values = {item.label: field.text() for item, field in zip(page.copy_values.values, page.copy_values.fields, strict=True)}
    assert values["OAuth Redirect URI to enter now (temporary)"] == "https://dummyurl.com"
    window.grab().save("/tmp/ui-shots/counts-ringcentral-app.png")
