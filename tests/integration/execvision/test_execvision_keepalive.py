"""SSH keepalives on the SFTP connection: the server hears from the wizard while the check is idle,
at the interval the timeout sets, and a server that vanished (no FIN, no RST: a NAT mapping that
died, a VPN that dropped) is noticed without a request waiting on it.

A TCP relay sits between the wizard and a real SFTP server (asyncssh in-process, and OpenSSH's
sshd when the tests run as root). It only forwards bytes and notes when they pass; the SSH
stream stays encrypted end to end, so what it sees is what a network sees. ``silent`` makes it
drop everything in both directions while keeping both connections open: a peer that vanished.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field

import pytest

from tests.support.execvision_sftp import (
    TEST_PASSWORD,
    TEST_USER,
    AsyncSshSftpServer,
    OpenSshSftpServer,
)
from wizard.providers.execvision.host_keys import HostKeyStore
from wizard.providers.execvision.sftp import (
    KEEPALIVE_COUNT,
    SftpProblem,
    SftpSecrets,
    SftpSession,
    SftpTarget,
    keepalive_seconds,
    open_sftp,
)

pytestmark = pytest.mark.timeout(120)

#: The check's timeout in these tests: the shortest that still gives keepalives every second.
TIMEOUT = 3.0
TO_SERVER, TO_WIZARD = "to the server", "to the wizard"


@dataclass
class Passage:
    """Bytes that went through the relay on one connection: (monotonic time, direction, how many)."""

    chunks: list[tuple[float, str, int]] = field(default_factory=list)

    def between(self, start: float, end: float, direction: str) -> list[float]:
        """When messages went one way between ``start`` and ``end``: chunks a few milliseconds apart are one message
        (a message may leave in more than one write)."""
        times = [t for t, d, _ in self.chunks if d == direction and start < t < end]
        return [b for a, b in itertools.pairwise([float("-inf"), *times]) if b - a > 0.05]


class Relay:
    """Forwards TCP between the wizard and ``upstream_port`` on 127.0.0.1, noting each chunk's time."""

    def __init__(self, upstream_port: int) -> None:
        self._upstream = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.connections: list[Passage] = []
        self.silent = threading.Event()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def __enter__(self) -> Relay:
        self._spawn(self._accept)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:  # shutdown wakes a thread blocked in accept() or recv(); close alone does not
            for sock in (self._listener, *self._sockets):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        for thread in self._threads:
            thread.join(5)

    def _spawn(self, target, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while True:
            try:
                wizard, _ = self._listener.accept()
            except OSError:  # the listener was closed: the test is over
                return
            server = socket.create_connection(("127.0.0.1", self._upstream))
            passage = Passage()
            with self._lock:
                self._sockets += [wizard, server]
                self.connections.append(passage)
            self._spawn(self._pump, wizard, server, TO_SERVER, passage)
            self._spawn(self._pump, server, wizard, TO_WIZARD, passage)

    def _pump(self, source: socket.socket, sink: socket.socket, direction: str, passage: Passage) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                with suppress(OSError):
                    sink.shutdown(socket.SHUT_WR)
                return
            passage.chunks.append((time.monotonic(), direction, len(data)))
            if self.silent.is_set():
                continue  # the peer vanished: nothing gets through, nothing is refused
            try:
                sink.sendall(data)
            except OSError:
                return


@dataclass
class Account:
    """A real SFTP server the relay forwards to, and how to sign in to it."""

    port: int
    user: str
    password: str
    fingerprint: str


@pytest.fixture(params=["asyncssh", "openssh"])
def account(request: pytest.FixtureRequest) -> Account:
    if request.param == "asyncssh":
        server: AsyncSshSftpServer = request.getfixturevalue("asyncssh_server")
        return Account(server.port, TEST_USER, TEST_PASSWORD, server.fingerprint)
    sshd: OpenSshSftpServer = request.getfixturevalue("sshd")  # skips, saying why, without sshd or root
    return Account(sshd.port, sshd.user, sshd.password, sshd.fingerprint)


@pytest.fixture
def relay(account: Account) -> Iterator[Relay]:
    with Relay(account.port) as forwarding:
        yield forwarding


@asynccontextmanager
async def signed_in(account: Account, relay: Relay) -> AsyncIterator[tuple[SftpSession, Passage]]:
    """An SFTP session through the relay, as the check opens it, that has listed ``data`` once."""
    target = SftpTarget("127.0.0.1", account.user, relay.port, timeout=TIMEOUT)
    async with open_sftp(target, SftpSecrets(password=account.password), HostKeyStore(), account.fingerprint) as session:
        await session.sftp.list_folder("data")
        yield session, relay.connections[-1]  # the first connection only fetched the host key


def test_the_server_hears_keepalives_while_the_check_is_idle(account: Account, relay: Relay) -> None:
    interval = keepalive_seconds(TIMEOUT)
    idle = 3.6 * interval

    async def pause() -> tuple[Passage, float, float]:
        async with signed_in(account, relay) as (_session, passage):
            quiet_from = time.monotonic()
            await asyncio.sleep(idle)  # the check sends no request: only keepalives may pass
            return passage, quiet_from, time.monotonic()

    passage, start, end = asyncio.run(pause())
    sent = passage.between(start, end, TO_SERVER)
    assert 2 <= len(sent) <= 4, f"expected a keepalive about every {interval:g} s during {idle:g} s of silence, saw {len(sent)}"
    assert sent[0] - start > 0.7 * interval  # the first only once the connection has been quiet for the interval
    gaps = [b - a for a, b in itertools.pairwise(sent)]
    assert all(abs(gap - interval) < 0.4 * interval for gap in gaps), gaps  # the interval the timeout sets, on the live connection
    answers = passage.between(start, end + 1, TO_WIZARD)
    assert all(any(0 <= a - s < interval for a in answers) for s in sent)  # each one answered: the server heard it


def test_a_server_that_vanished_is_noticed_while_the_check_is_idle(account: Account, relay: Relay) -> None:
    interval = keepalive_seconds(TIMEOUT)
    limit = (KEEPALIVE_COUNT + 1) * interval

    async def vanish() -> tuple[float, SftpProblem]:
        async with signed_in(account, relay) as (session, _passage):
            relay.silent.set()
            gone_at = time.monotonic()
            try:
                await asyncio.wait_for(session.conn.wait_closed(), limit + 2)
            except TimeoutError:
                pytest.fail(f"the connection stayed open {limit + 2:g} s after the server vanished: no keepalive noticed it")
            noticed = time.monotonic() - gone_at
            with pytest.raises(SftpProblem) as caught:
                await session.sftp.list_folder("data")
            return noticed, caught.value

    noticed, problem = asyncio.run(vanish())
    assert KEEPALIVE_COUNT * interval - 0.5 < noticed < limit + 1  # unanswered keepalives, not a single late one
    assert problem.kind == "connection-lost"
    assert "was lost while listing data, after signing in" in problem.observed
    assert problem.action.startswith("Try again")
