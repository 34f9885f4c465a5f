"""``eci-wizard execvision check --local``: table, JSON, CSV and exit codes."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import asyncssh
import pytest

from tests.support.execvision_files import good_folder, mixed_folder
from wizard.cli import main
from wizard.providers.execvision.host_keys import HostKeyStore, host_label

NOW = datetime.now(UTC)


def test_good_folder_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "export"
    good_folder(folder, NOW, 4)
    assert main(["execvision", "check", "--local", str(folder), "--source", "homegrown", "--json", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    assert "4 recordings, 4 metadata files" in out and "[recording-names]" in out
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["guide"] == "execvision" and doc["findings"] == [] and doc["case"] == "homegrown"
    assert {r["status"] for r in doc["results"] if r["check_id"] != "execvision.five9-info"} == {"pass"}
    five9 = next(r for r in doc["results"] if r["check_id"] == "execvision.five9-info")  # the other case's rule
    assert five9["status"] == "skipped" and five9["observed"].startswith("not your case")


def test_mixed_folder_exits_1_and_lists_every_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "export"
    expected = mixed_folder(folder, NOW)
    code = main(["execvision", "check", "--local", str(folder), "--source", "homegrown", "--csv", str(tmp_path / "f.csv"),
                 "--json", str(tmp_path / "r.json")])
    assert code == 1
    out = capsys.readouterr().out
    assert "month 13 is not a month" in out and "fix:" in out
    rows = list(csv.DictReader((tmp_path / "f.csv").open(encoding="utf-8")))
    flagged = {(r["file"], r["rule"]) for r in rows if r["file"]}
    assert flagged == {(f, rule) for f, rules in expected.items() for rule in rules}
    assert all(r["fix"] and r["expected"] and r["page"] for r in rows if r["file"])
    doc = json.loads((tmp_path / "r.json").read_text())
    assert len(doc["findings"]) == len(flagged)
    assert doc["counts"]["fail"] >= 1


def test_warnings_only_exit_0_unless_strict(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    good_folder(folder, NOW, 2)
    (folder / "notes.txt").write_text("x")
    assert main(["execvision", "check", "--local", str(folder), "--source", "homegrown", "--quiet"]) == 0
    assert main(["execvision", "check", "--local", str(folder), "--source", "homegrown", "--quiet", "--strict"]) == 1


def test_could_not_check_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["execvision", "check", "--local", str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["execvision", "check", "--local", str(tmp_path), "--name-pattern", "{a}{b}"]) == 2
    assert "separator" in capsys.readouterr().err
    assert main(["execvision", "check", "--local", str(tmp_path), "--name-tz", "Mars/Olympus"]) == 2


def test_agreed_pattern_and_fields_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    good_folder(folder, NOW, 2)
    args = ["execvision", "check", "--local", str(folder), "--quiet", "--source", "homegrown", "--field", "caller_id"]
    assert main([*args, "--field", "Opportunity"]) == 1  # a configured field the metadata lacks
    assert main([*args, "--name-pattern", "{call_time:yyyyMMdd-hhmmss}_{user_id}"]) == 0


def test_forget_host(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = HostKeyStore()
    key = asyncssh.generate_private_key("ssh-ed25519")
    store.pin("SFTP.Example.com", 2222, key)
    store.pin("other.example.com", 22, key)
    assert store.path.read_text().startswith(host_label("sftp.example.com", 2222) + " ssh-ed25519 ")
    assert [k.public_data for k in store.keys_for("sftp.example.com", 2222)] == [key.public_data]
    assert main(["execvision", "forget-host", "sftp.example.com", "--port", "2222"]) == 0
    assert "Forgot 1" in capsys.readouterr().out
    assert store.keys_for("sftp.example.com", 2222) == [] and store.keys_for("other.example.com", 22)
    assert "PRIVATE" not in store.path.read_text()


def test_local_rows_are_not_headed_by_an_sftp_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A local check makes no connection; its Five9 row is not shown under [sftp-push]."""
    folder = tmp_path / "export"
    good_folder(folder, NOW, 2)
    assert main(["execvision", "check", "--local", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "[sftp-push]" not in out and "[sftp-pull]" not in out
    assert "[five9-information]" in out


@pytest.mark.parametrize("extra", [["--key", "id_ed25519"], ["--port", "2222", "--user", "acme"], ["--save-password"]])
def test_sftp_options_with_local_are_refused_not_ignored(extra: list[str], tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """--key (or any SFTP option) with --local would do nothing; it is a usage error, exit 2."""
    folder = tmp_path / "export"
    good_folder(folder, NOW, 2)
    assert main(["execvision", "check", "--local", str(folder), *extra]) == 2
    err = capsys.readouterr().err
    named = [a for a in extra if a.startswith("--")]
    assert f"{', '.join(named)} {'is' if len(named) == 1 else 'are'} for --sftp, but --local was given" in err
    assert "Expected: --local DIR alone" in err and "What to do: remove" in err


def test_a_missing_folder_and_a_file_are_told_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"does not exist" for a missing path, "is a file, not a folder" for a file."""
    assert main(["execvision", "check", "--local", str(tmp_path / "nosuchdir")]) == 2
    err = capsys.readouterr().err
    assert f"The folder {tmp_path / 'nosuchdir'} does not exist" in err and "is not a folder" not in err
    (tmp_path / "notes.txt").write_text("x")
    assert main(["execvision", "check", "--local", str(tmp_path / "notes.txt")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_port_has_help_text(capsys: pytest.CaptureFixture[str]) -> None:
    """Every option of check says what it is for."""
    with pytest.raises(SystemExit) as ended:
        main(["execvision", "check", "--help"])
    assert ended.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--port PORT the SFTP server's port (default 22)" in text
