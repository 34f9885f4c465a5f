"""The loopback listener, driven by a real HTTP client playing the browser."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
import requests

from wizard.salesforce.auth.errors import PortBusy, SignInCancelled, SignInTimeout, StateMismatch
from wizard.salesforce.auth.flow import AuthorizationFlow, OAuthClient
from wizard.salesforce.auth.login_hosts import production
from wizard.salesforce.auth.loopback import LoopbackListener, check_port_free
from wizard.salesforce.http import make_session


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def occupied() -> Iterator[int]:
    """A port another program is listening on (as the Salesforce CLI would during its login)."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_a_busy_port_is_reported_with_the_port_and_what_to_do(occupied: int) -> None:
    with pytest.raises(PortBusy) as caught:
        LoopbackListener(occupied, port_option="--port").start()  # as `eci-wizard login` listens
    error = caught.value
    assert error.port == occupied
    assert f"Port {occupied}" in error.seen and "already in use" in error.seen
    assert "--port" in error.todo and "Salesforce CLI" in error.todo
    with pytest.raises(PortBusy) as caught:  # as the window listens: it has no port to choose
        LoopbackListener(occupied).start()
    assert "--port" not in caught.value.message and "Salesforce CLI" in caught.value.todo
    with pytest.raises(PortBusy):
        check_port_free(occupied)


def test_the_port_is_free_again_after_the_listener_stops(port: int) -> None:
    with LoopbackListener(port), pytest.raises(PortBusy):
        LoopbackListener(port).start()
    check_port_free(port)


def _flow(port: int) -> AuthorizationFlow:
    return AuthorizationFlow(production(), OAuthClient(port=port), session=make_session())


def test_the_redirect_reaches_the_flow_and_the_browser_gets_a_closing_page(port: int) -> None:
    flow = _flow(port)
    with LoopbackListener(port, on_redirect=flow.code_from_redirect) as listener:
        answer = requests.get(f"http://localhost:{port}/OauthRedirect",
                              params={"code": "aPrxTHECODE", "state": flow.state}, timeout=5)
        assert listener.wait(5) == "aPrxTHECODE"
    assert answer.status_code == 200
    assert "close this tab" in answer.text
    assert "aPrxTHECODE" not in answer.text
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_wrong_state_ends_the_wait_and_the_page_says_why(port: int) -> None:
    flow = _flow(port)
    with LoopbackListener(port, on_redirect=flow.code_from_redirect) as listener:
        answer = requests.get(f"http://127.0.0.1:{port}/OauthRedirect",
                              params={"code": "x", "state": "forged"}, timeout=5)
        with pytest.raises(StateMismatch):
            listener.wait(5)
    assert answer.status_code == 400
    assert "does not belong to this sign-in" in answer.text


def test_other_paths_and_methods_are_refused_and_the_wait_goes_on(port: int) -> None:
    flow = _flow(port)
    with LoopbackListener(port, on_redirect=flow.code_from_redirect) as listener:
        assert requests.get(f"http://localhost:{port}/favicon.ico", timeout=5).status_code == 404
        assert requests.post(f"http://localhost:{port}/OauthRedirect", data={"code": "x"}, timeout=5).status_code == 405
        assert not listener.done
        requests.get(f"http://localhost:{port}/OauthRedirect", params={"code": "c", "state": flow.state}, timeout=5)
        assert listener.wait(5) == "c"
        late = requests.get(f"http://localhost:{port}/OauthRedirect", params={"code": "d", "state": flow.state}, timeout=5)
        assert late.status_code == 409


def test_nobody_signing_in_ends_in_a_timeout(port: int) -> None:
    with LoopbackListener(port) as listener, pytest.raises(SignInTimeout) as caught:
        listener.wait(0.2)
    assert "within 0 seconds" in caught.value.seen or "seconds" in caught.value.seen


def test_cancel_ends_the_wait(port: int) -> None:
    with LoopbackListener(port) as listener:
        threading.Timer(0.1, listener.cancel).start()
        with pytest.raises(SignInCancelled):
            listener.wait(5)
