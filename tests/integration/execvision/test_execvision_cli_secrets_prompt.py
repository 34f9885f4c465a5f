"""``execvision check --sftp``: where the password comes from decides what is asked and what a refusal says.

Without a terminal the command refuses cleanly (exit 2) instead of letting
getpass warn and read standard input with echo. A refused password blames the keyring only when it
came from the keyring; a typed one is simply wrong. The commands run against the in-process
asyncssh SFTP server, in a child process on a real pseudo-terminal (or with none at all).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.execvision_files import good_folder
from tests.support.execvision_sftp import TEST_PASSWORD as PASSWORD
from tests.support.execvision_sftp import TEST_USER as USER
from tests.support.execvision_sftp import AsyncSshSftpServer
from tests.support.terminal import execvision_check_in_terminal as run_in_terminal
from tests.support.terminal import execvision_check_without_terminal as run_without_terminal
from wizard import secrets
from wizard.cli import main
from wizard.providers.execvision.sftp import PASSWORD_KIND, SftpTarget

pytestmark = pytest.mark.timeout(120)
WRONG = "typed-wrong-password-0001"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The child commands log into the test's own data folder, never the real one."""
    path = tmp_path / "data"
    monkeypatch.setenv("ECI_WIZARD_DATA_DIR", str(path))
    return path


def check_args(server: AsyncSshSftpServer, *more: str) -> list[str]:
    return ["--sftp", "127.0.0.1", "--port", str(server.port), "--user", USER, "--accept-host-key", server.fingerprint,
            "--timeout", "5", "--source", "homegrown", *more]  # the account holds a homegrown dialer's data folder


def test_no_terminal_refuses_cleanly_without_a_warning_or_an_echoed_prompt(asyncssh_server: AsyncSshSftpServer,
                                                                             tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    done = run_without_terminal(check_args(asyncssh_server, "--json", str(report)))
    assert done.returncode == 2, done
    assert "GetPassWarning" not in done.stderr and "may be echoed" not in done.stderr and "Password for" not in done.stderr
    assert "standard input is not a terminal" in done.stderr  # seen
    assert "Expected: a terminal to type it in" in done.stderr and "Run the command in a terminal" in done.stderr
    assert "Traceback" not in done.stderr
    row = json.loads(report.read_text())["results"][0]
    assert row["status"] == "error" and row["fix"]["hint"]
    asked = run_without_terminal(check_args(asyncssh_server, "--ask-password"))
    assert asked.returncode == 2 and "--ask-password was given" in asked.stderr and "GetPassWarning" not in asked.stderr


def test_a_wrong_typed_password_does_not_blame_the_keyring(asyncssh_server: AsyncSshSftpServer, _data_dir: Path) -> None:
    code, screen = run_in_terminal(check_args(asyncssh_server), WRONG)
    assert code == 2, screen
    assert "rejected the user name or password" in screen
    assert "keyring" not in screen.split("rejected the user name or password", 1)[1], screen
    assert "the password you typed" in screen
    assert WRONG not in screen  # the prompt is hidden and nothing repeats it
    log = _data_dir / "wizard.log"
    assert not (log.is_file() and WRONG in log.read_text(encoding="utf-8", errors="replace"))


def test_a_typed_password_at_a_real_terminal_signs_in(asyncssh_server: AsyncSshSftpServer, upload_root: Path, now: object) -> None:
    good_folder(upload_root / "data", now)
    code, screen = run_in_terminal(check_args(asyncssh_server, "--quiet"), PASSWORD)
    assert code == 0, screen
    assert PASSWORD not in screen


def test_a_refused_saved_password_points_at_the_keyring(asyncssh_server: AsyncSshSftpServer, memory_keyring: type,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    secrets.set_secret(PASSWORD_KIND, SftpTarget("127.0.0.1", USER, asyncssh_server.port).account, "saved-but-stale-0002")
    assert main(["execvision", "check", *check_args(asyncssh_server)]) == 2
    err = capsys.readouterr().err
    assert "rejected the user name or password" in err
    assert "the password saved in the keyring for it may be outdated" in err and "--ask-password" in err
    assert "saved-but-stale-0002" not in err


def test_a_check_that_could_not_run_is_reported_on_the_page_of_the_chosen_case(asyncssh_server: AsyncSshSftpServer,
                                                                                 tmp_path: Path) -> None:
    """A Five9 delivery's failed sign-in lands on a Five9 page of the report, not on the homegrown one."""
    from wizard.providers.execvision.check import page_for

    pages = {}
    for case in ("five9", "homegrown"):
        report = tmp_path / f"{case}.json"
        args = [a if a != "homegrown" else case for a in check_args(asyncssh_server, "--json", str(report))]
        assert run_without_terminal(args).returncode == 2
        pages[case] = json.loads(report.read_text())["results"][0]["page_id"]
    assert pages == {case: page_for("connection", "push", case) for case in pages}
    assert pages["five9"] != pages["homegrown"]
