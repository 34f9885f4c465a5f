"""The sign-in page from the keyboard: focus starts in the page, Enter signs in, Alt keys are the
page's own, Alt+C connects to a saved org, Esc cancels an open sign-in."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.sign_in_page_support import MY_DOMAIN, new_sign_in_form, open_demo_login_form, shot
from tests.ui.wizard_support import PAGE_TIMEOUT_MS, signed_in

ALT = Qt.KeyboardModifier.AltModifier


def _active(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def _focus() -> Any:
    return QApplication.focusWidget()


def test_focus_starts_in_the_first_field_of_the_chosen_way(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    _active(qtbot, window)
    window.controller.go("sign-in")
    page = window.sign_in
    qtbot.waitUntil(lambda: _focus() is page.host, timeout=5_000)  # "A new sign-in": Where
    window.controller.go("welcome")
    page.host.setCurrentIndex(MY_DOMAIN)
    window.controller.go("sign-in")
    qtbot.waitUntil(lambda: _focus() is page.url, timeout=5_000)  # My Domain chosen: its URL


def test_the_demo_org_choice_has_the_focus_when_it_is_chosen(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window = make_window(demo_org("fresh"))
    _active(qtbot, window)
    window.controller.go("sign-in")
    qtbot.waitUntil(lambda: _focus() is window.sign_in.demo_radio, timeout=5_000)


def test_enter_in_the_my_domain_or_alias_field_starts_the_sign_in(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    _active(qtbot, window)
    for field in ("url", "alias"):
        page = new_sign_in_form(window, MY_DOMAIN, "acme,my.salesforce.com")  # refused at once: nothing is opened
        page.notice.show_text("")
        getattr(page, field).setFocus()
        qtbot.keyClick(getattr(page, field), Qt.Key.Key_Return)
        assert "can't be used: its host name contains a comma" in page.notice.text.text(), field


def test_enter_on_the_demo_choice_opens_the_sign_in(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window = make_window(demo_org("fresh"))
    _active(qtbot, window)
    page = window.sign_in
    window.controller.go("sign-in")
    qtbot.waitUntil(lambda: _focus() is page.demo_radio, timeout=5_000)
    qtbot.keyClick(page.demo_radio, Qt.Key.Key_Return)
    assert page.consent is not None
    page.cancel_sign_in()


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def test_the_pages_alt_keys_are_its_own(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    _active(qtbot, window)
    page = new_sign_in_form(window, MY_DOMAIN)
    qtbot.wait(50)
    for key, field in (("E", page.host), ("D", page.url), ("A", page.alias), ("P", page.client_id),
                       ("A", page.alias), ("E", page.host)):
        qtbot.keyClick(_focus() or window, getattr(Qt.Key, f"Key_{key}"), ALT)
        assert _focus() is field, (key, _focus())
    # Every Alt key shown in the window (menus, buttons, the form's labels) is there once.
    shown = [a.text() for a in window.menuBar().actions()]
    shown += [w.text() for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel)
              if w.isVisibleTo(window) and (not isinstance(w, QLabel) or w.buddy() is not None)]
    letters = [m for m in map(_mnemonic, shown) if m]
    assert sorted(letters) == sorted(set(letters)), shown


def test_alt_c_connects_to_the_saved_org(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window)
    window.sign_in.sign_out_button.click()
    assert window.controller.signed is None
    _active(qtbot, window)
    page = window.sign_in
    page.saved_radio.setChecked(True)
    page.saved_radio.setFocus()
    assert page.sign_in_button.text() == "&Connect"
    qtbot.keyClick(page.saved_radio, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: window.controller.signed is not None, timeout=PAGE_TIMEOUT_MS)
    assert window.isVisible()  # Close was not pressed


def test_esc_cancels_an_open_sign_in_wherever_the_focus_is(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    _active(qtbot, window)
    page = window.sign_in
    for where in ("sign-in page", "step list"):
        view = open_demo_login_form(qtbot, window)
        if where == "sign-in page":
            view.web.setFocus()
            qtbot.waitUntil(lambda v=view: _focus() is not None and v.isAncestorOf(_focus()), timeout=5_000)
        else:
            window.steps.list.setFocus()
            qtbot.waitUntil(lambda: _focus() is window.steps.list, timeout=5_000)
        shot(window, f"esc_{where.replace(' ', '_')}_before")
        qtbot.keyClick(_focus(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: page.consent is None, timeout=5_000)
        assert page.outcome.text().startswith("The sign-in was cancelled."), where
