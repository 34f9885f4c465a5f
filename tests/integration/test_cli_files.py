"""Files the CLI reads and writes, when they are not what it expects.

Each test runs the real command in a child process (``python -m wizard``) on real files: a folder
where a file belongs, an empty or list-shaped scenario, a place that takes no new files, a full
disk (a small tmpfs in a private mount namespace), standard output on ``/dev/full``. The admin
must get one clear message (what was found, what was expected, what to do) and exit 2, never
"a gap in the wizard" (exit 3) nor a Python type name or a temporary file's name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WIZARD = [sys.executable, "-m", "wizard"]


def _run(argv: list[str], cwd: Path, *, stdout: int | None = subprocess.PIPE, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process, with this test's folders and in-memory keyring (from the environment)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([*WIZARD, *argv], cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=timeout, check=False)


def _no_gap(done: subprocess.CompletedProcess[str], data: Path) -> None:
    """Exit 2 with an explanation: no exit 3, no saved problem report, no traceback."""
    assert done.returncode == 2, done.stderr
    assert "gap in the wizard" not in done.stderr and "Traceback" not in done.stderr
    assert not (data / "problems").exists()


@pytest.mark.parametrize("argv", [["orgs"], ["logout", "x"], ["verify", "--guide", "natterbox", "--org", "x"]])
def test_a_folder_in_place_of_the_connections_file_is_explained(
    argv: list[str], wizard_dirs: tuple[Path, Path], memory_keyring: type, tmp_path: Path
) -> None:
    config, data = wizard_dirs
    (config / "connections.json").mkdir(parents=True)
    done = _run(argv, tmp_path)
    _no_gap(done, data)
    assert f"The saved connections file {config / 'connections.json'} could not be read (it is a folder, not a file)." in done.stderr
    assert "Expected: A JSON file written by the wizard." in done.stderr
    assert "What to do: Move the folder away, then sign in again; the wizard has not changed it." in done.stderr
    assert (config / "connections.json").is_dir()  # left as it was


def test_damaged_connections_file_stops_orgs_and_logout_with_exit_2(
    wizard_dirs: tuple[Path, Path], memory_keyring: type, tmp_path: Path
) -> None:
    config, data = wizard_dirs
    config.mkdir(parents=True)
    (config / "connections.json").write_text('{"connections": {"x": {', encoding="utf-8")
    for argv in (["orgs"], ["logout", "x"]):
        done = _run(argv, tmp_path)
        _no_gap(done, data)
        assert "could not be read (its JSON breaks off or is damaged at line 1, column 24" in done.stderr
        assert "JSONDecodeError" not in done.stderr


def _scenario_error(tmp_path: Path, data: Path, scenario: str) -> str:
    done = _run(["verify", "--guide", "natterbox", "--demo", "--scenario", scenario], tmp_path)
    _no_gap(done, data)
    assert "NoneType" not in done.stderr and "found list" not in done.stderr
    return done.stderr


@pytest.mark.parametrize("name", ["d.yaml", "adir"])
def test_a_scenario_that_is_a_folder_is_called_a_folder(name: str, wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / name).mkdir()
    err = _scenario_error(tmp_path, wizard_dirs[1], name)
    assert f"The demo org scenario {name} cannot be loaded" in err
    assert "(file): this is a folder, not a YAML file; give the path of a scenario file (.yaml)" in err
    assert "does not exist" not in err and "no shipped scenario" not in err


def test_a_bad_extends_is_reported_in_the_file_given_under_its_extends_key(wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / "bad4.yaml").write_text("extends: nonexistent\n", encoding="utf-8")
    err = _scenario_error(tmp_path, wizard_dirs[1], "bad4.yaml")
    assert f"The demo org scenario {tmp_path / 'bad4.yaml'} cannot be loaded" in err
    assert "  - extends: no shipped scenario is called 'nonexistent'; expected one of: " in err
    assert "scenario nonexistent cannot be loaded" not in err


def test_a_broken_base_is_named_under_the_extends_key_of_the_file_given(wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("organization: [\n", encoding="utf-8")
    (tmp_path / "variant.yaml").write_text(f"extends: {tmp_path / 'base.yaml'}\n", encoding="utf-8")
    err = _scenario_error(tmp_path, wizard_dirs[1], "variant.yaml")
    assert f"The demo org scenario {tmp_path / 'variant.yaml'} cannot be loaded" in err
    assert f"  - extends: the scenario {tmp_path / 'base.yaml'} it names cannot be loaded: line " in err


def test_an_empty_scenario_is_called_empty_and_a_list_a_list(wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- organization\n", encoding="utf-8")
    err = _scenario_error(tmp_path, wizard_dirs[1], "empty.yaml")
    assert "(file): the file is empty; expected a mapping of keys such as organization, users, metadata" in err
    err = _scenario_error(tmp_path, wizard_dirs[1], "list.yaml")
    assert "(top level): expected a mapping of keys such as organization, users, metadata" in err
    assert "found a list (lines starting with '- ')" in err


@pytest.mark.parametrize(("option", "label"), [("--json", "--json"), ("--html", "The report file")])
def test_a_refused_write_names_the_admins_file_and_fitting_advice(
    option: str, label: str, wizard_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """/proc/version exists and passes the checks made first, but /proc takes no new file (ENOENT)."""
    done = _run(["verify", "--guide", "natterbox", "--demo", option, "/proc/version"], tmp_path)
    _no_gap(done, wizard_dirs[1])
    assert (f"{label} /proc/version could not be written (No such file or directory): the folder /proc has gone "
            "or does not take new files; choose another place, then run the command again.") in done.stderr
    assert ".tmp" not in done.stderr and "free space" not in done.stderr


def _full_disk_shell(tmp_path: Path) -> list[str] | None:
    """``unshare`` into a private user and mount namespace whose tmpfs (64 KiB) is then filled;
    None where this machine allows no such namespace (the test is then skipped)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    probe = subprocess.run([unshare, "-Urm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path}"],
                           capture_output=True, check=False)
    return [unshare, "-Urm", "sh", "-c"] if probe.returncode == 0 else None


