"""Folder listings: a local folder through ``os.scandir``, a remote one through one SFTP listing per
directory.

Validation is a pure function of a listing (`rules.validate_folder`), so the same rules run on a
folder before upload and on the SFTP account after. A remote SFTP ``READDIR`` already carries each
file's size and modification time, so nothing is stat-ed file by file; locally one ``stat`` per
file is the only way to get size and time on Linux (Windows' ``scandir`` gives them for free).
Long scans report progress and stop promptly when cancelled.
"""

from __future__ import annotations

import asyncio
import os
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bounded import BoundedSftp


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file or directory, its path relative to the scanned folder in POSIX form."""

    path: str
    name: str
    parent: str
    is_dir: bool
    size: int | None = None
    mtime: float | None = None


@dataclass(frozen=True, slots=True)
class ScanProgress:
    """How far a scan is: ``phase`` is "listing" or "reading"; ``total`` is 0 while unknown."""

    phase: str
    done: int
    total: int = 0
    current: str = ""


ProgressCallback = Callable[[ScanProgress], None]


class ScanCancelled(Exception):
    """The admin cancelled the scan; nothing was changed."""


class CancelToken:
    """A flag the window sets from its thread; scans check it between steps, and a check waiting on a
    server hears it at once through `when_cancelled` (a silent server gives no "between steps")."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def when_cancelled(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` (from the cancelling thread) on cancel, or now if already cancelled; returns
        a function that unregisters it, for when the work it would stop is over."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._forget(callback)
        callback()
        return lambda: None

    def _forget(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise ScanCancelled("The scan was cancelled")


def _join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def list_local(
    root: str | os.PathLike[str],
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    every: int = 5000,
) -> list[FileEntry]:
    """Every file and directory under ``root`` (directories' own symlinks are not followed)."""
    root_path = os.fspath(root)
    entries: list[FileEntry] = []
    append = entries.append
    stack = [""]
    count = 0
    while stack:
        rel = stack.pop()
        if cancel is not None:
            cancel.raise_if_cancelled()
        with os.scandir(os.path.join(root_path, rel) if rel else root_path) as it:
            for de in it:
                path = _join(rel, de.name)
                if de.is_dir(follow_symlinks=False):
                    append(FileEntry(path, de.name, rel, True))
                    stack.append(path)
                    continue
                try:
                    st = de.stat()
                except OSError:  # a dangling link: listed, size unknown
                    append(FileEntry(path, de.name, rel, False))
                else:
                    if stat.S_ISDIR(st.st_mode):  # a symlink to a directory: shown, not followed
                        append(FileEntry(path, de.name, rel, True))
                    else:
                        append(FileEntry(path, de.name, rel, False, st.st_size, st.st_mtime))
                count += 1
                if progress is not None and count % every == 0:
                    progress(ScanProgress("listing", count, 0, path))
                    if cancel is not None:
                        cancel.raise_if_cancelled()
    if progress is not None:
        progress(ScanProgress("listing", count, count))
    return entries


def local_reader(root: str | os.PathLike[str], limit: int) -> Callable[[FileEntry], bytes]:
    """Read a listed file's bytes: at most ``limit`` + 1, so an oversize file is noticed cheaply.

    The listing already knows the size, so one ``os.read`` of exactly that many bytes (+1 to see
    growth) does the job without buffered I/O's extra allocations.
    """
    root_path = os.fspath(root)

    def read(entry: FileEntry) -> bytes:
        want = limit + 1 if entry.size is None else min(entry.size, limit) + 1
        fd = os.open(os.path.join(root_path, entry.path), os.O_RDONLY)
        try:
            data = os.read(fd, want)
            expected = want - 1 if entry.size is not None else 0
            while len(data) < expected:  # a short read: rare, but allowed for any file
                more = os.read(fd, want - len(data))
                if not more:
                    break
                data += more
            return data
        finally:
            os.close(fd)

    return read


def read_ahead(entries: list[FileEntry], read: Callable[[FileEntry], bytes], threads: int = 1,
               batch: int = 256) -> Iterator[tuple[FileEntry, bytes | Exception]]:
    """(entry, contents or the error) in order; with ``threads`` > 1, batches are read ahead on
    worker threads, so disk waits overlap the caller's parsing. At most ``threads`` + 1 batches
    are held in memory."""

    def one(entry: FileEntry) -> bytes | Exception:
        try:
            return read(entry)
        except Exception as exc:  # handed to the caller as a finding, never raised from a worker
            return exc

    if threads <= 1 or len(entries) <= batch:
        for entry in entries:
            yield entry, one(entry)
        return
    batches = [entries[i : i + batch] for i in range(0, len(entries), batch)]
    with ThreadPoolExecutor(threads, thread_name_prefix="execvision-read") as pool:
        futures = deque(pool.submit(lambda b: [one(e) for e in b], b) for b in batches[: threads + 1])
        for index, chunk in enumerate(batches):
            contents = futures.popleft().result()
            following = index + threads + 1
            if following < len(batches):
                futures.append(pool.submit(lambda b: [one(e) for e in b], batches[following]))
            yield from zip(chunk, contents, strict=True)


async def list_remote(
    sftp: BoundedSftp,
    root: str,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    skip: frozenset[str] = frozenset(),
    recursive: bool = True,
) -> list[FileEntry]:
    """Every file and directory under ``root`` on the server: one listing per directory.

    Directories named in ``skip`` (relative paths) are listed as entries but not entered; with
    ``recursive=False`` only ``root`` itself is listed. A name that is not UTF-8 is kept as text with
    ``surrogateescape``, as ``os.scandir`` keeps it locally: the rest of the folder is still listed, the
    rules name that one file (escaped), and the file is read back by the same bytes.
    """
    import asyncssh

    from .bounded import decode_name

    entries: list[FileEntry] = []
    queue = deque([""])
    while queue:
        rel = queue.popleft()
        if cancel is not None:
            cancel.raise_if_cancelled()
        names = await sftp.list_folder(_remote_join(root, rel))
        for item in names:
            name = decode_name(item.filename)
            if name in (".", ".."):
                continue
            path = _join(rel, name)
            attrs: Any = item.attrs
            kind = _remote_kind(attrs)
            if kind == "link":
                try:
                    attrs = await sftp.stat(_remote_join(root, path))
                except asyncssh.SFTPError:
                    entries.append(FileEntry(path, name, rel, False))
                    continue
                kind = _remote_kind(attrs)
            if kind == "dir":
                entries.append(FileEntry(path, name, rel, True))
                if recursive and path not in skip:
                    queue.append(path)
            else:
                entries.append(FileEntry(path, name, rel, False, attrs.size, _mtime(attrs)))
        if progress is not None:
            progress(ScanProgress("listing", len(entries), 0, rel or "."))
    if progress is not None:
        progress(ScanProgress("listing", len(entries), len(entries)))
    return entries


async def read_remote_files(
    sftp: BoundedSftp,
    root: str,
    files: list[FileEntry],
    limit: int,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    concurrency: int = 64,
) -> dict[str, bytes | Exception]:
    """Fetch many small files with pipelined requests; a file the server refuses is kept per file, not
    raised. A session that ends (`SftpProblem` from the bounded client) stops every reader at once."""
    import asyncssh

    out: dict[str, bytes | Exception] = {}
    pending = iter(files)  # shared by a fixed number of workers: memory stays flat for 100,000 files
    done = 0

    async def worker() -> None:
        nonlocal done
        for entry in pending:
            if cancel is not None and cancel.cancelled:
                return
            try:
                async with sftp.open(_remote_join(root, entry.path), "rb") as fh:
                    want = limit + 1 if entry.size is None else min(limit, entry.size) + 1
                    out[entry.path] = await fh.read(want)
            except (asyncssh.SFTPError, OSError) as exc:
                out[entry.path] = exc
            done += 1
            if progress is not None and (done % 200 == 0 or done == len(files)):
                progress(ScanProgress("reading", done, len(files), entry.path))

    workers = [asyncio.ensure_future(worker()) for _ in range(concurrency)]
    try:
        await asyncio.gather(*workers)
    except BaseException:
        for task in workers:  # the first failure ends the session: no reader is left waiting on it
            task.cancel()
        await asyncio.wait(workers, timeout=1)
        for task in workers:  # the others' failures are the same one: read, so none is reported as lost
            if task.done() and not task.cancelled():
                task.exception()
        raise
    if cancel is not None:
        cancel.raise_if_cancelled()
    return out


def _remote_join(root: str, rel: str) -> str:
    if not rel:
        return root or "."
    return rel if root in ("", ".") else f"{root.rstrip('/')}/{rel}"


def _remote_kind(attrs: Any) -> str:
    import asyncssh

    kind = getattr(attrs, "type", asyncssh.FILEXFER_TYPE_UNKNOWN)
    if kind == asyncssh.FILEXFER_TYPE_DIRECTORY:
        return "dir"
    if kind == asyncssh.FILEXFER_TYPE_SYMLINK:
        return "link"
    mode = attrs.permissions
    if mode is not None:
        if stat.S_ISDIR(mode):
            return "dir"
        if stat.S_ISLNK(mode):
            return "link"
    return "file"


def _mtime(attrs: Any) -> float | None:
    if attrs.mtime is None:
        return None
    return attrs.mtime + (attrs.mtime_ns or 0) / 1e9
