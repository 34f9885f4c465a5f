""""Open in Salesforce": the exact Setup page, signed in through the single-access frontdoor, in
the wizard's own browser tab; closing the tab re-checks the page the admin came from."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.wizard_support import signed_in

pytestmark = pytest.mark.slow


def _html_once(qtbot: Any, view: Any) -> str:
    box: list[Any] = []
    view.page().toHtml(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=30_000)
    return str(box[0])


def _html(qtbot: Any, view: Any, showing: str) -> str:
    """The page's HTML once it shows `showing` (or the last HTML seen after 30 s).

    The tab's title comes from the page's head, which the browser parses before the body: on a
    busy machine the title can be there while the body is still empty, so the DOM is read again
    until the body is in."""
    html = _html_once(qtbot, view)
    for _ in range(150):
        if showing in html:
            break
        qtbot.wait(200)
        html = _html_once(qtbot, view)
    return html


def test_open_in_salesforce_lands_signed_in_and_rechecks_on_return(qtbot: Any, demo_org: Any,
                                                                     make_window: Any) -> None:
    server, window = signed_in(qtbot, demo_org, make_window)
    c = window.controller
    c.go("page:aircall-named-credential")
    page = window.guide_pages["aircall-named-credential"]
    assert page.open_button is not None and page.open_button.isEnabled()

    singleaccess_before = sum(1 for r in server.log.entries() if "/services/oauth2/singleaccess" in r.path)
    page.open_button.click()
    qtbot.waitUntil(lambda: window.browser is not None and window.browser.tabs.count() == 1, timeout=30_000)
    view = window.browser.views()[0]
    qtbot.waitUntil(lambda: "Named Credentials" in view.title(), timeout=30_000)
    html = _html(qtbot, view, server.default_login[0])
    assert server.default_login[0] in html  # signed in as the admin, no login form
    assert 'id="password"' not in html
    assert view.url().path() == "/lightning/setup/NamedCredential/home"
    assert sum(1 for r in server.log.entries() if "/services/oauth2/singleaccess" in r.path) == singleaccess_before + 1
    assert c.connection.access_token not in view.url().toString()  # a one-time link, never the token

    checks_before = len(c.checks)
    window.browser.close_tab(0)
    qtbot.waitUntil(lambda: len(c.checks) == checks_before + 1, timeout=60_000)
    assert c.checks[-1].page_ids == ("aircall-named-credential",)
    assert window.browser.isHidden()


def test_a_setting_changed_on_another_setup_page_opens_that_page(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """'Before you start' links to Installed Packages; its ECI switch row opens the ECI settings page."""
    _server, window = signed_in(qtbot, demo_org, make_window, page_id="before-you-start")
    c = window.controller
    page = window.guide_pages["before-you-start"]
    switch, edition = page.row("org.eci-enabled"), page.row("org.edition")
    assert switch.result is not None and switch.result.status.value == "fail"
    assert switch.open_button.isVisibleTo(page) and not edition.open_button.isVisibleTo(page)  # only what needs work

    switch.open_button.click()
    qtbot.waitUntil(lambda: window.browser is not None and window.browser.tabs.count() == 1, timeout=30_000)
    view = window.browser.views()[0]
    qtbot.waitUntil(lambda: "Einstein Conversation Insights" in view.title(), timeout=30_000)
    assert view.url().path() == "/lightning/setup/CallCoachingSettings/home"
    assert "Off" in _html(qtbot, view, "Off")

    checks_before = len(c.checks)
    window.browser.close_tab(0)
    qtbot.waitUntil(lambda: len(c.checks) == checks_before + 1, timeout=60_000)
    assert c.checks[-1].page_ids == ("before-you-start",)
