"""File names the check must show safely: bytes that are not UTF-8, and control characters (an escape
sequence, a newline, a tab).

Each such name is a naming finding for its file, the rest of the folder is still checked, and the
table, the JSON and the CSV show the name escaped (``\\xe9``, ``\\x1b``, ``\\n``): the command never
stops on it, and nothing in a name can recolour or rewrite the admin's terminal or break a table.
The command runs as the admin runs it (``python -m wizard execvision check --local``), its output
kept as the bytes a terminal would get, with a strict UTF-8 output as on most desktops.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.execvision_files import GOOD_FIELDS, good_folder, metadata_bytes, stamp, touch
from tests.support.terminal import EXECVISION_CHECK, REPO, keyring_env
from wizard.providers.execvision.naming import NameProblem, compile_pattern

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def _own_folders(wizard_dirs: tuple[Path, Path]) -> None:
    """The child process writes its config (and any problem report) into the test's folders."""


def check_local(folder: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    """A homegrown dialer's export (the yyyyMMdd-hhmmss_uid naming rule), unless ``extra`` names another case."""
    case = () if "--source" in extra else ("--source", "homegrown")
    return subprocess.run([*EXECVISION_CHECK, "--local", str(folder), *case, *extra], cwd=REPO, stdin=subprocess.DEVNULL,
                          env=keyring_env(PYTHONIOENCODING="utf-8:strict", COLUMNS="200"), capture_output=True,
                          timeout=120, check=False)


def test_a_name_that_is_not_utf8_is_a_finding_and_the_rest_is_checked(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    good_folder(folder, NOW, 2)
    odd = os.fsdecode(f"{stamp(NOW)}_lat".encode() + b"\xe9")  # how the system hands over a Latin-1 byte
    touch(folder / f"{odd}.wav", b"RIFF", NOW)
    touch(folder / f"{odd}.json", metadata_bytes("json", GOOD_FIELDS), NOW)
    touch(folder / os.fsdecode(b"notes-caf\xe9.txt"), b"x", NOW)  # not a recording: its own finding, named the same way
    shown = f"{stamp(NOW)}_lat\\xe9"

    done = check_local(folder, "--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "f.csv"))

    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")  # findings, not "stopped on a problem" (3)
    assert b"does not know how to explain" not in done.stderr
    assert b"\xe9" not in done.stdout and f"{shown}.wav".encode() in done.stdout
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["recordings"] == 3 and doc["metadata_files"] == 3  # the other files were checked as well
    naming = [f for f in doc["findings"] if f["rule"] == "recording-name"]
    assert [(f["file"], f["status"]) for f in naming] == [(f"{shown}.wav", "fail")]
    assert "not UTF-8" in naming[0]["observed"] and naming[0]["fix"].startswith("Rename the file")
    rows = list(csv.DictReader((tmp_path / "f.csv").open(encoding="utf-8", newline="")))
    # its metadata has no call time the 48-hour rule can use (the name does not follow the pattern): said, not counted
    assert {(r["file"], r["rule"]) for r in rows if r["file"]} == {(f"{shown}.wav", "recording-name"), ("notes-caf\\xe9.txt", "other-files"),
                                                                    (f"{shown}.json", "metadata-updates")}


def test_control_characters_in_names_are_shown_escaped_and_break_the_naming_rule(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    good_folder(folder, NOW, 2)
    red = f"{stamp(NOW)}_\x1b[31mRED"  # would turn the admin's terminal red
    broken = f"{stamp(NOW)}_joe\nbaducci\tx"  # would break the table over two lines
    for name in (red, broken):
        touch(folder / f"{name}.wav", b"RIFF", NOW)
        touch(folder / f"{name}.json", metadata_bytes("json", GOOD_FIELDS), NOW)

    done = check_local(folder, "--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "f.csv"))

    assert done.returncode == 1
    assert b"\x1b" not in done.stdout and b"\t" not in done.stdout
    out = done.stdout.decode("utf-8")
    assert f"{stamp(NOW)}_\\x1b[31mRED.wav" in out and f"{stamp(NOW)}_joe\\nbaducci\\tx.wav" in out
    assert "All 4 recordings are named correctly" not in out
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    naming = {f["file"]: f["observed"] for f in doc["findings"] if f["rule"] == "recording-name"}
    assert naming == {f"{stamp(NOW)}_\\x1b[31mRED.wav": "the name holds control characters (\\x1b), shown here escaped",
                      f"{stamp(NOW)}_joe\\nbaducci\\tx.wav": "the name holds control characters (\\n, \\t), shown here escaped"}
    text = (tmp_path / "f.csv").read_text(encoding="utf-8")
    assert "\x1b" not in text and "baducci\tx" not in text and "joe\\nbaducci\\tx.wav" in text


def test_no_pattern_accepts_a_control_character_in_a_value() -> None:
    """The agreed pattern's fields take any text but a control character, so a name never passes with one."""
    for pattern in (compile_pattern(), compile_pattern("{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}")):
        for value in ("joe\nbaducci", "joe\tbaducci", "joe\x1b[2Jbaducci", "joe\x85baducci"):
            stem = pattern.example()[: -len(".wav")].replace("joe_baducci", value)
            assert isinstance(pattern.match(stem), NameProblem), (pattern.text, value)
