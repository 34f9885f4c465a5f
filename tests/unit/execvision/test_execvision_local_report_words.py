"""What ``execvision check --local`` says, in the table, the JSON and the CSV: the wizard's own words
(no Python type names, limits or parser internals), every metadata mistake a JSON validator or a
YAML reader would object to, a rule with nothing to look at skipped, and one heading for the Five9
row whichever output the admin reads."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.execvision_files import (
    FIVE9_LAYOUT,
    five9_recording,
    good_folder,
    recording,
    touch,
)
from wizard.cli import main

NOW = datetime.now(UTC).replace(microsecond=0)
PYTHON_WORDS = ("(int)", "(str)", "(bool)", "sys.", "set_int_max_str_digits", "<unicode string>", "<string>", "char ")


def with_metadata(folder: Path, uid: str, ext: str, data: bytes) -> str:
    name = recording(folder, NOW - timedelta(minutes=5), uid=uid, meta=None)
    touch(folder / f"{name}.{ext}", data, NOW - timedelta(minutes=4))
    return f"{name}.{ext}"


def test_metadata_mistakes_are_said_in_plain_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "export"
    fields = b'"direction": "inbound", "session_id": "S1", "ani": "5551234567"'
    single = with_metadata(folder, "single", "json", b"42")
    bad_json = with_metadata(folder, "bad_json", "json", b'{"direction": "inbound",}')
    long_number = with_metadata(folder, "long_number", "json", b'{"account": ' + b"9" * 5000 + b", " + fields + b"}")
    nan = with_metadata(folder, "nan", "json", b'{"score": NaN, ' + fields + b"}")
    broken_yaml = with_metadata(folder, "broken_yaml", "yml", b"direction: [inbound, outbound\n")
    twice_yaml = with_metadata(folder, "twice_yaml", "yml", b"direction: inbound\nsession_id: S1\nani: '555'\ndirection: outbound\n")
    twice_nested = with_metadata(folder, "twice_nested", "yml", b"direction: {a: 1, a: 2}\n")
    report = tmp_path / "r.json"

    assert main(["execvision", "check", "--local", str(folder), "--json", str(report)]) == 1

    out = capsys.readouterr().out
    doc = json.loads(report.read_text(encoding="utf-8"))
    said = {f["file"]: f["observed"] for f in doc["findings"] if f["rule"] in ("metadata-parse", "metadata-nested")}
    assert said == {
        single: "the JSON holds a single number, not one object of fields",
        bad_json: "the JSON does not parse (Expecting property name enclosed in double quotes at line 1, column 25)",
        nan: "the JSON holds NaN, which is not a JSON value (JSON has no NaN or Infinity)",
        broken_yaml: "the YAML does not parse (did not find expected ',' or ']' at line 2, column 1 (while parsing a flow sequence))",
        twice_yaml: "the field(s) 'direction' appear more than once",
        twice_nested: "the field(s) 'a' appear more than once",
    }
    assert long_number not in said  # a long number is a value like any other, kept as written
    for word in PYTHON_WORDS:
        assert word not in out and word not in report.read_text(encoding="utf-8"), word


def test_an_empty_folder_skips_the_upload_frequency_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing uploaded yet: "Frequency of uploads" has nothing to look at, so it is skipped, not failed or warned."""
    folder = tmp_path / "export"
    folder.mkdir()
    report = tmp_path / "r.json"
    assert main(["execvision", "check", "--local", str(folder), "--cadence", "--json", str(report)]) == 0
    cadence = next(r for r in json.loads(report.read_text())["results"] if r["check_id"] == "execvision.cadence")
    assert cadence["status"] == "skipped"
    assert cadence["observed"].startswith("no recording (or, for metadata only, no metadata file) with a known upload time")
    assert cadence["fix"]["hint"] == "Check again once the export job has uploaded recordings"
    assert "Skipped" in capsys.readouterr().out


def test_local_outputs_agree_on_the_five9_heading_and_never_speak_of_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A local check makes no SFTP connection and has no data subdirectory: the table, the JSON and the CSV
    all head the Five9 rows [five9-information], and no row speaks of a 'data' folder that is not there."""
    folder = tmp_path / "export"
    five9_recording(folder, NOW - timedelta(minutes=5))
    (folder / "lonely.wav").write_bytes(b"RIFF")  # not in the layout: a finding, so the CSV has a file row for the Five9 rule
    report, rows = tmp_path / "r.json", tmp_path / "f.csv"
    assert main(["execvision", "check", "--local", str(folder), "--source", "five9", "--name-pattern", FIVE9_LAYOUT,
                 "--json", str(report), "--csv", str(rows)]) == 1
    out = capsys.readouterr().out
    doc = json.loads(report.read_text())
    five9 = next(r for r in doc["results"] if r["check_id"] == "execvision.five9-info")
    assert "[five9-information]" in out and five9["page_id"] == "five9-information"
    assert {f["page"] for f in doc["findings"] if f["rule"] == "five9-info"} == {"five9-information"}
    assert {r["page"] for r in csv.DictReader(rows.open(encoding="utf-8")) if r["rule"] == "five9-info"} == {"five9-information"}
    assert "sftp-push" not in report.read_text() and "sftp-push" not in rows.read_text()

    homegrown = tmp_path / "homegrown"
    good_folder(homegrown, NOW, 2)
    assert main(["execvision", "check", "--local", str(homegrown), "--source", "homegrown", "--json", str(report)]) == 0
    out = capsys.readouterr().out
    doc = json.loads(report.read_text())
    directories = next(r for r in doc["results"] if r["check_id"] == "execvision.no-directories")
    assert directories["observed"] == "No stray directories (4 entries checked)"
    assert "besides data" not in out
