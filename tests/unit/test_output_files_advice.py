"""A write the system refused is one sentence: the admin's file, the reason, and the fix that fits it.

The errors are the ones the system raises (errno values), built here because most cannot be
provoked on purpose on a test machine run as root (EACCES, EDQUOT); the full disk and the folder
that takes no new files are provoked for real in tests/integration/test_cli_files.py.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from wizard.output_files import refused_target, write_failed

TARGET = Path("/srv/reports/r.pdf")


def _error(code: int) -> OSError:
    return OSError(code, os.strerror(code), str(TARGET))


@pytest.mark.parametrize(("code", "advice"), [
    (errno.ENOSPC, "the disk (or this user's quota) there is full; free some space there or choose another place"),
    (errno.EDQUOT, "the disk (or this user's quota) there is full; free some space"),
    (errno.EACCES, "this user may not write in /srv/reports; choose a folder you can write to"),
    (errno.EPERM, "this user may not write in /srv/reports; choose a folder you can write to"),
    (errno.EROFS, "/srv/reports is on a read-only file system; choose another place"),
    (errno.ENOENT, "the folder /srv/reports has gone or does not take new files; choose another place"),
    (errno.EIO, "; choose another place, then run the command again."),
])
def test_the_advice_fits_the_error(code: int, advice: str) -> None:
    text = str(write_failed(TARGET, "--pdf", _error(code)))
    assert text.startswith(f"--pdf {TARGET} could not be written ({os.strerror(code)})")
    assert advice in text and text.endswith(", then run the command again.")
    assert ("free some space" in text) == (code in (errno.ENOSPC, errno.EDQUOT))


def test_a_sentence_starts_with_a_capital_letter() -> None:
    assert str(write_failed(TARGET, "the report file", _error(errno.ENOSPC))).startswith(f"The report file {TARGET} ")


def test_the_refused_file_is_the_one_the_error_names_or_whose_folder_it_names() -> None:
    json_path, pdf = Path("/a/r.json"), Path("/b/c/r.pdf")
    assert refused_target(OSError(errno.ENOSPC, "full", "/a/r.json"), (json_path, None, pdf), pdf) == json_path
    assert refused_target(OSError(errno.EACCES, "denied", "/b/c"), (json_path, None, pdf), json_path) == pdf
    assert refused_target(OSError(errno.EIO, "I/O error"), (json_path, pdf), pdf) == pdf
