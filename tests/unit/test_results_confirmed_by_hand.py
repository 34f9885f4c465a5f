"""`CheckResult.confirmed_by_hand`: the one rule the window and the report use to tell a manual
step the admin confirmed from a setting the wizard read and found passing."""

from __future__ import annotations

from datetime import UTC, datetime

from wizard.engine.results import (
    MANUAL_CONFIRMATION_SOURCE,
    CheckResult,
    Evidence,
    Status,
    confirmation_evidence,
)
from wizard.engine.run_record import ManualConfirmation
from wizard.engine.runner import manual_result
from wizard.guides.loader import load_guide

AT = datetime(2026, 11, 20, 13, 43, tzinfo=UTC)


def _password_step():
    guide = load_guide("aircall")
    page = guide.page("aircall-named-credential")
    setting = next(s for s in page.settings if s.id == "aircall-nc.password")
    return guide, page, setting


def test_a_confirmed_manual_step_is_confirmed_by_hand_and_an_open_one_is_not():
    guide, page, setting = _password_step()
    open_step = manual_result(guide, page, setting, None)
    assert open_step.status is Status.MANUAL and not open_step.confirmed_by_hand
    confirmed = manual_result(guide, page, setting, ManualConfirmation(page_id=page.id, setting_id=setting.id, by="Dana", at=AT))
    assert confirmed.status is Status.PASS and confirmed.ok
    assert confirmed.confirmed_by_hand
    assert confirmed.evidence == (Evidence(source=MANUAL_CONFIRMATION_SOURCE, detail="Dana, 2026-11-20 13:43 UTC"),)


def test_a_pass_the_wizard_read_is_not_confirmed_by_hand():
    read = CheckResult(guide_id="aircall", page_id="aircall-named-credential", check_id="aircall-nc.exists",
                       setting="Named credential", status=Status.PASS,
                       evidence=(Evidence(source="Tooling SOQL", detail="SELECT DeveloperName FROM NamedCredential"),))
    assert not read.confirmed_by_hand


def test_only_a_pass_on_the_admins_word_counts_not_any_status_carrying_the_confirmation():
    evidence = (confirmation_evidence("Dana", "2026-11-20 13:43 UTC"),)
    base = {"guide_id": "g", "page_id": "p", "check_id": "c", "setting": "s", "evidence": evidence}
    assert CheckResult(**base, status=Status.PASS).confirmed_by_hand
    for status in (Status.FAIL, Status.MANUAL, Status.ERROR, Status.WARN, Status.SKIPPED):
        assert not CheckResult(**base, status=status).confirmed_by_hand
