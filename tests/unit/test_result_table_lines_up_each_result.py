"""The provider checks' tables (Aircall, RingCentral, ExecVision, AWS) line each result up as one
block: details start under the setting's name, and a long name wraps under itself (before, the
details stood one column to its left and a long name ran past the terminal's width)."""

from __future__ import annotations

from wizard.engine.results import CheckResult, Status
from wizard.result_table import result_lines


def _result(setting: str) -> CheckResult:
    return CheckResult(guide_id="aircall", page_id="aircall-api-key", check_id="aircall.api-key", setting=setting,
                       status=Status.FAIL, expected="Aircall accepts the API ID and API token", observed="refused")


def test_details_start_under_the_setting_name() -> None:
    head, expected, observed = result_lines(_result("Aircall API key"), [("expected", "Aircall accepts the API ID and API token"),
                                                                           ("observed", "refused")], str, 100)
    start = head.index("Aircall API key")
    assert expected.index("expected:") == start and observed.index("observed:") == start


def test_a_long_setting_name_wraps_under_itself() -> None:
    name = "Aircall User Identifier of every active user who holds an ECI permission set, as Aircall lists its users"
    lines = result_lines(_result(name), [("expected", "x")], str, 80)
    start = lines[0].index("Aircall User")
    assert len(lines) == 3 and all(len(line) <= 80 for line in lines)
    assert lines[1].startswith(" " * start) and not lines[1][start].isspace()
    assert " ".join(line.strip() for line in lines[:2]).endswith(name)
