"""The sign-in page's "Connected" line states only what the preflight read, and Sign out says what it does.

A user without "API Enabled" signs in to the demo org through the window's embedded pages: the
sign-in works, but every read is refused, so the org's name and environment are unknown. The line
above the preflight names the org by its id instead of showing an empty name and "(Production)".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.signin import without_api_access
from tests.ui.sign_in_page_support import shot
from tests.ui.wizard_support import sign_in_demo
from wizard.ui.preflight_view import connected_heading


def test_an_org_whose_name_could_not_be_read_is_named_by_its_id_without_a_guessed_environment(
        qtbot: Any, demo_org: Any, make_window: Any, tmp_path: Path) -> None:
    server = demo_org(str(without_api_access(tmp_path)))
    window = make_window(server)
    sign_in_demo(qtbot, window, server)
    page = window.sign_in
    window.controller.go("sign-in")
    shot(window, "connected_heading_no_api")
    heading = page.connected.text()
    assert heading == connected_heading(window.controller.signed.preflight)
    assert heading == (f"Connected, but something blocks the checks (see below): org {server.org.org_id} "
                       "(its name could not be read) as admin@acme-demo.example"), heading
    assert "(Production)" not in heading and ":  (" not in heading


def test_sign_out_says_it_disconnects_and_keeps_the_saved_sign_in(qtbot: Any, demo_org: Any,
                                                                  make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    sign_in_demo(qtbot, window, server)
    page = window.sign_in
    window.controller.go("sign-in")
    assert page.connected.text().startswith("Connected: Acme Demo (Production) as "), page.connected.text()
    tip = page.sign_out_button.toolTip()
    assert page.sign_out_button.isVisible()
    assert tip.startswith("Disconnects the window from this org"), tip
    assert "saved sign-in stays in the system keyring" in tip, tip
