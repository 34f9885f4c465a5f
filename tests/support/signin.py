"""Plain helpers of the sign-in tests: the secrets scan, a browser on the demo org (and one whose
answer is slow to be used), a free port, the demo org's sign-in target, and a demo org whose user
may sign in but not use the API.

The keyring and folder fixtures (``memory_keyring``, ``wizard_dirs``) are in
`tests.support.isolation`, available to every test through tests/conftest.py.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests
import yaml

from tests.support.isolation import MEMORY_KEYRING

if TYPE_CHECKING:
    from wizard.salesforce.auth.signin import SignInTarget

#: MEMORY_KEYRING is passed on by the tests that run the CLI as a child process.
__all__ = ["MEMORY_KEYRING", "SlowAnswerBrowser", "acting_when", "demo_target", "files_containing", "free_port",
           "play_browser", "revoked_when", "texts_containing", "without_api_access"]


def files_containing(roots: Iterable[Path], secrets: Iterable[str]) -> list[str]:
    """'file: secret-kind' for every file under the roots that contains one of the secrets."""
    wanted = [s for s in secrets if s]
    found = []
    for root in roots:
        if not root.exists():
            continue
        for path in [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            found += [f"{path}: secret #{i}" for i, s in enumerate(wanted) if s.encode() in data]
    return found


def texts_containing(texts: Iterable[str], secrets: Iterable[str]) -> list[int]:
    """Indexes of the secrets that appear in any of the texts."""
    joined = "\n".join(texts)
    return [i for i, s in enumerate(secrets) if s and s in joined]


def play_browser(oauth: Any, url: str, *, username: str, password: str, allow: bool = True) -> requests.Response:
    """Be the admin's browser: open the sign-in URL, log in, answer the consent page, and follow
    Salesforce's redirect to the loopback address (where the wizard's listener answers).

    ``oauth`` is the ``demo_oauth(server)`` helper of tests/conftest.py (its browser session
    trusts the demo org's CA and keeps its cookies).
    """
    from tests.conftest import only_form

    page = oauth.browser.get(url, allow_redirects=False)
    if page.status_code == 200 and "username" in only_form(page.text).ids:
        page = oauth.submit(page, username=username, password=password)
    if page.status_code == 200 and "allow" in only_form(page.text).ids:
        page = oauth.submit(page, **({"allow": "Allow"} if allow else {"deny": "Deny"}))
    assert page.status_code == 302, f"expected the redirect to the wizard, got {page.status_code}: {page.text[:300]}"
    return requests.get(page.headers["Location"], timeout=30)


class SlowAnswerBrowser:
    """The admin's browser, on a thread of its own: it logs in and chooses Allow on the demo org, then
    brings Salesforce's answer to the wizard's loopback address with the demo org slowed by
    ``latency_ms``, so the wizard's exchange of the code is on its way for that long. `open` is the
    ``open_browser`` / ``open_url`` to hand the wizard; `answer` is the page the listener gave back."""

    def __init__(self, oauth: Any, server: Any, latency_ms: int) -> None:
        self.oauth = oauth
        self.server = server
        self.latency_ms = latency_ms
        self.answer: requests.Response | None = None
        self.thread: threading.Thread | None = None

    def open(self, url: str) -> bool:
        self.thread = threading.Thread(target=self._browse, args=(url,), daemon=True)
        self.thread.start()
        return True

    def finish(self, timeout: float = 60) -> requests.Response | None:
        """Wait until the listener has answered the browser (the exchange it made is over)."""
        if self.thread is not None:
            self.thread.join(timeout)
        return self.answer

    def _browse(self, url: str) -> None:
        from tests.conftest import only_form

        username, password = self.server.default_login
        page = self.oauth.browser.get(url, allow_redirects=False)
        if page.status_code == 200 and "username" in only_form(page.text).ids:
            page = self.oauth.submit(page, username=username, password=password)
        page = self.oauth.submit(page, allow="Allow")
        assert page.status_code == 302, page.text[:300]
        self.server.faults.set(latency_ms=self.latency_ms)
        self.answer = requests.get(page.headers["Location"], timeout=60)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_target(server: Any) -> SignInTarget:
    """The `SignInTarget` of the running demo org ``server``: its login host, the sign-in app on a
    free loopback port (tests run side by side), and its CA trusted, as the window's demo choice
    builds it. One place, so the tests that finish a sign-in themselves all sign in the same way."""
    from wizard.salesforce.auth.flow import OAuthClient
    from wizard.salesforce.auth.login_hosts import resolve_login_host
    from wizard.salesforce.auth.signin import SignInTarget

    return SignInTarget(resolve_login_host(server.instance_url, demo_mode=True), OAuthClient(port=free_port()),
                        ca_bundle=server.ca_bundle)


def sign_in_demo_alias(server: Any, oauth: Any, alias: str = "demo") -> None:
    """Save ``alias`` with a real loopback sign-in to the running demo org ``server`` (its own
    login, the consent page played by `play_browser`), as ``eci-wizard login`` does."""
    from wizard.salesforce.auth.connections import ConnectionStore
    from wizard.salesforce.auth.signin import sign_in_with_loopback
    from wizard.salesforce.auth.vault import KeyringVault

    username, password = server.default_login
    sign_in_with_loopback(demo_target(server), alias=alias, store=ConnectionStore(), vault=KeyringVault(), timeout=30,
                          open_url=lambda url: play_browser(oauth, url, username=username, password=password))


def without_api_access(folder: Path) -> Path:
    """The fresh demo org, its default user a Standard User whose profile lacks "API Enabled":
    the sign-in itself works, but every read of the preflight is refused. The scenario file is
    written to ``folder``; pass its path to the ``demo_org`` fixture."""
    from wizard.demo.scenario import scenario_path

    data = yaml.safe_load(scenario_path("fresh").read_text(encoding="utf-8"))
    next(p for p in data["profiles"] if p["name"] == "Standard User")["permissions"]["ApiEnabled"] = False
    next(u for u in data["users"] if u.get("default_login"))["profile"] = "Standard User"
    path = folder / "no-api.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def acting_when(ready: Callable[[], bool], act: Callable[[], None]) -> Iterator[None]:
    """While the block runs, call ``act()`` once as soon as ``ready()`` holds (watched every 5 ms on
    a thread): the world changes at a chosen moment of the code under test, as another program or
    an admin elsewhere would change it. The watch ends with the block, so it never acts on a later test."""
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if ready():
                act()
                return
            time.sleep(0.005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join(5)


@contextmanager
def revoked_when(server: Any, ready: Callable[[], bool], *, end_session: bool = False) -> Iterator[None]:
    """Revoke the demo org's one refresh token as soon as ``ready()`` holds (watched every 5 ms on a
    thread), as a logout elsewhere or an admin in Setup would; `end_session` ends the access token
    too, so the very next request must renew it. Set latency on the server so the moment is not missed."""
    (refresh_token,) = list(server.org.refresh_tokens)

    def revoke() -> None:
        server.org.revoke_token(refresh_token)
        if end_session:
            server.faults.set(session_expires_after=0)

    with acting_when(ready, revoke):
        yield
