"""The guide's recording and metadata rules, applied to one folder listing.

The guide keeps two cases apart (`RuleConfig.source`). Homegrown or rarer dialers: the ``data``
subdirectory, the ``yyyyMMdd-hhmmss_uid.ext`` names, the formats and 2GB limit, metadata files
that every call waits for, named like their recording, updated within 48 hours. Five9: six items in
each file name (`five9_names`), metadata files optional but at most one per recording, flat. A
rule the guide states only for the other case is not judged here (`findings.not_your_case`).

`validate_folder` is a pure function of a listing, the admin's settings, a reader for metadata
contents and the time "now"; it returns every `Finding` plus how many items each rule checked.
It never raises on strange files: a name, a size or a metadata file it cannot use becomes a
finding that says what was seen and what to do. Each metadata file is read and parsed once.

Clocks and time zones (`clocks`): a call time after this computer's clock, or metadata written before
the call it describes, is a warning. When a time zone other than the one the names are said to use
explains it (names in Tokyo time read as UTC look 9 hours ahead), the warning names that zone's UTC
offset; beyond UTC+14 no zone explains it and the warning names the clock to check. The newest upload
written after "now" is a warning too (the frequency of uploads cannot be judged). The 48-hour rule
for metadata lives in `updates`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Literal

from wizard.engine.results import Status

from . import five9_names
from .clocks import (
    CLOCK_FIX,
    CLOCK_SLACK,
    ZONE_FURTHEST_AHEAD,
    age,
    ahead_of,
    name_in_future,
)
from .findings import FIVE9, Finding, applies
from .metadata import Metadata
from .metadata_rules import UnreadableFile, check_metadata_files
from .naming import (
    MEDIA_TYPES,
    METADATA_TYPES,
    UNSUPPORTED_MEDIA,
    NameMatch,
    NamePattern,
    compile_pattern,
    metadata_only_id_problem,
    split_name,
)
from .scan import CancelToken, FileEntry, ProgressCallback
from .updates import UPDATE_WINDOW, check_updates

__all__ = ["CLOCK_SLACK", "MEDIA_TYPES", "METADATA_TYPES", "UPDATE_WINDOW", "ZONE_FURTHEST_AHEAD", "FolderReport", "RuleConfig",
           "UnreadableFile", "validate_folder"]

MAX_MEDIA_BYTES = 2 * 1024**3  # 2 GB read as 2 GiB; between 2e9 and this a warning
_DECIMAL_2GB = 2_000_000_000
CADENCE = timedelta(hours=1)
_CLOCK_SLACK_S = CLOCK_SLACK.total_seconds()
RECOMMENDED_FIELDS = (5, 10)
_FORMATS = ", ".join(sorted(MEDIA_TYPES))


@dataclass(frozen=True)
class RuleConfig:
    """What the admin agreed with ExecVision, plus how strictly to judge the delivery cadence."""

    pattern: NamePattern = field(default_factory=compile_pattern)  # homegrown: the name pattern; Five9: the agreed layout
    metadata_only: bool = False  # metadata named id.ext for recordings a dialer's API provides
    source: Literal["five9", "homegrown"] = "homegrown"  # the guide's case: which rules apply
    required_fields: tuple[str, ...] = ()
    name_tz: tzinfo = UTC  # the time zone the names' call times are written in
    check_cadence: bool = True
    cadence_status: Status = Status.FAIL
    ignore_dirs: frozenset[str] = frozenset()  # e.g. the subdirectory ExecVision moves processed files to
    mode: Literal["push", "pull", "local"] = "push"  # set by the check: Five9's pull section asks for the items in the name


@dataclass
class FolderReport:
    """Findings and, per rule, how many items were checked (for "All 1,234 … pass")."""

    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    recordings: int = 0
    metadata_files: int = 0
    newest_recording: float | None = None


def validate_folder(
    entries: Iterable[FileEntry],
    config: RuleConfig,
    read: Callable[[FileEntry], bytes],
    now: datetime,
    threads: int = 1,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FolderReport:
    """Apply every recording and metadata rule of the case to a listing (paths relative to the folder checked).

    ``threads`` > 1 reads metadata files ahead on worker threads while the main thread parses
    (worth it on a cold disk cache); the results do not depend on it. ``progress`` hears about
    the metadata files read ("reading" phase) and ``cancel`` is honoured between batches.
    """
    report = FolderReport()
    add = report.findings.append
    media: list[tuple[FileEntry, str, str]] = []
    meta: dict[tuple[str, str], list[FileEntry]] = {}
    stems_anywhere: set[str] = set()
    newest: float | None = None
    ignored = config.ignore_dirs
    dirs = others = timed = 0  # timed: files whose write time the cadence rule looked at
    five9_case = config.source == FIVE9
    # The formats list is the homegrown part's: from Five9, any audio or video file is a recording to judge.
    recordings = MEDIA_TYPES | UNSUPPORTED_MEDIA if five9_case else MEDIA_TYPES
    for e in entries:
        inside_ignored = bool(ignored) and _under(e.parent, ignored)
        if e.is_dir:
            if e.path not in ignored and not inside_ignored:
                dirs += 1
                add(Finding("no-directories", e.path + "/", Status.WARN,
                            "a directory inside the upload folder; ExecVision picks up files placed directly in the folder, not in subdirectories",
                            "Upload files straight into data and remove this directory (if ExecVision created it for processed files, ignore it with --ignore-dir)"))
            continue
        stem, ext = split_name(e.name)
        if ext in recordings:
            stems_anywhere.add(stem)
            if e.mtime is not None:
                timed += 1
                newest = e.mtime if newest is None else max(newest, e.mtime)
            if not inside_ignored:
                media.append((e, stem, ext))
        elif ext in METADATA_TYPES:
            if config.metadata_only and e.mtime is not None:
                timed += 1
                newest = e.mtime if newest is None else max(newest, e.mtime)
            if not inside_ignored:
                meta.setdefault((e.parent, stem), []).append(e)
        elif not inside_ignored:
            others += 1
            _other_file(e, ext, add)
    report.checked["other-files"] = others + len(media) + sum(len(v) for v in meta.values())
    report.checked["no-directories"] = dirs + report.checked["other-files"]  # every entry looked at, not only the directories
    report.recordings = len(media)
    report.newest_recording = newest

    parsed = check_metadata_files(meta, config.required_fields, read, report, threads, progress, cancel)
    name_times: dict[tuple[str, str], datetime] = {}
    told: set[tuple[str, str]] = set()
    _check_recordings(media, meta, parsed, config, now, report, name_times, told)
    media_keys = {(e.parent, s) for e, s, _ in media}
    _check_orphans(meta, media_keys, stems_anywhere, config, report)
    if not five9_case:
        check_updates(meta, media_keys, parsed, name_times, told, config, now, report)
    if config.check_cadence:
        _check_cadence(newest, timed, config, now, report)
    if config.required_fields:
        _check_field_count(config, report)
    # The other case's rules were never the admin's: their findings and counts go (see findings.not_your_case).
    report.findings = [f for f in report.findings if applies(f.rule, config.source)]
    report.checked = {rule: n for rule, n in report.checked.items() if applies(rule, config.source)}
    return report


def _under(parent: str, ignored: frozenset[str]) -> bool:
    return any(parent == d or parent.startswith(d + "/") for d in ignored)


def _other_file(e: FileEntry, ext: str, add: Callable[[Finding], None]) -> None:
    if ext in UNSUPPORTED_MEDIA:
        add(Finding("media-type", e.path, Status.FAIL, f"'.{ext}' is not a format ExecVision supports; the recording is skipped",
                    f"Convert the recording to one of: {_FORMATS}"))
    else:
        what = f"'.{ext}' files" if ext else "files without an extension"
        add(Finding("other-files", e.path, Status.WARN, f"{what} are neither recordings nor metadata; ExecVision skips them",
                    "Remove the file from the upload folder, or rename it if it is a recording or metadata file"))


def _check_recordings(media: list[tuple[FileEntry, str, str]], meta: dict[tuple[str, str], list[FileEntry]],
                      parsed: dict[str, Metadata], config: RuleConfig, now: datetime, report: FolderReport,
                      name_times: dict[tuple[str, str], datetime], told: set[tuple[str, str]]) -> None:
    """The recording rules; fills ``name_times`` (each name's call time) and ``told`` (names said to be in the future)."""
    add = report.findings.append
    pattern = config.pattern
    five9_case = config.source == FIVE9
    layout = five9_case and five9_names.layout_given(pattern)
    seen_keys: dict[tuple[str, str], str] = {}
    now_ts = now.timestamp()
    for e, stem, _ext in media:
        if e.size is not None:
            if e.size == 0:
                add(Finding("file-size", e.path, Status.FAIL, "the file is empty (0 bytes)", "Copy or export the recording again; this copy is incomplete"))
            elif e.size > MAX_MEDIA_BYTES:
                add(Finding("file-size", e.path, Status.FAIL, f"the file is {e.size / 1024**3:.2f} GB, over the 2GB limit",
                            "Split or compress the recording so it is no greater than 2GB"))
            elif e.size > _DECIMAL_2GB:
                add(Finding("file-size", e.path, Status.WARN, f"the file is {e.size:,} bytes, just under 2 GiB but over 2,000,000,000 bytes",
                            "Keep recordings comfortably under 2GB; ask ExecVision which limit applies"))
        key = (e.parent, stem)
        partners = meta.get(key, [])
        if not five9_case:
            _homegrown_name(e.path, stem, key, pattern, config, now_ts, name_times, told, add)
        elif layout:
            md = parsed.get(partners[0].path) if len(partners) == 1 else None
            report.findings += five9_names.judge(e.path, stem, pattern, md.fields if md else None, config.mode == "pull",
                                                 config.name_tz, now_ts)
        if key in seen_keys:
            add(Finding("metadata-pair", e.path, Status.FAIL, f"another recording has the same name before the extension ({seen_keys[key]})",
                        "Give each recording its own name; one metadata file can only belong to one recording"))
        seen_keys[key] = e.name
        if not partners and not five9_case:  # Five9: metadata files are optional
            add(Finding("metadata-pair", e.path, Status.FAIL, "no metadata file with the same name; ExecVision does not process the call until one arrives",
                        f"Upload {stem}.xml (or .json, .csv, .yml) next to the recording"))
        elif len(partners) > 1:
            add(Finding("metadata-pair", e.path, Status.FAIL, "more than one metadata file: " + ", ".join(p.name for p in partners),
                        "Keep exactly one metadata file per recording and remove the others"))
    report.checked["media-type"] = report.checked["file-size"] = report.checked["recording-name"] = len(media)
    report.checked["metadata-pair"] = len(media)
    if five9_case:
        report.checked["five9-info"] = len(media) if layout else 0
        if not layout:
            add(five9_names.no_layout(len(media)))


def _homegrown_name(path: str, stem: str, key: tuple[str, str], pattern: NamePattern, config: RuleConfig, now_ts: float,
                    name_times: dict[tuple[str, str], datetime], told: set[tuple[str, str]],
                    add: Callable[[Finding], None]) -> None:
    """The homegrown naming rule (yyyyMMdd-hhmmss_uid, or the pattern agreed instead) and its call time."""
    named = pattern.match(stem)
    if not isinstance(named, NameMatch):
        add(Finding("recording-name", path, Status.FAIL, named.observed, named.fix))
    elif named.call_time is not None:
        call_time = name_times[key] = named.call_time.replace(tzinfo=config.name_tz)
        ahead = ahead_of(call_time, False, now_ts)
        if ahead is not None:
            told.add(key)
            add(name_in_future(path, call_time, ahead))


def _check_orphans(meta: dict[tuple[str, str], list[FileEntry]], media_keys: set[tuple[str, str]], stems_anywhere: set[str],
                   config: RuleConfig, report: FolderReport) -> None:
    add = report.findings.append
    only = 0
    for key, group in meta.items():
        if key in media_keys:
            continue
        if config.metadata_only:
            for e in group:
                only += 1
                problem = metadata_only_id_problem(key[1])
                if problem is not None:
                    add(Finding("metadata-name", e.path, Status.WARN, problem.observed, problem.fix))
            if len(group) > 1:
                add(Finding("metadata-pair", group[0].path, Status.FAIL, "more than one metadata file for the id: " + ", ".join(e.name for e in group),
                            "Keep exactly one metadata file per recording and remove the others"))
        elif key[1] not in stems_anywhere:
            fix = ("Upload the recording next to it (the wizard pairs a metadata file with the recording of the same name), "
                   "or remove it" if config.source == FIVE9 else
                   "Upload the recording next to it; if the recording was uploaded earlier this is a metadata update and is fine within 48 hours of the call")
            for e in group:
                add(Finding("metadata-pair", e.path, Status.WARN, "no recording with the same name in this folder", fix))
    if config.metadata_only:
        report.checked["metadata-name"] = only


def _check_cadence(newest: float | None, timed: int, config: RuleConfig, now: datetime, report: FolderReport) -> None:
    report.checked["cadence"] = timed
    what = "metadata file" if config.metadata_only else "recording"
    if newest is None:  # nothing with an upload time: the rule is skipped (findings.NOTHING_TO_CHECK says why), not failed
        return
    elapsed = now.timestamp() - newest
    stamp = datetime.fromtimestamp(newest, UTC).strftime("%Y-%m-%d %H:%M UTC")
    if -elapsed > _CLOCK_SLACK_S:
        report.findings.append(Finding("cadence", "", Status.WARN,
                                       f"the newest {what} was written at {stamp}, {age(-elapsed)} after this computer's clock, so how "
                                       "often uploads arrive cannot be judged: the clock of the system that wrote it (the SFTP server, "
                                       "or the export job when the upload keeps the files' times) or this computer's is wrong",
                                       f"Set the clock that is wrong, then check again; {CLOCK_FIX}"))
        return
    if elapsed > CADENCE.total_seconds():
        report.findings.append(Finding("cadence", "", config.cadence_status,
                                       f"the newest {what} was written {age(elapsed)} ago ({stamp})",
                                       "Schedule the export job to upload at least every hour (the guide asks for a <1hr cadence)"))


def _check_field_count(config: RuleConfig, report: FolderReport) -> None:
    low, high = RECOMMENDED_FIELDS
    count = len(config.required_fields)
    if not low <= count <= high:
        report.findings.append(Finding("metadata-fields", "", Status.WARN,
                                       f"{count} configured fields; ExecVision recommends {low} - {high} per department",
                                       "Agree a shorter (or fuller) list of search fields with your ExecVision implementations manager"))
