"""Printing results as a readable table and writing the JSON / HTML / PDF outputs."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

from wizard.apply.preview import plural
from wizard.engine.results import Status
from wizard.engine.run_record import VerificationRun
from wizard.guides.schema import Guide

#: Where the wrapped expected / observed / why lines start in the table.
_VALUE_COLUMN = 30


def _tally(status: Status, n: int) -> str:
    """'2 fail', '1 warning', '8 manual steps': the count line reads as a sentence."""
    if status is Status.ERROR:
        return f"{n} could not be checked"
    noun = status.label.lower()
    return plural(n, noun) if status in (Status.WARN, Status.MANUAL) else f"{n} {noun}"


def print_results(guide: Guide, run: VerificationRun) -> None:
    """A page-by-page table a person can read in a terminal.

    Terminal output ends up in CI logs and pasted into tickets, so it is masked exactly as the
    report is: every secret value in play, and anything shaped like a credential."""
    from wizard.report.redact import Redactor
    from wizard.secrets import redaction_values

    mask = Redactor(redaction_values()).text
    width = max(80, min(shutil.get_terminal_size((100, 20)).columns, 140))
    org = run.org
    if org is not None:
        print(mask(f"{guide.title} — {org.name} ({org.environment}, {org.edition}) — {org.my_domain_url}"))
    counts = run.counts()
    summary = ", ".join(_tally(s, n) for s, n in counts.items() if n)
    print(f"{len(run.results)} settings: {summary}")
    if run.requests_made is not None:
        print(f"Read in {run.requests_made} HTTP requests, {(run.finished - run.started).total_seconds():.2f} s")
    by_page: dict[str, list] = {}
    for result in run.results:
        by_page.setdefault(result.page_id, []).append(result)
    for page in guide.pages:
        rows = by_page.get(page.id, [])
        if not rows:
            continue
        print(f"\n{page.title}")
        for r in rows:
            print(f"  {r.status.icon} {r.status.label:<15} {mask(r.setting)}")
            if r.status in (Status.FAIL, Status.WARN, Status.ERROR):
                for label, value in (("expected", r.expected), ("observed", r.observed), ("why", r.message)):
                    if value:
                        indent = " " * _VALUE_COLUMN
                        wrapped = textwrap.fill(mask(value), width, initial_indent=indent, subsequent_indent=indent)
                        print(f"{'':19}{label + ':':<11}{wrapped[_VALUE_COLUMN:]}")


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
    from wizard.output_files import write_failed, write_output_text
    from wizard.report.redact import Redactor
    from wizard.secrets import redaction_values

    if html_path or pdf_path:
        from wizard.report.export import export_run

        try:
            export_run(guide, run, json_path=json_path, html_path=html_path, pdf_path=pdf_path, paper=paper,
                       secrets=redaction_values())
        except OSError as exc:
            failed = Path(exc.filename) if exc.filename else (pdf_path or html_path or json_path)
            raise write_failed(failed, "the report file", exc) from exc
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
