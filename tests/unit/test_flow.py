"""The wizard's navigation, without Qt."""

from __future__ import annotations

from pathlib import Path

from wizard.engine.results import CheckResult, Status
from wizard.flow import CHOOSE_GUIDE, SIGN_IN, SUMMARY, WELCOME, ResumeState, WizardFlow


def result(page: str, status: Status) -> CheckResult:
    return CheckResult(guide_id="aircall", page_id=page, check_id="c", setting="s", status=status)


def test_next_is_blocked_until_a_guide_is_chosen_and_the_org_signed_in() -> None:
    flow = WizardFlow()
    assert flow.next() == CHOOSE_GUIDE
    assert flow.next() == CHOOSE_GUIDE  # no guide yet
    flow.choose_guide("aircall", ["before-you-start", "aircall-api-key"])
    assert flow.next() == SIGN_IN
    assert flow.next() == SIGN_IN  # not signed in
    flow.signed_in = True
    assert flow.next() == "page:before-you-start"
    assert flow.next() == "page:aircall-api-key"
    assert flow.next() == SUMMARY
    assert flow.back() == "page:aircall-api-key"


def test_jumping_to_a_guide_page_needs_a_connection() -> None:
    flow = WizardFlow()
    flow.choose_guide("aircall", ["a", "b"])
    assert flow.jump("page:b") == WELCOME
    flow.signed_in = True
    assert flow.jump("page:b") == "page:b"
    assert flow.jump("page:nope") == "page:b"


def test_page_status_is_the_worst_result_and_changing_guide_forgets_results() -> None:
    flow = WizardFlow()
    flow.choose_guide("aircall", ["a"])
    flow.record([result("a", Status.PASS), result("a", Status.FAIL)])
    assert flow.page_status("a") == Status.FAIL
    flow.choose_guide("natterbox", ["a"])
    assert flow.page_status("a") is None


def test_resume_state_round_trips_and_survives_a_damaged_file(tmp_path: Path) -> None:
    ResumeState(guide_id="aircall", step="page:a", org_alias="sandbox", demo=False).save(tmp_path)
    assert ResumeState.load(tmp_path) == ResumeState("aircall", "page:a", "sandbox", False)
    (tmp_path / "wizard-state.json").write_text("{not json")
    assert ResumeState.load(tmp_path) == ResumeState()
