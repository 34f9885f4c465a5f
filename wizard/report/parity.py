"""The parity report: a source org and the org it graduated to, setting by setting.

Like the verification report, the JSON file is the record: it is written first, hashed, read back,
and the PDF is rendered from what was read back, with the hash in its footer. Every row says what
the source had, what the target has, and what the difference means (the same, environment-
dependent, intentionally different, a manual step, unexplained, or not checked: a setting the
target's run never read cannot be called the same, so it never counts towards "At parity"). Every string passes the
`Redactor` before it enters the model, and the finished bytes are checked once more for the
secrets in play; a report that would hold one is not written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizard import __version__
from wizard.engine.changes import AppliedChange
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.guides.schema import Guide
from wizard.report.build import change_row
from wizard.report.json_io import ReportFileError, sha256_hex
from wizard.report.model import ChangeRow, GuideHeader, Moment, SourceHeader
from wizard.report.redact import Redactor
from wizard.report.timefmt import moment

#: 1.1 added the category ``not_checked`` and ``summary.not_checked``; a 1.0 file still reads.
PARITY_SCHEMA_VERSION = "1.1"
SCHEMA_PATH = Path(__file__).with_name("parity.schema.json")
Category = Literal["same", "environment", "intentional", "manual", "unexplained", "not_checked"]
CATEGORY_LABELS: dict[str, str] = {
    "same": "Same",
    "environment": "Environment-dependent",
    "intentional": "Intentionally different",
    "manual": "Manual step",
    "unexplained": "Unexplained",
    "not_checked": "Not checked",
}
#: How many not-checked settings the verdict names before "and N more".
NAMED_NOT_CHECKED = 5


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ParityOrg(_Frozen):
    role: Literal["source", "target"]
    name: str
    org_id: str
    environment: str
    edition: str = ""
    my_domain: str = ""
    username: str = ""
    seen: Moment = Field(description="When the values were read (captured, or verified after graduation)")


class ParityRow(_Frozen):
    number: str
    page_title: str
    setting_id: str
    setting: str
    source_value: str
    source_status: Status
    target_value: str
    target_status: Status | None
    category: Category
    explanation: str = ""


class ParityFinding(_Frozen):
    severity: Literal["info", "warn", "block"]
    title: str
    detail: str
    todo: str = ""


class ParityStep(_Frozen):
    title: str
    do: str
    where: str = ""


class ParitySummary(_Frozen):
    counts: dict[str, int]
    total: int
    unexplained: int
    not_checked: int = Field(default=0, description="Settings the target's run never read: not compared, so not at parity")
    headline: str
    text: str

    @property
    def at_parity(self) -> bool:
        """Every setting was compared and every difference is explained: the only state called "At parity"."""
        return self.unexplained == 0 and self.not_checked == 0


class ParityReport(_Frozen):
    schema_version: str = PARITY_SCHEMA_VERSION
    kind: Literal["parity"] = "parity"
    generated: Moment
    wizard_version: str
    guide: GuideHeader
    source: ParityOrg
    target: ParityOrg
    answers: dict[str, str] = Field(default_factory=dict, description="What the admin chose for the target")
    summary: ParitySummary
    rows: list[ParityRow] = Field(default_factory=list)
    findings: list[ParityFinding] = Field(default_factory=list)
    changes: list[ChangeRow] = Field(default_factory=list)
    manual_steps: list[ParityStep] = Field(default_factory=list)
    writes: int = 0
    redactions: int = 0


@dataclass(frozen=True)
class ParityInput:
    """What the report is built from (plain values, so the profiles package stays the caller)."""

    source_org: dict[str, str]
    source_seen: datetime
    target: OrgFacts
    target_seen: datetime
    rows: list[dict[str, Any]]
    findings: list[dict[str, str]]
    changes: list[AppliedChange]
    manual_steps: list[dict[str, str]]
    answers: dict[str, str]
    writes: int


def _named(rows: list[ParityRow]) -> str:
    names = [f"{r.number} {r.setting}" for r in rows[:NAMED_NOT_CHECKED]]
    if len(rows) > NAMED_NOT_CHECKED:
        names.append(f"and {len(rows) - NAMED_NOT_CHECKED} more (rows marked Not checked)")
    return "; ".join(names)


def _summary(rows: list[ParityRow]) -> ParitySummary:
    """The verdict: "At parity" only when every setting was compared and every difference explained.

    A setting never checked in the target is neither a match nor a difference; the verdict names
    it, so nobody reads parity into settings that were never compared.
    """
    counts = {key: sum(1 for r in rows if r.category == key) for key in CATEGORY_LABELS}
    unexplained, not_checked = counts["unexplained"], counts["not_checked"]
    unchecked_rows = [r for r in rows if r.category == "not_checked"]
    unchecked_text = (
        f" {not_checked} setting(s) were never checked, so they were not compared: {_named(unchecked_rows)}. "
        "Connect the provider's side in the wizard and verify the target again, or check them by hand in both orgs."
    ) if not_checked else ""
    base = {"counts": counts, "total": len(rows), "unexplained": unexplained, "not_checked": not_checked}
    if unexplained:
        return ParitySummary(**base, headline="Not at parity",
                             text=f"{unexplained} setting(s) differ without an explanation; see the rows marked Unexplained.{unchecked_text}")
    manual = counts["manual"]
    manual_text = f" {manual} manual step(s) can only be confirmed by hand in the target." if manual else ""
    if not_checked:
        return ParitySummary(**base, headline="Parity not confirmed",
                             text=f"Every compared setting matches, or differs only for a reason given in its row.{unchecked_text}{manual_text}")
    text = "Every setting matches, or differs only for a reason given in its row." + manual_text
    return ParitySummary(**base, headline="At parity", text=text)


def build_parity_report(guide: Guide, data: ParityInput, secrets: Iterable[str] = ()) -> ParityReport:
    """The report model, every string redacted."""
    redactor = Redactor(secrets)
    numbers = {page.id: index for index, page in enumerate(guide.pages, start=1)}
    titles = {page.id: page.title for page in guide.pages}
    per_page: dict[str, int] = {}
    rows = []
    for row in data.rows:
        per_page[row["page_id"]] = per_page.get(row["page_id"], 0) + 1
        rows.append({
            "number": f"{numbers.get(row['page_id'], 0)}.{per_page[row['page_id']]}",
            "page_title": titles.get(row["page_id"], row["page_id"]),
            **{k: v for k, v in row.items() if k != "page_id"},
        })
    src = data.source_org
    t = data.target
    raw: dict[str, Any] = {
        "generated": moment(datetime.now(UTC)).model_dump(),
        "wizard_version": __version__,
        "guide": GuideHeader(id=guide.id, title=guide.title, provider=guide.provider, source=SourceHeader(
            file=guide.source.file, title=guide.source.title, publisher=guide.source.publisher, date=guide.source.date, url=guide.source.url,
        )).model_dump(),
        "source": {"role": "source", **src, "seen": moment(data.source_seen).model_dump()},
        "target": {"role": "target", "name": t.name, "org_id": t.org_id, "environment": t.environment, "edition": t.edition,
                   "my_domain": t.my_domain_url, "username": t.username, "seen": moment(data.target_seen).model_dump()},
        "answers": dict(data.answers),
        "rows": rows,
        "findings": list(data.findings),
        "changes": [change_row(c).model_dump() for c in data.changes],
        "manual_steps": list(data.manual_steps),
        "writes": data.writes,
    }
    clean = redactor.data(raw)
    parity_rows = [ParityRow.model_validate(r) for r in clean["rows"]]
    clean["summary"] = _summary(parity_rows).model_dump()
    clean["redactions"] = redactor.count
    return ParityReport.model_validate(clean)


# -- JSON --------------------------------------------------------------------------------------------
def to_json_bytes(report: ParityReport) -> bytes:
    return (json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def from_json(text: str | bytes) -> ParityReport:
    """A parity report read back from its JSON; a clear error for anything else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"This is not a parity report: its JSON is broken at line {exc.lineno} ({exc.msg}).") from None
    if not isinstance(data, dict) or data.get("kind") != "parity":
        raise ReportFileError("This JSON file is not a parity report (its 'kind' is not 'parity').")
    if str(data.get("schema_version", "")).split(".")[0] != PARITY_SCHEMA_VERSION.split(".")[0]:
        raise ReportFileError(f"This parity report uses format {data.get('schema_version')}; this wizard reads {PARITY_SCHEMA_VERSION}.")
    try:
        return ParityReport.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ReportFileError(f"This parity report is damaged at '{'.'.join(map(str, first['loc']))}': {first['msg']}.") from None


