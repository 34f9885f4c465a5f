"""The report exported from the window's Summary page is the command line's report.

A confirmed manual step is a manual step with who and when (never a pass), a PDF comes with its
JSON record beside it and that record's SHA-256 in its footer, and every secret in play in the
window is masked, not only the Salesforce access token. Real window, real demo org over HTTPS.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.ui.provider_support import checks_done, open_guide, panel
from tests.ui.wizard_support import signed_in, wait_checked
from wizard import secrets
from wizard.report import MASK
from wizard.report.standing import Standing

pytestmark = pytest.mark.slow

EXPORT_TIMEOUT_MS = 60_000
AIRCALL_TOKEN = "demo-only-aircall-api-token"  # the demo Aircall key's token, filled in by the panel in demo mode


def _export(qtbot: Any, summary: Any, target: Path, kind: str) -> None:
    summary.export_to(target, kind)
    qtbot.waitUntil(lambda: summary.saved.text().startswith(("Saved:", "The report was not")), timeout=EXPORT_TIMEOUT_MS)
    assert summary.saved.text() == f"Saved: {target}"


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_a_pdf_export_has_its_record_beside_it_and_a_confirmed_step_stays_a_manual_step(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path) -> None:
    server, window = signed_in(qtbot, demo_org, make_window, "natterbox", scenario="natterbox-configured")
    c = window.controller
    c.check(None)
    wait_checked(qtbot, window)
    c.go("page:before-you-start")
    window.guide_pages["before-you-start"].row("natterbox.subscription").done_button.click()

    c.go("summary")
    summary = window.summary
    assert summary.report.summary.manual_confirmed == 1
    assert summary.count_badges[Standing.MANUAL].text().endswith("(1 confirmed)")
    assert "JSON record beside it" in " ".join(w.text() for w in summary.findChildren(type(summary.saved)))
    target = tmp_path / "natterbox-report.pdf"
    _export(qtbot, summary, target, "pdf")

    record = tmp_path / "natterbox-report.json"
    assert record.is_file(), "the PDF was written without its JSON record"
    digest = hashlib.sha256(record.read_bytes()).hexdigest()
    text = _pdf_text(target)
    assert "Rendered without its JSON file" not in text
    assert digest in "".join(text.split())  # the footer's fingerprint is the record's
    assert summary.saved_record.isVisible() and str(record) in summary.saved_record.text() and digest in summary.saved_record.text()

    report = json.loads(record.read_text(encoding="utf-8"))
    row = next(r for p in report["pages"] for r in p["rows"] if r["setting_id"] == "natterbox.subscription")
    assert row["status"] == "manual"
    assert row["confirmation"] is not None and row["confirmation"]["by"] == server.default_login[0]
    assert row["observed"] == ""
    assert report["summary"]["manual_confirmed"] == 1
    assert [c["setting_id"] for c in report["confirmations"]] == ["natterbox.subscription"]
    assert "✔ Pass" not in text.split("ECI subscription with Natterbox", 1)[1][:200]


def test_the_window_export_masks_every_secret_in_play(qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path) -> None:
    scenario = tmp_path / "token-in-endpoint.yaml"  # the Aircall token pasted into the ECI named credential's URL
    scenario.write_text("extends: aircall-configured\ndescription: An Aircall token pasted into a URL.\nmetadata:\n"
                        "  NamedCredential:\n    ECI_Named_Credential:\n"
                        f"      endpoint: \"{{instance_url}}/{AIRCALL_TOKEN}\"\n", encoding="utf-8")
    server = demo_org(str(scenario))
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    c = window.controller
    key_panel = panel(window, "aircall-api-key")
    before = len(c.checks)
    key_panel.check_button.click()  # the panel hands the key to the keyring: a secret in play
    checks_done(qtbot, window, before)
    c.check(None)
    wait_checked(qtbot, window)
    assert AIRCALL_TOKEN in secrets.redaction_values()
    endpoint = next(r for r in c.results("eci-named-credential") if r.check_id == "eci-named-credential.url")
    assert AIRCALL_TOKEN in endpoint.observed  # what the org answered holds the token

    c.go("summary")
    target = tmp_path / "aircall-report.json"
    _export(qtbot, window.summary, target, "json")
    text = target.read_text(encoding="utf-8")
    assert AIRCALL_TOKEN not in text
    report = json.loads(text)
    row = next(r for p in report["pages"] for r in p["rows"] if r["setting_id"] == "eci-named-credential.url")
    assert MASK in row["observed"] and report["redactions"] >= 1


def test_a_report_exported_from_the_window_says_the_windows_way_to_check_the_provider(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path) -> None:
    """The export is written on a worker thread; its verdict still speaks as the Summary on screen
    does (the panel's check), never of a command the admin would have to run."""
    _server, window = signed_in(qtbot, demo_org, make_window, "aircall")
    c = window.controller
    c.check(None)
    wait_checked(qtbot, window)
    c.go("summary")
    summary = window.summary
    on_screen = summary.report.summary.verdict.text
    assert "use the provider's check on its page" in on_screen and "eci-wizard" not in on_screen
    target = tmp_path / "aircall-report.json"
    _export(qtbot, summary, target, "json")
    verdict = json.loads(target.read_text(encoding="utf-8"))["summary"]["verdict"]
    assert verdict["text"] == on_screen
