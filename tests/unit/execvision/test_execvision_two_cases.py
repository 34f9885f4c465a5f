"""The guide's two cases, judged apart: a Five9 delivery by the Five9 rules, a homegrown one by the homegrown rules.

The vendor's guide gives Five9 its own folder (the recording subdirectory) and its own naming rule (six
items in each file name, in no layout the guide spells out), and homegrown or rarer dialers theirs (the
data subdirectory, yyyyMMdd-hhmmss_uid.ext, a metadata file every call waits for). A delivery of one case
must never fail a rule of the other: those rows read "Skipped: not your case".
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.execvision_files import (
    FIVE9_LAYOUT,
    five9_recording,
    good_folder,
    metadata_bytes,
    recording,
    stamp,
    touch,
)
from wizard.cli import main
from wizard.engine.results import Status
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.naming import compile_pattern
from wizard.providers.execvision.rules import RuleConfig
from wizard.providers.execvision.scan import list_local, local_reader

NOW = datetime.now(UTC).replace(microsecond=0)
FIVE9 = RuleConfig(source="five9", pattern=compile_pattern(FIVE9_LAYOUT))
HOMEGROWN_ONLY = {"data-folder", "no-directories", "media-type", "file-size", "recording-name", "metadata-name", "metadata-fields",
                  "metadata-updates", "other-files"}


def five9_delivery(folder: Path) -> None:
    """A Five9 export: names in the agreed layout, metadata for some recordings only, an .aac among them, a subfolder."""
    five9_recording(folder, NOW - timedelta(minutes=5), meta="json")
    five9_recording(folder, NOW - timedelta(minutes=6), uid="ann", direction="outbound", session="5F9C1A2C")  # no metadata
    five9_recording(folder, NOW - timedelta(minutes=7), uid="bob", session="5F9C1A2D", ext="aac")
    five9_recording(folder / "2024-06", NOW - timedelta(minutes=8), uid="cid", session="5F9C1A2E")


def by_rule(results) -> dict:
    return {r.check_id.removeprefix("execvision."): r for r in results}


def test_a_five9_delivery_is_judged_by_the_five9_rules_and_not_failed_by_the_homegrown_ones(tmp_path: Path) -> None:
    five9_delivery(tmp_path)
    outcome = check_local(tmp_path, FIVE9, now=NOW)
    results = by_rule(outcome.results)
    assert outcome.findings == [] and not [r for r in outcome.results if r.status in (Status.FAIL, Status.ERROR)]
    assert results["five9-info"].status is Status.PASS and results["five9-info"].observed == "All 4 recordings carry the six items in their names"
    assert results["metadata-pair"].status is Status.PASS  # metadata files are optional for Five9: none missing is fine
    assert results["metadata-pair"].setting == "At most one metadata file per recording"
    for rule in HOMEGROWN_ONLY - {"data-folder"}:  # a local check has no upload folder, so no data subdirectory row
        row = results[rule]
        assert row.status is Status.SKIPPED, rule
        assert row.observed.startswith("not your case: the guide states this rule for a homegrown or rarer dialer or CRM, and this check is for Five9")
        assert "--source homegrown" in row.fix.hint
    assert "data-folder" not in results


def test_a_homegrown_delivery_is_judged_by_the_homegrown_rules_and_not_failed_by_the_five9_one(tmp_path: Path) -> None:
    good_folder(tmp_path, NOW, 3)  # yyyyMMdd-hhmmss_uid names; no direction, session id or ANI in them
    for name in list(tmp_path.iterdir()):
        if name.suffix in (".json", ".yml", ".csv", ".xml"):
            name.write_bytes(metadata_bytes("json" if name.suffix == ".json" else "yml" if name.suffix == ".yml" else name.suffix[1:],
                                            {"caller_id": "5551234567", "disposition": "Sale"}))
    outcome = check_local(tmp_path, RuleConfig(source="homegrown"), now=NOW)
    results = by_rule(outcome.results)
    assert outcome.findings == []
    assert {r.status for r in outcome.results if r.check_id != "execvision.five9-info"} == {Status.PASS}
    five9 = results["five9-info"]
    assert five9.status is Status.SKIPPED and five9.page_id == "sftp-push"
    assert five9.observed.startswith("not your case: the guide states this rule for Five9, and this check is for a homegrown")
    assert results["recording-name"].page_id == "recording-names" and results["metadata-pair"].page_id == "metadata-files"


def test_the_same_folder_fails_only_the_rules_of_the_case_it_is_checked_in(tmp_path: Path) -> None:
    """A Five9 recording without metadata (optional for Five9) fails the homegrown pairing rule; a homegrown name
    lacks Five9's items. Each fails only in the case it is checked in."""
    five9_recording(tmp_path / "five9", NOW - timedelta(minutes=5))
    recording(tmp_path / "homegrown", NOW - timedelta(minutes=5))
    five9_as_homegrown = by_rule(check_local(tmp_path / "five9", RuleConfig(source="homegrown"), now=NOW).results)
    assert five9_as_homegrown["metadata-pair"].status is Status.FAIL and five9_as_homegrown["five9-info"].status is Status.SKIPPED
    five9_as_five9 = by_rule(check_local(tmp_path / "five9", FIVE9, now=NOW).results)
    assert five9_as_five9["metadata-pair"].status is Status.PASS and five9_as_five9["five9-info"].status is Status.PASS
    homegrown_as_five9 = by_rule(check_local(tmp_path / "homegrown", FIVE9, now=NOW).results)
    assert homegrown_as_five9["five9-info"].status is Status.FAIL and homegrown_as_five9["recording-name"].status is Status.SKIPPED
    assert "so its six Five9 items cannot be found in it" in homegrown_as_five9["five9-info"].observed


