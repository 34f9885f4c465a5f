"""A rule passes only for what it looked at.

A recording without usable metadata is not counted as carrying the Five9 information: it is said,
as "could not check", naming the file. A rule with nothing to look at is "skipped" (not checked),
never "All 0 … pass".
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.execvision_files import GOOD_FIELDS, metadata_bytes, recording, touch
from wizard.cli import main
from wizard.engine.results import Evidence, Status
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.findings import to_check_results
from wizard.providers.execvision.naming import compile_pattern
from wizard.providers.execvision.rules import RuleConfig

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECI_WIZARD_CONFIG_DIR", str(tmp_path / "config"))


def one_bad_one_good_folder(folder: Path) -> str:
    """A delivery folder with one unusable recording: bad.wav (no metadata, bad name) and one good recording with its JSON."""
    touch(folder / "bad.wav", b"RIFF", NOW)
    return recording(folder, NOW - timedelta(minutes=5), uid="u1")


def test_a_recording_without_metadata_is_said_not_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one_bad_one_good_folder(tmp_path / "ev")
    report = tmp_path / "r.json"
    assert main(["execvision", "check", "--local", str(tmp_path / "ev"), "--json", str(report)]) == 1
    out = capsys.readouterr().out
    assert "carry the Five9 information" not in out  # no "All 2 recordings carry …"
    doc = json.loads(report.read_text())
    five9 = next(r for r in doc["results"] if r["check_id"] == "execvision.five9-info")
    assert five9["status"] == "error"  # "Could not check"
    assert "bad.wav: not examined: it has no metadata file" in five9["observed"]  # seen
    assert five9["expected"] and five9["fix"]["hint"].startswith("Fix the recording's metadata file")  # expected, to do
    assert "1 of 2 files could not be examined" in five9["message"]
    assert {(f["file"], f["status"]) for f in doc["findings"] if f["rule"] == "five9-info"} == {("bad.wav", "error")}


def test_examined_failures_still_fail_and_the_unexamined_are_added(tmp_path: Path) -> None:
    recording(tmp_path, NOW - timedelta(minutes=5), uid="no_five9", fields={"caller_id": "1"})
    recording(tmp_path, NOW - timedelta(minutes=6), uid="lonely", meta=None)
    five9 = {r.check_id: r for r in check_local(tmp_path, RuleConfig(), now=NOW).results}["execvision.five9-info"]
    assert five9.status is Status.FAIL
    assert five9.message == "1 of 2 files break this rule; 1 of 2 files could not be examined"


def test_a_name_carrying_every_five9_fact_needs_no_metadata(tmp_path: Path) -> None:
    pattern = compile_pattern("{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}")
    touch(tmp_path / f"{NOW - timedelta(minutes=5):%Y%m%d-%H%M%S}_joe_inbound_S1_5551234567.wav", b"RIFF", NOW)
    five9 = {r.check_id: r for r in check_local(tmp_path, RuleConfig(pattern=pattern), now=NOW).results}["execvision.five9-info"]
    assert five9.status is Status.PASS and five9.observed == "All 1 recordings carry the Five9 information"


def test_a_rule_with_nothing_to_check_is_skipped_not_passed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Names and metadata without a call time: the 48-hour rule has nothing to compare."""
    touch(tmp_path / "joe_S1.wav", b"RIFF", NOW)
    touch(tmp_path / "joe_S1.json", metadata_bytes("json", GOOD_FIELDS), NOW)
    report = tmp_path / "r.json"
    args = ["execvision", "check", "--local", str(tmp_path), "--source", "homegrown", "--name-pattern", "{user_id}_{session_id}"]
    assert main([*args, "--json", str(report)]) == 0  # nothing failed: skipped is not a failure
    out = capsys.readouterr().out
    assert "All 0" not in out and "Skipped" in out
    updates = next(r for r in json.loads(report.read_text())["results"] if r["check_id"] == "execvision.metadata-updates")
    assert updates["status"] == "skipped"
    assert "no metadata file could be paired with a call time" in updates["observed"] and updates["expected"]
    assert "call time" in updates["fix"]["hint"]


def test_every_rule_with_zero_checked_is_skipped_and_explained() -> None:
    from wizard.providers.execvision.findings import RULES

    results = to_check_results([], dict.fromkeys(RULES, 0), mode="push", evidence=Evidence(source="t", detail="t"))
    assert {r.status for r in results} == {Status.SKIPPED}
    assert all(r.observed and r.expected and r.fix and r.fix.hint and "All 0" not in r.observed for r in results)
