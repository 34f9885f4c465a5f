"""Qt tests run headless: offscreen platform, and QtWebEngine without its sandbox (we run as root).

Set before any QApplication exists (pytest-qt creates it on first use), as defaults a developer
can override from the shell.

``make_window`` is here so that every test of the window gets it without importing it; the
in-memory keyring and own folders it asks for come from `tests.support.isolation` (a plugin of
the root conftest). Plain helpers (sign-in, waits) live in `tests.ui.wizard_support`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wizard.demo.server import DemoOrgServer
from wizard.ui.signin.consent_view import prepare_application

prepare_application()


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


@pytest.fixture(autouse=True)
def _handlers_end_with_their_test() -> Iterator[None]:
    """A dialog handler a test set but never used must not answer the next test's dialog."""
    from tests.ui.wizard_support import forget_pending_handlers

    yield
    forget_pending_handlers()
