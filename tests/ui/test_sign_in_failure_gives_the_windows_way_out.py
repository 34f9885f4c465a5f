"""A sign-in that Salesforce refuses is told with the window's way out, not the command line's.

The demo org treats the sign-in app as not installed, and the user signing in may not approve
uninstalled apps (the September 2025 restriction): the advice names the page's Sign-in app field,
not the ``--client-id`` option of ``eci-wizard login``.
"""

from __future__ import annotations

from typing import Any

from tests.ui.sign_in_page_support import open_demo_login_form, shot
from tests.ui.wizard_support import PAGE_TIMEOUT_MS, run_js
from wizard.demo.oauth_clients import PLATFORM_CLI

SELLER = "sam.seller@acme-demo.example"  # a Standard User: may not approve uninstalled apps


def test_an_uninstalled_sign_in_app_is_told_with_the_sign_in_app_field(qtbot: Any, demo_org: Any,
                                                                       make_window: Any) -> None:
    server = demo_org("fresh")
    server.org.oauth_clients["PlatformCLI"] = {**PLATFORM_CLI, "installed": False}
    window = make_window(server)
    page = window.sign_in
    view = open_demo_login_form(qtbot, window)
    # Refused right after the login (no Allow page): Salesforce sends the error to the wizard.
    run_js(qtbot, view, f"""
        document.getElementById('username').value = {SELLER!r};
        document.getElementById('password').value = {server.org.passwords[SELLER]!r};
        document.getElementById('Login').click(); true""")
    qtbot.waitUntil(lambda: page.consent is None, timeout=PAGE_TIMEOUT_MS)
    shot(window, "uninstalled_app_in_window")
    said = page.notice.text.text()
    assert "isn't installed in this org" in said, said
    assert said.rstrip().endswith("(the Sign-in app field)."), said
    assert "--client-id" not in said and "--port" not in said
    assert window.controller.signed is None