def test_a_full_disk_is_told_to_free_space(wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    shell = _full_disk_shell(disk)
    if shell is None:
        pytest.skip("no private mount namespace here (unshare -Urm) to make a full disk in")
    script = (f'mount -t tmpfs -o size=64k tmpfs "{disk}" && (head -c 1048576 /dev/zero > "{disk}/fill"; '
              f'exec "$0" -m wizard verify --guide natterbox --demo --json "{disk}/r.json")')
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([*shell, script, sys.executable], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    _no_gap(done, wizard_dirs[1])
    assert (f"--json {disk / 'r.json'} could not be written (No space left on device): the disk (or this user's quota) "
            "there is full; free some space there or choose another place, then run the command again.") in done.stderr


def test_standard_output_on_a_full_device_is_one_line_and_exit_2(wizard_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _run(["verify", "--guide", "natterbox", "--demo", "--json", str(report)], tmp_path, stdout=full.fileno())
    _no_gap(done, wizard_dirs[1])
    assert done.stderr.splitlines() == [
        "The command's standard output could not be written (No space left on device): the disk or device it goes to "
        "is full; free some space there, or send the output elsewhere. The rest of the command ran as usual (files it "
        "was asked to write are written); run it again to see its output."]
    assert '"guide"' in report.read_text(encoding="utf-8")  # what was asked besides the output was done


def test_help_names_scenarios_by_name_or_file_and_describes_logout_and_orgs(tmp_path: Path) -> None:
    def shown(*argv: str) -> str:  # argparse wraps to the terminal's width: compare words
        return " ".join(_run([*argv, "--help"], tmp_path).stdout.split())

    top = shown()
    assert "--scenario NAME|FILE" in top and "a shipped scenario's name (default: fresh) or a YAML file" in top
    logout = shown("logout")
    assert "Revoke the alias's sign-in at Salesforce" in logout
    assert "alias the saved alias to sign out of" in logout
    assert "List the saved aliases" in shown("orgs")


def test_login_timeout_of_one_second_is_singular(wizard_dirs: tuple[Path, Path], memory_keyring: type, tmp_path: Path) -> None:
    """Nothing answers the loopback listener: the wait ends after the second it was given."""
    done = _run(["login", "--alias", "x", "--timeout", "1", "--port", "18766"], tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Waiting up to 1 second for the sign-in" in done.stdout
    assert "No answer from Salesforce arrived within 1 second." in done.stderr
    assert "1 seconds" not in done.stdout + done.stderr


@pytest.mark.parametrize("option", ["--json", "--html", "--pdf"])
def test_an_output_place_that_takes_no_file_is_refused_before_the_verification(
    option: str, wizard_dirs: tuple[Path, Path], memory_keyring: type, tmp_path: Path
) -> None:
    """Permission bits say yes to root in /proc; the check makes a file there first, so nothing runs
    (the demo org is never started) and the refusal names the admin's path and what to do."""
    _config, data = wizard_dirs
    done = _run(["verify", "--guide", "natterbox", "--demo", option, "/proc/report-here"], tmp_path)
    _no_gap(done, data)
    assert "/proc/report-here could not be written" in done.stderr and "choose another place" in done.stderr
    assert done.stdout == ""  # no results table: the verification never ran
