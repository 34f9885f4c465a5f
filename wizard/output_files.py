"""Files the admin asks a command to write (``--json``, ``--pdf``, ``--csv``...): checked first.

A verification, a scan or a graduation can take a while and, for some commands, change an org;
finding out afterwards that ``--json`` pointed at a folder loses the result or leaves the run
without its record. So every command checks its output paths before it starts, and a write
that still fails (a full disk, a folder removed meanwhile) is reported in one sentence rather
than a traceback. Missing parent folders are created, as the report export always did.
"""

from __future__ import annotations

import os
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
    """The sentence for a write the system refused (disk full, permission, a vanished folder)."""
    reason = exc.strerror or type(exc).__name__
    return OutputFileError(f"{option} {path} could not be written ({reason}); free space or choose another place, then run the command again.")


def _suffix(option: str) -> str:
    name = option.lstrip("-").split("-")[-1]
    return f".{name}" if name in ("json", "csv", "html", "pdf", "yaml") else ".json"
