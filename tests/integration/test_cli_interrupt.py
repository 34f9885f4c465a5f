"""Ctrl-C and Ctrl-D end a command in one sentence, never a traceback or "a gap in the wizard".

Ctrl-C is the admin's choice: exit 130 (what shells report for an interrupted program) and what
to do next. Ctrl-D at a prompt means no answer: exit 2, as for any value the command did not get.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wizard.cli import main

REPO = Path(__file__).resolve().parents[2]
SLOW = "extends: fresh\nfaults:\n  latency_ms: 4000\n"


def test_ctrl_c_during_a_verification_stops_it_in_one_sentence(tmp_path: Path, wizard_dirs: tuple[Path, Path],
                                                                memory_keyring: type) -> None:
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(SLOW, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-m", "wizard", "verify", "--guide", "aircall", "--demo", "--scenario", str(scenario)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    time.sleep(3)  # signed in to the demo org, reading it (every request takes 4 s)
    child.send_signal(signal.SIGINT)
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "Stopped (Ctrl-C)" in err and "run the same command again" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err and "gap in the wizard" not in err
    assert not (wizard_dirs[1] / "problems").exists()  # not saved as a wizard failure


def test_ctrl_d_at_the_production_prompt_is_no_answer(wizard_dirs: tuple[Path, Path], memory_keyring: type,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    master, slave = pty.openpty()
    terminal = open(slave, encoding="utf-8", closefd=True)  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stdin", terminal)
    os.write(master, b"\x04")  # Ctrl-D: the prompt's read gets end of input
    try:
        code = main(["apply", "--guide", "natterbox", "--demo", "--only", "eci_settings"])
    finally:
        terminal.close()
        os.close(master)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "The input ended (Ctrl-D" in err and "nothing more was done" in err
    assert "gap in the wizard" not in err and "EOFError" not in err
    assert not (wizard_dirs[1] / "problems").exists()
