"""Helpers of the sign-in page's tests: open the embedded sign-in, fill the new sign-in form, keep a picture.

Set ECI_WIZARD_TEST_SHOTS to a folder to keep a picture of each state these tests reach. The steps
of a sign-in itself (open, log in, Allow) are in tests/ui/wizard_support.py, which signs every window
test in with them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from tests.ui.wizard_support import open_demo_sign_in, wait_for_element

SHOTS = os.environ.get("ECI_WIZARD_TEST_SHOTS", "")
PRODUCTION, SANDBOX, MY_DOMAIN = 0, 1, 2


def shot(widget: Any, name: str) -> None:
    """A picture of the widget, for a look by eye (only when ECI_WIZARD_TEST_SHOTS names a folder)."""
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def open_demo_login_form(qtbot: Any, window: Any) -> Any:
    """The consent view opened on the demo org, its login form shown: where the tests of cancelling,
    Esc and the system browser start, before the admin has typed anything."""
    view = open_demo_sign_in(qtbot, window)
    wait_for_element(qtbot, view, "username")
    return view


def new_sign_in_form(window: Any, where: int, url: str = "", alias: str = "") -> Any:
    """Choose "A new sign-in" and fill its form (without pressing Sign in); the page."""
    page = window.sign_in
    window.controller.go("sign-in")
    page.new_radio.setChecked(True)
    page.host.setCurrentIndex(where)
    page.url.setText(url)
    page.alias.setText(alias)
    return page


def in_view(page: Any, widget: Any) -> bool:
    """Whether the widget is shown inside the page's visible area (not scrolled out of sight)."""
    viewport = page.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
    return (widget.isVisible() and viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right))
