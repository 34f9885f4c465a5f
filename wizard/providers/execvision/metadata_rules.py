"""The metadata-file rules: every file read once (optionally ahead, on worker threads) and parsed;
nesting, format and the admin's configured fields checked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from wizard.engine.results import Status

from .findings import Finding
from .metadata import MAX_METADATA_BYTES, Metadata, MetadataProblem, parse_metadata
from .naming import split_name
from .scan import CancelToken, FileEntry, ProgressCallback, ScanProgress, read_ahead

if TYPE_CHECKING:
    from .rules import FolderReport


class UnreadableFile(Exception):
    """A listed file could not be read; ``reason`` says what the server or disk answered."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fix = fix


def check_metadata_files(meta: dict[tuple[str, str], list[FileEntry]], required: tuple[str, ...],
                         read: Callable[[FileEntry], bytes], report: FolderReport, threads: int = 1,
                         progress: ProgressCallback | None = None, cancel: CancelToken | None = None) -> dict[str, Metadata]:
    """Read and parse every metadata file once; check nesting and the configured fields."""
    add = report.findings.append
    parsed: dict[str, Metadata] = {}
    to_read: list[FileEntry] = []
    n = judged = nested_judged = 0  # all files; files whose format was judged; files whose nesting was
    for group in meta.values():
        for e in group:
            n += 1
            if e.size is not None and e.size > MAX_METADATA_BYTES:
                judged += 1
                add(Finding("metadata-parse", e.path, Status.FAIL, f"the file is {e.size:,} bytes, too big to be one call's fields",
                            "Put only this call's fields in the metadata file"))
            else:
                to_read.append(e)
    total = len(to_read)
    for done, (e, data) in enumerate(read_ahead(to_read, read, threads), 1):
        if done % 2000 == 0 or done == total:
            if progress is not None:
                progress(ScanProgress("reading", done, total, e.path))
            if cancel is not None:
                cancel.raise_if_cancelled()
        if isinstance(data, UnreadableFile):
            add(Finding("read-access", e.path, Status.FAIL, data.reason, data.fix))
            continue
        if isinstance(data, Exception):
            reason = (data.strerror if isinstance(data, OSError) else None) or str(data) or type(data).__name__
            add(Finding("read-access", e.path, Status.FAIL, f"the file could not be read ({reason})",
                        "Give the account read permission on the file"))
            continue
        judged += 1
        result = parse_metadata(data, split_name(e.name)[1])
        if isinstance(result, MetadataProblem):
            nested_judged += result.rule == "metadata-nested"
            add(Finding(result.rule, e.path, Status.FAIL, result.observed, result.fix))
            continue
        nested_judged += 1
        parsed[e.path] = result
        if required:
            _check_required(e, result, required, add)
    report.metadata_files = n
    # Only files that were looked at count towards "All n … pass"; an unread one has its read-access finding.
    report.checked["metadata-parse"] = judged
    report.checked["metadata-nested"] = nested_judged
    if required:
        report.checked["metadata-fields"] = len(parsed)
    return parsed


def _check_required(e: FileEntry, md: Metadata, required: tuple[str, ...], add: Callable[[Finding], None]) -> None:
    fields = md.fields
    missing = [f for f in required if f not in fields]
    if missing:
        near = {k.lower(): k for k in fields}
        hints = [f"{m!r} (found {near[m.lower()]!r})" for m in missing if m.lower() in near]
        add(Finding("metadata-fields", e.path, Status.FAIL, "missing configured field(s): " + ", ".join(missing)
                    + (f"; names differ only in case: {', '.join(hints)}" if hints else ""),
                    "Include every field configured for your ExecVision instance, spelled exactly as configured"))
        return
    empty = [f for f in required if not fields[f].strip()]
    if empty:
        add(Finding("metadata-fields", e.path, Status.WARN, "configured field(s) present but empty: " + ", ".join(empty),
                    "Fill in the values from your CRM or dialer before uploading"))
