"""Printing results as a readable table and writing the JSON / HTML / PDF outputs."""

from __future__ import annotations

import json
from pathlib import Path

from wizard.engine.results import Status
from wizard.engine.run_record import VerificationRun
from wizard.guides.schema import Guide
from wizard.result_table import masker, result_lines, tally, terminal_width


def print_results(guide: Guide, run: VerificationRun) -> None:
    """A page-by-page table a person can read in a terminal (masked as the report is)."""
    mask, width = masker(), terminal_width()
    org = run.org
    if org is not None:
        print(mask(f"{guide.title} — {org.name} ({org.environment}, {org.edition}) — {org.my_domain_url}"))
    print(tally(run.results))
    if run.requests_made is not None:
        requests = f"{run.requests_made} HTTP request{'' if run.requests_made == 1 else 's'}"
        print(f"Read in {requests}, {(run.finished - run.started).total_seconds():.2f} s")
    by_page: dict[str, list] = {}
    for result in run.results:
        by_page.setdefault(result.page_id, []).append(result)
    for page in guide.pages:
        rows = by_page.get(page.id, [])
        if not rows:
            continue
        print(f"\n{page.title}")
        for r in rows:
            shown = r.status in (Status.FAIL, Status.WARN, Status.ERROR)
            details = (("expected", r.expected), ("observed", r.observed), ("why", r.message)) if shown else ()
            print("\n".join(result_lines(r, details, mask, width)))


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
