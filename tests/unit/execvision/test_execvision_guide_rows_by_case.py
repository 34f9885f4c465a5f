"""The guide's rows in the window and the report follow the case the admin chose (no network, no Qt).

A Five9 admin sees the Five9 pages judged and every homegrown page "Skipped: not your case"; a
homegrown admin the reverse, the Five9 Salesforce link included. The choice alone is enough for
that: the rows of the other case say so before any delivery check has run.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.execvision_files import FIVE9_LAYOUT, five9_recording, good_folder
from wizard.engine.results import Status
from wizard.engine.runner import judge
from wizard.guides.loader import load_guide
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.session import DeliveryEntries, ExecVisionSession

NOW = datetime.now(UTC).replace(microsecond=0)
GUIDE = load_guide("execvision")
CASE_PAGES = {"five9": ("sftp-push", "sftp-pull", "salesforce-link"),
              "homegrown": ("upload-folder", "recording-names", "metadata-files", "metadata-updates")}


def rows(session: ExecVisionSession) -> dict[tuple[str, str], object]:
    """Every row of the guide as the window shows it: the delivery check's results, else the guide's manual steps."""
    return {(r.page_id, r.check_id): r for r in judge(GUIDE, None, extra=session.guide_results(GUIDE))}


def checked(folder: Path, entries: DeliveryEntries) -> ExecVisionSession:
    session = ExecVisionSession()
    session.record(entries, check_local(folder, entries.config(), now=NOW))
    return session


def test_a_five9_check_judges_the_five9_pages_and_skips_every_homegrown_row(tmp_path: Path) -> None:
    five9_recording(tmp_path, NOW - timedelta(minutes=5), meta="json")
    five9_recording(tmp_path, NOW - timedelta(minutes=6), uid="ann", session="5F9C1A2C")  # no metadata: fine for Five9
    found = rows(checked(tmp_path, DeliveryEntries(source="local", dialer="five9", name_pattern=FIVE9_LAYOUT)))
    assert found[("sftp-push", "execvision.push.file-names")].status is Status.PASS
    assert found[("sftp-push", "execvision.push.metadata-files")].status is Status.PASS
    for page in CASE_PAGES["homegrown"]:
        for setting in GUIDE.page(page).settings:
            row = found[(page, setting.id)]
            assert row.status is Status.SKIPPED, (page, setting.id)
            assert row.observed.startswith("not your case: this page is for a homegrown or rarer dialer or CRM")
            assert row.fix is not None and "choose that case in the delivery check" in row.fix.hint
    assert not [r for r in found.values() if r.status in (Status.FAIL, Status.ERROR)]


def test_a_homegrown_check_judges_the_homegrown_pages_and_skips_every_five9_row(tmp_path: Path) -> None:
    good_folder(tmp_path, NOW, 2)
    found = rows(checked(tmp_path, DeliveryEntries(source="local", dialer="homegrown")))
    assert found[("recording-names", "execvision.names.pattern")].status is Status.PASS
    assert found[("metadata-files", "execvision.metadata.one-per-recording")].status is Status.PASS
    for page in CASE_PAGES["five9"]:  # the Salesforce link is Five9's too: its org checks are not run for a homegrown dialer
        for setting in GUIDE.page(page).settings:
            row = found[(page, setting.id)]
            assert row.status is Status.SKIPPED and row.observed.startswith("not your case: this page is for Five9"), (page, setting.id)
    assert found[("choose-delivery", "execvision.dialer")].status is Status.MANUAL  # the first page is both cases'


def test_five9_names_without_a_layout_stay_a_step_to_confirm_by_hand(tmp_path: Path) -> None:
    five9_recording(tmp_path, NOW - timedelta(minutes=5))
    found = rows(checked(tmp_path, DeliveryEntries(source="local", dialer="five9")))
    names = found[("sftp-push", "execvision.push.file-names")]
    assert names.status is Status.MANUAL and names.observed == "not confirmed yet"  # the guide's own step, which "I've done this" confirms


def test_choosing_the_case_skips_the_other_cases_rows_before_any_check() -> None:
    session = ExecVisionSession()
    assert session.guide_results(GUIDE) == []  # nothing chosen, nothing said
    session.choose_dialer("five9")
    found = rows(session)
    assert found[("upload-folder", "execvision.upload.formats")].status is Status.SKIPPED
    assert found[("sftp-push", "execvision.push.file-names")].status is Status.MANUAL
    session.choose_dialer("homegrown")
    found = rows(session)
    assert found[("sftp-push", "execvision.push.file-names")].status is Status.SKIPPED
    assert found[("upload-folder", "execvision.upload.formats")].status is Status.MANUAL


def test_changing_the_case_drops_results_judged_in_the_other_case(tmp_path: Path) -> None:
    good_folder(tmp_path, NOW, 2)
    session = checked(tmp_path, DeliveryEntries(source="local", dialer="homegrown"))
    assert rows(session)[("recording-names", "execvision.names.pattern")].status is Status.PASS
    session.choose_dialer("five9")
    assert session.results == []
    assert rows(session)[("recording-names", "execvision.names.pattern")].status is Status.SKIPPED


def test_the_five9_demo_account_breaks_exactly_the_rules_it_says(tmp_path: Path) -> None:
    from wizard.providers.execvision.demo_folder import FIVE9_DEMO_LAYOUT, write_five9_demo_folder

    expected = write_five9_demo_folder(tmp_path)
    entries = DeliveryEntries(source="local", dialer="five9", name_pattern=FIVE9_DEMO_LAYOUT)
    outcome = check_local(tmp_path / "recording", entries.config())
    found: dict[str, set[str]] = {}
    for finding in outcome.findings:
        found.setdefault(finding.file, set()).add(finding.rule)
    assert found == expected
