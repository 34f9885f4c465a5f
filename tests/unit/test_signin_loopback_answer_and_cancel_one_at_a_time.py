"""The loopback listener takes an answer and a cancel (or the end of the wait) one at a time.

The listener exchanges the code on its own thread as soon as the browser brings Salesforce's
answer. A cancel or a time-out that came while that exchange was on its way used to end the wait
at once and drop whatever the exchange made: a grant alive at Salesforce that nothing could revoke.
Now the wait returns what the exchange made (the caller, who knows it stopped, takes it back), an
answer arriving after a cancel is turned away unused, and the browser's page says which happened.
The exchange here is the test's own slow answer handler; a real HTTP client plays the browser.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import requests

from wizard.salesforce.auth.errors import SignInCancelled
from wizard.salesforce.auth.loopback import LoopbackListener

GRANT = "the grant the exchange made"


@pytest.fixture
def port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SlowExchange:
    """An answer handler that holds on until `release`: the exchange of the code, on its way."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.go_on = threading.Event()
        self.calls = 0

    def __call__(self, url: str) -> str:
        self.calls += 1
        self.started.set()
        assert self.go_on.wait(10)
        return GRANT

    def release(self) -> None:
        self.go_on.set()


@contextmanager
def browser_answer(port: int) -> Iterator[Callable[[], requests.Response]]:
    """The browser bringing the answer on a thread; the block gets a function for the page it was given."""
    pages: list[requests.Response] = []
    thread = threading.Thread(target=lambda: pages.append(requests.get(
        f"http://localhost:{port}/OauthRedirect", params={"code": "c", "state": "s"}, timeout=10)), daemon=True)
    thread.start()

    def page() -> requests.Response:
        thread.join(10)
        return pages[0]

    yield page
    thread.join(10)


def test_a_cancel_while_the_code_is_exchanged_hands_the_grant_over(port: int) -> None:
    exchange = SlowExchange()
    with LoopbackListener(port, on_redirect=exchange) as listener, browser_answer(port) as page:
        assert exchange.started.wait(10)
        listener.cancel()
        assert not listener.done  # the exchange is let finish
        exchange.release()
        assert listener.wait(5) == GRANT  # for the caller to take back
        assert listener.cancelled
        answer = page()
    assert answer.status_code == 200
    assert "This sign-in was cancelled" in answer.text and "takes back the sign-in" in answer.text


def test_the_end_of_the_wait_during_an_exchange_waits_for_it(port: int) -> None:
    exchange = SlowExchange()
    with LoopbackListener(port, on_redirect=exchange) as listener, browser_answer(port) as page:
        assert exchange.started.wait(10)
        threading.Timer(0.3, exchange.release).start()
        assert listener.wait(0.1) == GRANT  # the admin did sign in in time
        assert page().status_code == 200 and "close this tab and return to the ECI Setup Wizard" in page().text


def test_an_answer_after_a_cancel_is_turned_away_unused(port: int) -> None:
    exchange = SlowExchange()
    exchange.release()
    with LoopbackListener(port, on_redirect=exchange) as listener:
        listener.cancel()
        with browser_answer(port) as page:
            answer = page()
        with pytest.raises(SignInCancelled):
            listener.wait(1)
    assert exchange.calls == 0
    assert answer.status_code == 409
    assert "This sign-in was cancelled" in answer.text and "nothing of it was kept" in answer.text


def test_abandon_returns_what_an_exchange_under_way_made_and_nothing_otherwise(port: int) -> None:
    exchange = SlowExchange()
    with LoopbackListener(port, on_redirect=exchange) as listener, browser_answer(port):
        assert exchange.started.wait(10)
        threading.Timer(0.2, exchange.release).start()
        assert listener.abandon() == GRANT
    with LoopbackListener(port, on_redirect=SlowExchange()) as idle:
        assert idle.abandon() is None
