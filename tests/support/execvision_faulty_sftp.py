"""A real asyncssh SFTP server that signs the account in, then misbehaves in one chosen way.

The faults are the ones a customer's or ExecVision's server shows after sign-in: it falls silent
in the middle of a listing or a read (an overloaded appliance, a NAT mapping that died), drops the
connection while listing, or answers a listing with a bare "Failure". `Fault.reached` is set when
the faulty request arrives (a test waits on it before pressing Cancel or Ctrl-C) and
`Fault.closed` when a signed-in client's connection has ended on the server's side (so a test can
tell a check that really stopped from one that was only hidden). A silent request waits until
then, and the server waits for it before it stops, so no server task outlives its connection.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import asyncssh

from tests.support.execvision_sftp import AsyncSshSftpServer, _Accounts

#: Faults: "silent-listing", "silent-reading" (opening a metadata file), "drop-listing", "fail-listing"; "none"
#: behaves, taking every path as bytes as OpenSSH does (a name that is not UTF-8 is read like any other).
FAULTS = ("silent-listing", "silent-reading", "drop-listing", "fail-listing", "none")


class Fault:
    """What the server does wrong in the ``data`` folder, and what a test can wait on."""

    def __init__(self, kind: str) -> None:
        assert kind in FAULTS, kind
        self.kind = kind
        self.reached = threading.Event()
        self.signed_in = threading.Event()
        self.closed = threading.Event()

    async def stay_silent(self) -> None:
        while not self.closed.is_set():
            await asyncio.sleep(0.05)


class _Watched(_Accounts):
    def __init__(self, passwords: dict[str, str], keys: dict[str, list[asyncssh.SSHKey]], fault: Fault) -> None:
        super().__init__(passwords, keys)
        self._fault = fault

    def auth_completed(self) -> None:
        self._signed_in = True
        self._fault.signed_in.set()

    def connection_lost(self, exc: Exception | None) -> None:
        if getattr(self, "_signed_in", False):  # not the host-key lookup's own short connection before sign-in
            self._fault.closed.set()


class _FaultySftp(asyncssh.SFTPServer):
    def __init__(self, chan: asyncssh.SSHServerChannel, root: Path, fault: Fault) -> None:
        super().__init__(chan, chroot=str(root).encode())
        self._fault = fault

    async def scandir(self, path: bytes):  # type: ignore[override]
        if path.rstrip(b"/").endswith(b"data") and self._fault.kind.endswith("-listing"):
            self._fault.reached.set()
            if self._fault.kind == "silent-listing":
                await self._fault.stay_silent()
                return
            if self._fault.kind == "drop-listing":
                self.channel.get_connection().abort()
            raise asyncssh.SFTPFailure("Failure")
        async for entry in super().scandir(path):
            yield entry

    async def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs):  # type: ignore[override]
        if self._fault.kind == "silent-reading" and path.endswith(b".json"):
            self._fault.reached.set()
            await self._fault.stay_silent()
            raise asyncssh.SFTPFailure("Failure")
        return super().open(path, pflags, attrs)


async def _end_sessions() -> None:
    rest = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in rest:
        task.cancel()
    await asyncio.gather(*rest, return_exceptions=True)


class FaultySftpServer(AsyncSshSftpServer):
    """`AsyncSshSftpServer` with one `Fault` after sign-in."""

    def __init__(self, root: Path, fault: Fault, **kw: object) -> None:
        super().__init__(root, **kw)  # type: ignore[arg-type]
        self.fault = fault

    def stop(self) -> None:
        if self.fault.signed_in.is_set():  # let the server see the client's goodbye before its loop stops
            self.fault.closed.wait(3)
        if self._thread.is_alive():
            # A session that was busy in a silent request when its client left is not wound up by asyncssh:
            # end it here, or its task is reported as destroyed while pending when the loop goes.
            asyncio.run_coroutine_threadsafe(_end_sessions(), self._loop).result(5)
        super().stop()

    async def _listen(self) -> asyncssh.SSHAcceptor:
        return await asyncssh.listen(
            "127.0.0.1", self._want_port, server_host_keys=[self.host_key],
            server_factory=lambda: _Watched(self.passwords, self.keys, self.fault),
            sftp_factory=lambda chan: _FaultySftp(chan, self.root, self.fault),
        )
