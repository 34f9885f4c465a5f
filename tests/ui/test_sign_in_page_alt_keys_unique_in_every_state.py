"""Every Alt key shown in the window is there once, in each state of the sign-in page.

Before, the window's "&Close" shared Alt+C with the page's "&Connect" (a saved org chosen), so
the page had to take the key while it was shown; now Close is Alt+L and no letter is shared:
not with a saved org chosen, not while signed in, not with the sign-in pages open.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.sign_in_page_support import MY_DOMAIN, new_sign_in_form, open_demo_login_form
from tests.ui.wizard_support import PAGE_TIMEOUT_MS, sign_in_demo, signed_in, wait_checked


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def _shown_alt_keys(window: Any) -> list[tuple[str, str]]:
    """(letter, text) of every Alt key shown: the menu bar, the visible buttons, the form's labels."""
    shown = [a.text() for a in window.menuBar().actions()]
    shown += [w.text() for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel)
              if w.isVisibleTo(window) and (not isinstance(w, QLabel) or w.buddy() is not None)]
    return [(m, t) for t in shown if (m := _mnemonic(t))]


def _assert_unique(window: Any, state: str) -> None:
    keys = _shown_alt_keys(window)
    letters = [m for m, _t in keys]
    shared = {m: [t for n, t in keys if n == m] for m in letters if letters.count(m) > 1}
    assert not shared, (state, shared)


def test_close_is_alt_l(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    assert window.nav.cancel.text() == "C&lose"
    assert window.nav.cancel.accessibleName() == "Close the wizard (it reopens where you left off)"


def test_no_alt_key_is_shared_in_any_state_of_the_sign_in_page(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    window.controller.choose_guide("aircall")
    page = new_sign_in_form(window, MY_DOMAIN)
    _assert_unique(window, "a new sign-in")

    open_demo_login_form(qtbot, window)
    _assert_unique(window, "the sign-in pages open")
    page.cancel_sign_in()
    qtbot.waitUntil(lambda: page.consent is None, timeout=PAGE_TIMEOUT_MS)

    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    window.controller.go("sign-in")
    assert page.sign_out_button.isVisible()
    _assert_unique(window, "signed in")

    page.sign_out_button.click()
    page.saved_radio.setChecked(True)
    assert page.sign_in_button.text() == "&Connect" and page.sign_in_button.isVisible()
    _assert_unique(window, "a saved org chosen")


def test_alt_c_connects_and_alt_l_is_the_windows_close(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window)
    page = window.sign_in
    window.controller.go("sign-in")
    page.sign_out_button.click()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    page.saved_radio.setChecked(True)
    page.saved_radio.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.controller.signed is not None, timeout=PAGE_TIMEOUT_MS)
    assert window.isVisible()  # Alt+C was Connect, not Close
