"""The embedded consent view signs in to the demo org (offscreen QtWebEngine, real HTTPS)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from tests.ui.wizard_support import PAGE_TIMEOUT_MS, allow, log_in, wait_for_element
from wizard.demo.server import DemoOrgServer
from wizard.salesforce.auth import tokens
from wizard.salesforce.auth.connections import ConnectionStore
from wizard.salesforce.auth.errors import SignInCancelled, SignInError
from wizard.salesforce.auth.signin import SignedIn, SignInTarget, finish_sign_in
from wizard.salesforce.auth.vault import KeyringVault
from wizard.salesforce.http import make_session
from wizard.ui.signin.consent_view import ConsentView


@pytest.fixture
def server(demo_org: Callable[..., DemoOrgServer], memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> DemoOrgServer:
    return demo_org("fresh")


def _view(server: DemoOrgServer, *, demo_ca: Path | None, open_browser: Callable[[str], Any] | None = None,
          timeout: float = 120.0) -> tuple[ConsentView, SignInTarget]:
    target = support.demo_target(server)

    def finish(grant: tokens.TokenGrant) -> SignedIn:
        return finish_sign_in(grant, alias="demo", target=target, store=ConnectionStore(), vault=KeyringVault())

    view = ConsentView(target.new_flow(), finish=finish, demo_ca=demo_ca, open_browser=open_browser, timeout=timeout)
    view.resize(900, 700)
    return view, target


def test_the_embedded_view_signs_in_to_the_demo_org(qtbot: Any, server: DemoOrgServer,
                                                    wizard_dirs: tuple[Path, Path]) -> None:
    view, _target = _view(server, demo_ca=server.ca_path)
    qtbot.addWidget(view)
    username, password = server.default_login
    view.show()

    log_in(qtbot, view, server)
    with qtbot.waitSignal(view.succeeded, timeout=PAGE_TIMEOUT_MS) as signal:
        allow(qtbot, view)

    signed: SignedIn = signal.args[0]
    assert signed.preflight.facts.username == username
    assert view.flow.finished
    # A working connection: the token answers Salesforce's userinfo, and the alias is saved.
    info = tokens.userinfo(make_session(server.ca_bundle), signed.connection.instance_url, signed.connection.access_token)
    assert info["preferred_username"] == username
    assert ConnectionStore().get("demo").org_id == server.org.org_id
    refresh_token = KeyringVault().load(signed.saved.org_id, signed.saved.user_id)
    assert refresh_token
    secrets = [refresh_token, signed.connection.access_token, password, *server.org.sessions]
    assert support.files_containing(wizard_dirs, secrets) == []
    view.close()


def test_use_my_browser_instead_continues_the_same_flow(qtbot: Any, server: DemoOrgServer, demo_oauth: Any) -> None:
    username, password = server.default_login
    opened: list[str] = []

    def system_browser(url: str) -> None:
        opened.append(url)
        threading.Thread(target=support.play_browser, args=(demo_oauth(server), url),
                         kwargs={"username": username, "password": password}, daemon=True).start()

    view, _target = _view(server, demo_ca=server.ca_path, open_browser=system_browser)
    qtbot.addWidget(view)
    view.show()
    first_url = view.flow.authorization_url
    wait_for_element(qtbot, view, "username")
    with qtbot.waitSignal(view.succeeded, timeout=PAGE_TIMEOUT_MS) as signal:
        view.browser_button.click()
    assert opened == [first_url]  # same state, same PKCE challenge
    assert signal.args[0].saved.alias == "demo"
    view.close()


def test_a_certificate_not_from_the_demo_ca_is_refused(qtbot: Any, server: DemoOrgServer) -> None:
    view, _target = _view(server, demo_ca=None)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.failed, timeout=PAGE_TIMEOUT_MS) as signal:
        view.show()
    error = signal.args[0]
    assert isinstance(error, SignInError) and "certificate" in error.seen
    assert ConnectionStore().all() == []
    view.close()


def test_closing_the_window_ends_the_sign_in_with_a_message(qtbot: Any, server: DemoOrgServer) -> None:
    view, _target = _view(server, demo_ca=server.ca_path)
    qtbot.addWidget(view)
    view.show()
    wait_for_element(qtbot, view, "username")
    with qtbot.waitSignal(view.failed, timeout=5_000) as signal:
        view.close()
    assert isinstance(signal.args[0], SignInCancelled)
    assert "closed" in signal.args[0].seen
    assert view.flow.finished


def test_nobody_signing_in_ends_in_a_timeout(qtbot: Any, server: DemoOrgServer) -> None:
    view, _target = _view(server, demo_ca=server.ca_path, timeout=1.0)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.failed, timeout=10_000) as signal:
        view.show()
    assert "No answer from Salesforce" in signal.args[0].seen
    view.close()


def test_importing_the_view_does_not_load_qtwebengine() -> None:
    """Start-up speed: QtWebEngine (~70 MB) is loaded when the view is first shown, not before."""
    code = ("import sys, wizard.ui.signin.consent_view; "
            "print(sorted(m for m in sys.modules if 'WebEngine' in m))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], check=True,
                         capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip() == "[]"


def test_without_a_keyring_the_admin_may_continue_for_the_session(qtbot: Any) -> None:
    from PySide6.QtCore import QTimer

    from wizard.salesforce.auth.errors import NoKeyring
    from wizard.ui.signin.keyring_prompt import SESSION_ONLY, ask_session_only, session_only_prompt

    error = NoKeyring("keyring.backends.fail.Keyring")
    box, button = session_only_prompt(error)
    qtbot.addWidget(box)
    assert "No usable system keyring" in box.text() and "never writes tokens to a file" in box.informativeText()
    assert button.text() == SESSION_ONLY

    def click_when_shown() -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, click_when_shown)
            return
        next(b for b in shown[0].buttons() if b.text() == SESSION_ONLY).click()

    QTimer.singleShot(0, click_when_shown)
    assert ask_session_only(error) is True
