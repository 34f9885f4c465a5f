"""Findings: one per file and rule, and their summary as `CheckResult`s for the guide's pages.

A finding is what an admin acts on ("this file breaks this rule; do this"), so each one names the
file, the rule and the fix. The window's page, the verification report and
``eci-wizard execvision check --json`` all summarise findings the same way: one `CheckResult`
per rule, passing when no file broke it and at least one item was looked at.

A rule with nothing to look at (no recordings yet, no metadata file with a call time) is
``Status.SKIPPED``, the status the project uses for "not checked" (the report lists such settings
as never checked): "All 0 … pass" would claim a pass nobody earned, and it is not an error either,
since nothing went wrong. An item a rule could not look at (a recording without usable metadata,
for the Five9 rule; a metadata file without a call time, for the 48-hour rule) is a ``Status.ERROR``
finding, "could not check", so it is said, never counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wizard.engine.results import CheckResult, Evidence, Fix, Status, worst

from . import GUIDE_ID
from .naming import shown


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the guide: where it lives in the wizard and what it expects."""

    id: str
    page_id: str  # "" = the delivery page of the chosen mode (sftp-push or sftp-pull)
    setting: str
    expected: str
    passed: str  # what a pass says, with {n} for the number of items checked


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("connection", "", "SFTP connection", "the SFTP server accepts the account's credentials", "Connected and signed in"),
        Rule("host-key", "", "SFTP server host key", "the server's host key matches the key you accepted", "The host key matches the accepted key"),
        Rule("five9-info", "", "Five9 information in each recording's name or metadata",
             "call time, user id, direction, session id, file type and ANI/DNIS phone number in the file name or its metadata",
             "All {n} recordings carry the Five9 information"),
        Rule("read-access", "sftp-pull", "ExecVision can read the recordings", "the account can list the folder and read recordings and metadata",
             "Listed the folder and read {n} files"),
        Rule("data-folder", "upload-folder", "Files directed to the data subdirectory", "a 'data' subdirectory in the upload folder, holding the files",
             "The data subdirectory is there and no file sits beside it"),
        Rule("no-directories", "upload-folder", "No directories inside the upload folder",
             "files directly in the data subdirectory, no other directories", "No stray directories ({n} entries checked)"),
        Rule("write-access", "upload-folder", "Write permission on the data subdirectory",
             "a test file can be written to data and removed again", "A test file was written and removed again"),
        Rule("media-type", "upload-folder", "Audio or video format", "wav, mp3, mp4, m4a, mpg, wma, webm, aiff, flac, ogg, gsm, arf or au",
             "All {n} recordings are in a supported format"),
        Rule("file-size", "upload-folder", "Maximum file size", "each media file no greater than 2GB", "All {n} recordings are within 2GB"),
        Rule("cadence", "upload-folder", "Frequency of uploads", "the newest recording uploaded less than 1 hour ago", "The newest recording is less than an hour old"),
        Rule("recording-name", "recording-names", "Recording file naming", "yyyyMMdd-hhmmss_uid.ext (or the pattern agreed with ExecVision)",
             "All {n} recordings are named correctly"),
        Rule("metadata-pair", "metadata-files", "Exactly one metadata file per media file",
             "one metadata file with the recording's name and a xml, json, csv or yml extension", "Each of {n} recordings has exactly one metadata file"),
        Rule("metadata-name", "metadata-files", "Metadata file naming (metadata only)", "id.ext, with the id the recording source generated",
             "All {n} metadata-only files are named id.ext"),
        Rule("metadata-parse", "metadata-files", "Metadata file format", "XML, JSON, CSV or YML that parses, one call per file",
             "All {n} metadata files parse"),
        Rule("metadata-nested", "metadata-files", "No nested fields", "flat name/value fields only", "No nested fields in {n} metadata files"),
        Rule("metadata-fields", "metadata-files", "Configured metadata fields", "every field configured for your ExecVision instance, 5 - 10 recommended",
             "All {n} metadata files hold the configured fields"),
        Rule("metadata-updates", "metadata-updates", "Metadata updates within 48 hours",
             "metadata written no later than 48 hours after the call date/time", "All {n} metadata files were written within 48 hours of the call"),
        Rule("other-files", "upload-folder", "Only recordings and metadata", "media and metadata files only; ExecVision skips anything else",
             "No other files among {n}"),
    )
}


