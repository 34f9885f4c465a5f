"""Cancel pressed the very moment Salesforce's answer arrives: the sign-in is finished or taken back, never lost.

The answer reaches the wizard in the embedded pages or, through the system browser, at the
loopback listener, which exchanges the code on its own thread. A Cancel while that exchange is
on its way, or just after it returned and before the sign-in is saved, must end in one of two
ways only: the sign-in finished and kept, or its grant revoked at Salesforce with nothing saved,
and the page saying which. Each moment is reached on the demo org over HTTPS: its token endpoint
is slowed (latency), and Cancel is pressed when the demo org's own state shows the moment (no
token issued yet while the code's verifier is taken; a token issued and nothing saved yet).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support import signin as support
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.sign_in_page_support import shot
from tests.ui.wizard_support import PAGE_TIMEOUT_MS, allow, log_in, open_demo_sign_in
from wizard.salesforce.auth.connections import ConnectionStore
from wizard.salesforce.auth.signin import finish_sign_in
from wizard.salesforce.auth.vault import KeyringVault
from wizard.ui.signin.consent_view import ConsentView
from wizard.ui.signin.take_back import SignInTakenBack, TakeBack

SLOW_MS = 2500  # the token endpoint's answer takes this long: Cancel is pressed well inside it
TAKE_BACK_MS = 60_000
TAKEN_BACK = ("The sign-in was cancelled. Salesforce had already signed you in, so the wizard revoked that sign-in at "
              "Salesforce and removed what it had saved: nothing of it is kept.")


def _revoked(server: Any) -> bool:
    return any(e.path.endswith("/services/oauth2/revoke") for e in server.log.entries())


def _nothing_left(server: Any) -> bool:
    """No grant alive at the demo org, a revocation asked for, and nothing kept on this computer."""
    return (_revoked(server) and not server.org.refresh_tokens and ConnectionStore().all() == []
            and not MemoryKeyring._store)


def _token_in_flight(view: Any, server: Any) -> Callable[[], bool]:
    """The code and its verifier are taken for the exchange, and the demo org has issued nothing yet."""
    return lambda: view.flow.finished and not server.org.refresh_tokens and not server.org.sessions


def _exchanged_not_saved(server: Any) -> Callable[[], bool]:
    """The demo org has issued the grant, and nothing of it is saved on this computer yet."""
    return lambda: bool(server.org.refresh_tokens) and not MemoryKeyring._store and ConnectionStore().all() == []


# -- the embedded pages, through the sign-in page -----------------------------------------------------
@pytest.mark.parametrize("moment", ["token_in_flight", "exchanged_not_saved"])
def test_cancel_as_the_embedded_answer_arrives_revokes_the_grant_and_says_so(qtbot: Any, demo_org: Any,
                                                                            make_window: Any, moment: str) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    page = window.sign_in
    view = open_demo_sign_in(qtbot, window)
    log_in(qtbot, view, server)
    server.faults.set(latency_ms=SLOW_MS)
    allow(qtbot, view)
    ready = _token_in_flight(view, server) if moment == "token_in_flight" else _exchanged_not_saved(server)
    qtbot.waitUntil(ready, timeout=PAGE_TIMEOUT_MS)
    view.cancel_button.click()
    assert view.stopping
    server.faults.clear()

    qtbot.waitUntil(lambda: page.consent is None, timeout=TAKE_BACK_MS)
    shot(window, f"cancelled_as_the_answer_arrives_{moment}")
    assert server.org.refresh_tokens == {}, "the grant of the cancelled sign-in is still alive at the demo org"
    assert _nothing_left(server)
    assert window.controller.signed is None
    assert page.outcome.isVisible() and not page.notice.isVisible()
    assert page.outcome.text() == f"{TAKEN_BACK} Press Sign in when you are ready."


# -- the system browser, its answer at the loopback listener -----------------------------------------------
def _browser_sign_in(qtbot: Any, server: Any, browser: support.SlowAnswerBrowser) -> tuple[ConsentView, list[Any], list[Any]]:
    """The consent view started in the system browser, finishing and taking back as the sign-in page
    builds it (the keyring and the connections file kept, `TakeBack` remembering first)."""
    target = support.demo_target(server)
    store, vault = ConnectionStore(), KeyringVault()
    take_back = TakeBack(login_url=target.login_host.url, client_id=target.client.client_id,
                         ca_bundle=target.ca_bundle, store=store, vault=vault)

    def done(grant: Any) -> Any:
        take_back.remember(grant)
        return finish_sign_in(grant, alias="demo", target=target, store=store, vault=vault)

    view = ConsentView(target.new_flow(), finish=done, take_back=take_back, demo_ca=server.ca_path, timeout=120.0,
                       open_browser=browser.open, in_browser=True)
    succeeded: list[Any] = []
    failed: list[Any] = []
    view.succeeded.connect(succeeded.append)
    view.failed.connect(failed.append)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    return view, succeeded, failed


@pytest.mark.parametrize("moment", ["token_in_flight", "exchanged_not_saved"])
def test_cancel_as_the_browsers_answer_is_exchanged_revokes_the_grant_and_says_so(
        qtbot: Any, demo_org: Any, demo_oauth: Any, memory_keyring: type, wizard_dirs: Any, moment: str) -> None:
    server = demo_org("fresh")
    browser = support.SlowAnswerBrowser(demo_oauth(server), server, SLOW_MS)
    view, succeeded, failed = _browser_sign_in(qtbot, server, browser)
    ready = _token_in_flight(view, server) if moment == "token_in_flight" else _exchanged_not_saved(server)
    qtbot.waitUntil(ready, timeout=PAGE_TIMEOUT_MS)
    view.cancel_button.click()
    assert view.stopping and "Stopping the sign-in" in view.status.text()
    server.faults.clear()

    qtbot.waitUntil(lambda: bool(failed or succeeded), timeout=TAKE_BACK_MS)
    shot(view, f"browser_cancelled_as_the_answer_arrives_{moment}")
    answer = browser.finish()  # the listener has answered the browser: its exchange is over
    assert server.org.refresh_tokens == {}, "the grant of the cancelled sign-in is still alive at the demo org"
    assert _nothing_left(server)
    assert succeeded == []
    assert isinstance(failed[0], SignInTakenBack), failed[0].message
    assert view.status.text() == TAKEN_BACK
    assert answer is not None and answer.status_code == 200
    if moment == "token_in_flight":  # the browser is told the truth: the sign-in it brought is taken back
        assert "This sign-in was cancelled" in answer.text and "takes back" in answer.text


def test_without_a_cancel_the_browsers_slow_answer_signs_in_and_is_kept(qtbot: Any, demo_org: Any, demo_oauth: Any,
                                                                         memory_keyring: type, wizard_dirs: Any) -> None:
    """The other end of every interleaving: no Cancel, and the slow sign-in finishes fully."""
    server = demo_org("fresh")
    browser = support.SlowAnswerBrowser(demo_oauth(server), server, SLOW_MS)
    view, succeeded, failed = _browser_sign_in(qtbot, server, browser)
    qtbot.waitUntil(_token_in_flight(view, server), timeout=PAGE_TIMEOUT_MS)
    server.faults.clear()
    qtbot.waitUntil(lambda: bool(failed or succeeded), timeout=TAKE_BACK_MS)
    assert failed == [] and view.status.text() == "Signed in."
    saved = ConnectionStore().get("demo")
    token = KeyringVault().load(saved.org_id, saved.user_id)
    assert token and token in server.org.refresh_tokens and not _revoked(server)
    view.close()
