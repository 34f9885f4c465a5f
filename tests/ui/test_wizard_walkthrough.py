"""A newcomer walks the whole Aircall guide in demo mode, Welcome to Summary, in the real window.

The demo org runs the ``aircall-half-done`` scenario (``fresh`` plus an Aircall named credential
with the wrong URL and no merge-field options, ECI switched on); the admin signs in through the
embedded consent page, every page is checked live over HTTPS, and each page must show what the
org really holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.scenarios import AIRCALL_HALF_DONE, derive_scenario
from tests.ui.wizard_support import sign_in_demo, wait_checked
from wizard.engine.results import Status
from wizard.flow import CHOOSE_GUIDE, SIGN_IN, SUMMARY, WELCOME
from wizard.report.standing import Standing

pytestmark = pytest.mark.slow


def _row(window: Any, page_id: str, setting_id: str) -> Any:
    return window.guide_pages[page_id].row(setting_id)


def test_walk_the_aircall_guide_from_welcome_to_summary(qtbot: Any, demo_org: Any, make_window: Any,
                                                          tmp_path: Path) -> None:
    server = demo_org(str(derive_scenario(tmp_path, "aircall-half-done", AIRCALL_HALF_DONE)))
    window = make_window(server)
    c = window.controller

    # Welcome: what they'll need, how long, which guide fits.
    assert c.flow.current == WELCOME and window.stack.currentWidget() is window.welcome
    titles = [card.guide_id for card in window.welcome.cards]
    assert titles == ["natterbox", "aircall", "ringcentral", "execvision", "amazon-connect"]
    aircall_card = window.welcome.cards[1]
    assert "About 50 minutes" in aircall_card.findChildren(type(window.welcome.title))[1].text()
    assert not aircall_card.needs.isVisible()
    aircall_card.needs_toggle.click()  # what this guide needs, on demand
    assert aircall_card.needs.isVisible() and "The Voice Connector package installed" in aircall_card.needs.text()
    assert not window.nav.back.isEnabled()

    # Choose the guide (Next is blocked until one is chosen).
    window.nav.next.click()
    assert c.flow.current == CHOOSE_GUIDE and not window.nav.next.isEnabled()
    assert window.nav.hint.text() == "Choose a guide to go on"
    window.choose.buttons["aircall"].click()
    assert c.guide.id == "aircall"
    assert "Aircall API key" in window.choose.details.text()
    assert [e[0] for e in window.steps.entries()][3:-1] == [f"page:{p.id}" for p in c.guide.pages]
    assert len(c.guide.pages) == 9
    assert window.steps.step_line("page:before-you-start") == "Sign in first"

    # Sign in through the embedded consent page; the preflight is shown.
    window.nav.next.click()
    assert c.flow.current == SIGN_IN and not window.nav.next.isEnabled()
    sign_in_demo(qtbot, window, server)
    assert ("Environment", "Warning") in window.sign_in.preflight.lines
    assert window.sign_in.connected.text().startswith("Connected: Acme Demo (Production)")
    assert "PRODUCTION" in window.banner.text and "Acme Demo" in window.banner.text
    wait_checked(qtbot, window)
    assert window.nav.next.isEnabled()

    # Page 1: ECI is on (the scenario switched it on), the Voice Connector is missing.
    window.nav.next.click()
    assert c.flow.current == "page:before-you-start"
    assert _row(window, "before-you-start", "org.eci-enabled").badge.text() == "✔ Pass"
    connector = _row(window, "before-you-start", "voice-connector.installed")
    assert connector.badge.text() == "✖ Fail" and connector.observed.text() == "(no packages installed)"
    assert _row(window, "before-you-start", "org.edition").badge.text() == "✔ Pass"  # the add-on's permission sets are there
    assert not connector.fix_button.isVisible()  # a package install: the wizard has no fix for it
    assert _row(window, "before-you-start", "org.eci-enabled").fix_button.isHidden()  # it passes

    # Page 2: the integration user passes four checks and lacks both permission sets.
    window.nav.next.click()
    page = window.guide_pages["integration-user"]
    assert page.counts.text() == "4 of 7 done · 2 to fix · 1 to confirm"

    # Page 3: the Aircall API key is checked on Aircall's side, once the admin has typed it.
    window.nav.next.click()
    assert c.flow.current == "page:aircall-api-key"
    api_key = window.guide_pages["aircall-api-key"]
    assert api_key.kicker.text() == "PAGE 3 OF 9 · PROVIDER CONSOLE"
    # The provider side waits for what only the admin has: the key, typed in the page's panel; the
    # users' identifiers need the Voice Connector's field first.
    assert api_key.row("aircall.api-key").badge.text() == "○ To check"  # as the Summary and the report say
    assert api_key.row("aircall.user-identifiers").badge.text() == "✖ Fail"
    assert api_key.open_button is None  # nothing to open in Salesforce; the provider's console instead

    # Page 4: the named credential exists with the wrong URL and options; the password is a
    # manual step: confirm it.
    window.nav.next.click()
    assert _row(window, "aircall-named-credential", "aircall-nc.exists").badge.text() == "✔ Pass"
    url = _row(window, "aircall-named-credential", "aircall-nc.url")
    assert url.badge.text() == "✖ Fail"
    assert (url.expected.text(), url.observed.text()) == ("https://api.aircall.io", "https://api.aircall.com")
    url.evidence.toggleButton().click()
    assert "NamedCredential" in url.evidence_label.text()
    copy = window.guide_pages["aircall-named-credential"].copy_values
    assert copy is not None and copy.fields[0].text() == "https://api.aircall.io"
    password = _row(window, "aircall-named-credential", "aircall-nc.password")
    assert password.badge.text() == "✋ Manual step" and password.done_button.isVisible()
    password.done_button.click()
    assert password.badge.text() == "✔ Confirmed" and password.undo_button.isVisible()
    assert password.observed.text().startswith(f"confirmed by {server.default_login[0]} on ")
    assert window.steps.step_line("page:aircall-named-credential") == "✖ Fail · 2 to fix"

    # Pages 5 to 9: nothing of the shared ECI pieces exists yet; every page says so.
    for page_id in ("eci-connected-app", "eci-auth-provider", "salesforce-site", "eci-named-credential",
                    "guest-user-permission-sets"):
        window.nav.next.click()
        assert c.flow.current == f"page:{page_id}"
        assert c.flow.page_status(page_id) is Status.FAIL
        assert "to fix" in window.guide_pages[page_id].counts.text()
    callback = window.guide_pages["eci-connected-app"].copy_values.fields[1].text()
    assert callback == f"{server.instance_url}/services/authcallback/ECI_Auth_Provider"  # {my_domain} filled in

    # Summary: counts, verdict, what's left, export.
    window.nav.next.click()
    assert c.flow.current == SUMMARY
    summary = window.summary
    assert summary.headline.text() == "Not ready"
    report_counts = summary.report.summary.counts
    assert report_counts[Status.FAIL] > 0 and report_counts[Status.PASS] >= 8
    assert summary.count_badges[Standing.FAIL].text() == f"✖ Fail · {report_counts[Status.FAIL]}"
    assert "4. Aircall named credential: ✖ Fail · 2 to fix" in summary.left_lines  # the password confirmed
    target = tmp_path / "aircall-report.json"
    summary.export_to(target, "json")
    qtbot.waitUntil(lambda: summary.saved.text().startswith("Saved:"), timeout=30_000)
    text = target.read_text(encoding="utf-8")
    assert '"aircall-nc.password"' in text and server.default_login[0] in text  # the confirmation, with who
    summary.export_to(tmp_path, "pdf")  # a folder: refused before any work, with a file name to use
    assert summary.saved.text() == (f"The report was not written: The report file {tmp_path} is a folder; give a file "
                                    f"name inside it, e.g. {tmp_path / 'results.pdf'}.")
    summary.export_to(tmp_path / "aircall-report.json", "pdf")  # a PDF named .json gets its own extension
    qtbot.waitUntil(lambda: summary.saved.text().startswith("Saved:"), timeout=30_000)
    assert summary.saved.text() == f"Saved: {tmp_path / 'aircall-report.json.pdf'}"
    assert (tmp_path / "aircall-report.json.pdf").read_bytes().startswith(b"%PDF")
    summary.export_to(Path("/proc/eci-report.pdf"), "pdf")  # a place the system refuses
    qtbot.waitUntil(lambda: summary.saved.text().startswith("The report was not written"), timeout=30_000)
    assert "could not be written (" in summary.saved.text() and ".tmp" not in summary.saved.text()
    assert window.nav.next.text() == "&Finish"
