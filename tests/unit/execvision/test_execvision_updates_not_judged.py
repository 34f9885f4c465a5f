"""The 48-hour rule counts every metadata file: judged, or named as "could not be judged".

The guide counts the 48 hours from the call date/time, so a metadata file is judged only with a
call time (from its name or a call time field) and a write time. One without is named with the
reason, so "All n metadata files were written within 48 hours" never reads as all-clear while
some were never compared. Metadata updates sent without their recording are judged too: that is
the case the 48-hour limit is about.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.execvision_files import GOOD_FIELDS, metadata_bytes, recording, touch
from wizard.cli import main
from wizard.engine.results import Status
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.naming import compile_pattern
from wizard.providers.execvision.rules import RuleConfig

NOW = datetime.now(UTC).replace(microsecond=0)


def updates_row(folder: Path, **config: object):
    return {r.check_id: r for r in check_local(folder, RuleConfig(**config), now=NOW).results}["execvision.metadata-updates"]


def test_a_metadata_file_without_a_call_time_is_named_and_the_summary_is_not_a_pass(tmp_path: Path,
                                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "export"
    for i in range(2):
        recording(folder, NOW - timedelta(minutes=5 + i), uid=f"agent{i}", written=NOW - timedelta(minutes=4))
    touch(folder / "call-from-joe.wav", b"RIFF", NOW)  # no call time in the name, none in the metadata
    touch(folder / "call-from-joe.json", metadata_bytes("json", GOOD_FIELDS), NOW)
    report = tmp_path / "r.json"
    main(["execvision", "check", "--local", str(folder), "--source", "homegrown", "--json", str(report)])
    out = capsys.readouterr().out
    assert "written within 48 hours" not in out  # no "All 2 metadata files were written within 48 hours of the call"
    doc = json.loads(report.read_text(encoding="utf-8"))
    row = next(r for r in doc["results"] if r["check_id"] == "execvision.metadata-updates")
    assert row["status"] == "error"  # "Could not check", not a pass
    assert row["message"] == "1 of 3 files could not be examined"
    assert ("call-from-joe.json: could not be judged: its name does not follow the naming pattern and its contents hold "
            "no call time field, so there is no call time to count the 48 hours from") in row["observed"]
    assert "the 2 examined pass" in row["observed"]
    assert "call time" in row["fix"]["hint"] and "confirm by hand" in row["fix"]["hint"]
    assert {(f["file"], f["status"]) for f in doc["findings"] if f["rule"] == "metadata-updates"} == {("call-from-joe.json", "error")}


def test_a_call_time_field_lets_the_file_be_judged(tmp_path: Path) -> None:
    recording(tmp_path, NOW - timedelta(minutes=5), uid="agent0", written=NOW - timedelta(minutes=4))
    touch(tmp_path / "call-from-joe.wav", b"RIFF", NOW)
    touch(tmp_path / "call-from-joe.json", metadata_bytes("json", {**GOOD_FIELDS, "call_time": (NOW - timedelta(minutes=9)).isoformat()}), NOW)
    row = updates_row(tmp_path)
    assert row.status is Status.PASS and row.observed == "All 2 metadata files were written within 48 hours of the call"


def test_a_late_metadata_update_without_its_recording_fails(tmp_path: Path) -> None:
    """The recording was processed and moved away; its metadata, sent again 3 days after the call, is too late."""
    name = recording(tmp_path / "processed", NOW - timedelta(days=3), uid="joe", meta=None, written=NOW - timedelta(days=3))
    touch(tmp_path / f"{name}.xml", metadata_bytes("xml", GOOD_FIELDS), NOW)
    row = updates_row(tmp_path, ignore_dirs=frozenset({"processed"}))
    assert row.status is Status.FAIL
    assert f"{name}.xml: written 72 hours after the call time; metadata updates made after 48 hours are not processed" in row.observed
    assert row.fix.hint.startswith("Upload metadata (and its updates) within 48 hours of the call")


def test_a_metadata_only_file_without_a_call_time_field_is_named(tmp_path: Path) -> None:
    touch(tmp_path / "BXyT30eVTWIZjUA.xml", metadata_bytes("xml", {**GOOD_FIELDS, "call_time": NOW.isoformat()}), NOW)
    touch(tmp_path / "C4kq9ZzQpLm2.json", metadata_bytes("json", GOOD_FIELDS), NOW)
    row = updates_row(tmp_path, metadata_only=True)
    assert row.status is Status.ERROR and row.message == "1 of 2 files could not be examined"
    assert ("C4kq9ZzQpLm2.json: could not be judged: its contents hold no call time field, and an id.ext name carries none"
            in row.observed)
    assert "call_time" in row.fix.hint


def test_no_file_with_a_call_time_leaves_the_rule_skipped_not_listed(tmp_path: Path) -> None:
    """When nothing carries a call time the rule is skipped once, saying why, rather than listing every file."""
    for i in range(3):
        touch(tmp_path / f"joe_S{i}.wav", b"RIFF", NOW)
        touch(tmp_path / f"joe_S{i}.json", metadata_bytes("json", GOOD_FIELDS), NOW)
    outcome = check_local(tmp_path, RuleConfig(source="homegrown", pattern=compile_pattern("{user_id}_{session_id}")), now=NOW)
    row = {r.check_id: r for r in outcome.results}["execvision.metadata-updates"]
    assert row.status is Status.SKIPPED and "no metadata file could be paired with a call time" in row.observed
    assert not [f for f in outcome.findings if f.rule == "metadata-updates"]
