"""Helpers of the sign-in page's tests: open the embedded sign-in, log in to the demo org, keep a picture.

Set ECI_WIZARD_TEST_SHOTS to a folder to keep a picture of each state these tests reach.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from tests.ui.wizard_support import PAGE_TIMEOUT_MS, run_js, wait_for_element

SHOTS = os.environ.get("ECI_WIZARD_TEST_SHOTS", "")
PRODUCTION, SANDBOX, MY_DOMAIN = 0, 1, 2


def shot(widget: Any, name: str) -> None:
    """A picture of the widget, for a look by eye (only when ECI_WIZARD_TEST_SHOTS names a folder)."""
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def open_demo_sign_in(qtbot: Any, window: Any) -> Any:
    """Choose the demo org on the sign-in page, press Sign in; the open consent view."""
    page = window.sign_in
    window.controller.go("sign-in")
    page.demo_radio.setChecked(True)
    qtbot.waitUntil(lambda: page.sign_in_button.isEnabled(), timeout=PAGE_TIMEOUT_MS)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: page.consent is not None and page.consent.web is not None, timeout=PAGE_TIMEOUT_MS)
    return page.consent


def log_in(qtbot: Any, view: Any, server: Any, *, user: tuple[str, str] | None = None) -> None:
    """Fill the demo org's login form and wait for its Allow page."""
    username, password = user or server.default_login
    wait_for_element(qtbot, view, "username")
    run_js(qtbot, view, f"""
        document.getElementById('username').value = {username!r};
        document.getElementById('password').value = {password!r};
        document.getElementById('Login').click(); true""")
    wait_for_element(qtbot, view, "allow")


def allow(qtbot: Any, view: Any) -> None:
    run_js(qtbot, view, "document.getElementById('allow').click(); true")


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
