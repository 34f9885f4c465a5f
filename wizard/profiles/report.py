"""From a graduation to its parity report (`wizard.report.parity`), and the files written from it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wizard import secrets as keyring_secrets
from wizard.profiles.graduate import GraduationResult
from wizard.profiles.model import SetupProfile
from wizard.report.parity import (
    ParityFiles,
    ParityInput,
    ParityReport,
    build_parity_report,
    export_parity,
)


def secrets_in_play(result: GraduationResult | None = None, extra: Iterable[str] = ()) -> set[str]:
    """Every secret value this process handled: masked in reports, refused in files."""
    values = set(keyring_secrets.redaction_values()) | set(extra)
    if result is not None:
        values |= result.secrets_seen
    return {v for v in values if v}


def parity_report(profile: SetupProfile, result: GraduationResult, secrets: Iterable[str] = ()) -> ParityReport:
    """The report model of one graduation."""
    source = profile.source
    rows = [
        {
            "page_id": c.page_id,
            "setting_id": c.setting_id,
            "setting": c.label,
            "source_value": c.source_value,
            "source_status": c.source_status,
            "target_value": c.target_value,
            "target_status": c.target_status,
            "category": c.category,
            "explanation": c.explanation,
        }
        for c in result.comparisons
    ]
    data = ParityInput(
        source_org={"name": source.name, "org_id": source.org_id, "environment": source.environment, "edition": source.edition,
                    "my_domain": source.my_domain_url, "username": source.username},
        source_seen=profile.captured_at,
        target=result.preview.facts,
        target_seen=result.run.finished,
        rows=rows,
        findings=[{"severity": f.severity, "title": f.title, "detail": f.detail, "todo": f.todo} for f in result.preview.findings],
        changes=list(result.applied.applied),
        manual_steps=[{"title": m.title, "do": m.do, "where": m.setup_page or ""} for m in result.manual],
        answers=dict(result.preview.answers),
        writes=result.applied.writes,
    )
    return build_parity_report(result.preview.guide, data, secrets=secrets_in_play(result, secrets))


def export_graduation(
    profile: SetupProfile,
    result: GraduationResult,
    *,
    json_path: str | Path | None = None,
    pdf_path: str | Path | None = None,
    paper: str | None = None,
    secrets: Iterable[str] = (),
) -> tuple[ParityReport, ParityFiles]:
    """Build the parity report and write its JSON and PDF (nothing is written if a secret shows)."""
    known = secrets_in_play(result, secrets)
    report = parity_report(profile, result, known)
    files = export_parity(report, json_path=json_path, pdf_path=pdf_path, paper=paper, secrets=known)
    return report, files
