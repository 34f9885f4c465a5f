"""A check's outcome as a readable table, a JSON document and a CSV file list.

File names come from a disk or a server and may hold control characters or bytes that are not
UTF-8: findings carry them escaped already (`findings.Finding`), and everything else written here
(the folder given, the evidence) goes through `naming.shown` too, so nothing printed can act on the
terminal and a JSON or CSV file can always be written.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from wizard.atomic_file import write_atomic
from wizard.engine.results import CheckResult, Status
from wizard.result_table import masker, result_lines, tally, terminal_width

from .check import CheckOutcome
from .findings import CASE_WORDS, FIVE9, HOMEGROWN, Finding
from .naming import shown as escaped

CSV_COLUMNS = ("file", "rule", "setting", "page", "status", "observed", "expected", "fix")
PAGE_ORDER = ("choose-delivery", "sftp-push", "sftp-pull", "salesforce-link", "upload-folder", "recording-names",
              "metadata-files", "metadata-updates")
#: A local check makes no connection, so its rows are not headed by an SFTP page: the delivery pages hold
#: only the Five9 rules there. The table, the JSON and the CSV say the same; the window places the results
#: by the guide's own page ids, which the check keeps.
LOCAL_HEADINGS = {"sftp-push": "five9-information", "sftp-pull": "five9-information"}


def _page(page: str, mode: str) -> str:
    return LOCAL_HEADINGS.get(page, page) if mode == "local" else page


def _safe(value: object) -> object:
    """Every text in a JSON document made safe to write (`naming.shown`), keys included."""
    if isinstance(value, str):
        return escaped(value)
    if isinstance(value, dict):
        return {escaped(k) if isinstance(k, str) else k: _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def counts(results: list[CheckResult]) -> dict[str, int]:
    return {s.value: n for s in Status if (n := sum(1 for r in results if r.status == s))}


def print_outcome(outcome: CheckOutcome, out: TextIO, shown: int = 30) -> None:
    """Results page by page, then the first findings file by file."""
    mask, width = masker(), terminal_width()
    print(mask(f"ExecVision delivery check: {escaped(outcome.target)} ({outcome.mode}; recordings from {CASE_WORDS[outcome.case]})"),
          file=out)
    print(f"{outcome.recordings:,} recordings, {outcome.metadata_files:,} metadata files; {tally(outcome.results)}", file=out)
    other = HOMEGROWN if outcome.case == FIVE9 else FIVE9
    if any(r.status is Status.SKIPPED and r.observed.startswith("not your case") for r in outcome.results):
        print(textwrap.fill(f"Rules the guide states only for {CASE_WORDS[other]} are skipped as not your case. If your "
                            f"recordings come from {CASE_WORDS[other]}, check again with --source {other}.", width), file=out)
    for page in PAGE_ORDER:
        rows = [r for r in outcome.results if r.page_id == page]
        if not rows:
            continue
        print(f"\n[{_page(page, outcome.mode)}]", file=out)
        for r in rows:
            details = [("observed", escaped(r.observed))]
            if not r.ok:
                details += [("expected", escaped(r.expected)), ("fix", escaped(r.fix.hint) if r.fix else "")]
            print("\n".join(result_lines(r, details, mask, width)), file=out)
    if outcome.findings:
        print(f"\n{len(outcome.findings):,} finding(s), file by file" + (f" (first {shown}; --csv writes all)" if len(outcome.findings) > shown else ""), file=out)
        for f in outcome.findings[:shown]:
            print(mask(f"  {f.status.icon} {escaped(f.file) or '(folder)'} [{f.rule}] {escaped(f.observed)}"), file=out)
            print(textwrap.fill(mask(escaped(f.fix)), width, initial_indent=" " * 6 + "fix: ", subsequent_indent=" " * 11), file=out)


def outcome_json(outcome: CheckOutcome) -> dict:
    """The ``--json`` document: the results (same model as ``verify --json``) and every finding."""
    results = [r.model_dump(mode="json") for r in outcome.results]
    for r in results:
        r["page_id"] = _page(r["page_id"], outcome.mode)
    return _safe({  # type: ignore[return-value]
        "guide": "execvision",
        "target": outcome.target,
        "mode": outcome.mode,
        "case": outcome.case,
        "checked_at": datetime.now(UTC).isoformat(),
        "recordings": outcome.recordings,
        "metadata_files": outcome.metadata_files,
        "counts": counts(outcome.results),
        "results": results,
        "findings": [_row(f, outcome) for f in outcome.findings],
    })


def _row(finding: Finding, outcome: CheckOutcome) -> dict[str, str]:
    row = finding.as_row(outcome.mode, outcome.case)
    row["page"] = _page(row["page"], outcome.mode)
    return row


def write_json(outcome: CheckOutcome, path: Path) -> None:
    """The outcome as JSON, written whole (`write_atomic`): a reader never sees half a file."""
    write_atomic(path, json.dumps(outcome_json(outcome), indent=2, ensure_ascii=False).encode("utf-8"))


def write_csv(outcome: CheckOutcome, path: Path) -> None:
    """One row per finding; every other result (passed, skipped, not checkable) gets a row without a
    file. Built in memory and written whole, like the JSON."""
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for f in outcome.findings:
        writer.writerow({k: _cell(v) for k, v in _row(f, outcome).items()})
    covered = {f.rule for f in outcome.findings}
    for r in outcome.results:
        rule = r.check_id.removeprefix("execvision.")
        if rule not in covered:
            writer.writerow({"file": "", "rule": rule, "setting": r.setting, "page": _page(r.page_id, outcome.mode),
                             "status": r.status.value, "observed": _cell(r.observed), "expected": escaped(r.expected),
                             "fix": escaped(r.fix.hint) if r.fix else ""})
    write_atomic(path, text.getvalue().encode("utf-8"))


def _cell(value: str) -> str:
    """File names come from the server: keep a spreadsheet from running one as a formula, and write any
    control character or byte that is not UTF-8 escaped (`naming.shown`)."""
    value = escaped(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
