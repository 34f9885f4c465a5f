"""The last line of the command line: an exception no command explained becomes one clear message.

Every command explains the failures it expects (an org that can't be reached, a bad file...).
One it did not expect must still not end in a traceback, nor exit with 1, which means "a setting
failed". The admin gets what happened in a sentence, exit code 3, and the details for a bug
report in a file of the wizard's data folder, with every secret this process knows masked.

A reader that stops early (``eci-wizard verify ... | head -1``) is no failure at all. The
command's output streams are guarded while it runs: once the reader has closed the pipe, the
rest of the output is dropped and the command finishes what it was asked to do (the ``--json``
file is written; an apply is not cut off, and rolled back, between two writes). It then ends
quietly with 141, the code of a program stopped by a closed pipe. Only the output streams are
guarded: a closed socket (an SFTP server, an org) still raises and is explained like any failure.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

#: "The wizard itself failed": distinct from 1 (something failed) and 2 (could not start or check).
EXIT_WIZARD_FAILED = 3
#: The output's reader closed the pipe: 128 + SIGPIPE, what shells report for ``cat big | head -1``.
EXIT_CLOSED_PIPE = 141


def _reader_left(exc: OSError) -> bool:
    """A write failed because nobody reads the pipe any more (Windows says EINVAL, not EPIPE)."""
    return isinstance(exc, BrokenPipeError) or (sys.platform == "win32" and exc.errno == errno.EINVAL)


class _OutputGuard:
    """Stands in for sys.stdout or sys.stderr: passes everything on until the reader has left,
    then drops it. The stream's file descriptor is pointed at the null device, as Python's docs
    advise, so what is still buffered can't fail again when the process exits."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.reader_left = False

    def _left(self) -> None:
        self.reader_left = True
        try:
            fd = self.stream.fileno()
        except (OSError, ValueError, AttributeError):  # an in-memory stream: nothing to redirect
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        finally:
            os.close(devnull)

    def write(self, text: str) -> int:
        if not self.reader_left:
            try:
                return self.stream.write(text)
            except OSError as exc:
                if not _reader_left(exc):
                    raise
                self._left()
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not self.reader_left:
            try:
                self.stream.flush()
            except OSError as exc:
                if not _reader_left(exc):
                    raise
                self._left()

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno...: the stream's own
        return getattr(self.stream, name)


@contextmanager
def output_may_close() -> Iterator[Callable[[], bool]]:
    """Guard sys.stdout and sys.stderr while a command runs; yields "has a reader left?" (which
    flushes first: output still in the buffer has not met the closed pipe yet). A stream that
    is None (a windowed Windows build has no console) is left as it is: print() skips it."""
    out = _OutputGuard(sys.stdout) if sys.stdout is not None else None
    err = _OutputGuard(sys.stderr) if sys.stderr is not None else None
    guards = [g for g in (out, err) if g is not None]
    if out is not None:
        sys.stdout = out  # type: ignore[assignment]
    if err is not None:
        sys.stderr = err  # type: ignore[assignment]

    def reader_left() -> bool:
        for guard in guards:
            guard.flush()
        return any(guard.reader_left for guard in guards)

    try:
        yield reader_left
    finally:
        reader_left()
        if out is not None and sys.stdout is out:
            sys.stdout = out.stream
        if err is not None and sys.stderr is err:
            sys.stderr = err.stream


def save_details(exc: BaseException, command: str) -> Path | None:
    """Write the traceback (secrets masked) for a bug report; None when even that is impossible."""
    from wizard.atomic_file import write_atomic
    from wizard.paths import data_dir
    from wizard.report.redact import redact_text
    from wizard.secrets import redaction_values

    text = "".join(traceback.format_exception(exc))
    try:
        path = data_dir() / "problems" / f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{command or 'window'}.txt"
        write_atomic(path, redact_text(f"eci-wizard {command}\n{text}", redaction_values()).encode("utf-8"), private=True)
    except OSError:
        return None
    return path


def explain_unexpected(exc: BaseException, command: str) -> str:
    """The message for the admin: what happened, what it means for their org, where the details are."""
    from wizard.report.redact import redact_text
    from wizard.secrets import redaction_values

    detail = redact_text(str(exc).splitlines()[0] if str(exc) else "", redaction_values())[:300]
    saved = save_details(exc, command)
    where = f" The details (no secrets) are in {saved}; please include that file when you report it." if saved else ""
    return (
        f"eci-wizard {command} stopped on a problem it does not know how to explain: {type(exc).__name__}"
        f"{': ' + detail if detail else ''}. This is a gap in the wizard, not something you did wrong. "
        f"What was already done stays as it is: run the same command again to see where things stand "
        f"(if it was changing an org, 'eci-wizard undo' restores that change's backup).{where}"
    )
