"""The parity report: model, JSON (schema shipped and kept in step), PDF, and secrets kept out."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import jsonschema
import pypdf
import pytest

from tests.unit.profiles.samples import PRODUCTION_URL, SANDBOX_URL, facts
from wizard.engine.changes import AppliedChange
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.report.json_io import ReportFileError
from wizard.report.parity import (
    ParityInput,
    build_parity_report,
    export_parity,
    from_json,
    generated_schema,
    json_schema,
    to_json_bytes,
)

CANARY = "Canary-Secret-Value-8842"


def _input(unexplained: bool = False) -> ParityInput:
    rows = [
        {"page_id": "eci-named-credential", "setting_id": "eci-named-credential.url", "setting": "URL (your My Domain)",
         "source_value": SANDBOX_URL, "source_status": Status.PASS, "target_value": PRODUCTION_URL, "target_status": Status.PASS,
         "category": "environment", "explanation": "Each org has its own value."},
        {"page_id": "ringcentral-named-credential", "setting_id": "rc-nc.url", "setting": "URL (sandbox or production)",
         "source_value": "https://platform.devtest.ringcentral.com/", "source_status": Status.PASS,
         "target_value": "https://platform.ringcentral.com", "target_status": Status.PASS, "category": "intentional",
         "explanation": "Chosen at graduation: RingCentral app environment: production (the source used sandbox)."},
        {"page_id": "ringcentral-auth-provider", "setting_id": "rc-auth-provider.consumer-key", "setting": "Consumer Key",
         "source_value": "set", "source_status": Status.PASS, "target_value": f"client_secret={CANARY}",
         "target_status": Status.FAIL if unexplained else Status.PASS, "category": "unexplained" if unexplained else "same", "explanation": ""},
    ]
    change = AppliedChange(target="Named credential Ring_Central", setting="URL", before="(missing)", after="https://platform.ringcentral.com",
                           at=datetime(2026, 11, 1, 11, 0, tzinfo=UTC), by="admin@acme.example")
    return ParityInput(
        source_org={"name": "Acme", "org_id": "00D000000000001AAA", "environment": "Sandbox", "edition": "Enterprise Edition",
                    "my_domain": SANDBOX_URL, "username": "admin@acme.example"},
        source_seen=datetime(2026, 11, 1, 10, 0, tzinfo=UTC), target=facts(), target_seen=datetime(2026, 11, 1, 11, 5, tzinfo=UTC),
        rows=rows, findings=[{"severity": "warn", "title": "ECI_Connected_App exists only in the sandbox", "detail": "d", "todo": "t"}],
        changes=[change], manual_steps=[{"title": "Redo the redirect URI step in RingCentral", "do": "Set it.", "where": ""}],
        answers={"ringcentral_environment": "production"}, writes=14,
    )


def test_schema_file_is_the_models_schema() -> None:
    assert json_schema() == json.loads(json.dumps(generated_schema()))


def test_report_counts_numbers_and_masks(tmp_path) -> None:
    report = build_parity_report(load_guide("ringcentral"), _input(), secrets=[CANARY])
    assert report.summary.headline == "At parity" and report.summary.counts["intentional"] == 1
    assert [r.number for r in report.rows] == ["9.1", "5.1", "4.1"]  # page numbers in guide order
    assert report.redactions >= 1 and CANARY not in report.model_dump_json()
    files = export_parity(report, json_path=tmp_path / "p.json", pdf_path=tmp_path / "p.pdf", secrets=[CANARY])
    data = json.loads((tmp_path / "p.json").read_text())
    jsonschema.validate(data, json_schema())
    assert from_json((tmp_path / "p.json").read_bytes()) == report
    pdf = (tmp_path / "p.pdf").read_bytes()
    assert CANARY.encode() not in pdf
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "p.pdf")).pages).split())
    for words in ("Parity report", "At parity", "Environment-dependent", "Intentionally different", "Redo the redirect URI step",
                  "exists only in the sandbox", files.json_sha256[:16]):
        assert words in text, words


def test_unexplained_rows_make_the_verdict() -> None:
    report = build_parity_report(load_guide("ringcentral"), _input(unexplained=True))
    assert report.summary.headline == "Not at parity" and report.summary.unexplained == 1


def test_reading_back_refuses_other_files() -> None:
    with pytest.raises(ReportFileError, match="not a parity report"):
        from_json(b'{"kind": "verification"}')
    with pytest.raises(ReportFileError, match="broken at line 1"):
        from_json(b"{")


def test_settings_never_checked_are_not_counted_as_parity(tmp_path) -> None:
    """Before: rows skipped in both orgs were 'same' and the verdict read 'At parity'."""
    data = _input()
    never = [{"page_id": "ringcentral-users", "setting_id": f"rc.unchecked-{i}", "setting": f"Provider setting {i}",
              "source_value": "", "source_status": Status.SKIPPED, "target_value": "", "target_status": Status.SKIPPED,
              "category": "not_checked", "explanation": "Checked in neither org, so the two were not compared."} for i in (1, 2)]
    report = build_parity_report(load_guide("ringcentral"), ParityInput(**{**data.__dict__, "rows": [*data.rows, *never]}))
    summary = report.summary
    assert summary.counts["not_checked"] == 2 and summary.counts["same"] == 1 and summary.not_checked == 2
    assert summary.unexplained == 0 and not summary.at_parity and summary.headline == "Parity not confirmed"
    assert "At parity" not in summary.text and "Provider setting 1" in summary.text and "Provider setting 2" in summary.text
    assert "verify the target again" in summary.text  # what to do
    export_parity(report, json_path=tmp_path / "p.json", pdf_path=tmp_path / "p.pdf")
    data_json = json.loads((tmp_path / "p.json").read_text())
    jsonschema.validate(data_json, json_schema())
    assert [r["category"] for r in data_json["rows"]].count("not_checked") == 2
    assert from_json((tmp_path / "p.json").read_bytes()) == report
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "p.pdf")).pages).split())
    assert "Parity not confirmed" in text and "Not checked" in text and "At parity" not in text


def test_a_format_1_0_file_still_reads() -> None:
    old = json.loads(to_json_bytes(build_parity_report(load_guide("ringcentral"), _input())))
    old["schema_version"] = "1.0"
    del old["summary"]["not_checked"]
    assert from_json(json.dumps(old)).summary.at_parity