def generated_schema() -> dict[str, Any]:
    """The schema the model implies; ``parity.schema.json`` is this, written out (a test compares)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:eci-setup-wizard:parity-schema:1",
        **ParityReport.model_json_schema(),
        "description": "A parity report: a source org and the org its setup graduated to, setting by setting, every difference "
                       "explained. The JSON file is the record; its SHA-256 is printed in the PDF footer.",
    }


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema shipped beside this module (generated from the model; a test keeps them equal)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# -- files ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ParityFiles:
    json_path: Path | None
    pdf_path: Path | None
    json_sha256: str


def export_parity(
    report: ParityReport,
    *,
    json_path: str | Path | None = None,
    pdf_path: str | Path | None = None,
    paper: str | None = None,
    secrets: Iterable[str] = (),
) -> ParityFiles:
    """Write the JSON (the record) and the PDF rendered from it; nothing is written if a secret shows."""
    from wizard.atomic_file import write_atomic
    from wizard.report.export import _guard
    from wizard.report.parity_pdf import render_parity_pdf

    json_bytes = to_json_bytes(report)
    digest = sha256_hex(json_bytes)
    outputs = {"JSON": json_bytes}
    if pdf_path is not None:
        outputs["PDF"] = render_parity_pdf(from_json(json_bytes), paper=paper, json_sha256=digest if json_path else None)
    _guard(outputs, list(secrets))
    if json_path is not None:
        write_atomic(Path(json_path), outputs["JSON"])
    if pdf_path is not None:
        write_atomic(Path(pdf_path), outputs["PDF"])
    return ParityFiles(Path(json_path) if json_path else None, Path(pdf_path) if pdf_path else None, digest)