#: What a rule with nothing to look at says (observed, what to do); other rules say `_NOTHING_DEFAULT`.
NOTHING_TO_CHECK: dict[str, tuple[str, str]] = {
    "cadence": ("no recording (or, for metadata only, no metadata file) with a known upload time was found, so how "
                "often uploads arrive was not checked", "Check again once the export job has uploaded recordings"),
    "five9-info": ("no recording was found, so no recording's Five9 information was checked",
                   "Check again once recordings are in the folder"),
    "read-access": ("no recording or metadata file was found, so none was read", "Check again once the export has run"),
    "metadata-fields": ("no metadata file that parses was found, so the configured fields were not looked for",
                        "Fix the metadata files' findings (or add metadata files), then check again"),
    "metadata-updates": ("no metadata file could be paired with a call time (from the recording's name or a call time "
                         "field) and a write time, so none was compared with the 48-hour limit",
                         "Name recordings with the call time (yyyyMMdd-hhmmss_…) or put a call time field (e.g. call_time) "
                         "in the metadata, then check again; if neither is possible, confirm the 48-hour rule by hand"),
}
_NOTHING_DEFAULT = ("nothing this rule applies to was found in the folder, so it was not checked",
                    "Check again once the folder holds recordings and their metadata files")


@dataclass(frozen=True, slots=True)
class Finding:
    """One file breaking one rule (``file`` is "" for folder-wide findings).

    The texts are made safe as the finding is made (`naming.shown`): a file name comes from a disk or a
    server and may hold control characters or bytes that are not UTF-8, and the table, the window, the
    JSON and the CSV must all show it escaped rather than let it act on a terminal or break a file.
    """

    rule: str
    file: str
    status: Status
    observed: str
    fix: str

    def __post_init__(self) -> None:
        for name in ("file", "observed", "fix"):
            object.__setattr__(self, name, shown(getattr(self, name)))

    def as_row(self, mode: str = "push") -> dict[str, str]:
        """A flat row for CSV/JSON output."""
        rule = RULES[self.rule]
        return {
            "file": self.file,
            "rule": self.rule,
            "setting": rule.setting,
            "page": page_for(self.rule, mode),
            "status": self.status.value,
            "observed": self.observed,
            "expected": rule.expected,
            "fix": self.fix,
        }


def page_for(rule_id: str, mode: str) -> str:
    """The guide page a rule belongs to; delivery rules go to the page of the chosen mode."""
    page = RULES[rule_id].page_id
    if page:
        return page
    return "sftp-pull" if mode == "pull" else "sftp-push"


def to_check_results(
    findings: Iterable[Finding],
    checked: Mapping[str, int],
    *,
    mode: str,
    evidence: Evidence,
    shown: int = 5,
) -> list[CheckResult]:
    """One `CheckResult` per rule that was checked (in `RULES` order), summarising its findings."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    results = []
    for rule_id, rule in RULES.items():
        items = by_rule.get(rule_id, [])
        if rule_id not in checked and not items:
            continue
        results.append(_result(rule, items, checked.get(rule_id, 0), mode, evidence, shown))
    return results


def _result(rule: Rule, items: list[Finding], n: int, mode: str, evidence: Evidence, shown: int) -> CheckResult:
    common = {
        "guide_id": GUIDE_ID,
        "page_id": page_for(rule.id, mode),
        "check_id": f"execvision.{rule.id}",
        "setting": rule.setting,
        "expected": rule.expected,
        "evidence": (evidence,),
    }
    if not items:
        if n == 0:  # nothing was looked at: not a pass
            observed, todo = NOTHING_TO_CHECK.get(rule.id, _NOTHING_DEFAULT)
            return CheckResult(status=Status.SKIPPED, observed=observed, message=f"Not checked: {observed}", fix=Fix(hint=todo), **common)
        return CheckResult(status=Status.PASS, observed=rule.passed.format(n=f"{n:,}"), message=rule.passed.format(n=f"{n:,}"), **common)
    unexamined = [f for f in items if f.status is Status.ERROR]
    broken = [f for f in items if f.status is not Status.ERROR]
    # A rule some files break fails (or warns) for them; "could not check" only when nothing examined broke it.
    status = worst([f.status for f in broken]) if broken else Status.ERROR
    lines = [f"{f.file}: {f.observed}" if f.file else f.observed for f in items[:shown]]
    more = len(items) - shown
    if more > 0:
        lines.append(f"… and {more:,} more (see the file list)")
    if unexamined and not broken and n:
        lines.append(f"the {n:,} examined pass")
    fixes = list(dict.fromkeys(f.fix for f in items))
    hint = fixes[0] if len(fixes) == 1 else fixes[0] + f" (and {len(fixes) - 1} other kind(s) of fix in the file list)"
    files = [f for f in broken if f.file]
    total = max(n + len(unexamined), len(files) + len(unexamined))
    parts = [f"{len(files):,} of {total:,} files break this rule"] if files else []
    if unexamined:
        parts.append(f"{len(unexamined):,} of {total:,} files could not be examined")
    message = "; ".join(parts) if parts else items[0].observed
    return CheckResult(status=status, observed="; ".join(lines), message=message, fix=Fix(hint=hint), **common)
