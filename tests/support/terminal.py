"""Commands run as an admin runs them: at a real terminal that answers hidden prompts, or with none.

A hidden prompt behaves differently on a terminal, on a pipe and with no controlling terminal at
all (Python's getpass then warns and reads standard input with echo), so a test that types a
secret must give the command a real terminal, or what the admin would see is not what the test
sees. Every such test uses this one driver:

- `converse` runs a command on a pseudo-terminal and types each answer in turn when a prompt
  appears (echo is off, as for the admin); a command may also pause at a marker line so the test
  can change the world between two runs (a key deleted, a secret rotated), then goes on when the
  driver presses Enter. A prompt with no answer left, an answer never asked for, a pause never
  reached and a command that does not finish are failures, never waited out in silence.
- `terminal_stdin` puts standard input on a pseudo-terminal for an in-process run.
- `read_terminal` is the one way a driver reads what a command wrote to its terminal.
- `execvision_check_in_terminal` / `execvision_check_without_terminal` run
  ``eci-wizard execvision check`` at a terminal typing one password, or as a scheduled job runs it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXECVISION_CHECK = [sys.executable, "-m", "wizard", "execvision", "check"]


def keyring_env(**extra: str) -> dict[str, str]:
    """The test's environment with the in-memory keyring: a child never touches the system's."""
    return {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring", **extra}


def read_terminal(master: int, wait: float) -> str | None:
    """What the command wrote to its terminal within ``wait`` seconds ("" if nothing yet), or None
    once it closed the terminal. Every driver reads this one way, so the end of a command's output
    (an error or an empty read, depending on the system) is recognised alike in all of them."""
    ready, _, _ = select.select([master], [], [], wait)
    if not ready:
        return ""
    try:
        chunk = os.read(master, 65536)
    except OSError:  # the child closed the terminal
        return None
    return chunk.decode("utf-8", "replace") or None


def converse(command: Sequence[str], answers: Sequence[str], *, prompt: str, env: dict[str, str],
             pauses: Sequence[Callable[[], None]] = (), pause_marker: str | None = None, timeout: float = 60,
             size: tuple[int, int] | None = None) -> tuple[int, str]:
    """Run `command` on a pseudo-terminal and answer its prompts; (exit code, screen with ``\\n`` line ends).

    Each time `prompt` appears the next of `answers` is typed. Each time `pause_marker` appears the
    next of `pauses` (if any is left) is called, then Enter is pressed. `size` is (rows, columns)
    when the output's line width matters.
    """
    master, slave = pty.openpty()
    if size is not None:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    child = subprocess.Popen(list(command), cwd=REPO, env=env, stdin=slave, stdout=slave, stderr=slave,
                             start_new_session=True, close_fds=True)
    os.close(slave)
    pending, hooks, screen, looked = list(answers), list(pauses), "", 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            written = read_terminal(master, 0.2)
            if written is None:
                break
            screen += written
            rest = screen[looked:]
            asked = rest.find(prompt)
            paused = rest.find(pause_marker) if pause_marker else -1
            if asked >= 0 and (paused < 0 or asked < paused):
                looked += asked + len(prompt)
                assert pending, f"a prompt with no answer left to type:\n{screen}"
                os.write(master, (pending.pop(0) + "\n").encode())
            elif paused >= 0 and pause_marker:
                looked += paused + len(pause_marker)
                if hooks:
                    hooks.pop(0)()
                os.write(master, b"\n")
            elif not written and child.poll() is not None:
                break
        else:
            raise AssertionError(f"the command did not finish within {timeout:g} s:\n{screen}")
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        os.close(master)
    screen = screen.replace("\r\n", "\n")
    assert not pending, f"no prompt was shown for {len(pending)} answer(s):\n{screen}"
    assert not hooks, f"the command ended before {len(hooks)} pause(s) for the test's changes:\n{screen}"
    return child.returncode, screen


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


def execvision_check_without_terminal(argv: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``execvision check`` with standard input from /dev/null and no controlling terminal (a cron job, a CI step)."""
    return subprocess.run([*EXECVISION_CHECK, *argv], cwd=REPO, env=keyring_env(), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout, start_new_session=True, check=False)


def execvision_check_in_terminal(argv: list[str], answer: str, prompt: str = "Password for", timeout: float = 60) -> tuple[int, str]:
    """``execvision check`` at a terminal, typing ``answer`` at its one hidden prompt; (exit code, screen)."""
    return converse([*EXECVISION_CHECK, *argv], [answer], prompt=prompt, env=keyring_env(), timeout=timeout)
