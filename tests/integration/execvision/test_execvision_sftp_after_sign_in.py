"""After sign-in, against real asyncssh servers: what the admin sees when the server misbehaves.

A server that falls silent is named, with what the check was doing, within the timeout (never a
hang); a dropped connection, a refused listing and a remote folder that is a file are said as
what they are, not as a handshake or an SFTP subsystem problem; Cancel and Ctrl-C stop a check
at once and close the connection; and one file name that is not UTF-8 is that file's finding
while the rest of the folder is checked.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.execvision_faulty_sftp import Fault, FaultySftpServer
from tests.support.execvision_files import GOOD_FIELDS, good_folder, metadata_bytes, stamp, touch
from tests.support.execvision_sftp import TEST_PASSWORD as PASSWORD
from tests.support.execvision_sftp import TEST_USER as USER
from tests.support.execvision_sftp import AsyncSshSftpServer, write_key
from tests.support.terminal import EXECVISION_CHECK, REPO, keyring_env, read_terminal
from wizard import secrets
from wizard.cli import main
from wizard.providers.execvision.check import run_sftp_check
from wizard.providers.execvision.rules import RuleConfig
from wizard.providers.execvision.scan import CancelToken, ScanCancelled
from wizard.providers.execvision.sftp import PASSWORD_KIND, SftpProblem, SftpSecrets, SftpTarget

pytestmark = pytest.mark.timeout(60)


def target(server: AsyncSshSftpServer, timeout: float = 5, **kw: Any) -> SftpTarget:
    return SftpTarget(host="127.0.0.1", username=USER, port=server.port, timeout=timeout, **kw)


def in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    """Run ``work`` on a daemon thread (a check that hangs must fail the test, not stall the run)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def not_misexplained(problem: SftpProblem) -> None:
    text = str(problem)
    assert "handshake" not in text and "SFTP subsystem" not in text and "would not start SFTP" not in text, text


@pytest.mark.parametrize(("fault", "doing"), [("silent-listing", "listing data"), ("silent-reading", "reading data/")])
def test_a_server_that_falls_silent_after_sign_in_is_named_within_the_timeout(upload_root, now, fault, doing) -> None:
    good_folder(upload_root / "data", now, 2)
    silent = Fault(fault)
    with FaultySftpServer(upload_root, silent, passwords={USER: PASSWORD}) as server:
        started = time.monotonic()
        thread, outcome = in_thread(lambda: run_sftp_check(target(server, timeout=1), SftpSecrets(password=PASSWORD), RuleConfig(),
                                                           accept_fingerprint=server.fingerprint))
        thread.join(8)
        assert not thread.is_alive(), "the check still waits on the silent server"
        assert silent.closed.wait(3), "the connection was left open"
    assert time.monotonic() - started < 6
    problem = outcome["error"]
    assert isinstance(problem, SftpProblem) and problem.kind == "stalled"
    assert f"stopped answering while {doing}" in problem.observed and "after 1 s" in problem.observed
    assert "--timeout" in problem.action
    not_misexplained(problem)


def test_the_command_line_names_the_silent_server_and_exits_2(upload_root, now, memory_keyring, capsys) -> None:
    good_folder(upload_root / "data", now, 2)
    with FaultySftpServer(upload_root, Fault("silent-listing"), passwords={USER: PASSWORD}) as server:
        secrets.set_secret(PASSWORD_KIND, target(server).account, PASSWORD)
        argv = ["execvision", "check", "--sftp", "127.0.0.1", "--port", str(server.port), "--user", USER,
                "--accept-host-key", server.fingerprint, "--timeout", "1", "--quiet", "--source", "homegrown"]
        thread, outcome = in_thread(lambda: main(argv))
        thread.join(8)
        assert not thread.is_alive(), "the command still waits on the silent server"
    assert outcome["result"] == 2
    err = capsys.readouterr().err
    assert "stopped answering while listing data after 1 s" in err and "What to do: Try again" in err


def test_cancel_stops_a_check_waiting_on_a_silent_server_and_closes_the_connection(upload_root, now) -> None:
    good_folder(upload_root / "data", now, 2)
    silent = Fault("silent-listing")
    with FaultySftpServer(upload_root, silent, passwords={USER: PASSWORD}) as server:
        token = CancelToken()
        thread, outcome = in_thread(lambda: run_sftp_check(target(server, timeout=30), SftpSecrets(password=PASSWORD), RuleConfig(),
                                                           accept_fingerprint=server.fingerprint, cancel=token))
        assert silent.reached.wait(10)
        token.cancel()
        thread.join(3)
        assert not thread.is_alive(), "Cancel was pressed, but the check still waits on the server"
        assert silent.closed.wait(3), "the check stopped, but its connection was left open"
    assert isinstance(outcome["error"], ScanCancelled)


