"""When the sign-in ends: revoked during a check, signed out in the window, or its keyring out of reach.

The real window signs in to the demo org through the embedded consent view; the demo org's own
revoke endpoint ends the grant, as a logout elsewhere (or an admin in Setup) would.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from tests.support.memory_keyring import MemoryKeyring
from tests.ui.wizard_support import sign_in_demo, signed_in, wait_checked
from wizard.demo.server import DemoOrgServer

PAGE = "aircall-named-credential"
ROW = "aircall-nc.password"  # a manual step: "I've done this"


def revoke_every_refresh_token(server: DemoOrgServer, demo_http: Any) -> None:
    """End the sign-in at Salesforce, through its revoke endpoint (a logout somewhere else)."""
    http = demo_http(server)
    for token in list(MemoryKeyring._store.values()):
        assert http.post(server.instance_url + "/services/oauth2/revoke", data={"token": token}).status_code == 200


def on_the_page_with_a_confirmation(qtbot: Any, demo_org: Any, make_window: Any) -> tuple[DemoOrgServer, Any]:
    """(server, window): a window signed in to a new demo org, on the Aircall named-credential page,
    one step confirmed."""
    server, window = signed_in(qtbot, demo_org, make_window, page_id=PAGE)
    window.guide_pages[PAGE].row(ROW).done_button.click()
    return server, window


def wait_reconnected(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.controller.tasks.is_running("reconnect"), timeout=30_000)


def sign_in_step(window: Any) -> str:
    """The sign-in line of the step list, as the admin reads it."""
    return next(line for step, _title, line, _status in window.steps.entries() if step == "sign-in")


def test_a_sign_in_revoked_during_a_check_is_one_notice_and_the_window_signs_out_keeping_the_results(
        qtbot: Any, demo_org: Any, make_window: Any, demo_http: Any) -> None:
    server, window = on_the_page_with_a_confirmation(qtbot, demo_org, make_window)
    c = window.controller
    page = window.guide_pages[PAGE]
    before = {r.check_id: (r.status, r.observed) for r in c.results(PAGE)}

    revoke_every_refresh_token(server, demo_http)
    server.faults.set(session_expires_after=0)  # the access token ends too: the next read must renew it
    window.check_current()
    wait_checked(qtbot, window)

    said = page.notice.text.text()
    assert said.startswith("Your sign-in to Acme Demo has ended (revoked or expired)"), said
    assert "Sign in again on the Sign in page" in said and "your confirmations and earlier results are kept" in said
    assert "could not make sense" not in said and "eci-wizard" not in said
    # One notice for the whole check; the rows keep what the last complete check found.
    assert {r.check_id: (r.status, r.observed) for r in c.results(PAGE)} == before
    assert not any("could not make sense" in row.observed.text() + row.message.text() for row in page.rows)
    # Treated as signed out: nothing says "Connected" any more.
    assert c.signed is None and not c.flow.signed_in
    assert sign_in_step(window) == "○ Not signed in"
    c.go("sign-in")
    assert window.sign_in.connected.text() == "" and not window.sign_in.sign_out_button.isVisibleTo(window)
    assert window.sign_in.notice.text.text() == said  # waiting where the admin signs in again

    server.faults.clear()
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    assert c.flow.current == f"page:{PAGE}"  # back on the page the admin was on
    confirmed = next(r for r in c.results(PAGE) if r.check_id == ROW)
    assert confirmed.observed.startswith("confirmed by admin@acme-demo.example")


def test_signing_out_lasts_when_the_window_opens_again(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, first = signed_in(qtbot, demo_org, make_window)
    first.sign_in.sign_out_button.click()
    said = first.sign_in.notice.text.text()
    assert said.startswith("Signed out of Acme Demo: the wizard will not reconnect to it, now or when it opens "
                           "again."), said
    assert "stays in the system keyring" in said and "An org I signed in to before" in said
    first.close()

    second = make_window(server)
    qtbot.wait(300)
    wait_reconnected(qtbot, second)
    assert second.controller.signed is None and second.controller.flow.current == "sign-in"
    assert sign_in_step(second) == "○ Not signed in"
    second.sign_in.entered()  # the saved sign-in is still offered, for when the admin wants it
    assert second.sign_in.saved.currentText() == "demo — Acme Demo (PRODUCTION)"


def test_signing_out_during_a_check_does_not_speak_of_results_that_are_not_shown(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window = signed_in(qtbot, demo_org, make_window)
    c = window.controller
    server.faults.set(latency_ms=300)
    c.check(None)
    assert c.tasks.is_running("check")
    c.go("sign-in")
    window.sign_in.sign_out_button.click()
    said = window.statusBar().currentMessage()
    assert "results shown" not in said and said.startswith("Signed out of Acme Demo"), said
    assert sum(len(v) for v in c.flow.results.values()) == 0


def test_a_revoked_saved_sign_in_is_told_once_with_the_windows_way_back_in(
        qtbot: Any, demo_org: Any, make_window: Any, demo_http: Any) -> None:
    server, first = on_the_page_with_a_confirmation(qtbot, demo_org, make_window)
    first.close()
    revoke_every_refresh_token(server, demo_http)

    second = make_window(server)
    wait_reconnected(qtbot, second)
    said = second.sign_in.notice.text.text()
    assert said == ("The saved sign-in for 'demo' no longer works: Salesforce refused the refresh (invalid_grant: "
                    "expired access/refresh token). Sign in again on the Sign in page (the built-in demo org)."), said

    second.sign_in.saved_radio.setChecked(True)  # the admin tries the saved org anyway
    second.sign_in.sign_in_button.click()
    wait_reconnected(qtbot, second)
    connect = second.sign_in.notice.text.text()
    assert "no longer works" in connect and "eci-wizard" not in connect and "choose the org" not in connect

    sign_in_demo(qtbot, second, server)
    wait_checked(qtbot, second)
    assert second.controller.flow.current == f"page:{PAGE}"


@pytest.fixture
def keyring_out_of_reach(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """From now on no keyring answers (as in a session without a desktop); the memory one is put back after."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(MemoryKeyring())


