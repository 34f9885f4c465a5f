"""A reader that closes the pipe early (``eci-wizard ... | head -1``) is no failure, and cuts nothing short.

The commands run in a child process whose output goes into a real pipe whose reader is already
gone (as after ``head -1`` has its line: no race). They must end quietly with 141, write no
problem file, and still do what they were asked: the ``--json`` file is written, a confirmed
apply is made (not dropped before its first write). A closed *socket* is a different matter:
it is still a failure, explained with exit code 3.
"""

from __future__ import annotations

import argparse
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wizard import cli
from wizard.cli import main
from wizard.demo.server import DemoOrgServer

REPO = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys; from wizard.cli import main; sys.exit(main())"]


def _run_into_closed_pipe(argv: list[str], env: dict[str, str], *, messages_too: bool = False) -> tuple[int, str]:
    """(exit code, what went to stderr) of the CLI writing into a pipe nobody reads any more.

    ``messages_too``: stderr goes into the same closed pipe (``2>&1 | head -1``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([*CLI, *argv], stdout=write_end, stderr=write_end if messages_too else subprocess.PIPE,
                              env=env, cwd=REPO, timeout=180, check=False)
    finally:
        os.close(write_end)
    return done.returncode, (done.stderr or b"").decode()


@pytest.fixture
def env(wizard_dirs: tuple[Path, Path]) -> dict[str, str]:
    """The child's environment: this test's own config and data folders."""
    return dict(os.environ)


def _problems(wizard_dirs: tuple[Path, Path]) -> list[Path]:
    folder = wizard_dirs[1] / "problems"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_verify_into_a_closed_pipe_still_writes_its_json_and_ends_quietly(
    env: dict[str, str], wizard_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    report = tmp_path / "aircall.json"
    code, err = _run_into_closed_pipe(
        ["verify", "--guide", "aircall", "--demo", "--scenario", "aircall-configured", "--json", str(report)], env)
    assert code == cli.EXIT_CLOSED_PIPE, err
    assert err == ""  # no 'gap in the wizard', no 'Exception ignored', no traceback
    assert '"guide"' in report.read_text(encoding="utf-8")  # what was asked for besides the output
    assert _problems(wizard_dirs) == []


def test_a_confirmed_apply_into_a_closed_pipe_is_made_not_dropped(
    demo_org: Callable[..., DemoOrgServer], demo_login: Callable[..., dict[str, Any]], env: dict[str, str],
    wizard_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    server = demo_org("fresh")
    monkeypatch.setenv("SF_ACCESS_TOKEN", demo_login(server)["access_token"])
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))  # system CAs plus the demo org's
    argv = ["apply", "--guide", "aircall", "--instance-url", server.instance_url, "--only", "eci_settings",
            "--production-confirm", "Acme Demo"]
    code, err = _run_into_closed_pipe(argv, dict(os.environ))
    assert code == cli.EXIT_CLOSED_PIPE, err
    assert err == ""
    assert _problems(wizard_dirs) == []
    # The change the admin confirmed is in the org, with its backup for 'eci-wizard undo'.
    assert main([*argv, "--dry-run"]) == 0
    assert "Nothing to change: the org already matches the guide." in capsys.readouterr().out
    assert list((wizard_dirs[1] / "backups").rglob("*.json"))


def test_messages_into_the_same_closed_pipe_end_quietly_too(env: dict[str, str], wizard_dirs: tuple[Path, Path]) -> None:
    """``2>&1 | head -1``: even the refusal of an unknown guide has nowhere to go; still no problem file."""
    code, _ = _run_into_closed_pipe(["verify", "--guide", "no-such-guide", "--demo"], env, messages_too=True)
    assert code == cli.EXIT_CLOSED_PIPE
    assert _problems(wizard_dirs) == []


def test_help_into_a_closed_pipe_ends_quietly(env: dict[str, str]) -> None:
    code, err = _run_into_closed_pipe(["--help"], env)
    assert code == cli.EXIT_CLOSED_PIPE
    assert err == ""  # not Python's "Exception ignored ... BrokenPipeError" at exit


def register(sub: Any) -> None:
    """A command that writes to a socket whose other end has closed (as a dropped SFTP server)."""
    sub.add_parser("send-to-closed-socket", help=argparse.SUPPRESS).set_defaults(func=_send_to_closed_socket)


def _send_to_closed_socket(args: argparse.Namespace) -> int:
    mine, theirs = socket.socketpair()
    theirs.close()
    with mine:
        for _ in range(4):
            mine.sendall(b"x" * 65536)
    return 0


def test_a_closed_socket_is_still_a_failure_that_is_explained(
    wizard_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, __name__))
    assert main(["send-to-closed-socket"]) == 3  # not 141: the output's reader is still there
    err = capsys.readouterr().err
    assert "does not know how to explain: BrokenPipeError" in err
    [saved] = _problems(wizard_dirs)
    assert saved.name in err
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # the wizard's own file: this user's only
