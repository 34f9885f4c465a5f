"""The SFTP client after sign-in: every request waits a bounded time, and a lost connection is said as such.

asyncssh waits for ever for an SFTP answer, so one server that stops answering in the middle of a
listing (an overloaded appliance, a NAT mapping that died) would hang the check with no word, and
cancelling would hang too: asyncssh's own clean-up (closing the directory handle) waits for the
same silent server. `AnswerWatch` bounds the silence instead: while a request is waiting, the server
must answer *something* within the target's timeout, else the connection is aborted, which fails
every waiting request at once. The clock restarts at every answer, so 64 pipelined reads queueing
on a slow but working server are not mistaken for a silent one.

`BoundedSftp` is the only SFTP client the checks use after sign-in. Its paths are text; a name
that is not UTF-8 travels as text with ``surrogateescape`` and goes back to the server as the
same bytes, so one such file never stops the listing. Failures that end the session (the
connection lost, the server silent, a folder that cannot be listed) come out as `SftpProblem`,
never as ``SFTPError``: the per-file handlers (a file the account may not read) catch
``SFTPError`` and must not swallow a dead connection as one file's finding.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import stat
from collections.abc import Awaitable, Iterator
from typing import Any, TypeVar

import asyncssh

from wizard.retry_words import retry_words

from .sftp import SftpProblem, SftpTarget

log = logging.getLogger(__name__)

T = TypeVar("T")

#: What a dead session looks like from a waiting request.
LOST = (asyncssh.SFTPConnectionLost, asyncssh.SFTPNoConnection, asyncssh.DisconnectError, ConnectionError)


def encode_path(path: str) -> bytes:
    """The bytes the server knows a path by (a name listed as not UTF-8 goes back unchanged)."""
    return path.encode("utf-8", "surrogateescape")


def decode_name(name: bytes | str) -> str:
    """A listed name as text; bytes that are not UTF-8 are kept (``surrogateescape``), never an error."""
    return name if isinstance(name, str) else name.decode("utf-8", "surrogateescape")


def shown(path: str) -> str:
    """A path as the admin can read it: bytes that are not UTF-8 as ``\\xe9`` escapes."""
    return encode_path(path).decode("utf-8", "backslashreplace")


def folder_words(path: str) -> str:
    """"data", "/recordings", or "the account's top folder" for ``.``."""
    return "the account's top folder" if path in ("", ".") else shown(path)


class AnswerWatch:
    """Aborts the connection when no SFTP answer arrives for ``seconds`` while a request is waiting."""

    def __init__(self, conn: asyncssh.SSHClientConnection, seconds: float) -> None:
        self._conn = conn
        self.seconds = seconds
        self._waiting: dict[int, str] = {}  # request number -> what it is doing, oldest first
        self._next = 0
        self._last = 0.0  # when the server last answered (or the first request of a busy spell was sent)
        self._timer: asyncio.TimerHandle | None = None
        #: What the oldest waiting request was doing when the server fell silent (None while it answers).
        self.stalled: str | None = None

    @contextlib.contextmanager
    def waiting(self, doing: str) -> Iterator[None]:
        """Time the request made inside the block; ``doing`` names it in a message ("listing data")."""
        loop = asyncio.get_running_loop()
        if not self._waiting:
            self._last = loop.time()
        number, self._next = self._next, self._next + 1
        self._waiting[number] = doing
        if self._timer is None:
            self._timer = loop.call_at(self._last + self.seconds, self._check)
        try:
            yield
        finally:
            del self._waiting[number]
            self._last = loop.time()

    def answered(self) -> None:
        """The server answered part of a longer request (a listing comes in batches)."""
        self._last = asyncio.get_running_loop().time()

    def _check(self) -> None:
        self._timer = None
        if not self._waiting:
            return
        loop = asyncio.get_running_loop()
        due = self._last + self.seconds
        if loop.time() < due:
            self._timer = loop.call_at(due, self._check)
            return
        self.stalled = next(iter(self._waiting.values()))
        log.info("No SFTP answer for %.1f s while %s: aborting the connection", self.seconds, self.stalled)
        self._conn.abort()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def session_ended(target: SftpTarget, watch: AnswerWatch, doing: str, exc: BaseException | None = None) -> SftpProblem:
    """The session ended under a request after sign-in: the server fell silent, or the connection went."""
    where = f"{target.host}:{target.port}"
    if watch.stalled is not None:
        return SftpProblem(
            "stalled", f"{where} stopped answering while {watch.stalled} after {watch.seconds:g} s (the sign-in had worked)",
            f"an answer to each request within {watch.seconds:g} s",
            "Try again; if it happens again, ask the server's owner (ExecVision for push) why the server stops answering"
            + retry_words().way("--timeout", ", or allow a slow server more time (--timeout on the command line)"))
    detail = f" ({exc})" if isinstance(exc, asyncssh.Error) and str(exc) else ""
    return SftpProblem(
        "connection-lost", f"The connection to {where} was lost while {doing}, after signing in{detail}",
        "a connection that stays open until the check ends",
        "Try again; if it keeps happening, ask the server's owner (ExecVision for push) whether the server limits "
        "or drops SFTP sessions")


class BoundedSftp:
    """The SFTP requests the checks make, each bounded by the `AnswerWatch`."""

    def __init__(self, sftp: asyncssh.SFTPClient, watch: AnswerWatch, target: SftpTarget) -> None:
        self._sftp = sftp
        self.watch = watch
        self.target = target

    async def ask(self, doing: str, request: Awaitable[T]) -> T:
        """Await one request; a dead or silent session becomes an `SftpProblem` naming ``doing``."""
        with self.watch.waiting(doing):
            try:
                return await request
            except LOST as exc:
                raise self.lost(doing, exc) from None

    def lost(self, doing: str, exc: BaseException | None = None) -> SftpProblem:
        return session_ended(self.target, self.watch, doing, exc)

    async def list_folder(self, path: str) -> list[asyncssh.SFTPName]:
        """The folder's entries, names as bytes; a folder that cannot be listed is an `SftpProblem` saying why."""
        doing = f"listing {folder_words(path)}"

        async def read_all() -> list[asyncssh.SFTPName]:
            entries = []
            async for entry in self._sftp.scandir(encode_path(path)):
                self.watch.answered()  # a long listing comes in many answers: each one shows the server is there
                entries.append(entry)
            return entries

        # A task of its own: when it is abandoned (cancelled, or the server fell silent), asyncssh closes the
        # directory handle in a ``finally`` that waits for the server; the check must not wait with it.
        reading = asyncio.ensure_future(read_all())
        reading.add_done_callback(_retrieved)
        try:
            return await self.ask(doing, asyncio.shield(reading))
        except asyncssh.SFTPError as exc:
            raise await self._listing_problem(path, exc) from None
        finally:
            if not reading.done():
                reading.cancel()

    async def _listing_problem(self, path: str, exc: asyncssh.SFTPError) -> SftpProblem:
        where, folder = f"{self.target.host}:{self.target.port}", folder_words(path)
        if isinstance(exc, asyncssh.SFTPPermissionDenied):
            return SftpProblem("permission", f"{where} did not let the account list {folder} ({exc.reason})",
                               "the account may list and read the folder", f"Ask the server's owner to give the account read access to {folder}")
        try:  # "no such file", "not a directory" and a bare "failure" look alike: look at what is there
            attrs = await self.stat(path)
        except asyncssh.SFTPError:
            attrs = None
        if attrs is None and isinstance(exc, (asyncssh.SFTPNoSuchFile, asyncssh.SFTPNoSuchPath)):
            return SftpProblem("missing-folder", f"The folder {folder} does not exist on the server ({exc.reason})",
                               "an existing folder", "Check the remote folder; for push it is the account's upload folder, usually the default '.'")
        if attrs is not None and not _is_dir(attrs):
            return SftpProblem("not-a-folder", f"{folder} on the server is a file, not a folder",
                               "the folder that holds the recordings and metadata files",
                               f"Give the folder's path as the remote folder{retry_words().way('--remote-dir', ' (--remote-dir on the command line)')}, "
                               "not a file's")
        return SftpProblem("listing-failed", f"Listing {folder} on {where} failed after signing in: the server answered {exc.reason or exc}",
                           "a listing of the folder", f"Try again; if it fails again, ask the server's owner why the account cannot list {folder}")

    async def stat(self, path: str) -> asyncssh.SFTPAttrs:
        return await self.ask(f"looking up {shown(path)}", self._sftp.stat(encode_path(path)))

    async def exists(self, path: str) -> bool:
        try:
            await self.stat(path)
        except asyncssh.SFTPNoSuchFile:
            return False
        return True

    async def remove(self, path: str) -> None:
        await self.ask(f"removing {shown(path)}", self._sftp.remove(encode_path(path)))

    @contextlib.asynccontextmanager
    async def open(self, path: str, mode: str = "rb") -> Any:
        """An open remote file whose reads and writes are bounded too; closed on the way out."""
        doing = f"{'writing' if 'w' in mode or 'a' in mode else 'reading'} {shown(path)}"
        handle = await self.ask(doing, self._sftp.open(encode_path(path), mode))
        try:
            yield _BoundedFile(self, handle, doing)
        except (SftpProblem, asyncio.CancelledError):
            raise  # the session is ending: closing would wait for a server that may not answer
        except BaseException:
            with contextlib.suppress(asyncssh.SFTPError):
                await self.ask(doing, handle.close())
            raise
        else:
            await self.ask(doing, handle.close())


class _BoundedFile:
    def __init__(self, sftp: BoundedSftp, handle: asyncssh.SFTPClientFile, doing: str) -> None:
        self._sftp, self._handle, self._doing = sftp, handle, doing

    async def read(self, size: int = -1) -> bytes:
        return await self._sftp.ask(self._doing, self._handle.read(size))

    async def write(self, data: bytes) -> int:
        return await self._sftp.ask(self._doing, self._handle.write(data))


def _is_dir(attrs: Any) -> bool:
    if getattr(attrs, "type", None) == asyncssh.FILEXFER_TYPE_DIRECTORY:
        return True
    return attrs.permissions is not None and stat.S_ISDIR(attrs.permissions)


def _retrieved(task: asyncio.Future[Any]) -> None:
    """Read an abandoned request's outcome, so asyncio does not print it as never retrieved."""
    if not task.cancelled():
        task.exception()


def quiet_loop_errors(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The event loop's error handler for a check: requests left in flight when a session is aborted fail
    with the lost connection; that is expected, so it goes to the log, never to the admin's terminal."""
    log.debug("After the SFTP session ended: %s (%r)", context.get("message"), context.get("exception"))
