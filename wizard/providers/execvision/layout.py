"""The upload folder's shape, and proof that the account can write to it.

The guide has a folder for each of its two cases. Homegrown or rarer dialers: files go to the
``data`` subdirectory, and no directories are created within the upload folder. Five9 push:
recordings go to "the recording subdirectory"; the guide names it only in passing, so the check
looks for a subdirectory called ``recording`` and the guide page asks the admin to confirm the
name with ExecVision. Nothing else about a Five9 upload folder is stated, so nothing else is judged.
Writing is proved only when the admin agrees, with a small test file that is removed again at
once; its ``.txt`` extension is not a media or metadata type, so ExecVision would skip it even
if it were seen.
"""

from __future__ import annotations

import secrets as _random
from typing import TYPE_CHECKING

from wizard.engine.results import CheckResult, Evidence, Fix, Status
from wizard.retry_words import retry_words

from . import GUIDE_ID
from .findings import FIVE9, HOMEGROWN, Finding, rule_for
from .scan import FileEntry

if TYPE_CHECKING:
    import asyncssh

DATA_DIR = "data"
RECORDING_DIR = "recording"
#: The subdirectory of the upload folder each case's files go to.
UPLOAD_DIR = {HOMEGROWN: DATA_DIR, FIVE9: RECORDING_DIR}
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


def recording_root_findings(root_entries: list[FileEntry]) -> tuple[list[Finding], bool]:
    """Five9 push: findings about the upload folder itself, and whether ``recording`` is there.

    Only what the guide's Five9 push section states is judged: recordings go to the recording
    subdirectory. Other files and folders beside it (a ``data`` folder, ExecVision's own) are not the
    Five9 case's business.
    """
    for e in root_entries:
        if e.name == RECORDING_DIR and e.is_dir:
            return [], True
        if e.name == RECORDING_DIR:
            return [Finding("recording-folder", e.path, Status.FAIL, "'recording' is a file, not a directory",
                            "Remove the file; ask ExecVision to restore the account's recording subdirectory")], False
    names = sorted(f"{e.name}/" for e in root_entries if e.is_dir)
    seen = f" (it holds {', '.join(names[:5])}{' …' if len(names) > 5 else ''})" if names else ""
    return [Finding("recording-folder", "", Status.FAIL, f"the upload folder has no 'recording' subdirectory{seen}",
                    "Ask ExecVision which subdirectory Five9 recordings go to (the guide calls it the recording "
                    "subdirectory) and push them there; check that the remote folder is the account's upload folder")], False


def write_result(status: Status, observed: str, fix: str | None, evidence: Evidence, case: str = HOMEGROWN) -> CheckResult:
    rule = rule_for("write-access", case)
    return CheckResult(guide_id=GUIDE_ID, page_id=rule.page_id, check_id="execvision.write-access", setting=rule.setting,
                       status=status, expected=rule.expected, observed=observed, message=observed,
                       evidence=(evidence,), fix=Fix(hint=fix) if fix else None)


async def prove_write(sftp: asyncssh.SFTPClient, data_path: str, consent: bool, evidence: Evidence,
                      case: str = HOMEGROWN) -> CheckResult:
    """Write a test file into the case's upload subdirectory and remove it again, only with the admin's consent."""
    import asyncssh

    folder = UPLOAD_DIR[case]

    def result(status: Status, observed: str, fix: str | None) -> CheckResult:
        return write_result(status, observed, fix, evidence, case)

    if not consent:
        return result(Status.SKIPPED, f"Not tried: writing needs your consent (a test file is written to {folder} and removed at once)",
                      f"Allow the write test{retry_words().way('--prove-write', ' (--prove-write on the command line)')} to prove "
                      "the account can upload")
    name = f"{TEST_FILE_PREFIX}{_random.token_hex(6)}.txt"
    path = f"{data_path.rstrip('/')}/{name}"
    try:
        async with sftp.open(path, "wb") as fh:
            await fh.write(_TEST_TEXT)
    except asyncssh.SFTPError as exc:
        return result(Status.FAIL, f"The server refused to create a file in {data_path} ({exc.reason})",
                      f"Ask the server's owner (ExecVision for push) to give the account write permission on {folder}")
    try:
        written = await sftp.stat(path)
        await sftp.remove(path)
    except asyncssh.SFTPError as exc:
        return result(Status.FAIL, f"The test file {path} was written but could not be removed ({exc.reason})",
                      f"Delete {path} by hand; the account can upload but not delete")
    if await sftp.exists(path):
        return result(Status.FAIL, f"The test file {path} is still there after removing it", f"Delete {path} by hand")
    size = written.size if written.size is not None else len(_TEST_TEXT)
    return result(Status.PASS, f"Wrote {size} bytes to {path} and removed the file again", None)
