"""Fixtures for the ExecVision SFTP tests: own config folder, SFTP servers.

A test that needs the in-memory keyring asks for ``memory_keyring`` (tests/support/isolation.py,
registered by the root conftest); it is not autouse here, and ``config_dir`` (autouse) stays the
only fixture that sets ECI_WIZARD_CONFIG_DIR for these tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import asyncssh
import pytest

from tests.support.execvision_sftp import (
    TEST_PASSWORD,
    TEST_USER,
    AsyncSshSftpServer,
    OpenSshSftpServer,
    lock_account,
    sshd_unavailable_reason,
)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pinned host keys go to a fresh config folder per test."""
    path = tmp_path / "config"
    monkeypatch.setenv("ECI_WIZARD_CONFIG_DIR", str(path))
    return path


@pytest.fixture
def now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def client_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519")


@pytest.fixture
def upload_root(tmp_path: Path) -> Path:
    """The SFTP account's upload folder (the server's chroot), with its data subdirectory."""
    root = tmp_path / "upload"
    (root / "data").mkdir(parents=True)
    return root


@pytest.fixture
def asyncssh_server(upload_root: Path, client_key: asyncssh.SSHKey) -> Iterator[AsyncSshSftpServer]:
    with AsyncSshSftpServer(upload_root, passwords={TEST_USER: TEST_PASSWORD}, keys={TEST_USER: [client_key]}) as server:
        yield server


@pytest.fixture(scope="session")
def sshd_account() -> Iterator[None]:
    """Skip (saying why) without sshd or root; lock the test account's password when done."""
    reason = sshd_unavailable_reason()
    if reason:
        pytest.skip(reason)
    yield
    lock_account()


@pytest.fixture
def sshd_workdir(sshd_account: None, tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def sshd(sshd_workdir: Path, client_key: asyncssh.SSHKey) -> Iterator[OpenSshSftpServer]:
    with OpenSshSftpServer(sshd_workdir, authorized_keys=[client_key]) as server:
        yield server
