"""Files the admin asks a command to write (``--json``, ``--pdf``, ``--csv``...): checked first.

A verification, a scan or a graduation can take a while and, for some commands, change an org;
finding out afterwards that ``--json`` pointed at a folder loses the result or leaves the run
without its record. So every command checks its output paths before it starts, and a write
that still fails (a full disk, a folder removed meanwhile) is reported in one sentence rather
than a traceback. Missing parent folders are created, as the report export always did.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from wizard.atomic_file import write_atomic


class OutputFileError(Exception):
    """An output file cannot be written; the message says which, why and what to pass instead."""


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path.cwd()


def check_output_file(path: Path, option: str, example: str | None = None) -> None:
    """Raise `OutputFileError` when ``path`` could not be written as a file (``example``: the file
    name to suggest inside a folder, when ``results.<the option's kind>`` would not fit)."""
    shown = str(path)
    if path.is_dir():
        raise OutputFileError(f"{option} {shown} is a folder; give a file name inside it, e.g. {path / (example or 'results' + _suffix(option))}.")
    if path.exists():
        if not path.is_file():
            raise OutputFileError(f"{option} {shown} exists and is not an ordinary file (a device or a pipe); give a file name.")
        if not os.access(path, os.W_OK):
            raise OutputFileError(f"{option} {shown} exists and this user may not overwrite it; give another file name.")
        return
    folder = _nearest_existing(path.parent)
    if not folder.is_dir():
        raise OutputFileError(f"{option} {shown} cannot be created: {folder} is a file, not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFileError(f"{option} {shown} cannot be created: this user may not write in {folder}.")
    # Permission bits say yes to root in /proc or on a read-only mount: only making a file (removed
    # at once) shows what the real write will meet, before a long run or a change to an org.
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".eci-wizard-check-"):
            pass
    except OSError as exc:
        raise write_failed(path, option, exc) from None


def check_output_files(paths: Iterable[tuple[str, Path | None]]) -> None:
    """Check every output a command was given (``(option, path)`` pairs; None = not asked for)."""
    seen: dict[Path, str] = {}
    for option, path in paths:
        if path is None:
            continue
        check_output_file(path, option)
        key = path.resolve()
        if key in seen:
            raise OutputFileError(f"{seen[key]} and {option} name the same file ({path}); give each its own.")
        seen[key] = option


def write_output_text(path: Path, text: str, option: str) -> None:
    """Write one output file (creating its folder); an `OSError` becomes an `OutputFileError`."""
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise write_failed(path, option, exc) from exc


def write_failed(path: Path, option: str, exc: OSError) -> OutputFileError:
    """The sentence for a write the system refused (disk full, permission, a vanished folder).

    The advice follows the error: "free space" sends an admin whose folder refuses new files
    after the wrong fix. ``option`` may be "the report file": the sentence starts with a capital.
    The way to start again is said in the words of where it is read (`shown_in`): a command to
    run again on the command line, the window's own way inside it.
    """
    from wizard.retry_words import retry_words

    reason = exc.strerror or type(exc).__name__
    label = option[:1].upper() + option[1:]
    return OutputFileError(f"{label} {path} could not be written ({reason}){write_advice(exc, path.parent)}, "
                           f"then {retry_words().word('rerun')}.")


def write_advice(exc: OSError, folder: Path) -> str:
    """What the error means and what to do, as the end of a sentence ("...: the disk is full; free some space")."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ": the disk (or this user's quota) there is full; free some space there or choose another place"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f": this user may not write in {folder}; choose a folder you can write to"
    if exc.errno == errno.EROFS:
        return f": {folder} is on a read-only file system; choose another place"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f": the folder {folder} has gone or does not take new files; choose another place"
    if exc.errno == errno.EFBIG:
        return ": the file is too large for that place; choose another place"
    return "; choose another place"


def refused_target(exc: OSError, targets: Iterable[Path | None], default: Path) -> Path:
    """Which of a command's output files a refused write was for: the one the error names, or
    whose folder it names (a folder that could not be made), else ``default``."""
    named = Path(str(exc.filename)) if exc.filename else None
    if named is not None:
        for target in targets:
            if target is not None and (named == target or named in target.parents):
                return target
    return default


def _suffix(option: str) -> str:
    name = option.lstrip("-").split("-")[-1]
    return f".{name}" if name in ("json", "csv", "html", "pdf", "yaml") else ".json"