def test_five9_names_are_not_judged_on_a_format_the_guide_does_not_give(tmp_path: Path) -> None:
    """Without the agreed layout, any Five9 name is "to confirm": never failed for not being yyyyMMdd-hhmmss_uid."""
    touch(tmp_path / "Inbound 5551234567 joe 5F9C1A2B 2024-06-01 14.02.53.wav", b"RIFF", NOW)
    results = by_rule(check_local(tmp_path, RuleConfig(source="five9"), now=NOW).results)
    assert results["five9-info"].status is Status.MANUAL
    assert results["recording-name"].status is Status.SKIPPED
    assert [r for r in results.values() if r.status is Status.FAIL] == []


def run_five9(folder: Path, layout: str, mode: str = "local") -> list:
    from wizard.providers.execvision.rules import validate_folder

    config = RuleConfig(source="five9", pattern=compile_pattern(layout), mode=mode)  # type: ignore[arg-type]
    return validate_folder(list_local(folder), config, local_reader(folder, 1024 * 1024), NOW).findings


def test_an_item_the_layout_leaves_out_fails_and_one_held_only_in_metadata_is_said_as_the_guide_words_it(tmp_path: Path) -> None:
    """Push: the guide says the recording files carry the items (a warning if only the metadata does);
    pull: it says the file name must (a failure)."""
    layout = "{call_time:yyyyMMdd-hhmmss}_{user_id}_{session_id}_{ani}"  # no direction
    name = f"{stamp(NOW - timedelta(minutes=5))}_joe_5F9C_5551234567"
    touch(tmp_path / "a" / f"{name}.wav", b"RIFF", NOW)
    (finding,) = run_five9(tmp_path / "a", layout)
    assert (finding.rule, finding.status) == ("five9-info", Status.FAIL)
    assert finding.observed == f"the name carries no direction (the layout {layout} has no place for it)"
    touch(tmp_path / "b" / f"{name}.wav", b"RIFF", NOW)
    touch(tmp_path / "b" / f"{name}.json", metadata_bytes("json", {"direction": "inbound"}), NOW)
    (pushed,) = run_five9(tmp_path / "b", layout, "push")
    assert pushed.status is Status.WARN and "only its metadata file does" in pushed.observed and "ask ExecVision" in pushed.fix
    (pulled,) = run_five9(tmp_path / "b", layout, "pull")
    assert pulled.status is Status.FAIL and "for pull the guide asks for it in the file name" in pulled.observed


@pytest.mark.parametrize(("stamp_text", "said"), [
    ("20241332-140253", "month 13 is not a month (01-12)"),
    ("20241232-140253", "day 32 is not a day of the month (01-31)"),
    ("20241200-140253", "day 00 is not a day of the month (01-31)"),
    ("20241201-240253", "hour 24 is not an hour of the day (00-23)"),
    ("20241201-146053", "minute 60 is not a minute (00-59)"),
    ("20241201-140261", "second 61 is not a second (00-60)"),
])
def test_call_times_are_held_to_the_guides_ranges_in_both_cases(tmp_path: Path, stamp_text: str, said: str) -> None:
    touch(tmp_path / "h" / f"{stamp_text}_joe.wav", b"RIFF", NOW)
    touch(tmp_path / "h" / f"{stamp_text}_joe.json", metadata_bytes("json", {"caller_id": "1"}), NOW)
    homegrown = by_rule(check_local(tmp_path / "h", RuleConfig(), now=NOW).results)["recording-name"]
    assert homegrown.status is Status.FAIL and said in homegrown.observed
    touch(tmp_path / "f" / f"{stamp_text}_joe_inbound_S1_5551234567.wav", b"RIFF", NOW)
    five9 = by_rule(check_local(tmp_path / "f", FIVE9, now=NOW).results)["five9-info"]
    assert five9.status is Status.FAIL and said in five9.observed and "month 01-12, day 01-31" in five9.fix.hint


def test_the_command_line_says_the_case_and_skips_the_other_cases_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    five9_delivery(tmp_path / "export")
    report = tmp_path / "r.json"
    assert main(["execvision", "check", "--local", str(tmp_path / "export"), "--source", "five9", "--name-pattern", FIVE9_LAYOUT,
                 "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "(local; recordings from Five9)" in out and "not your case" in out
    assert "If your recordings come from a homegrown or rarer dialer or CRM, check again with --source homegrown" in " ".join(out.split())
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["case"] == "five9"
    skipped = {r["check_id"].removeprefix("execvision.") for r in doc["results"] if r["status"] == "skipped"}
    assert skipped == HOMEGROWN_ONLY - {"data-folder"}
