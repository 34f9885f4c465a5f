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
from wizard.retry_words import retry_words

from . import GUIDE_ID
from .naming import shown

#: The guide's two cases (`RuleConfig.source`): recordings from Five9, or from a homegrown or rarer dialer or CRM.
FIVE9, HOMEGROWN = "five9", "homegrown"
CASE_WORDS = {FIVE9: "Five9", HOMEGROWN: "a homegrown or rarer dialer or CRM"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the guide: where it lives in the wizard, what it expects, and which case it belongs to."""

    id: str
    page_id: str  # "" = the delivery page of the chosen mode (sftp-push or sftp-pull)
    setting: str
    expected: str
    passed: str  # what a pass says, with {n} for the number of items checked
    case: str = ""  # FIVE9 or HOMEGROWN: the guide states the rule for that case only; "": for both


#: Every rule, worded (and placed) as for a homegrown dialer; `FIVE9_RULES` words the shared ones for Five9.
RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("connection", "upload-folder", "SFTP connection", "the SFTP server accepts the account's credentials", "Connected and signed in"),
        Rule("host-key", "upload-folder", "SFTP server host key", "the server's host key matches the key you accepted",
             "The host key matches the accepted key"),
        Rule("recording-folder", "sftp-push", "Recordings pushed to the recording subdirectory",
             "a 'recording' subdirectory in the upload folder (the guide's Five9 push section sends recordings there)",
             "The recording subdirectory is there", FIVE9),
        Rule("five9-info", "", "Six items in each recording's file name",
             "the call's date/time, user id, direction, Five9 session id, file type and ANI/DNIS phone number in each "
             "recording's file name, in the layout agreed with ExecVision",
             "All {n} recordings carry the six items in their names", FIVE9),
        Rule("read-access", "upload-folder", "ExecVision can read the recordings", "the account can list the folder and read recordings and metadata",
             "Listed the folder and read {n} files"),
        Rule("data-folder", "upload-folder", "Files directed to the data subdirectory", "a 'data' subdirectory in the upload folder, holding the files",
             "The data subdirectory is there and no file sits beside it", HOMEGROWN),
        Rule("no-directories", "upload-folder", "No directories inside the upload folder",
             "files directly in the data subdirectory, no other directories", "No stray directories ({n} entries checked)", HOMEGROWN),
        Rule("write-access", "upload-folder", "Write permission on the data subdirectory",
             "a test file can be written to data and removed again", "A test file was written and removed again"),
        Rule("media-type", "upload-folder", "Audio or video format", "wav, mp3, mp4, m4a, mpg, wma, webm, aiff, flac, ogg, gsm, arf or au",
             "All {n} recordings are in a supported format", HOMEGROWN),
        Rule("file-size", "upload-folder", "Maximum file size", "each media file no greater than 2GB", "All {n} recordings are within 2GB", HOMEGROWN),
        Rule("cadence", "upload-folder", "Frequency of uploads", "the newest recording uploaded less than 1 hour ago",
             "The newest recording is less than an hour old"),
        Rule("recording-name", "recording-names", "Recording file naming", "yyyyMMdd-hhmmss_uid.ext (or the pattern agreed with ExecVision)",
             "All {n} recordings are named correctly", HOMEGROWN),
        Rule("metadata-pair", "metadata-files", "Exactly one metadata file per media file",
             "one metadata file with the recording's name and a xml, json, csv or yml extension", "Each of {n} recordings has exactly one metadata file"),
        Rule("metadata-name", "metadata-files", "Metadata file naming (metadata only)", "id.ext, with the id the recording source generated",
             "All {n} metadata-only files are named id.ext", HOMEGROWN),
        Rule("metadata-parse", "metadata-files", "Metadata file format", "XML, JSON, CSV or YML that parses, one call per file",
             "All {n} metadata files parse"),
        Rule("metadata-nested", "metadata-files", "No nested fields", "flat name/value fields only", "No nested fields in {n} metadata files"),
        Rule("metadata-fields", "metadata-files", "Configured metadata fields", "every field configured for your ExecVision instance, 5 - 10 recommended",
             "All {n} metadata files hold the configured fields", HOMEGROWN),
        Rule("metadata-updates", "metadata-updates", "Metadata updates within 48 hours",
             "metadata written no later than 48 hours after the call date/time", "All {n} metadata files were written within 48 hours of the call",
             HOMEGROWN),
        Rule("other-files", "upload-folder", "Only recordings and metadata", "media and metadata files only; ExecVision skips anything else",
             "No other files among {n}", HOMEGROWN),
    )
}
#: The rules both cases share, as the Five9 sections state them: on the Five9 delivery pages, and metadata
#: files optional (the guide's Five9 sections offer them; only its homegrown part makes a call wait for one).
FIVE9_RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("connection", "", "SFTP connection", RULES["connection"].expected, RULES["connection"].passed),
        Rule("host-key", "", "SFTP server host key", RULES["host-key"].expected, RULES["host-key"].passed),
        Rule("read-access", "sftp-pull", "ExecVision can read the recordings", RULES["read-access"].expected, RULES["read-access"].passed),
        Rule("write-access", "sftp-push", "Write permission on the recording subdirectory",
             "a test file can be written to recording and removed again", "A test file was written and removed again"),
        Rule("cadence", "", "Frequency of uploads", RULES["cadence"].expected, RULES["cadence"].passed),
        Rule("metadata-pair", "", "At most one metadata file per recording",
             "metadata files are optional for Five9; a recording has no more than one (xml, json, csv or yml, with the recording's name)",
             "None of {n} recordings has more than one metadata file"),
        Rule("metadata-parse", "", "Metadata file format", "XML, CSV, JSON or YML that parses, one call per file", RULES["metadata-parse"].passed),
        Rule("metadata-nested", "", "No nested fields", "flat name/value fields only", RULES["metadata-nested"].passed),
    )
}


def rule_for(rule_id: str, case: str = HOMEGROWN) -> Rule:
    """The rule as the chosen case words it (a Five9-only or homegrown-only rule reads the same in both)."""
    return FIVE9_RULES.get(rule_id, RULES[rule_id]) if case == FIVE9 else RULES[rule_id]


def applies(rule_id: str, case: str) -> bool:
    """Whether the guide states the rule for this case (the other case's rules are "not your case")."""
    return RULES[rule_id].case in ("", case)


#: What a rule with nothing to look at says (observed, what to do); other rules say `_NOTHING_DEFAULT`.
NOTHING_TO_CHECK: dict[str, tuple[str, str]] = {
    "cadence": ("no recording (or, for metadata only, no metadata file) with a known upload time was found, so how "
                "often uploads arrive was not checked", "Check again once the export job has uploaded recordings"),
    "five9-info": ("no recording was found, so no file name was checked for the six Five9 items",
                   "Check again once recordings are in the folder"),
    "recording-folder": ("the upload folder was not listed, so the recording subdirectory was not looked for",
                         "Check again once the account can be listed"),
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

    def as_row(self, mode: str = "push", case: str = HOMEGROWN) -> dict[str, str]:
        """A flat row for CSV/JSON output."""
        rule = rule_for(self.rule, case)
        return {
            "file": self.file,
            "rule": self.rule,
            "setting": rule.setting,
            "page": page_for(self.rule, mode, case),
            "status": self.status.value,
            "observed": self.observed,
            "expected": rule.expected,
            "fix": self.fix,
        }


def page_for(rule_id: str, mode: str, case: str = HOMEGROWN) -> str:
    """The guide page a rule belongs to in the chosen case; delivery rules go to the page of the chosen mode."""
    page = rule_for(rule_id, case).page_id
    if page:
        return page
    return "sftp-pull" if mode == "pull" else "sftp-push"


def to_check_results(
    findings: Iterable[Finding],
    checked: Mapping[str, int],
    *,
    mode: str,
    evidence: Evidence,
    case: str = HOMEGROWN,
    shown: int = 5,
) -> list[CheckResult]:
    """One `CheckResult` per rule of the case that was checked (in `RULES` order), summarising its findings.

    Findings and counts of the other case's rules are left out: those rules are `not_your_case`.
    """
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    results = []
    for rule_id in RULES:
        items = by_rule.get(rule_id, [])
        if (rule_id not in checked and not items) or not applies(rule_id, case):
            continue
        results.append(_result(rule_for(rule_id, case), items, checked.get(rule_id, 0), mode, case, evidence, shown))
    return results


def not_your_case(case: str, mode: str, evidence: Evidence, *, connected: bool = True) -> list[CheckResult]:
    """"Skipped: not your case" for each rule the guide states only for the other case.

    The guide keeps Five9 and homegrown deliveries apart (their own folder, their own naming rule), so
    a rule of the other case is neither passed nor failed: it is said not to apply, with what to do if
    the case was chosen wrongly. ``connected``: the folder rules that need an SFTP push account
    (the data or recording subdirectory) are left out of a local or pull check, where they would not apply anyway.
    """
    other = HOMEGROWN if case == FIVE9 else FIVE9
    needs_push_account = {"recording-folder", "data-folder"}
    results = []
    for rule in RULES.values():
        if rule.case != other or (rule.id in needs_push_account and (mode != "push" or not connected)):
            continue
        observed = (f"not your case: the guide states this rule for {CASE_WORDS[other]}, and this check is for "
                    f"{CASE_WORDS[case]}, so it was not checked")
        results.append(CheckResult(
            guide_id=GUIDE_ID, page_id=page_for(rule.id, mode, other), check_id=f"execvision.{rule.id}", setting=rule.setting,
            status=Status.SKIPPED, expected=rule.expected, observed=observed, message=f"Not your case: {observed.removeprefix('not your case: ')}",
            evidence=(evidence,),
            fix=Fix(hint=f"Nothing to do for {CASE_WORDS[case]}. If your recordings come from {CASE_WORDS[other]}, choose that "
                         f"case and check again{retry_words().way('--source', f' (on the command line: --source {other})')}")))
    return results


def _result(rule: Rule, items: list[Finding], n: int, mode: str, case: str, evidence: Evidence, shown: int) -> CheckResult:
    common = {
        "guide_id": GUIDE_ID,
        "page_id": page_for(rule.id, mode, case),
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
