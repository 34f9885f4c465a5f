"""A demo SFTP account for the ExecVision guide: an asyncssh server in this process, on loopback.

Demo mode starts it beside the demo org so a newcomer can walk the delivery checks without an
ExecVision account. The guide has two cases, so there are two password accounts (one password),
each chrooted in its own temporary upload folder with sample recordings (`demo_folder`), good and
bad: a homegrown dialer's (the ``data`` subdirectory) and a Five9 push account's (the
``recording`` subdirectory, names in the demo's example layout). The host key is new
for every start, so the admin sees the fingerprint question exactly as with a real server. The
server runs its own event loop on a daemon thread and is stopped (and its folder removed) with
`stop`; it listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets as _random
import shutil
import tempfile
import threading
from pathlib import Path

import asyncssh

from .demo_folder import FIVE9_DEMO_LAYOUT, write_demo_folder, write_five9_demo_folder

DEMO_USER = "acme-execvision-demo"
DEMO_FIVE9_USER = "acme-five9-demo"
START_TIMEOUT = 15.0


class _Account(asyncssh.SSHServer):
    """Password sign-in for the demo accounts (one password for both)."""

    def __init__(self, usernames: tuple[str, ...], password: str) -> None:
        self._usernames = usernames
        self._password = password

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return username in self._usernames and _random.compare_digest(password, self._password)


class DemoSftpServer:
    """The demo SFTP server; ``with DemoSftpServer() as server:`` or `start` / `stop`."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.username = DEMO_USER  # the homegrown dialer's account
        self.five9_username = DEMO_FIVE9_USER
        self.five9_layout = FIVE9_DEMO_LAYOUT
        self.password = "demo-" + _random.token_urlsafe(12)
        self.root = Path(tempfile.mkdtemp(prefix="eci-execvision-demo-"))
        self._roots = {DEMO_USER: self.root / "homegrown", DEMO_FIVE9_USER: self.root / "five9"}
        #: {file: rules it breaks} for each sample folder (what a check in its case should find).
        self.expected = write_demo_folder(self._roots[DEMO_USER])
        self.five9_expected = write_five9_demo_folder(self._roots[DEMO_FIVE9_USER])
        self.host_key = asyncssh.generate_private_key("ssh-ed25519")
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="execvision-demo-sftp", daemon=True)
        self._server: asyncssh.SSHAcceptor | None = None

    def start(self) -> DemoSftpServer:
        self._thread.start()
        try:
            self._server = asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(START_TIMEOUT)
        except BaseException:
            self.stop()
            raise
        return self

    async def _listen(self) -> asyncssh.SSHAcceptor:
        def sftp(chan: asyncssh.SSHServerChannel) -> asyncssh.SFTPServer:
            return asyncssh.SFTPServer(chan, chroot=str(self._roots[chan.get_extra_info("username")]).encode())

        return await asyncssh.listen(
            self.host, 0, server_host_keys=[self.host_key],
            server_factory=lambda: _Account(tuple(self._roots), self.password),
            sftp_factory=sftp,
        )

    @property
    def port(self) -> int:
        assert self._server is not None, "the demo SFTP server is not running"
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def fingerprint(self) -> str:
        """The SHA256 fingerprint the admin is asked to accept."""
        return self.host_key.get_fingerprint("sha256")

    @property
    def data(self) -> Path:
        """The homegrown account's data subdirectory."""
        return self._roots[DEMO_USER] / "data"

    def username_for(self, dialer: str) -> str:
        """The demo account of the guide's case: Five9, or a homegrown dialer."""
        return self.five9_username if dialer == "five9" else self.username

    def stop(self) -> None:
        if self._server is not None:
            server, self._server = self._server, None

            async def close() -> None:
                server.close()
                await server.wait_closed()

            with contextlib.suppress(TimeoutError, RuntimeError):  # already closing: nothing to wait for
                asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
        if not self._loop.is_running() and not self._loop.is_closed():
            self._loop.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> DemoSftpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
