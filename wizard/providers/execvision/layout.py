"""The upload folder's shape, and proof that the account can write to it.

The guide: recordings go to the ``data`` subdirectory, and no directories are created within the
upload folder. Writing is proved only when the admin agrees, with a small test file that is
removed again at once; its ``.txt`` extension is not a media or metadata type, so ExecVision
would skip it even if it were seen.
"""

from __future__ import annotations

import secrets as _random
from typing import TYPE_CHECKING

from wizard.engine.results import CheckResult, Evidence, Fix, Status

from . import GUIDE_ID
from .findings import RULES, Finding
from .scan import FileEntry

if TYPE_CHECKING:
    import asyncssh

DATA_DIR = "data"
TEST_FILE_PREFIX = "eci-wizard-write-test-"
_TEST_TEXT = b"Written by the ECI Setup Wizard to prove write permission, and removed straight away.\n"


def upload_root_findings(root_entries: list[FileEntry], ignore_dirs: frozenset[str] = frozenset()) -> tuple[list[Finding], bool]:
    """Findings about the upload folder itself (push mode), and whether ``data`` is there."""
    findings: list[Finding] = []
    has_data = data_is_file = False
    for e in root_entries:
        if e.is_dir and e.name == DATA_DIR:
            has_data = True
        elif e.is_dir and e.name not in ignore_dirs:
            findings.append(Finding("no-directories", e.path + "/", Status.FAIL,
                                    "a directory created inside the upload folder",
                                    "Remove it and send files to the data subdirectory; directories should not be created within the upload folder"))
        elif not e.is_dir and e.name == DATA_DIR:
            data_is_file = True
            findings.append(Finding("data-folder", e.path, Status.FAIL, "'data' is a file, not a directory",
                                    "Remove the file; ask ExecVision to restore the account's data subdirectory"))
        elif not e.is_dir:
            findings.append(Finding("data-folder", e.path, Status.FAIL,
                                    "a file at the top of the upload folder, where ExecVision does not look for recordings",
                                    "Move it into the data subdirectory (and point the export job there)"))
    if not has_data and not data_is_file:
        findings.append(Finding("data-folder", "", Status.FAIL, "the upload folder has no 'data' subdirectory",
                                "Ask ExecVision to provision the data subdirectory, or check that the remote folder is the account's upload folder"))
    return findings, has_data


def write_result(status: Status, observed: str, fix: str | None, evidence: Evidence) -> CheckResult:
    rule = RULES["write-access"]
    return CheckResult(guide_id=GUIDE_ID, page_id=rule.page_id, check_id="execvision.write-access", setting=rule.setting,
                       status=status, expected=rule.expected, observed=observed, message=observed,
                       evidence=(evidence,), fix=Fix(hint=fix) if fix else None)


async def prove_write(sftp: asyncssh.SFTPClient, data_path: str, consent: bool, evidence: Evidence) -> CheckResult:
    """Write a test file into ``data`` and remove it again, only with the admin's consent."""
    import asyncssh

    if not consent:
        return write_result(Status.SKIPPED, "Not tried: writing needs your consent (a test file is written to data and removed at once)",
                            "Allow the write test (--prove-write on the command line) to prove the account can upload", evidence)
    name = f"{TEST_FILE_PREFIX}{_random.token_hex(6)}.txt"
    path = f"{data_path.rstrip('/')}/{name}"
    try:
        async with sftp.open(path, "wb") as fh:
            await fh.write(_TEST_TEXT)
    except asyncssh.SFTPError as exc:
        return write_result(Status.FAIL, f"The server refused to create a file in {data_path} ({exc.reason})",
                            "Ask the server's owner (ExecVision for push) to give the account write permission on data", evidence)
    try:
        written = await sftp.stat(path)
        await sftp.remove(path)
    except asyncssh.SFTPError as exc:
        return write_result(Status.FAIL, f"The test file {path} was written but could not be removed ({exc.reason})",
                            f"Delete {path} by hand; the account can upload but not delete", evidence)
    if await sftp.exists(path):
        return write_result(Status.FAIL, f"The test file {path} is still there after removing it",
                            f"Delete {path} by hand", evidence)
    size = written.size if written.size is not None else len(_TEST_TEXT)
    return write_result(Status.PASS, f"Wrote {size} bytes to {path} and removed the file again", None, evidence)
