"""Go → "Cancel what is running", chosen with the mouse, cancels an open sign-in as Esc does."""

from __future__ import annotations

from typing import Any

from tests.ui.sign_in_page_support import open_demo_login_form, shot


def _menu_action(window: Any, menu: str, text: str) -> Any:
    go = next(a.menu() for a in window.menuBar().actions() if a.text() == menu)
    return next(a for a in go.actions() if a.text() == text)


def test_cancel_what_is_running_from_the_menu_cancels_an_open_sign_in(qtbot: Any, demo_org: Any,
                                                                      make_window: Any) -> None:
    window = make_window(demo_org("fresh"))
    page = window.sign_in
    open_demo_login_form(qtbot, window)
    _menu_action(window, "&Go", "&Cancel what is running").trigger()  # what a click on the menu item does
    qtbot.waitUntil(lambda: page.consent is None, timeout=5_000)
    shot(window, "cancelled_from_the_go_menu")
    assert page.outcome.text().startswith("The sign-in was cancelled. Nothing was saved."), page.outcome.text()
    assert page.sign_in_button.isEnabled() and window.controller.signed is None


def test_cancel_what_is_running_from_another_page_cancels_the_sign_in_left_open(qtbot: Any, demo_org: Any,
                                                                                make_window: Any) -> None:
    window = make_window(demo_org("fresh"))
    page = window.sign_in
    open_demo_login_form(qtbot, window)
    window.controller.go("welcome")  # the sign-in stays open on its page
    _menu_action(window, "&Go", "&Cancel what is running").trigger()
    qtbot.waitUntil(lambda: page.consent is None, timeout=5_000)
    assert page.outcome.text().startswith("The sign-in was cancelled."), page.outcome.text()
