"""Stopping a sign-in: the page says plainly what happened, and a stop after Allow keeps nothing.

Once Allow is chosen the code is exchanged and the sign-in saved on a worker that can't be
interrupted. Cancel, Esc or closing the window then must not leave a live grant in the keyring
and an alias in the connections file while the page says "nothing was saved": the wizard lets
the worker end, revokes the grant at Salesforce and puts back what was there before.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.memory_keyring import MemoryKeyring
from tests.ui.sign_in_page_support import open_demo_login_form, shot
from tests.ui.wizard_support import PAGE_TIMEOUT_MS, allow, log_in, open_demo_sign_in, signed_in
from wizard.salesforce.auth.connections import ConnectionStore

TAKE_BACK_MS = 60_000


def _revoked(server: Any) -> bool:
    return any(e.path.endswith("/services/oauth2/revoke") for e in server.log.entries())


def _stop_after_allow(qtbot: Any, window: Any, server: Any, *, when: str, how: str) -> Any:
    """Log in, choose Allow on a slow org, and stop while the code is exchanged or the sign-in saved."""
    view = open_demo_sign_in(qtbot, window)
    log_in(qtbot, view, server)
    seen_before = len(server.log.entries())
    server.faults.set(latency_ms=1500)
    allow(qtbot, view)
    qtbot.waitUntil(lambda: "finishing" in view.status.text(), timeout=PAGE_TIMEOUT_MS)
    if when == "exchanging":
        qtbot.wait(400)
    else:  # the code is exchanged and the preflight reads the org; the sign-in is saved when it ends
        qtbot.waitUntil(lambda: any(e.path == "/services/data/" for e in server.log.entries()[seen_before:]),
                        timeout=PAGE_TIMEOUT_MS)
    if how == "cancel":
        view.cancel_button.click()
        assert view.stopping and not view.cancel_button.isEnabled()
        assert "Stopping the sign-in" in view.status.text()
        shot(window, f"stopped_after_allow_{when}_stopping")
    else:
        window.close()
    server.faults.clear()
    return view


@pytest.mark.parametrize(("when", "how"), [("exchanging", "cancel"), ("saving", "cancel"), ("saving", "close_window")])
def test_stopping_after_allow_revokes_the_sign_in_and_says_so(qtbot: Any, demo_org: Any, make_window: Any,
                                                             when: str, how: str) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    page = window.sign_in
    _stop_after_allow(qtbot, window, server, when=when, how=how)

    qtbot.waitUntil(lambda: _revoked(server) and ConnectionStore().all() == [] and not MemoryKeyring._store,
                    timeout=TAKE_BACK_MS)
    assert server.org.refresh_tokens == {}  # no grant left alive at Salesforce
    assert window.controller.signed is None
    if how == "cancel":
        qtbot.waitUntil(lambda: page.consent is None, timeout=TAKE_BACK_MS)
        said = page.outcome.text()
        assert page.outcome.isVisible() and not page.notice.isVisible()  # the admin's own choice, not a problem
        assert "The sign-in was cancelled." in said
        assert "Salesforce had already signed you in" in said and "revoked" in said
        assert "Nothing was saved" not in said and "Expected:" not in said
        assert page.sign_in_button.isEnabled()
        shot(window, f"stopped_after_allow_{when}_said")


def test_cancelling_a_second_sign_in_after_allow_keeps_the_first(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """Signed in, then "Sign in again" as the same user, cancelled after Allow: the first sign-in still works."""
    server, window = signed_in(qtbot, demo_org, make_window)
    first = ConnectionStore().get("demo")
    first_token = dict(MemoryKeyring._store)
    assert len(first_token) == 1

    _stop_after_allow(qtbot, window, server, when="saving", how="cancel")
    qtbot.waitUntil(lambda: window.sign_in.consent is None, timeout=TAKE_BACK_MS)

    assert ConnectionStore().all() == [first]
    assert MemoryKeyring._store == first_token
    assert next(iter(first_token.values())) in server.org.refresh_tokens  # still accepted by Salesforce
    assert len(server.org.refresh_tokens) == 1  # the new one was revoked
    assert window.controller.signed is not None and window.controller.signed.saved == first
    # Connecting with the saved sign-in works.
    page = window.sign_in
    page.refresh()
    page.saved_radio.setChecked(True)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: not window.controller.tasks.is_running("reconnect"), timeout=PAGE_TIMEOUT_MS)
    assert not page.notice.isVisible(), page.notice.text.text()


def test_cancel_before_allow_is_said_plainly_not_as_a_problem(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = make_window(server)
    page = window.sign_in
    view = open_demo_login_form(qtbot, window)
    view.cancel_button.click()
    qtbot.waitUntil(lambda: page.consent is None, timeout=PAGE_TIMEOUT_MS)
    shot(window, "cancelled_before_allow")
    assert not page.notice.isVisible()
    assert page.outcome.isVisible()
    assert page.outcome.text() == "The sign-in was cancelled. Nothing was saved. Press Sign in when you are ready."
    assert ConnectionStore().all() == [] and not MemoryKeyring._store
