"""`verify` counts and names every setting as the report (and so the window's Summary) does.

Run as an admin runs it, against the demo org over HTTPS, with ``--pdf`` so the JSON written
beside it is the report's own record. For the same results:

- the headline's counts are the report's count table, in the same words: a setting checked on the
  provider's side, which `verify` does not check, is "to check" with the command that checks it,
  never "skipped", and never counted as a manual step;
- the next line is the report's verdict, in the report's words ("Not ready", "Almost ready");
- each row says its standing ("○ To check"), and its details start under the setting's name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.report.json_io import from_json

REPO = Path(__file__).resolve().parents[3]


def _verify(guide: str, scenario: str, tmp_path: Path) -> tuple[list[str], object]:
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    pdf, record = tmp_path / "r.pdf", tmp_path / "r.json"
    done = subprocess.run([sys.executable, "-m", "wizard", "verify", "--guide", guide, "--demo", "--scenario", scenario,
                           "--pdf", str(pdf), "--json", str(record)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.splitlines(), from_json(record.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("guide", "scenario", "expected"), [
    ("aircall", "fresh", "43 settings: 6 pass, 30 fail, 5 manual steps, 2 to check (run 'eci-wizard aircall check')"),
    ("aircall", "aircall-configured", "43 settings: 36 pass, 5 manual steps, 2 to check (run 'eci-wizard aircall check')"),
    ("ringcentral", "ringcentral-configured", "58 settings: 41 pass, 11 manual steps, 4 to check (run 'eci-wizard "
                                              "ringcentral check'), 2 optional, left for later"),
])
def test_the_headline_counts_the_reports_rows_in_its_words(guide: str, scenario: str, expected: str, tmp_path: Path) -> None:
    lines, report = _verify(guide, scenario, tmp_path)
    assert lines[1].startswith(expected[:40]), lines[1]
    from wizard.report.standing import report_standings, tally, tally_line
    from wizard.report.wording import counts_line

    counted = tally(report_standings(report.pages))
    assert counted == counts_line(report)  # the PDF's and the window's count table
    verdict_at = next(i for i, line in enumerate(lines) if line.startswith(("Not ready.", "Almost ready.", "Ready")))
    headline = " ".join(line.strip() for line in lines[1:verdict_at])
    assert headline.startswith(tally_line(counted, report.summary.total, f"run 'eci-wizard {guide} check'"))
    assert headline.startswith(expected)
    assert "skipped" not in headline.split("left for later")[0]
    assert sum(n for _s, n in counted) == report.summary.total
    verdict = report.summary.verdict
    read_at = next(i for i, line in enumerate(lines) if line.startswith("Read in"))
    said = " ".join(line.strip() for line in lines[verdict_at:read_at])
    assert said == f"{verdict.headline}. {verdict.text}"  # the report's verdict, in its words


def test_a_provider_side_row_reads_to_check_and_details_start_under_the_setting(tmp_path: Path) -> None:
    lines, report = _verify("aircall", "fresh", tmp_path)
    failed = next(i for i, line in enumerate(lines) if "Einstein Conversation Insights enabled" in line)
    setting_at = lines[failed].index("Einstein")
    assert lines[failed + 1].index("expected:") == setting_at, lines[failed:failed + 2]
    key = next(line for line in lines if "Aircall API key (API ID and API Token)" in line)
    assert key.lstrip().startswith("○ To check") and "Skipped" not in key
    rows = {r.setting_id: r for p in report.pages for r in p.rows}
    assert rows["aircall.api-key"].status.value == "skipped"  # the record keeps its status
    assert rows["aircall.api-key"].awaits_check
    from wizard.report.standing import Standing
    from wizard.report.wording import counts_line

    assert Standing.TO_CHECK in dict(counts_line(report))
    todo = {t.number: t.what_to_do for t in report.todo}
    assert "eci-wizard aircall check" in todo["3.1"] and "“Aircall API key”" in todo["3.1"]


def test_the_pdf_names_no_internal_fix_or_check_and_the_guide_once(tmp_path: Path) -> None:
    """The fix's and the check's internal names stay in the JSON record; the PDF speaks the admin's words."""
    from pypdf import PdfReader

    _lines, report = _verify("aircall", "fresh", tmp_path)
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    flat = " ".join(text.split())
    names = {r.fix.fix_name for p in report.pages for r in p.rows if r.fix and r.fix.fix_name}
    assert names  # the record keeps them, for tools
    for name in names:
        assert f"({name})" not in flat, name
    assert "integration-user.integration-permission-set" not in flat.replace(" ", "")
    assert "ECI with Aircall — Aircall" not in flat
    assert "Let the wizard fix it" in flat and "fix it, or follow this page's steps in Setup. The wizard can do" not in flat
