"""Plain helpers of the window's tests: a real sign-in through the window, the AWS panel, and waits.

The ``make_window`` fixture is in tests/ui/conftest.py; the keyring and folders it uses come from
`tests.support.isolation`.

The sign-in goes through the embedded consent view (QtWebEngine, offscreen) exactly as an
admin's would: the demo org's login page is filled in and Allow is clicked with JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from wizard.demo.server import DemoOrgServer
from wizard.ui.providers.aws_panel import KEYS_KEY, AwsPanel

PAGE_TIMEOUT_MS = 30_000
CHECK_TIMEOUT_MS = 60_000


def run_js(qtbot: Any, view: Any, script: str) -> Any:
    box: list[Any] = []
    view.web.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=PAGE_TIMEOUT_MS)
    return box[0]


def wait_for_element(qtbot: Any, view: Any, element_id: str) -> None:
    qtbot.waitUntil(lambda: bool(run_js(qtbot, view, f"!!document.getElementById('{element_id}')")),
                    timeout=PAGE_TIMEOUT_MS)


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
    """Click Allow on the demo org's consent page (what happens next is the caller's to wait for)."""
    run_js(qtbot, view, "document.getElementById('allow').click(); true")


def sign_in_demo(qtbot: Any, window: Any, server: DemoOrgServer) -> None:
    """Choose the demo org on the sign-in page and sign in through the embedded consent view.

    Built from the same three steps the sign-in page's own tests take one at a time (to stop, fail
    or cancel between them), so a change to the page's login is made once for every test."""
    view = open_demo_sign_in(qtbot, window)
    log_in(qtbot, view, server)
    allow(qtbot, view)
    qtbot.waitUntil(lambda: window.controller.signed is not None, timeout=PAGE_TIMEOUT_MS)


def wait_checked(qtbot: Any, window: Any) -> None:
    """Wait until no check is running."""
    qtbot.waitUntil(lambda: not window.controller.tasks.is_running("check"), timeout=CHECK_TIMEOUT_MS)


def signed_in(qtbot: Any, demo_org: Any, make_window: Any, guide_id: str = "aircall", page_id: str | None = None,
              scenario: str = "fresh") -> tuple[DemoOrgServer, Any]:
    """(server, window): a window signed in to a new demo org, checked, on ``page_id`` if given."""
    server = demo_org(scenario)
    window = make_window(server)
    window.controller.choose_guide(guide_id)
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    if page_id is not None:
        window.controller.go(f"page:{page_id}")
        wait_checked(qtbot, window)
    return server, window



def aws_panel(qtbot: Any, make_window: Any) -> AwsPanel:
    """The AWS panel of a window that is not in demo mode, once the saved choices have been read back.

    The panel restores the admin's remembered choices and saved keys on worker threads; a test that
    sets a field or presses Check before they land would have its input overwritten."""
    window = make_window(None, demo=False)
    c = window.controller
    c.choose_guide("amazon-connect")
    panel = window.guide_page("cloudformation").panels[0]
    assert isinstance(panel, AwsPanel)
    qtbot.waitUntil(lambda: "aws" in c.provider_hub.restored and not c.tasks.is_running("restore-aws")
                    and not c.tasks.is_running(KEYS_KEY), timeout=30_000)
    return panel

#: Bumped when a test ends: a `when_shown` handler its test never used stops polling then, instead
#: of answering a dialog of a later test (it once clicked "Overwrite them" on another test's question).
_test_generation = [0]


def forget_pending_handlers() -> None:
    """End every `when_shown` handler still waiting (called after each window test)."""
    _test_generation[0] += 1


def when_shown(kind: type, act: Callable[[Any], None], name: str = "") -> None:
    """Run ``act(widget)`` on the first visible top-level ``kind`` (a modal's own event loop runs it);
    the handler belongs to the test that set it and ends with it."""
    generation = _test_generation[0]

    def poll() -> None:
        if _test_generation[0] != generation:
            return
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible() and (not name or w.objectName() == name)]
        if shown:
            act(shown[0])
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def driving(drive: Any, failures: list[BaseException]) -> Any:
    """`drive` for `when_shown`, which always closes the dialog: a failed check inside a modal dialog
    would otherwise leave it open, and the test waiting on it, instead of failing."""
    def act(dialog: Any) -> None:
        try:
            drive(dialog)
        except BaseException as exc:  # raised again by the test once the dialog is closed
            failures.append(exc)
        finally:
            if dialog.isVisible():
                dialog.applying = False
                dialog.done(0)
    return act


def drive_dialog(kind: type, drive: Callable[[Any], None], open_it: Callable[[], Any]) -> None:
    """Open a modal dialog of `kind` with `open_it` (a button's click) and let `drive` work it; a check
    that fails inside it is raised here, once the dialog has closed."""
    failures: list[BaseException] = []
    when_shown(kind, driving(drive, failures))
    open_it()
    if failures:
        raise failures[0]