@pytest.mark.parametrize(("fault", "kind", "words"), [
    ("drop-listing", "connection-lost", "was lost while listing data, after signing in"),
    ("fail-listing", "listing-failed", "Listing data on 127.0.0.1"),
])
def test_failures_after_sign_in_are_said_as_what_they_are(upload_root, now, fault, kind, words) -> None:
    good_folder(upload_root / "data", now, 2)
    with FaultySftpServer(upload_root, Fault(fault), passwords={USER: PASSWORD}) as server, pytest.raises(SftpProblem) as caught:
        run_sftp_check(target(server), SftpSecrets(password=PASSWORD), RuleConfig(), accept_fingerprint=server.fingerprint)
    assert caught.value.kind == kind and words in caught.value.observed
    not_misexplained(caught.value)


def test_a_remote_folder_that_is_a_file_is_said_to_be_a_file(asyncssh_server, upload_root, now) -> None:
    name = good_folder(upload_root / "data", now, 1)[0]
    with pytest.raises(SftpProblem) as caught:
        run_sftp_check(target(asyncssh_server, mode="pull", remote_dir=f"data/{name}.json"), SftpSecrets(password=PASSWORD),
                       RuleConfig(), accept_fingerprint=asyncssh_server.fingerprint)
    problem = caught.value
    assert problem.kind == "not-a-folder" and f"data/{name}.json on the server is a file, not a folder" in problem.observed
    assert "does not exist" not in problem.observed


def test_a_file_name_that_is_not_utf8_is_that_files_finding_and_the_rest_is_checked(upload_root, now) -> None:
    data = upload_root / "data"
    good_folder(data, now, 3)
    stem = stamp(now - timedelta(minutes=30)).encode() + b"_lat\xe9"
    touch(Path(os.fsdecode(bytes(data) + b"/" + stem + b".wav")), b"RIFF\x00\x00\x00\x00WAVEfmt ", now - timedelta(minutes=30))
    touch(Path(os.fsdecode(bytes(data) + b"/" + stem + b".json")), metadata_bytes("json", GOOD_FIELDS), now - timedelta(minutes=29))
    with FaultySftpServer(upload_root, Fault("none"), passwords={USER: PASSWORD}) as server:
        outcome = run_sftp_check(target(server), SftpSecrets(password=PASSWORD), RuleConfig(), accept_fingerprint=server.fingerprint)
    shown = stem.decode("utf-8", "backslashreplace")
    assert {f.file for f in outcome.findings if f.file} <= {f"{shown}.wav", f"{shown}.json"}  # the good files pass
    named = [f for f in outcome.findings if f.file == f"{shown}.wav" and f.rule == "recording-name"]
    assert named and "UTF-8" in named[0].observed and "Rename" in named[0].fix
    assert not [f for f in outcome.findings if "read" in f.observed and f.file.endswith(".json")]  # read back by its own bytes
    assert outcome.recordings >= 3 and outcome.metadata_files >= 3


def _interrupted(command: list[str], when: Callable[[str], bool], env: dict[str, str], wait: float = 20) -> tuple[int | None, str]:
    """Run ``command`` on a pseudo-terminal, press Ctrl-C (SIGINT) once when ``when(screen)`` holds; (exit code, screen)."""
    master, slave = pty.openpty()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                             close_fds=True)
    os.close(slave)
    screen, sent = "", False
    deadline = time.monotonic() + wait
    try:
        while time.monotonic() < deadline:
            written = read_terminal(master, 0.1)
            if written is None:
                break
            screen += written
            if not sent and when(screen):
                child.send_signal(signal.SIGINT)
                sent, deadline = True, time.monotonic() + 4  # one Ctrl-C must be enough, and quick
            elif child.poll() is not None and not written:
                break
        assert sent, f"never reached the moment to press Ctrl-C:\n{screen}"
        try:
            code: int | None = child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            code = None
        return code, screen.replace("\r\n", "\n")
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)
        os.close(master)


def test_one_ctrl_c_at_the_password_prompt_stops_with_130(tmp_path) -> None:
    code, screen = _interrupted([*EXECVISION_CHECK, "--sftp", "127.0.0.1", "--port", "9", "--user", "u"],
                                lambda screen: "Password for" in screen, keyring_env())
    assert code == 130, screen
    assert "Stopped (Ctrl-C)" in screen and "No password was typed" not in screen and "Traceback" not in screen


def test_one_ctrl_c_during_a_scan_waiting_on_the_server_stops_with_130(upload_root, now, client_key, tmp_path) -> None:
    good_folder(upload_root / "data", now, 2)
    key = write_key(client_key, tmp_path / "id_ed25519")
    silent = Fault("silent-listing")
    with FaultySftpServer(upload_root, silent, keys={USER: [client_key]}) as server:
        command = [*EXECVISION_CHECK, "--sftp", "127.0.0.1", "--port", str(server.port), "--user", USER, "--key", str(key),
                   "--accept-host-key", server.fingerprint, "--timeout", "30", "--quiet", "--source", "homegrown"]
        code, screen = _interrupted(command, lambda _screen: silent.reached.is_set(), keyring_env())
        assert silent.closed.wait(3), "the command stopped, but its connection was left open"
    assert code == 130, screen
    assert "Stopped (Ctrl-C)" in screen and "Cancelled." not in screen and "Traceback" not in screen
