"""A rule passes only for what it looked at.

Five9 names are not judged without the layout agreed with ExecVision (the guide gives none): the
row is "to confirm", never a pass. A rule with nothing to look at is "skipped" (not checked),
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


def test_five9_names_without_a_layout_are_to_confirm_not_passed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The guide lists six items for a Five9 name but no layout: without the agreed one, nothing is said to pass."""
    recording(tmp_path / "ev", NOW - timedelta(minutes=5), uid="u1")
    touch(tmp_path / "ev" / "bad.wav", b"RIFF", NOW)
    report = tmp_path / "r.json"
    assert main(["execvision", "check", "--local", str(tmp_path / "ev"), "--source", "five9", "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "carry the six items" not in out  # no "All 2 recordings carry …"
    doc = json.loads(report.read_text())
    five9 = next(r for r in doc["results"] if r["check_id"] == "execvision.five9-info")
    assert five9["status"] == "manual"  # "to confirm": neither a pass nor a failure on a guessed format
    assert "each of the 2 recordings has a file type" in five9["observed"]  # seen
    assert "gives no order, separators or formats" in five9["observed"] and five9["expected"]  # why, and what was expected
    assert "--name-pattern" in five9["fix"]["hint"] and "confirm by hand" in five9["fix"]["hint"]  # what to do
    assert [(f["file"], f["status"]) for f in doc["findings"] if f["rule"] == "five9-info"] == [("", "manual")]


def test_a_five9_name_carrying_every_item_needs_no_metadata(tmp_path: Path) -> None:
    pattern = compile_pattern("{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}")
    touch(tmp_path / f"{NOW - timedelta(minutes=5):%Y%m%d-%H%M%S}_joe_inbound_S1_5551234567.wav", b"RIFF", NOW)
    config = RuleConfig(pattern=pattern, source="five9")
    five9 = {r.check_id: r for r in check_local(tmp_path, config, now=NOW).results}["execvision.five9-info"]
    assert five9.status is Status.PASS and five9.observed == "All 1 recordings carry the six items in their names"


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
