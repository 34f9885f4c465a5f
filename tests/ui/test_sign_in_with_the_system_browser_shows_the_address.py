"""Signing in through the system browser: what the window says when it can, or cannot, open one.

The window tests run on Qt's offscreen platform, which opens no browser (QDesktopServices
answers False), as on a server or a desktop without a default browser.
"""

from __future__ import annotations

import re
import socket
from typing import Any

from PySide6.QtGui import QGuiApplication

from tests.support import signin as support
from tests.ui.sign_in_page_support import MY_DOMAIN, new_sign_in_form, open_demo_login_form, shot
from tests.ui.wizard_support import PAGE_TIMEOUT_MS
from wizard.salesforce.auth.flow import OAuthClient
from wizard.salesforce.auth.login_hosts import resolve_login_host
from wizard.salesforce.auth.signin import SignInTarget
from wizard.ui.signin.consent_view import ConsentView

WAITS = re.compile(r"This window waits for your sign-in until \d\d:\d\d \(about (\d+) minutes\)")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_no_browser_to_open_shows_the_address_to_copy_and_the_time_left(qtbot: Any, demo_org: Any,
                                                                       make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    view = open_demo_login_form(qtbot, window)
    view.browser_button.click()
    shot(window, "browser_could_not_be_opened")

    said = view.status.text()
    assert said.startswith("The wizard could not open a browser on this computer.")
    assert "Continue in your browser" not in said
    assert WAITS.search(said) and WAITS.search(said).group(1) == "10"
    assert view.address_row.isVisible() and view.address.isReadOnly()
    assert view.address.text() == view.flow.authorization_url
    view.copy_button.click()
    assert QGuiApplication.clipboard().text() == view.flow.authorization_url
    assert view.cancel_button.isEnabled()

    port = view.flow.client.port
    view.cancel_button.click()
    qtbot.waitUntil(lambda: window.sign_in.consent is None, timeout=PAGE_TIMEOUT_MS)
    assert _port_free(port)
    assert window.sign_in.outcome.text().startswith("The sign-in was cancelled.")


def test_an_opened_browser_is_followed_by_the_time_left_and_the_address(qtbot: Any, demo_org: Any) -> None:
    server = demo_org("fresh")
    target = support.demo_target(server)
    opened: list[str] = []
    view = ConsentView(target.new_flow(), demo_ca=server.ca_path, timeout=300.0,
                       open_browser=lambda url: opened.append(url) or True, in_browser=True)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitUntil(lambda: bool(opened), timeout=PAGE_TIMEOUT_MS)
    said = view.status.text()
    assert said.startswith("Continue in your browser: sign in there and choose Allow.")
    assert WAITS.search(said).group(1) == "5"
    assert view.address.text() == opened[0] == view.flow.authorization_url
    assert view.web is None  # started in the browser: the embedded pages were never loaded
    shot(view, "browser_opened_view")
    view.close()


def test_after_a_refused_certificate_the_browser_way_is_still_there(qtbot: Any, demo_org: Any,
                                                                   make_window: Any) -> None:
    """The certificate message points to "Sign in with my browser", and that button is on the page."""
    server = demo_org("fresh")
    window = make_window(server)
    page = new_sign_in_form(window, MY_DOMAIN, "https://acme.my.salesforce.com")
    # A server whose certificate this computer does not trust, as behind an inspecting proxy.
    target = SignInTarget(resolve_login_host(server.instance_url, demo_mode=True), OAuthClient(port=support.free_port()))
    page._open_consent(target, "acme", None)
    qtbot.waitUntil(lambda: page.consent is None, timeout=PAGE_TIMEOUT_MS)
    said = page.notice.text.text()
    assert "was not accepted" in said and "press 'Sign in with my browser' on the sign-in page" in said
    assert page.browser_sign_in_button.isVisible() and page.browser_sign_in_button.isEnabled()
    assert page.browser_sign_in_button.text().replace("&", "") == "Sign in with my browser"
    shot(window, "certificate_refused_browser_way")

    page.browser_sign_in_button.click()
    view = page.consent
    assert view is not None
    qtbot.waitUntil(lambda: view.address_row.isVisible(), timeout=PAGE_TIMEOUT_MS)
    assert view.web is None
    assert view.address.text().startswith("https://acme.my.salesforce.com/services/oauth2/authorize?")
    shot(window, "signing_in_with_my_browser")
    page.cancel_sign_in()
    qtbot.waitUntil(lambda: page.consent is None, timeout=PAGE_TIMEOUT_MS)
