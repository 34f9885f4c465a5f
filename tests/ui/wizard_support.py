"""Shared pieces of the window's tests: a window on a demo org, and a real sign-in through it.

The sign-in goes through the embedded consent view (QtWebEngine, offscreen) exactly as an
admin's would: the demo org's login page is filled in and Allow is clicked with JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from wizard.demo.server import DemoOrgServer

memory_keyring = support.memory_keyring
wizard_dirs = support.wizard_dirs
PAGE_TIMEOUT_MS = 30_000
CHECK_TIMEOUT_MS = 60_000


@pytest.fixture
def make_window(qtbot: Any, memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> Iterator[Callable[..., Any]]:
    """``make_window(server, demo=True)`` -> a shown MainWindow on that demo org, closed at teardown."""
    from wizard.app import application, build_window, release

    windows: list[Any] = []

    def make(server: DemoOrgServer | None, *, demo: bool = True, restore: bool = True,
             resize: bool = True) -> Any:
        from wizard.ui.jobs import warm_demo_schema

        warm_demo_schema()  # as the window's own demo start does
        application()
        window = build_window(demo=demo, demo_server=server)
        qtbot.addWidget(window)
        if resize:
            window.resize(1280, 860)
        window.show()
        if restore:
            window.controller.restore()
        windows.append(window)
        return window

    yield make
    for window in windows:
        release(window)  # web views go before their profiles, not at interpreter exit


def run_js(qtbot: Any, view: Any, script: str) -> Any:
    box: list[Any] = []
    view.web.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=PAGE_TIMEOUT_MS)
    return box[0]


def wait_for_element(qtbot: Any, view: Any, element_id: str) -> None:
    qtbot.waitUntil(lambda: bool(run_js(qtbot, view, f"!!document.getElementById('{element_id}')")),
                    timeout=PAGE_TIMEOUT_MS)


def sign_in_demo(qtbot: Any, window: Any, server: DemoOrgServer) -> None:
    """Choose the demo org on the sign-in page and sign in through the embedded consent view."""
    page = window.sign_in
    window.controller.go("sign-in")
    page.demo_radio.setChecked(True)
    qtbot.waitUntil(lambda: page.sign_in_button.isEnabled(), timeout=PAGE_TIMEOUT_MS)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: page.consent is not None and page.consent.web is not None, timeout=PAGE_TIMEOUT_MS)
    view = page.consent
    username, password = server.default_login
    wait_for_element(qtbot, view, "username")
    run_js(qtbot, view, f"""
        document.getElementById('username').value = {username!r};
        document.getElementById('password').value = {password!r};
        document.getElementById('Login').click(); true""")
    wait_for_element(qtbot, view, "allow")
    run_js(qtbot, view, "document.getElementById('allow').click(); true")
    qtbot.waitUntil(lambda: window.controller.signed is not None, timeout=PAGE_TIMEOUT_MS)


def wait_checked(qtbot: Any, window: Any) -> None:
    """Wait until no check is running."""
    qtbot.waitUntil(lambda: not window.controller.tasks.is_running("check"), timeout=CHECK_TIMEOUT_MS)
