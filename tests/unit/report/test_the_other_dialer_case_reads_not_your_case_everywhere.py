"""ExecVision's other dialer case is "Not your case" in the verdict, the counts and `verify`'s rows.

The admin said the recordings come from a homegrown dialer, so the Five9 pages say "Not your
case… Nothing here applies". The verdict must not call those 16 settings "optional, left for
later" (work the admin might still owe), and the count tables and the command line's rows must
say "Not your case", never "Skipped".
"""

from __future__ import annotations

from datetime import UTC, datetime

from wizard.engine.run_record import VerificationRun
from wizard.engine.runner import judge
from wizard.guides.loader import load_guide
from wizard.providers.execvision.findings import HOMEGROWN
from wizard.providers.execvision.guide_results import CASE_PAGES, FIVE9, not_your_case
from wizard.report import build_report


def _report():
    guide = load_guide("execvision")
    results = judge(guide, None, extra=not_your_case(guide, HOMEGROWN))
    now = datetime.now(UTC)
    run = VerificationRun(guide_id=guide.id, wizard_version="test", started=now, finished=now, results=tuple(results))
    return guide, build_report(guide, run)


def test_the_verdict_says_not_your_case_not_left_for_later() -> None:
    _guide, report = _report()
    other = sum(len(p.rows) for p in report.pages if p.id in CASE_PAGES[FIVE9])
    assert other == 16
    text = report.summary.verdict.text
    assert "Not your case (16 settings on the pages for the other case): nothing to do there." in text
    assert "Optional, left for later" not in text and "Recording enabled in Five9" not in text
    from wizard.report.standing import Standing, report_standings, tally
    from wizard.report.wording import counts_line

    assert dict(tally(report_standings(report.pages)))[Standing.OTHER_CASE] == 16
    assert dict(counts_line(report))[Standing.OTHER_CASE] == 16  # the PDF's and the window's count table
    assert not any(t.number.startswith(("2.", "3.", "4.")) for t in report.todo)  # nothing to do there


def test_verify_rows_of_the_other_case_say_not_your_case() -> None:
    from wizard.commands.output import row_lines

    _guide, report = _report()
    page = next(p for p in report.pages if p.id == "sftp-push")
    lines = row_lines(page.rows[0], page, str, 100)
    assert lines[0].lstrip().startswith("– Not your case"), lines
    assert "Skipped" not in lines[0]
