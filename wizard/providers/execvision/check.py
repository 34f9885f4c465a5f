"""End-to-end checks: a local folder before upload, or the SFTP delivery as ExecVision sees it.

Both produce a `CheckOutcome`: the per-file findings (for the file list and ``--csv``) and one
`CheckResult` per rule and page (for the wizard page, the report and ``--json``). Connection
failures raise `SftpProblem`; `problem_results` turns one into the result rows the window shows.

The guide's case (`RuleConfig.source`) decides which folder a push account is read in (``data``
for a homegrown dialer, ``recording`` for Five9) and which rules apply; each rule the guide states
only for the other case is one "Skipped: not your case" row (`findings.not_your_case`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from wizard.engine.results import CheckResult, Evidence, Fix, Status

from . import GUIDE_ID
from .bounded import LOST, quiet_loop_errors, session_ended
from .findings import FIVE9, HOMEGROWN, Finding, not_your_case, page_for, rule_for, to_check_results
from .host_keys import FILE_NAME as KNOWN_HOSTS_FILE
from .host_keys import HostKeyStore
from .layout import UPLOAD_DIR, prove_write, recording_root_findings, upload_root_findings
from .metadata import MAX_METADATA_BYTES
from .metadata_rules import UnreadableFile
from .naming import MEDIA_TYPES, METADATA_TYPES, split_name
from .rules import FolderReport, RuleConfig, validate_folder
from .scan import (
    CancelToken,
    FileEntry,
    ProgressCallback,
    ScanCancelled,
    list_local,
    list_remote,
    local_reader,
    read_remote_files,
)
from .sftp import SftpProblem, SftpSecrets, SftpSession, SftpTarget, open_sftp, translate

PROBE_BYTES = 4096
#: Worker threads reading metadata files ahead of the parser in a local check (helps on a cold disk cache).
LOCAL_READ_THREADS = 4


@dataclass
class CheckOutcome:
    """Everything one check found."""

    target: str
    mode: str
    results: list[CheckResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    recordings: int = 0
    metadata_files: int = 0
    case: str = HOMEGROWN  # the guide's case the delivery was judged in (`RuleConfig.source`)

    @property
    def worst(self) -> Status:
        from wizard.engine.results import worst

        return worst([r.status for r in self.results])


def check_local(folder: str | os.PathLike[str], config: RuleConfig, *, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None, now: datetime | None = None) -> CheckOutcome:
    """Validate a local folder whose files are meant for the upload subdirectory (data, or Five9's recording)."""
    path = os.fspath(folder)
    config = replace(config, mode="local")
    if not os.path.isdir(path):
        seen = f"{path} is a file, not a folder" if os.path.exists(path) else f"The folder {path} does not exist"
        raise SftpProblem("missing-folder", seen, "the folder holding the recordings and metadata files",
                          "Check the path and give the folder the recordings are exported to")
    entries = list_local(path, progress, cancel)
    report = validate_folder(entries, config, local_reader(path, MAX_METADATA_BYTES), now or datetime.now(UTC),
                             threads=LOCAL_READ_THREADS, progress=progress, cancel=cancel)
    report.findings += nothing_found(report, config, os.path.abspath(path))
    evidence = Evidence(source="Local folder listing", detail=f"{path}: {len(entries):,} entries")
    outcome = CheckOutcome(target=path, mode="local", findings=report.findings,
                           recordings=report.recordings, metadata_files=report.metadata_files, case=config.source)
    outcome.results = (to_check_results(report.findings, report.checked, mode="push", evidence=evidence, case=config.source)
                       + not_your_case(config.source, "push", evidence, connected=False))
    return outcome


def nothing_found(report: FolderReport, config: RuleConfig, where: str) -> list[Finding]:
    """A warning when the folder holds no recordings (or, metadata only, no metadata files): nothing was
    judged, so nothing can be said to follow the guide. Names where the wizard looked and what it expects."""
    if config.metadata_only:
        if report.metadata_files:
            return []
        what, types = "metadata files", ", ".join(sorted(METADATA_TYPES))
    else:
        if report.recordings:
            return []
        what, types = "recordings", ", ".join(sorted(MEDIA_TYPES))
    return [Finding("media-type", "", Status.WARN, f"no {what} were found in {where}, so none could be checked",
                    f"Check that this is the folder the {what} are exported to ({types} files, directly in it), "
                    "or put a few there and check again")]


async def check_sftp(target: SftpTarget, secrets: SftpSecrets, config: RuleConfig, *, store: HostKeyStore | None = None,
                     accept_fingerprint: str | None = None, prove_write_consent: bool = False,
                     progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                     now: datetime | None = None) -> CheckOutcome:
    """Connect, check the folder layout and every file; raises `SftpProblem` when it cannot check.

    ``cancel`` stops the check at once, even while it waits on the server (`ScanCancelled`); the
    connection is closed on the way out. Ctrl-C (asyncio.run cancelling this task) is left as a
    cancellation, which asyncio.run turns back into KeyboardInterrupt for the command line.
    """
    store = store or HostKeyStore()
    if cancel is not None:
        cancel.raise_if_cancelled()
    forget = _stop_this_task_on(cancel)
    try:
        async with open_sftp(target, secrets, store, accept_fingerprint) as session:
            try:
                return await _check_session(session, config, prove_write_consent, progress, cancel, now or datetime.now(UTC))
            except (SftpProblem, ScanCancelled):
                raise
            except Exception as exc:  # every failure is explained, none escapes raw
                raise _in_session(exc, session, secrets) from None
    except asyncio.CancelledError:
        if cancel is None or not cancel.cancelled:
            raise
        task = asyncio.current_task()
        if task is not None:
            task.uncancel()
        raise ScanCancelled("The scan was cancelled") from None
    finally:
        forget()


def _stop_this_task_on(cancel: CancelToken | None) -> Callable[[], None]:
    """Cancel the running task when the token is cancelled (from any thread); returns the unregister call."""
    if cancel is None:
        return lambda: None
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    assert task is not None

    def stop() -> None:
        with contextlib.suppress(RuntimeError):  # the loop has ended: nothing is left to stop
            loop.call_soon_threadsafe(task.cancel)

    return cancel.when_cancelled(stop)


def _in_session(exc: Exception, session: SftpSession, secrets: SftpSecrets) -> SftpProblem:
    """A failure after sign-in that the bounded client did not already explain."""
    import asyncssh

    target = session.target
    if isinstance(exc, LOST):
        return session_ended(target, session.sftp.watch, "checking the folder", exc)
    if isinstance(exc, asyncssh.SFTPError):
        return SftpProblem("session-failed", f"{target.host}:{target.port} answered a request with an error after signing in "
                           f"({exc.reason or exc})", "answers to the account's requests",
                           "Try again; if it fails again, ask the server's owner (ExecVision for push) what the account may do")
    return translate(exc, target, target.key_file is not None, secrets.saved)


def run_sftp_check(target: SftpTarget, secrets: SftpSecrets, config: RuleConfig, *, store: HostKeyStore | None = None,
                   accept_fingerprint: str | None = None, prove_write_consent: bool = False,
                   progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                   now: datetime | None = None) -> CheckOutcome:
    """`check_sftp` for a worker thread or the command line: runs its own event loop and blocks."""

    async def run() -> CheckOutcome:
        asyncio.get_running_loop().set_exception_handler(quiet_loop_errors)
        return await check_sftp(target, secrets, config, store=store, accept_fingerprint=accept_fingerprint,
                                prove_write_consent=prove_write_consent, progress=progress, cancel=cancel, now=now)

    return asyncio.run(run())


async def _check_session(session: SftpSession, config: RuleConfig, consent: bool, progress: ProgressCallback | None,
                         cancel: CancelToken | None, now: datetime) -> CheckOutcome:
    target, sftp = session.target, session.sftp
    mode, case = target.mode, config.source
    config = replace(config, mode=mode)
    outcome = CheckOutcome(target=target.url(), mode=mode, case=case)
    results = [_connected(session, case), _host_key_ok(session, case)]
    findings: list[Finding] = []
    checked: dict[str, int] = {}
    root = target.remote_dir or "."
    folder = root
    if mode == "push":
        root_listing = await list_remote(sftp, root, progress, cancel, recursive=False)
        if case == FIVE9:
            layout, found = recording_root_findings(root_listing)
            checked["recording-folder"] = 1
        else:
            layout, found = upload_root_findings(root_listing, config.ignore_dirs)
            checked["data-folder"] = 1
            checked["no-directories"] = len(root_listing)
        findings += layout
        if not found:
            outcome.findings = findings
            evidence = Evidence(source="SFTP listing", detail=f"{target.url()}: {len(root_listing)} entries")
            outcome.results = (results + to_check_results(findings, checked, mode=mode, evidence=evidence, case=case)
                               + not_your_case(case, mode, evidence))
            return outcome
        folder = UPLOAD_DIR[case] if root in ("", ".") else f"{root.rstrip('/')}/{UPLOAD_DIR[case]}"
    entries = await list_remote(sftp, folder, progress, cancel, skip=config.ignore_dirs)
    metadata = [e for e in entries if not e.is_dir and split_name(e.name)[1] in METADATA_TYPES
                and (e.size is None or e.size <= MAX_METADATA_BYTES)]
    contents = await read_remote_files(sftp, folder, metadata, MAX_METADATA_BYTES, progress, cancel)
    report = validate_folder(entries, config, _reader(contents), now)
    findings += report.findings + nothing_found(report, config, target.url(folder))
    for rule, n in report.checked.items():
        checked[rule] = checked.get(rule, 0) + n
    evidence = Evidence(source="SFTP listing", detail=f"{target.url(folder)}: {len(entries):,} entries, {len(metadata):,} metadata files read")
    if mode == "pull":
        probe = await _probe_read(session, folder, entries)
        if probe is not None:
            findings.append(probe)
        checked["read-access"] = len(metadata) + (1 if report.recordings else 0)
    results += to_check_results(findings, checked, mode=mode, evidence=evidence, case=case)
    if mode == "push":
        results.append(await prove_write(sftp, folder, consent, evidence, case))
    results += not_your_case(case, mode, evidence)
    outcome.results, outcome.findings = results, findings
    outcome.recordings, outcome.metadata_files = report.recordings, report.metadata_files
    return outcome


def _reader(contents: dict[str, bytes | Exception]):
    def read(entry: FileEntry) -> bytes:
        value = contents.get(entry.path)
        if value is None:
            raise UnreadableFile("the file was not read", "Check the scan again")
        if isinstance(value, Exception):
            reason = getattr(value, "reason", None) or str(value)
            raise UnreadableFile(f"the server refused to let the account read it ({reason})",
                                 "Give the account read permission on the upload files")
        return value

    return read


async def _probe_read(session: SftpSession, folder: str, entries: list[FileEntry]) -> Finding | None:
    """Pull mode: read the start of the newest recording, as ExecVision's ingest will."""
    import asyncssh

    media = [e for e in entries if not e.is_dir and split_name(e.name)[1] in MEDIA_TYPES]
    if not media:
        return None
    newest = max(media, key=lambda e: e.mtime or 0)
    path = f"{folder.rstrip('/')}/{newest.path}" if folder not in ("", ".") else newest.path
    try:
        async with session.sftp.open(path, "rb") as fh:
            await fh.read(PROBE_BYTES)
    except asyncssh.SFTPError as exc:
        return Finding("read-access", newest.path, Status.FAIL, f"the account cannot read the recording ({exc.reason})",
                       "Give the account ExecVision uses read permission on the recordings")
    return None


def _connected(session: SftpSession, case: str) -> CheckResult:
    target = session.target
    rule = rule_for("connection", case)
    observed = f"Signed in to {target.host}:{target.port} as {target.username} with a {session.auth}"
    if session.server_version:
        observed += f" ({session.server_version})"
    observed += f"; host key {session.host_key}"
    return CheckResult(guide_id=GUIDE_ID, page_id=page_for("connection", target.mode, case), check_id="execvision.connection",
                       setting=rule.setting, status=Status.PASS, expected=rule.expected, observed=observed, message=observed,
                       evidence=(Evidence(source="SSH handshake", detail=target.url()),))


def _host_key_ok(session: SftpSession, case: str) -> CheckResult:
    target = session.target
    rule = rule_for("host-key", case)
    observed = f"{session.host_key} matches the key accepted for {target.host}:{target.port}"
    return CheckResult(guide_id=GUIDE_ID, page_id=page_for("host-key", target.mode, case), check_id="execvision.host-key",
                       setting=rule.setting, status=Status.PASS, expected=rule.expected, observed=observed, message=observed,
                       evidence=(Evidence(source="SSH handshake", detail=f"accepted keys in {KNOWN_HOSTS_FILE}"),))


def problem_results(problem: SftpProblem, mode: str, case: str = HOMEGROWN) -> list[CheckResult]:
    """The result rows for a check that could not run (the window and the report show them), on the case's page."""
    rule_id = "host-key" if problem.kind.startswith("host-key") else "connection"
    rule = rule_for(rule_id, case)
    status = Status.ERROR
    if problem.kind in ("host-key-changed", "credentials", "key-rejected"):
        status = Status.FAIL
    elif problem.kind == "host-key-unknown":
        status = Status.MANUAL
    return [CheckResult(guide_id=GUIDE_ID, page_id=page_for(rule_id, mode, case), check_id=f"execvision.{rule_id}",
                        setting=rule.setting, status=status, expected=problem.expected, observed=problem.observed,
                        message=problem.observed, fix=Fix(hint=problem.action))]
