"""Shared steps of the provider panels' window tests: a signed-in window on a guide, dialogs driven.

Each test starts the demo org (the ``demo_org`` fixture), opens the real window in demo mode on it
(the providers' demo servers start beside it as they do for ``eci-wizard --demo``), signs in
through the embedded consent page and waits for the guide's first check.
"""

from __future__ import annotations

from typing import Any

from tests.ui.wizard_support import (
    CHECK_TIMEOUT_MS,
    run_js,
    sign_in_demo,
    wait_checked,
    wait_for_element,
)

DEMO_TIMEOUT_MS = 30_000


def open_guide(qtbot: Any, make_window: Any, server: Any, guide_id: str, side: str) -> Any:
    """A window on ``guide_id``, signed in to the demo org, its demo side running, first check done."""
    window = make_window(server)
    c = window.controller
    c.choose_guide(guide_id)
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    hub = c.provider_hub
    qtbot.waitUntil(lambda: hub.demo_side(side) is not None or side in hub.demo_notes, timeout=DEMO_TIMEOUT_MS)
    assert side not in hub.demo_notes, hub.demo_notes[side]
    return window


def row(window: Any, page_id: str, setting_id: str) -> Any:
    return window.guide_pages[page_id].row(setting_id)


def result(window: Any, page_id: str, setting_id: str) -> Any:
    return next(r for r in window.controller.results(page_id) if r.check_id == setting_id)


def panel(window: Any, page_id: str) -> Any:
    window.controller.go(f"page:{page_id}")
    page = window.guide_pages[page_id]
    assert page.panels, f"no provider panel on {page_id}"
    return page.panels[0]


def checks_done(qtbot: Any, window: Any, before: int) -> None:
    """Wait until a check newer than ``before`` (a count of finished checks) has landed."""
    c = window.controller
    qtbot.waitUntil(lambda: len(c.checks) > before and not c.tasks.is_running("check"), timeout=CHECK_TIMEOUT_MS)


def log_in_to_ringcentral(qtbot: Any, view: Any, login: tuple[str, str] | None) -> None:
    """Type the demo RingCentral login into an embedded consent view and sign in, up to the Allow button.

    The view is RingCentral's own page (the emulator's in demo mode), filled as a person would type;
    pressing Allow is left to the caller, which decides what to wait for afterwards.
    """
    assert view is not None and login is not None
    wait_for_element(qtbot, view, "username")
    run_js(qtbot, view, f"""
        document.getElementById('username').value = {login[0]!r};
        document.getElementById('password').value = {login[1]!r};
        document.getElementById('signin').click(); true""")
    wait_for_element(qtbot, view, "allow")
