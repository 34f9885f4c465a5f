"""What the verdict and the to-do list count as done: a person's word, a never-checked setting,
a production org, and a manual step's instructions said once."""

from __future__ import annotations

import io

from pypdf import PdfReader
from report_samples import STARTED, ZONE, sample_guide, sample_results, sample_run

from wizard.engine.results import Status
from wizard.engine.run_record import ManualConfirmation
from wizard.engine.runner import manual_result
from wizard.report import build_report
from wizard.report.html import render_html
from wizard.report.json_io import from_json, to_json
from wizard.report.pdf import render_pdf
from wizard.salesforce.auth.preflight_rules import environment_item


def _rows(report):
    return {(p.id, r.setting_id): r for p in report.pages for r in p.rows}


def _all_done():
    """Every checked setting passes and every manual step is confirmed (no preflight)."""
    guide = sample_guide()
    results = [r.model_copy(update={"status": Status.PASS, "fix": None, "message": ""}) for r in sample_results()
               if r.status is not Status.MANUAL]
    manual = [r for r in sample_results() if r.status is Status.MANUAL]
    confirmations = tuple(ManualConfirmation(page_id=r.page_id, setting_id=r.check_id, by="Dana", at=STARTED) for r in manual)
    return guide, results + manual, confirmations


def test_a_step_confirmed_in_the_window_is_a_manual_step_with_who_and_when_not_a_pass():
    guide = sample_guide()
    page = guide.page("eci-connected-app")
    setting = next(s for s in page.settings if s.id == "consumer-details")
    run = sample_run()
    confirmation = run.confirmations[0]
    # The window re-judges a confirmed step with the engine's own function: a pass carrying the confirmation.
    window_result = manual_result(guide, page, setting, confirmation)
    assert window_result.status is Status.PASS
    results = [window_result if (r.page_id, r.check_id) == ("eci-connected-app", "consumer-details") else r
               for r in sample_results()]
    report = build_report(guide, run.model_copy(update={"results": tuple(results)}), zone=ZONE)
    row = _rows(report)[("eci-connected-app", "consumer-details")]
    assert row.status is Status.MANUAL
    assert row.confirmation is not None and row.confirmation.by == "Dana Admin (admin@acme-corp.com)"
    assert row.confirmation.at.utc == "2026-11-20T13:43:07Z"
    assert row.observed == "" and row.fix is None  # the confirmation line says who and when, once
    assert not any(report.evidence_by_ref()[n].source == "Manual confirmation" for n in row.evidence)
    assert report.summary.manual_confirmed == 1
    assert report.summary.counts[Status.PASS] == sum(1 for r in sample_results() if r.status is Status.PASS)
    html = render_html(report)
    assert "Confirmed by Dana Admin (admin@acme-corp.com)" in html


def _page(report, page_id):
    return next(p for p in report.pages if p.id == page_id)


def test_a_page_done_but_for_a_step_confirmed_by_hand_passes_and_says_so_in_every_rendering():
    """One rule with the window: the confirmed row stays a manual step, its page counts it as done."""
    guide = sample_guide()
    open_report = build_report(guide, sample_run().model_copy(update={"confirmations": ()}), zone=ZONE)
    assert _page(open_report, "eci-named-credential").status is Status.MANUAL  # not confirmed yet: still to do
    assert _page(open_report, "eci-named-credential").by_hand_note == ""
    confirmed = ManualConfirmation(page_id="eci-named-credential", setting_id="authenticated", by="Dana", at=STARTED)
    report = build_report(guide, sample_run().model_copy(update={"confirmations": (confirmed,)}), zone=ZONE)
    page = _page(report, "eci-named-credential")
    assert _rows(report)[("eci-named-credential", "authenticated")].status is Status.MANUAL
    assert page.status is Status.PASS and page.confirmed_by_hand == 1
    assert page.by_hand_note == "1 confirmed by hand"
    assert from_json(to_json(report)) == report
    assert "1 confirmed by hand" in render_html(report)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(report, paper="A4"))).pages)
    assert "1 confirmed by hand" in text
    # A page that still fails does not show the note: its status is what the admin must act on.
    mixed = ManualConfirmation(page_id="recording-player", setting_id="player", by="Dana", at=STARTED)
    report = build_report(guide, sample_run().model_copy(update={"confirmations": (mixed,)}), zone=ZONE)
    assert _page(report, "recording-player").status is Status.WARN
    assert _page(report, "recording-player").by_hand_note == ""


