"""The verification report: one model, rendered to JSON (the record), HTML and PDF.

Typical use::

    from wizard.report import build_report, export
    report = build_report(guide, run, secrets=known_secret_values)
    export(report, json="report.json", html="report.html", pdf="report.pdf")

`blank_checklist(guide)` gives the printable checklist of a guide before starting;
`wizard.report.export.export_run(guide, run, ...)` builds and writes in one call (the CLI's
``verify --pdf``), and `render_from_json(file, pdf=...)` prints a saved report again. Rendering
modules (reportlab, lxml) are imported only when a rendering is asked for, so importing this
package stays cheap for the window and the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wizard.report.build import blank_checklist, build_report, describe_expected
from wizard.report.json_io import ReportFileError, from_json, sha256_hex, to_json
from wizard.report.model import SCHEMA_VERSION, Report
from wizard.report.redact import MASK, Redactor

if TYPE_CHECKING:
    from wizard.report.export import ExportResult

__all__ = [
    "MASK",
    "SCHEMA_VERSION",
    "Redactor",
    "Report",
    "ReportFileError",
    "blank_checklist",
    "build_report",
    "describe_expected",
    "export",
    "from_json",
    "sha256_hex",
    "to_json",
]


def export(report: Report, **kwargs: Any) -> ExportResult:
    """See `wizard.report.export.export` (imported lazily: it pulls in reportlab and lxml)."""
    from wizard.report.export import export as _export

    return _export(report, **kwargs)