def test_a_saved_sign_in_without_a_keyring_says_the_keyring_is_out_of_reach(
        qtbot: Any, demo_org: Any, make_window: Any, request: pytest.FixtureRequest) -> None:
    server, first = signed_in(qtbot, demo_org, make_window)
    first.close()
    request.getfixturevalue("keyring_out_of_reach")

    second = make_window(server)
    wait_reconnected(qtbot, second)
    said = second.sign_in.notice.text.text()
    assert said.startswith("The saved sign-in for 'demo' is kept in the system keyring, and this session has none"), said
    assert "no refresh token" not in said and "eci-wizard" not in said
    assert "Start and unlock the system keyring, then open the wizard again" in said

    second.sign_in.saved_radio.setChecked(True)
    second.sign_in.sign_in_button.click()
    wait_reconnected(qtbot, second)
    connect = second.sign_in.notice.text.text()
    assert "this session has none the wizard can use" in connect and "no refresh token" not in connect
    assert "eci-wizard" not in connect and "--instance-url" not in connect
    assert second.controller.signed is None


def test_open_in_salesforce_after_the_sign_in_ended_signs_the_window_out_as_a_check_does(
        qtbot: Any, demo_org: Any, make_window: Any, demo_http: Any) -> None:
    server, window = on_the_page_with_a_confirmation(qtbot, demo_org, make_window)
    c = window.controller
    page = window.guide_pages[PAGE]
    revoke_every_refresh_token(server, demo_http)
    server.faults.set(session_expires_after=0)  # the Setup link must renew the session first
    page.open_button.click()
    qtbot.waitUntil(lambda: not c.tasks.is_running("open-setup"), timeout=60_000)
    said = page.notice.text.text()
    assert said.startswith("Your sign-in to Acme Demo has ended (revoked or expired)"), said
    assert "eci-wizard" not in said
    assert c.signed is None and sign_in_step(window) == "○ Not signed in"
    assert window.browser is None  # nothing was opened