def test_settings_never_checked_are_named_in_the_verdict_and_the_todo_list():
    guide, results, confirmations = _all_done()
    unchecked = [r for r in results if r.check_id != "scopes"]  # both "scopes" settings: never checked
    run = sample_run(unchecked).model_copy(update={"confirmations": confirmations, "preflight": ()})
    report = build_report(guide, run, zone=ZONE)
    verdict = report.summary.verdict
    assert verdict.headline == "Almost ready" and verdict.status is Status.SKIPPED
    assert "2 settings were never checked" in verdict.text
    assert "3.3 OAuth scopes" in verdict.text and "4.3 Default Scopes" in verdict.text
    todo = {t.number: t for t in report.todo}
    assert set(todo) == {"3.3", "4.3"}
    assert todo["3.3"].status is Status.SKIPPED
    assert "Not checked in this run" in todo["3.3"].what_to_do and "ECI Connected App" in todo["3.3"].what_to_do


def test_an_optional_setting_left_undone_does_not_hold_the_setup_back():
    guide, results, confirmations = _all_done()
    skipped = [r.model_copy(update={"status": Status.SKIPPED}) if r.check_id == "profiles" else r for r in results]
    run = sample_run(skipped).model_copy(update={"confirmations": confirmations, "preflight": ()})
    report = build_report(guide, run, zone=ZONE)
    assert report.summary.verdict.headline == "Ready"
    assert "1 optional setting skipped" in report.summary.verdict.text
    assert report.todo == []


def test_a_production_org_set_up_in_full_is_ready_and_still_says_it_is_production():
    guide, results, confirmations = _all_done()
    production = environment_item(is_sandbox=False)
    assert production.status is Status.WARN  # the caution the admin sees on signing in stays as it is
    run = sample_run(results).model_copy(update={"confirmations": confirmations, "preflight": (production,)})
    report = build_report(guide, run, zone=ZONE)
    assert report.summary.verdict.headline == "Ready"
    row = report.preflight[0]
    assert (row.name, row.status, row.observed) == ("Environment", Status.PASS, "PRODUCTION")
    assert "production org" in row.message and "type a confirmation" in row.message
    assert report.header.org.environment == "Production"


def test_a_manual_step_says_what_to_do_once():
    guide = sample_guide()
    page = guide.page("recording-player")
    open_step = manual_result(guide, page, page.settings[1], None)  # as the engine judges a step nobody confirmed
    assert open_step.message == open_step.fix.hint
    results = [open_step if (r.page_id, r.check_id) == ("recording-player", "player") else r for r in sample_results()]
    report = build_report(guide, sample_run(results), zone=ZONE)
    row = _rows(report)[("recording-player", "player")]
    do = "Edit the Voice Call record page in Lightning App Builder and add the Call Recording Player component."
    assert row.fix is not None and row.fix.hint == do
    assert row.message == ""
    html = render_html(report)
    section = html[html.index('id="page-recording-player"'):html.index('id="changes"')]
    assert section.count(do) == 1


def test_a_checked_setting_waiting_for_its_provider_check_is_to_check_not_to_confirm():
    """The window has no "I've done this" for it (the panel's check decides), so neither counts it as a step to confirm."""
    guide, results, confirmations = _all_done()
    waiting = [r.model_copy(update={"status": Status.MANUAL, "message": "Enter the key above."})
               if (r.page_id, r.check_id) == ("media-provider", "record") else r for r in results]
    report = build_report(guide, sample_run(waiting).model_copy(update={"confirmations": confirmations, "preflight": ()}), zone=ZONE)
    row = _rows(report)[("media-provider", "record")]
    assert row.status is Status.MANUAL and row.awaits_check
    assert not any(r.awaits_check for p in report.pages for r in p.rows if r is not row)  # guide manual steps stay steps
    verdict = report.summary.verdict
    assert verdict.headline == "Almost ready"
    assert "1 setting is to check on the provider's side" in verdict.text
    assert "not confirmed" not in verdict.text
    assert from_json(to_json(report)) == report


def test_the_request_count_says_what_it_counts():
    """An auditor counting the org's log finds the connection check's requests too: the header says they are apart."""
    report = build_report(sample_guide(), sample_run().model_copy(update={"requests_made": 5}), zone=ZONE)
    assert "5 to read the settings (the connection check not counted)" in render_html(report)
