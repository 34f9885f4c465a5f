"""The folder validator: every rule of the guide's homegrown case on real local folders (the Five9 case:
test_execvision_two_cases)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.execvision_files import (
    GOOD_FIELDS,
    findings_by_file,
    good_folder,
    metadata_bytes,
    mixed_folder,
    recording,
    touch,
)
from wizard.engine.results import Evidence, Status
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.findings import RULES, to_check_results
from wizard.providers.execvision.rules import RuleConfig, validate_folder
from wizard.providers.execvision.scan import CancelToken, ScanCancelled, list_local, local_reader

NOW = datetime.now(UTC).replace(microsecond=0)


def run(folder: Path, **config: object):
    return validate_folder(list_local(folder), RuleConfig(**config), local_reader(folder, 5 * 1024 * 1024), NOW)


def test_a_good_folder_passes_every_rule(tmp_path: Path) -> None:
    good_folder(tmp_path, NOW, 8)
    report = run(tmp_path, required_fields=("caller_id", "contact_name", "disposition", "direction", "session_id"))
    assert report.findings == []
    assert report.recordings == 8 and report.metadata_files == 8
    results = to_check_results(report.findings, report.checked, mode="push", evidence=Evidence(source="t", detail="t"))
    assert results and all(r.status == Status.PASS for r in results)
    assert {r.page_id for r in results} == {"upload-folder", "recording-names", "metadata-files", "metadata-updates"}


def test_a_mixed_folder_flags_each_bad_file_and_nothing_else(tmp_path: Path) -> None:
    expected = mixed_folder(tmp_path, NOW)
    report = run(tmp_path)
    assert findings_by_file(report.findings) == expected
    for finding in report.findings:
        assert finding.rule in RULES and finding.observed and finding.fix


def test_results_summarise_findings_per_page(tmp_path: Path) -> None:
    mixed_folder(tmp_path, NOW)
    outcome = check_local(tmp_path, RuleConfig(), now=NOW)
    by_id = {r.check_id: r for r in outcome.results}
    assert by_id["execvision.recording-name"].status == Status.FAIL
    assert by_id["execvision.recording-name"].page_id == "recording-names"
    assert "month 13" in by_id["execvision.recording-name"].observed
    assert by_id["execvision.metadata-nested"].page_id == "metadata-files"
    assert by_id["execvision.metadata-updates"].page_id == "metadata-updates"
    assert by_id["execvision.five9-info"].page_id == "sftp-push"
    assert by_id["execvision.no-directories"].status == Status.WARN
    assert all(r.guide_id == "execvision" for r in outcome.results)
    assert all(r.fix and r.fix.hint for r in outcome.results if not r.ok)


def test_metadata_update_for_a_recording_already_processed_is_fine(tmp_path: Path) -> None:
    name = recording(tmp_path / "processed", NOW - timedelta(minutes=30), uid="joe", meta=None)
    touch(tmp_path / f"{name}.xml", metadata_bytes("xml", GOOD_FIELDS), NOW)
    report = run(tmp_path, ignore_dirs=frozenset({"processed"}))
    assert report.findings == []


def test_metadata_only_mode_accepts_id_files(tmp_path: Path) -> None:
    touch(tmp_path / "BXyT30eVTWIZjUA.xml", metadata_bytes("xml", {**GOOD_FIELDS, "call_time": NOW.isoformat()}), NOW)
    touch(tmp_path / "odd id.json", metadata_bytes("json", GOOD_FIELDS), NOW)
    report = run(tmp_path, metadata_only=True)
    # "odd id.json" has no call time field (and an id name carries none): the 48-hour rule says it could not judge it
    assert findings_by_file(report.findings) == {"odd id.json": {"metadata-name", "metadata-updates"}}
    assert report.checked["metadata-updates"] == 1


def test_configured_fields(tmp_path: Path) -> None:
    name = recording(tmp_path, NOW, meta="json", fields={**GOOD_FIELDS, "Opportunity": "", "Stage": "Won"})
    report = run(tmp_path, required_fields=("opportunity", "Stage"))
    (finding,) = [f for f in report.findings if f.file]
    assert finding.file == f"{name}.json" and "'opportunity' (found 'Opportunity')" in finding.observed
    report = run(tmp_path, required_fields=("Opportunity", "Stage", "caller_id", "disposition", "ani"))
    assert [(f.file, f.status) for f in report.findings] == [(f"{name}.json", Status.WARN)]
    eleven = tuple(f"f{i}" for i in range(11))
    assert any(f.file == "" and "11 configured fields" in f.observed for f in run(tmp_path, required_fields=eleven).findings)


def test_file_sizes(tmp_path: Path) -> None:
    big = recording(tmp_path, NOW, uid="big")
    with open(tmp_path / f"{big}.wav", "r+b") as fh:  # sparse: no disk space used
        fh.truncate(2 * 1024**3 + 1)
    near = recording(tmp_path, NOW, uid="near")
    with open(tmp_path / f"{near}.wav", "r+b") as fh:
        fh.truncate(2_100_000_000)
    report = run(tmp_path)
    statuses = {f.file: f.status for f in report.findings if f.rule == "file-size"}
    assert statuses == {f"{big}.wav": Status.FAIL, f"{near}.wav": Status.WARN}


def test_cadence(tmp_path: Path) -> None:
    recording(tmp_path, NOW - timedelta(hours=3), written=NOW - timedelta(hours=3))
    (finding,) = run(tmp_path).findings
    assert finding.rule == "cadence" and "3 hours ago" in finding.observed and finding.status == Status.FAIL
    assert run(tmp_path, check_cadence=False).findings == []
    empty = tmp_path / "empty"
    empty.mkdir()
    report = run(empty)  # nothing with an upload time: the rule is skipped (nothing looked at), not failed
    assert report.findings == [] and report.checked["cadence"] == 0


def test_call_time_zone_and_the_48_hour_window(tmp_path: Path) -> None:
    # written 47 hours after a call named in New York time: fine there, too late if read as UTC+14
    ny_call = (NOW - timedelta(hours=47)).astimezone(__import__("zoneinfo").ZoneInfo("America/New_York"))
    name = f"{ny_call:%Y%m%d-%H%M%S}_joe"
    touch(tmp_path / f"{name}.wav", b"RIFF", NOW)
    touch(tmp_path / f"{name}.json", metadata_bytes("json", GOOD_FIELDS), NOW)
    from zoneinfo import ZoneInfo

    assert run(tmp_path, name_tz=ZoneInfo("America/New_York")).findings == []
    late = run(tmp_path, name_tz=ZoneInfo("Pacific/Kiritimati")).findings
    assert [f.rule for f in late] == ["metadata-updates"]


def test_future_call_times_are_questioned(tmp_path: Path) -> None:
    recording(tmp_path, NOW + timedelta(days=3), written=NOW)
    (finding,) = run(tmp_path).findings
    assert finding.rule == "recording-name" and finding.status == Status.WARN and "future" in finding.observed


def test_unreadable_metadata_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    name = recording(tmp_path, NOW)
    if os.geteuid() == 0:
        entries = list_local(tmp_path)

        def deny(entry):
            raise PermissionError(13, "Permission denied")

        report = validate_folder(entries, RuleConfig(), deny, NOW)
    else:
        (tmp_path / f"{name}.json").chmod(0)
        report = run(tmp_path)
    assert [(f.file, f.rule) for f in report.findings] == [(f"{name}.json", "read-access")]


def test_listing_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    good_folder(tmp_path, NOW, 30)
    seen = []
    list_local(tmp_path, progress=seen.append, every=10)
    assert seen[-1].done == seen[-1].total == 60 and len(seen) >= 6
    token = CancelToken()
    token.cancel()
    with pytest.raises(ScanCancelled):
        list_local(tmp_path, cancel=token)


def test_local_check_reports_reading_progress_and_cancels(tmp_path: Path) -> None:
    good_folder(tmp_path, NOW, 3)
    phases = []
    check_local(tmp_path, RuleConfig(), progress=lambda p: phases.append((p.phase, p.done, p.total)), now=NOW)
    assert ("reading", 3, 3) in phases and phases[0][0] == "listing"
    token = CancelToken()

    def cancel_when_reading(p) -> None:
        if p.phase == "reading":
            token.cancel()

    with pytest.raises(ScanCancelled):
        check_local(tmp_path, RuleConfig(), progress=cancel_when_reading, cancel=token, now=NOW)
