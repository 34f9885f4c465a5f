"""The report model: every guide setting in order, the right verdict, the fix for what's left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from report_samples import STARTED, ZONE, sample_guide, sample_org, sample_results, sample_run

from wizard.engine.results import CheckResult, Status
from wizard.engine.run_record import ManualConfirmation
from wizard.report import blank_checklist, build_report, describe_expected
from wizard.report.build import OTHER_PAGE_ID


def test_every_guide_setting_has_a_row_in_guide_order(guide, report):
    expected = [(p.id, s.id) for p, s in guide.settings()]
    got = [(page.id, row.setting_id) for page in report.pages for row in page.rows]
    assert got == expected
    assert [p.id for p in report.pages] == [p.id for p in guide.pages]
    assert report.pages[2].rows[1].number == "3.2"


def test_counts_and_header(report, run):
    assert report.summary.counts == {s: n for s, n in run.counts().items()}
    assert report.summary.total == len(run.results)
    h = report.header
    assert (h.org.name, h.org.org_id, h.org.environment, h.org.api_version) == ("Acme Corporation", "00D5g000004ABCDEA2", "Production", "66.0")
    assert h.org.user.username == "admin@acme-corp.com"
    assert h.guide.source.file == "000_0905a9a90d8bac68.txt"
    assert h.started.utc == "2026-11-20T14:03:07Z"
    assert h.started.local == "2026-11-20T15:03:07+01:00"
    assert h.finished.utc == "2026-11-20T14:03:16Z"
    assert h.timezone == "CET (UTC+01:00)"


def test_rows_carry_expected_observed_evidence_and_fix(report):
    callback = report.pages[2].rows[1]
    assert callback.status is Status.FAIL
    assert callback.observed == "https://dummy_url/services/authcallback/ECI_Auth_Provider"
    assert callback.fix.fix_name == "eci_app"
    entry = report.evidence_by_ref()[callback.evidence[0]]
    assert entry.detail == "ConnectedApp ECI_Connected_App"


def test_evidence_is_deduplicated_and_numbered_in_order(report):
    refs = [e.ref for e in report.evidence]
    assert refs == list(range(1, len(refs) + 1))
    assert len({(e.source, e.detail) for e in report.evidence}) == len(refs)
    # The connected app query backs several rows but is listed once.
    app_query = [e for e in report.evidence if "FROM ConnectedApplication" in e.detail]
    assert len(app_query) == 1
    cited = [r for p in report.pages for r in p.rows if app_query[0].ref in r.evidence]
    assert len(cited) >= 4


def test_manual_steps_confirmed_and_open(report):
    rows = {r.setting_id: r for p in report.pages for r in p.rows}
    confirmed = rows["consumer-details"]
    assert confirmed.confirmation.by.startswith("Dana Admin")
    assert confirmed.fix is None
    open_step = rows["authenticated"]
    assert open_step.confirmation is None
    assert "Start Authentication Flow on Save" in open_step.fix.hint
    assert [c.setting for c in report.confirmations] == ["Consumer Key and Consumer Secret viewed"]


def test_whats_left_lists_every_open_row_with_what_to_do(report):
    todo = {t.number: t for t in report.todo}
    open_rows = [
        r for p in report.pages for r in p.rows
        if r.status not in (Status.PASS, Status.SKIPPED) and not (r.status is Status.MANUAL and r.confirmation)
    ]
    assert sorted(todo) == sorted(r.number for r in open_rows)
    assert todo["1.3"].fix_name == "eci_settings"
    assert todo["1.3"].setup_page == "/lightning/setup/ConversationInsightsSettings/home"
    assert todo["4.2"].status is Status.ERROR and todo["4.2"].fix_name is None
    assert todo["8.1"].what_to_do.startswith("Without a custom record page")  # no fix: the problem stands in


def test_changes_are_listed_before_to_after(report):
    # A checkbox reads as the pages say it, not as the API's true/false.
    assert [(c.before, c.after) for c in report.changes] == [("not selected", "selected"), ("https://your_domain", "https://acme-corp.my.salesforce.com")]
    assert report.changes[0].at.utc == "2026-11-20T13:51:07Z"


def test_verdicts():
    guide = sample_guide()
    base = sample_run()

    def verdict(results, confirmations=(), preflight=None):
        run = base.model_copy(update={"results": tuple(results), "confirmations": tuple(confirmations), **({"preflight": preflight} if preflight is not None else {})})
        return build_report(guide, run, zone=ZONE).summary.verdict

    all_pass = [r.model_copy(update={"status": Status.PASS}) for r in sample_results() if r.status is not Status.MANUAL]
    manual = [r for r in sample_results() if r.status is Status.MANUAL]
    confirmations = [ManualConfirmation(page_id=r.page_id, setting_id=r.check_id, by="Dana", at=STARTED) for r in manual]
    v = verdict(all_pass, preflight=())  # manual steps without a result are still open manual steps
    assert (v.headline, v.status) == ("Almost ready", Status.MANUAL)
    assert "3 manual steps are not confirmed" in v.text
    v = verdict(all_pass + manual, confirmations, preflight=())
    assert (v.headline, v.status) == ("Ready", Status.PASS)
    assert v.text == "25 settings pass and 3 manual steps were confirmed; nothing is left to do."
    warned = [*all_pass[:-1], all_pass[-1].model_copy(update={"status": Status.WARN})]
    assert verdict(warned + manual, confirmations, preflight=()).headline == "Ready with caveats"
    assert verdict(all_pass + manual, confirmations).headline == "Ready with caveats"  # the preflight warns
    v = verdict(sample_results())
    assert v.headline == "Not ready" and v.status is Status.ERROR
    assert v.text.startswith("4 settings fail, 1 setting could not be checked")


def test_a_setting_without_result_is_shown_as_not_checked():
    guide = sample_guide()
    results = [r for r in sample_results() if r.check_id != "scopes"]
    report = build_report(guide, sample_run(results), zone=ZONE)
    rows = [r for p in report.pages for r in p.rows if r.setting_id == "scopes"]
    assert len(rows) == 2
    assert all(r.status is Status.SKIPPED and r.message == "Not checked in this run." for r in rows)
    assert rows[0].expected == "content, api, web, refresh_token, offline_access"  # the check's own expected value


def test_a_result_the_guide_does_not_know_is_still_shown():
    stray = CheckResult(guide_id="natterbox", page_id="somewhere-else", check_id="extra", setting="Extra check", status=Status.FAIL, observed="x")
    extra_on_page = CheckResult(guide_id="natterbox", page_id="eci-users", check_id="unlisted", setting="Unlisted check", status=Status.PASS)
    report = build_report(sample_guide(), sample_run([*sample_results(), stray, extra_on_page]), zone=ZONE)
    assert report.pages[-1].id == OTHER_PAGE_ID
    assert [r.setting for r in report.pages[-1].rows] == ["Extra check"]
    users = next(p for p in report.pages if p.id == "eci-users")
    assert [r.setting for r in users.rows] == ["ECI permission set assigned", "Unlisted check"]
    assert users.rows[-1].number == "7.2"


def test_naive_times_are_taken_as_utc():
    run = sample_run().model_copy(update={"started": datetime(2026, 1, 5, 9, 0), "finished": datetime(2026, 1, 5, 9, 0) + timedelta(seconds=3)})
    report = build_report(sample_guide(), run, zone=ZONE)
    assert report.header.started.utc == "2026-01-05T09:00:00Z"
    assert report.header.started.local == "2026-01-05T10:00:00+01:00"
    assert report.generated.utc.endswith("Z")
    assert datetime.fromisoformat(report.generated.utc.replace("Z", "+00:00")) <= datetime.now(UTC)


def test_blank_checklist_has_every_setting_unchecked_with_expected_values(guide):
    checklist = blank_checklist(guide, zone=ZONE)
    assert checklist.kind == "checklist" and checklist.summary is None
    rows = [r for p in checklist.pages for r in p.rows]
    assert [r.setting_id for r in rows] == [s.id for _, s in guide.settings()]
    assert all(r.status is None and r.observed == "" and r.expected for r in rows)
    assert checklist.header.org is None and checklist.header.started is None
    assert not checklist.todo and not checklist.evidence


def test_describe_expected_reads_like_the_guide(guide):
    settings = {f"{p.id}/{s.id}": s for p, s in guide.settings()}
    assert describe_expected(settings["eci-connected-app/exists"]) == "ECI_Connected_App (Connected App or External Client App)"
    assert describe_expected(settings["eci-connected-app/callback-url"]) == "<My Domain>/services/authcallback/ECI_Auth_Provider"
    assert describe_expected(settings["eci-connected-app/callback-url"], sample_org()) == (
        "https://acme-corp.my.salesforce.com/services/authcallback/ECI_Auth_Provider")
    assert describe_expected(settings["eci-connected-app/require-secret"]) == "Web Server Flow: selected; Refresh Token Flow: selected"
    assert describe_expected(settings["eci-connected-app/permitted-users"]) == "Admin approved users are pre-authorized"
    assert describe_expected(settings["natterbox-s3-named-credential/url"]) == "https://eci-prod.s3.eu-west-1.amazonaws.com/"
    assert describe_expected(settings["eci-named-credential/authenticated"]) == "Authentication Status reads Authenticated."
