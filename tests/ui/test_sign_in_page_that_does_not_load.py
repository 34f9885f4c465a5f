"""A sign-in page that does not load ends the sign-in at once, in the wizard's own words.

Before, the embedded view showed Chromium's "This site can't be reached" (or Salesforce's bare
``error=invalid_client_id`` page) and the window waited ten minutes, then blamed the admin for
not finishing. Now the failure is recognised when the page fails: the sign-in ends with a
message naming what was seen, what was expected and what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support import signin as support
from tests.ui.sign_in_page_support import MY_DOMAIN, in_view, new_sign_in_form, shot
from tests.ui.wizard_support import PAGE_TIMEOUT_MS
from wizard.salesforce.auth.errors import SignInError
from wizard.salesforce.auth.flow import OAuthClient
from wizard.salesforce.auth.login_hosts import HostKind, LoginHost, resolve_login_host
from wizard.salesforce.auth.signin import SignInTarget
from wizard.ui.signin.consent_view import ConsentView

#: Well under the view's ten-minute wait: the failure is seen when the page fails.
AT_ONCE_MS = 15_000


def _press_sign_in_and_wait_for_the_end(qtbot: Any, window: Any) -> str:
    page = window.sign_in
    page.demo_radio.setChecked(True)
    page.sign_in_button.click()
    assert page.consent is not None
    qtbot.waitUntil(lambda: page.consent is None, timeout=AT_ONCE_MS)
    assert page.notice.isVisible()
    return page.notice.text.text()


def test_a_demo_org_that_stopped_is_named_at_once(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    window.controller.go("sign-in")
    server.stop()  # nothing listens on its port any more: the connection is refused
    said = _press_sign_in_and_wait_for_the_end(qtbot, window)
    shot(window, "page_not_loaded_demo_stopped")
    assert said.startswith(f"The demo org on this computer ({server.instance_host}) did not answer")
    assert "ERR_CONNECTION_REFUSED" in said and "no longer running" in said
    assert "\nExpected: " in said and "\nWhat to do: " in said
    assert "No answer from Salesforce" not in said


def test_salesforce_in_maintenance_is_named_at_once(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    window.controller.go("sign-in")
    qtbot.waitUntil(lambda: window.sign_in.sign_in_button.isEnabled(), timeout=PAGE_TIMEOUT_MS)
    server.faults.set(maintenance=True)
    said = _press_sign_in_and_wait_for_the_end(qtbot, window)
    shot(window, "page_not_loaded_maintenance")
    assert "answered the sign-in request with an error page (HTTP 503)" in said
    assert "maintenance" in said.split("What to do: ")[1]


def test_a_dropped_connection_is_named_at_once(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    window.controller.go("sign-in")
    qtbot.waitUntil(lambda: window.sign_in.sign_in_button.isEnabled(), timeout=PAGE_TIMEOUT_MS)
    server.faults.set(drop_path="/services/oauth2/authorize")
    said = _press_sign_in_and_wait_for_the_end(qtbot, window)
    assert "was broken off before the page arrived" in said


def _view(qtbot: Any, target: SignInTarget, demo_ca: Path | None = None) -> ConsentView:
    view = ConsentView(target.new_flow(), demo_ca=demo_ca)
    view.resize(900, 700)
    qtbot.addWidget(view)
    return view


def test_a_my_domain_nobody_can_find_is_named_at_once(qtbot: Any) -> None:
    """'.invalid' never resolves anywhere (RFC 6761): the stand-in for a misspelt My Domain."""
    host = LoginHost("https://acme-misspelt.invalid", HostKind.MY_DOMAIN, sandbox=None)
    view = _view(qtbot, SignInTarget(host, OAuthClient(port=support.free_port())))
    with qtbot.waitSignal(view.failed, timeout=AT_ONCE_MS) as signal:
        view.show()
    error: SignInError = signal.args[0]
    assert error.seen.startswith("acme-misspelt.invalid could not be found")
    assert "ERR_NAME_NOT_RESOLVED" in error.seen
    assert "My Domain" in error.todo
    shot(view, "page_not_loaded_unknown_host_view")
    view.close()


def test_an_app_salesforce_does_not_know_is_explained(qtbot: Any, demo_org: Any) -> None:
    """Salesforce's own error page (error=invalid_client_id) gets the wizard's explanation at once."""
    server = demo_org("fresh")
    target = SignInTarget(resolve_login_host(server.instance_url, demo_mode=True),
                          OAuthClient(client_id="3MVG9WrongKey", port=support.free_port()), ca_bundle=server.ca_bundle)
    view = _view(qtbot, target, server.ca_path)
    with qtbot.waitSignal(view.failed, timeout=AT_ONCE_MS) as signal:
        view.show()
    error = signal.args[0]
    assert error.seen == "Salesforce doesn't know the app '3MVG9WrongKey' (invalid_client_id: client identifier invalid)."
    assert "consumer key" in error.todo
    view.close()


def test_cancel_and_use_my_browser_stay_in_sight_under_the_form(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """1280×860 with the new sign-in form filled in: the sign-in's own buttons are on screen."""
    server = demo_org("fresh")
    window = make_window(server)
    page = new_sign_in_form(window, MY_DOMAIN, "https://acme.lightning.force.com/lightning/page/home", "acme")
    page.notice.show_text("You pasted the address of a Lightning Experience page (acme.lightning.force.com). Salesforce "
                          "signs you in at the org's My Domain URL, so the wizard will use https://acme.my.salesforce.com.")
    target = SignInTarget(resolve_login_host(server.instance_url, demo_mode=True), OAuthClient(port=support.free_port()),
                          ca_bundle=server.ca_bundle)
    page._open_consent(target, "demo", server.ca_path)
    view = page.consent
    qtbot.waitUntil(lambda: view.web is not None, timeout=PAGE_TIMEOUT_MS)
    qtbot.wait(300)
    shot(window, "sign_in_buttons_in_sight")
    assert in_view(page, view.cancel_button) and in_view(page, view.browser_button)
    page.cancel_sign_in()
    qtbot.waitUntil(lambda: page.consent is None, timeout=PAGE_TIMEOUT_MS)

