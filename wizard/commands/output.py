"""Printing results as a readable table and writing the JSON / HTML / PDF outputs.

The table is read off the same report model the window's Summary and the PDF are drawn from, and
counts and names each setting by its standing (`wizard.report.standing`): the headline's counts,
the verdict line and each row's word are the ones the window and the report show for the same
results. A setting checked on the provider's side, which `verify` does not check, is "to check",
with the command that checks it.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

from wizard.engine.run_record import VerificationRun
from wizard.guides.schema import Guide
from wizard.report.model import Page, Row
from wizard.report.standing import (
    WORDS,
    Standing,
    how_to_check,
    report_standings,
    row_standing,
    tally,
    tally_line,
)
from wizard.result_table import VALUE_COLUMN, masker, terminal_width

#: The word of a manual step confirmed by hand (the window's badge says the same).
CONFIRMED = "Confirmed"

#: A space inside a quoted command while wrapping (textwrap breaks only at ASCII whitespace).
_KEEP = "\u00a0"
#: Where a row's setting starts, and its details' labels under it ("expected:", "why:").
SETTING_COLUMN = 20


def print_results(guide: Guide, run: VerificationRun) -> None:
    """A page-by-page table a person can read in a terminal (masked as the report is)."""
    from wizard.report import build_report
    from wizard.secrets import redaction_values

    mask, width = masker(), terminal_width()
    report = build_report(guide, run, secrets=redaction_values())
    summary = report.summary
    assert summary is not None
    org = run.org
    if org is not None:
        print(mask(f"{guide.title} — {org.name} ({org.environment}, {org.edition}) — {org.my_domain_url}"))
    counted = tally(report_standings(report.pages))
    print(_wrapped(tally_line(counted, summary.total, how_to_check(guide.id)), width, 0, 2))
    print(_wrapped(mask(f"{summary.verdict.headline}. {summary.verdict.text}"), width, 0, 2))
    if run.requests_made is not None:
        requests = f"{run.requests_made} HTTP request{'' if run.requests_made == 1 else 's'}"
        print(f"Read in {requests}, {(run.finished - run.started).total_seconds():.2f} s")
    for page in report.pages:
        if page.rows:
            print(f"\n{page.title}")
            for row in page.rows:
                print("\n".join(row_lines(row, page, mask, width)))


def _cells(text: str) -> int:
    """How many terminal columns `text` takes (a wide sign such as ✋ takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _wrapped(text: str, width: int, first: int, rest: int) -> str:
    """`text` wrapped to `width`, its first line already `first` columns in, the next ones indented `rest`.

    Long words (URLs, ids) and quoted commands ('eci-wizard aircall check') stay whole, so they can
    be copied from the terminal."""
    kept = re.sub(r"'eci-wizard [^']*'", lambda found: found.group(0).replace(" ", _KEEP), text)
    filled = textwrap.fill(kept, width, initial_indent="x" * first, subsequent_indent=" " * rest,
                           break_on_hyphens=False, break_long_words=False)
    return filled[first:].replace(_KEEP, " ")


def row_lines(row: Row, page: Page, mask: Callable[[str], str], width: int) -> list[str]:
    """A row's line (its standing's sign and word, then the setting, wrapped under itself), then,
    for a row to put right, what was expected, what was found and why, each under the setting."""
    standing = row_standing(row, page)
    if row.done_by_hand:
        sign, word = "✔", CONFIRMED  # the admin's word, as the window's badge says it
    elif standing is None:
        sign, word = "○", "Not checked yet"
    else:
        sign, word = WORDS[standing].icon, WORDS[standing].label
    head = f"  {sign} "
    head += f"{word:<{SETTING_COLUMN - _cells(head) - 1}} "
    lines = [head + _wrapped(mask(row.setting), width, SETTING_COLUMN, SETTING_COLUMN)]
    if standing not in (Standing.FAIL, Standing.WARN, Standing.ERROR):
        return lines
    for label, value in (("expected", row.expected), ("observed", row.observed), ("why", row.message)):
        if value:
            lines.append(f"{'':{SETTING_COLUMN}}{label + ':':<{VALUE_COLUMN - SETTING_COLUMN}}"
                         + _wrapped(mask(value), width, VALUE_COLUMN, VALUE_COLUMN))
    return lines


def write_outputs(
    guide: Guide,
    run: VerificationRun,
    json_path: Path | None = None,
    html_path: Path | None = None,
    pdf_path: Path | None = None,
    paper: str | None = None,
) -> None:
    """Write whichever outputs were asked for; the report renderings come from one model.

    With an HTML or PDF report, ``--json`` is the report's JSON (its source of truth, whose hash
    the PDF footer carries); alone, it is the plain results document. Both are masked the same
    way (every secret value in play in this process, and anything shaped like a credential), and
    a file that would still contain a known secret is not written.
    """
    from wizard.output_files import refused_target, write_failed, write_output_text
    from wizard.report.redact import Redactor
    from wizard.secrets import redaction_values

    if html_path or pdf_path:
        from wizard.report.export import export_run

        try:
            export_run(guide, run, json_path=json_path, html_path=html_path, pdf_path=pdf_path, paper=paper,
                       secrets=redaction_values())
        except OSError as exc:
            failed = refused_target(exc, (json_path, html_path, pdf_path), pdf_path or html_path or json_path)
            raise write_failed(failed, "The report file", exc) from exc
        return
    if json_path:
        text = json.dumps(Redactor(redaction_values()).data(results_json(guide, run)), indent=2)
        if any(secret in text for secret in redaction_values()):
            raise RuntimeError("A secret value reached the results; nothing was written.")
        write_output_text(json_path, text, "--json")


def results_json(guide: Guide, run: VerificationRun) -> dict:
    """The plain results document of ``verify --json`` (the report's JSON is a superset)."""
    return {
        "guide": {"id": guide.id, "title": guide.title, "source": guide.source.file},
        "org": run.org.model_dump(mode="json") if run.org else None,
        "started": run.started.isoformat(),
        "finished": run.finished.isoformat(),
        "requests_made": run.requests_made,
        "counts": {s.value: n for s, n in run.counts().items()},
        "results": [r.model_dump(mode="json") for r in run.results],
    }
