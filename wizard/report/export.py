"""Write a report's files: JSON first (the record), then HTML and PDF rendered from it.

The order is the point: the JSON bytes are produced and hashed first, the model is read back
from exactly those bytes, and the HTML and PDF are rendered from that model with the hash in
the PDF footer. All outputs are rendered in memory before anything is written, and each file is
written beside its target and renamed (`wizard.atomic_file.write_atomic`), so a failure leaves no half-written report behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wizard.atomic_file import write_atomic
from wizard.engine.run_record import VerificationRun
from wizard.guides.schema import Guide
from wizard.report.html import render_html
from wizard.report.json_io import from_json, sha256_hex, to_json_bytes
from wizard.report.model import Report
from wizard.report.pdf import render_pdf
from wizard.report.redact import MIN_SECRET_LENGTH

PathLike = str | Path


class SecretInReportError(RuntimeError):
    """A rendered report still contains a known secret: nothing was written."""


@dataclass(frozen=True)
class ExportResult:
    json_path: Path | None
    html_path: Path | None
    pdf_path: Path | None
    json_sha256: str


def _guard(outputs: dict[str, bytes], secrets: Iterable[str]) -> None:
    """Last line of defence: refuse to write if any known secret survived into any output."""
    for secret in secrets:
        if not secret or len(secret) < MIN_SECRET_LENGTH:
            continue
        needle = secret.encode("utf-8")
        for kind, data in outputs.items():
            if needle in data:
                raise SecretInReportError(
                    f"The {kind} report would contain a secret value, so no file was written. "
                    "This is a bug in the wizard: please report it (without the secret)."
                )


def _render_and_write(
    json_bytes: bytes,
    *,
    json: PathLike | None,
    html: PathLike | None,
    pdf: PathLike | None,
    paper: str | None,
    secrets: Iterable[str],
    hash_in_pdf: bool,
) -> ExportResult:
    digest = sha256_hex(json_bytes)
    record = from_json(json_bytes)
    outputs: dict[str, bytes] = {"JSON": json_bytes}
    if html is not None:
        outputs["HTML"] = render_html(record).encode("utf-8")
    if pdf is not None:
        outputs["PDF"] = render_pdf(record, paper=paper, json_sha256=digest if hash_in_pdf else None)
    _guard(outputs, list(secrets))
    for kind, target in (("JSON", json), ("HTML", html), ("PDF", pdf)):
        if target is not None:
            write_atomic(Path(target), outputs[kind])
    return ExportResult(
        json_path=Path(json) if json is not None else None,
        html_path=Path(html) if html is not None else None,
        pdf_path=Path(pdf) if pdf is not None else None,
        json_sha256=digest,
    )


def export(
    report: Report,
    *,
    pdf: PathLike | None = None,
    html: PathLike | None = None,
    json: PathLike | None = None,
    paper: str | None = None,
    secrets: Iterable[str] = (),
) -> ExportResult:
    """Write the requested files. `paper` is 'A4', 'Letter' or None/'auto' (by locale).

    The PDF footer carries the JSON's SHA-256 when the JSON file is written too. `secrets`
    (optional) are checked once more against the finished bytes (the builder has already
    masked them); if one is found, nothing is written.
    """
    return _render_and_write(
        to_json_bytes(report), json=json, html=html, pdf=pdf, paper=paper, secrets=secrets, hash_in_pdf=json is not None
    )


def render_from_json(
    json_file: PathLike, *, pdf: PathLike | None = None, html: PathLike | None = None, paper: str | None = None
) -> ExportResult:
    """Print again from a saved JSON report (the record): the PDF footer carries that file's hash.

    Raises `ReportFileError` with a plain explanation when the file is not a valid report.
    """
    data = Path(json_file).read_bytes()
    return _render_and_write(data, json=None, html=html, pdf=pdf, paper=paper, secrets=(), hash_in_pdf=True)


def export_run(
    guide: Guide,
    run: VerificationRun,
    *,
    json_path: PathLike | None = None,
    html_path: PathLike | None = None,
    pdf_path: PathLike | None = None,
    paper: str | None = None,
    secrets: Iterable[str] = (),
) -> ExportResult:
    """Build the report of `run` and write it: what ``verify --json/--html/--pdf`` and the
    window's Summary page call. `secrets` are the secret values in play (masked, then checked)."""
    from wizard.report.build import build_report

    secrets = tuple(secrets)
    report = build_report(guide, run, secrets=secrets)
    return export(report, json=json_path, html=html_path, pdf=pdf_path, paper=paper, secrets=secrets)
