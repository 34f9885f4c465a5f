"""The file of accepted SFTP host keys cannot be read: every command that needs it says so.

A folder in its place, or bytes that are not text: `execvision check --sftp` and `forget-host`
name the file, what was expected and what to do (exit 2), and never connect or forget anything.
Before, both ended in the "problem it does not know how to explain" message (exit 3).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import asyncssh
import pytest

REPO = Path(__file__).resolve().parents[3]


def _cli(config: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ECI_WIZARD_CONFIG_DIR": str(config), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "wizard", *argv], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


@pytest.mark.parametrize(("damage", "said"), [("folder", "it is a folder, not a file"), ("binary", "it is not text")])
def test_an_unreadable_host_key_file_is_named_and_nothing_connects(damage: str, said: str, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    known = config / "execvision_known_hosts"
    if damage == "folder":
        known.mkdir()
    else:
        known.write_bytes(b"\xff\xfe\x00 not text")
    key = tmp_path / "id_ed25519"
    asyncssh.generate_private_key("ssh-ed25519").write_private_key(str(key))

    # Port 9 (discard) on the loopback: nothing listens there, so a connection attempt would fail
    # with a different message; the unreadable file must stop the check before any attempt.
    checked = _cli(config, "execvision", "check", "--sftp", "127.0.0.1", "--port", "9", "--user", "x", "--key", str(key))
    assert checked.returncode == 2, checked.stderr
    text = checked.stdout + checked.stderr
    assert f"The file of accepted SFTP host keys, {known}, cannot be read: {said}" in text
    assert "Move it away and run the command again" in text
    assert "Traceback" not in text and "does not know how to explain" not in text

    forgot = _cli(config, "execvision", "forget-host", "127.0.0.1", "--port", "9")
    assert forgot.returncode == 2
    assert said in forgot.stderr and "Nothing was forgotten." in forgot.stderr
    assert known.is_dir() if damage == "folder" else known.read_bytes() == b"\xff\xfe\x00 not text"
