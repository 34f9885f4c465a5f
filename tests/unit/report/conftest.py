"""Fixtures for report tests: a realistic guide and run, built from the schema classes."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_samples import STARTED, ZONE, sample_guide, sample_run

from wizard.engine.run_record import VerificationRun
from wizard.guides.schema import Guide
from wizard.report import Report, build_report
from wizard.report.export import ExportResult, export


@pytest.fixture
def guide() -> Guide:
    return sample_guide()


@pytest.fixture
def run() -> VerificationRun:
    return sample_run()


@pytest.fixture
def report(guide: Guide, run: VerificationRun) -> Report:
    return build_report(guide, run, now=STARTED, zone=ZONE)


@pytest.fixture
def exported(report: Report, tmp_path: Path) -> ExportResult:
    return export(report, json=tmp_path / "r.json", html=tmp_path / "r.html", pdf=tmp_path / "r.pdf", paper="A4")
