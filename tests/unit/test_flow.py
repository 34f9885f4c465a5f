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
    damaged = ResumeState.load(tmp_path)
    assert damaged == ResumeState() and "could not be read" in damaged.damaged
    assert [p.read_text() for p in tmp_path.glob("wizard-state.damaged-*.json")] == ["{not json"]  # kept, not lost
    damaged.save(tmp_path)
    assert "damaged" not in (tmp_path / "wizard-state.json").read_text()


def test_confirmations_are_kept_per_org_and_damaged_entries_are_skipped(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from wizard.engine.run_record import ManualConfirmation

    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    state = ResumeState(guide_id="aircall")
    state.remember_confirmations("00Dorg1", [ManualConfirmation(page_id="p", setting_id="s", by="ada@x", at=when)])
    state.remember_confirmations("00Dorg2", [ManualConfirmation(page_id="q", setting_id="t", by="bob@x", at=when)])
    state.confirmations.append({"org_id": "00Dorg1", "page_id": "broken"})  # a hand-edited file
    state.save(tmp_path)
    again = ResumeState.load(tmp_path)
    assert [(c.page_id, c.by, c.at) for c in again.confirmations_for("00Dorg1")] == [("p", "ada@x", when)]
    again.remember_confirmations("00Dorg1", [])
    assert again.confirmations_for("00Dorg1") == [] and len(again.confirmations_for("00Dorg2")) == 1


def test_signing_out_forgets_results_and_leaves_the_guide_pages() -> None:
    from wizard.flow import page_of, page_step

    flow = WizardFlow()
    flow.choose_guide("aircall", ["a", "b"])
    flow.signed_in = True
    flow.jump(page_step("b"))
    flow.record([result("b", Status.FAIL)])
    flow.sign_out()
    assert flow.current == SIGN_IN and flow.results == {} and not flow.can_jump(SUMMARY)
    assert page_of("page:b") == "b" and page_of(SUMMARY) is None
