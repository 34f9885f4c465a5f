"""The sign-in page speaks of the window: no command-line options, no Python names, no silent alias reuse.

The window signs in to the demo org through the embedded consent view; the demo org's faults
drop the token exchange, and a real socket holds the loopback port.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from PySide6.QtWidgets import QMessageBox

from tests.ui.sign_in_page_support import open_demo_login_form
from tests.ui.wizard_support import PAGE_TIMEOUT_MS, allow, log_in, open_demo_sign_in, when_shown
from wizard.salesforce.auth.connections import ConnectionStore, SavedConnection

LOOPBACK_PORT = 1717  # the window's sign-in app (PlatformCLI) answers there; the window has no other


def test_a_busy_port_for_the_browser_sign_in_names_no_command_line_option(qtbot: Any, demo_org: Any,
                                                                           make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    with contextlib.ExitStack() as stack:
        busy = stack.enter_context(socket.socket())
        with contextlib.suppress(OSError):  # already held by another program: busy all the same
            busy.bind(("127.0.0.1", LOOPBACK_PORT))
            busy.listen(1)
        view = open_demo_login_form(qtbot, window)
        view.browser_button.click()
        said = view.status.text()
        view.cancel_button.click()
    assert f"Port {LOOPBACK_PORT} on this computer is already in use" in said, said
    assert f"Close the program using port {LOOPBACK_PORT}" in said and "--port" not in said


def test_a_dropped_token_exchange_is_told_without_python_names(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    view = open_demo_sign_in(qtbot, window)
    log_in(qtbot, view, server)
    server.faults.set(drop_path="/services/oauth2/token")
    allow(qtbot, view)
    qtbot.waitUntil(lambda: window.sign_in.consent is None, timeout=PAGE_TIMEOUT_MS)
    said = window.sign_in.notice.text.text()
    host = server.instance_url.removeprefix("https://")
    assert f"Could not connect to {host}: the connection was dropped before an answer arrived." in said, said
    assert "Error" not in said.split("Expected:")[0]


def test_a_new_sign_in_without_an_alias_is_named_after_the_org_once_signed_in(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    page = window.sign_in
    window.controller.go("sign-in")
    page.new_radio.setChecked(True)
    page.host.setCurrentIndex(0)  # Production (login.salesforce.com)
    page.alias.setText("")
    target, alias, _demo_ca = page._target()
    assert target.login_host.url == "https://login.salesforce.com"
    assert alias is None  # not "login", which every Production sign-in would share


def test_an_alias_that_names_another_saved_org_is_asked_about_first(qtbot: Any, make_window: Any) -> None:
    ConnectionStore().save(SavedConnection(
        alias="acme", org_id="00D000000000001AAA", user_id="005000000000001AAA", username="ada@acme.example",
        org_name="Acme Corp", instance_url="https://acme.my.salesforce.com", is_sandbox=False,
        login_url="https://login.salesforce.com", client_id="PlatformCLI"))
    window = make_window(None, demo=False)
    page = window.sign_in
    window.controller.go("sign-in")
    page.new_radio.setChecked(True)
    page.host.setCurrentIndex(0)
    page.alias.setText("acme")
    asked: dict[str, Any] = {}

    def answer(box: QMessageBox) -> None:
        asked.update(text=box.text(), info=box.informativeText(), buttons=[b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == "Choose another alias").click()

    when_shown(QMessageBox, answer)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    assert asked["text"] == "The alias 'acme' already names your saved sign-in to Acme Corp (PRODUCTION) as ada@acme.example."
    assert "revoked at Salesforce and removed from the system keyring" in asked["info"]
    assert page.consent is None  # nothing started
    said = page.notice.text.text()
    assert said.startswith("The sign-in was not started: the alias 'acme' stays with Acme Corp"), said
    assert [c.alias for c in ConnectionStore().all()] == ["acme"]
