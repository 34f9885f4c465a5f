"""The last line of the command line: an exception no command explained becomes one clear message.

Every command explains the failures it expects (an org that can't be reached, a bad file...).
One it did not expect must still not end in a traceback, nor exit with 1, which means "a setting
failed". The admin gets what happened in a sentence, exit code 3, and the details for a bug
report in a file of the wizard's data folder, with every secret this process knows masked.

A reader that stops early (``eci-wizard verify ... | head -1``) is no failure at all. The
command's output streams are guarded while it runs: once the reader has closed the pipe, the
rest of the output is dropped and the command finishes what it was asked to do (the ``--json``
file is written; an apply is not cut off, and rolled back, between two writes). It then ends
quietly with 141, the code of a program stopped by a closed pipe. Output that the system refuses
(``>/dev/full``, a full disk) is dropped in the same way, for the same reason: the command
finishes, then says in one line on stderr that its output was lost and why, with exit code 2.
That is the admin's place to change, not a gap in the wizard. Only the output streams are
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
#: The output's device refused it (``>/dev/full``, a full disk): the admin did not get what was asked.
EXIT_OUTPUT_REFUSED = 2


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
        #: The output's device refused a write (full, gone): why, for one line at the end.
        self.refused: OSError | None = None

    @property
    def dropping(self) -> bool:
        return self.reader_left or self.refused is not None

    def _give_up(self, exc: OSError) -> None:
        """From now on drop the output: its reader left, or its device refuses what is written."""
        if _reader_left(exc):
            self.reader_left = True
        else:
            self.refused = exc
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
        if not self.dropping:
            try:
                return self.stream.write(text)
            except OSError as exc:
                self._give_up(exc)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not self.dropping:
            try:
                self.stream.flush()
            except OSError as exc:
                self._give_up(exc)

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno...: the stream's own
        return getattr(self.stream, name)


@contextmanager
def output_may_close() -> Iterator[Callable[[int], int]]:
    """Guard sys.stdout and sys.stderr while a command runs; yields ``ending(code)``, the exit
    code once the output is flushed (output still in the buffer has not met the closed pipe or
    the full device yet): 141 when a reader left, at least 2 when a device refused the output
    (after one line on stderr saying so), else ``code``. A stream that is None (a windowed
    Windows build has no console) is left as it is: print() skips it."""
    out = _OutputGuard(sys.stdout) if sys.stdout is not None else None
    err = _OutputGuard(sys.stderr) if sys.stderr is not None else None
    guards = [g for g in (out, err) if g is not None]
    if out is not None:
        sys.stdout = out  # type: ignore[assignment]
    if err is not None:
        sys.stderr = err  # type: ignore[assignment]

    def ending(code: int) -> int:
        for guard in guards:
            guard.flush()
        if any(guard.reader_left for guard in guards):
            return EXIT_CLOSED_PIPE
        refused = next((guard for guard in guards if guard.refused is not None), None)
        if refused is None:
            return code
        if err is not None and not err.dropping:
            err.write(output_refused(refused.refused, "standard output" if refused is out else "standard error") + "\n")
            err.flush()
        return max(code, EXIT_OUTPUT_REFUSED)

    try:
        yield ending
    finally:
        for guard in guards:
            guard.flush()
        if out is not None and sys.stdout is out:
            sys.stdout = out.stream
        if err is not None and sys.stderr is err:
            sys.stderr = err.stream


def output_refused(exc: OSError | None, stream: str) -> str:
    """One line for output the system would not take: not "a gap in the wizard", but a place to
    send it that is full or gone, which the admin can change."""
    reason = (exc.strerror if exc is not None else None) or "refused"
    errno_ = exc.errno if exc is not None else None
    if errno_ in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk or device it goes to is full; free some space there, or send the output elsewhere"
    elif errno_ == errno.EIO:
        why = "the terminal or device it goes to is gone; run the command again in a terminal, or send the output to a file"
    else:
        why = "send the output elsewhere (the terminal, or a file on a disk with space)"
    return (f"The command's {stream} could not be written ({reason}): {why}. The rest of the command ran as usual "
            "(files it was asked to write are written); run it again to see its output.")


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

    # One full stop after the detail, whether or not the exception's own text ends with one.
    detail = redact_text(str(exc).splitlines()[0] if str(exc) else "", redaction_values())[:300].rstrip().rstrip(".")
    saved = save_details(exc, command)
    where = f" The details (no secrets) are in {saved}; please include that file when you report it." if saved else ""
    return (
        f"eci-wizard {command} stopped on a problem it does not know how to explain: {type(exc).__name__}"
        f"{': ' + detail if detail else ''}. This is a gap in the wizard, not something you did wrong. "
        f"What was already done stays as it is: run the same command again to see where things stand "
        f"(if it was changing an org, 'eci-wizard undo' restores that change's backup).{where}"
    )
