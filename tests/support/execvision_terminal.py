"""``eci-wizard execvision check`` with and without a terminal, as an admin or a scheduled job runs it.

A hidden prompt behaves differently on a terminal, on a pipe and with no controlling terminal at
all (Python's getpass then warns and reads standard input with echo). These helpers give a command
a real terminal: `terminal_stdin` for an in-process run (standard input on a pseudo-terminal), and
`run_in_terminal` / `run_without_terminal` for a child process, so what the admin would see is
what the test sees.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "wizard", "execvision", "check"]


def _env() -> dict[str, str]:
    """The test's environment (its config folder), with the in-memory keyring: never the system's."""
    return {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring"}


@contextmanager
def terminal_stdin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Standard input on a real pseudo-terminal for the duration (pytest's own is never one)."""
    master, slave = pty.openpty()
    before = sys.stdin
    tty = open(slave, encoding="utf-8", closefd=True)  # noqa: SIM115 - closed below, after the command ran
    monkeypatch.setattr(sys, "stdin", tty)
    try:
        yield
    finally:
        monkeypatch.setattr(sys, "stdin", before)
        tty.close()
        os.close(master)


def run_without_terminal(argv: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command with standard input from /dev/null and no controlling terminal (a cron job, a CI step)."""
    return subprocess.run([*COMMAND, *argv], cwd=REPO, env=_env(), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout, start_new_session=True, check=False)


def run_in_terminal(argv: list[str], answer: str, prompt: str = "Password for", timeout: float = 60) -> tuple[int, str]:
    """The command on a pseudo-terminal, typing ``answer`` when the hidden prompt appears; (exit code, screen)."""
    master, slave = pty.openpty()
    child = subprocess.Popen([*COMMAND, *argv], cwd=REPO, env=_env(), stdin=slave, stdout=slave, stderr=slave,
                             start_new_session=True, close_fds=True)
    os.close(slave)
    screen, typed = "", False
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                screen += chunk.decode("utf-8", "replace")
            if not typed and prompt in screen:
                os.write(master, (answer + "\n").encode())
                typed = True
            elif not ready and child.poll() is not None:
                break
        else:
            raise AssertionError(f"the command did not finish:\n{screen}")
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        os.close(master)
    assert typed, f"no prompt for the secret was shown:\n{screen}"
    return child.returncode, screen.replace("\r\n", "\n")
