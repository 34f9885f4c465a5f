"""Every file the wizard writes is replaced whole, and its own files are readable by this user only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh
import pytest

from wizard.apply.backup import BackupStore
from wizard.atomic_file import write_atomic
from wizard.flow import STATE_FILE, ResumeState
from wizard.providers.execvision.host_keys import HostKeyStore
from wizard.salesforce.auth.connections import ConnectionStore, SavedConnection


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_write_that_breaks_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text('{"kept": true}')
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]  # fails inside the write
    assert target.read_text() == '{"kept": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_the_whole_new_content_replaces_the_old_and_missing_folders_are_made(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "report.html"
    write_atomic(target, b"first, and longer than the second")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


def test_a_pipe_at_the_target_is_refused_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(FileExistsError):
        write_atomic(pipe, b"data")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_shared_files_follow_the_umask_and_private_ones_are_this_users_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.pdf", b"%PDF")
        write_atomic(tmp_path / "state.json", b"{}", private=True)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "report.pdf") == 0o644
    assert _mode(tmp_path / "state.json") == 0o600


def test_the_wizards_own_files_are_private(tmp_path: Path) -> None:
    """Backups describe a (production) org's set-up, connections name its users, the saved place
    holds who confirmed what: before, backups and pinned host keys were written world-readable."""
    store = BackupStore(tmp_path / "backups")
    backup = store.begin("00D000000000001AAA", "Acme", "admin@acme.test", "aircall")
    written = [store.save(backup)]
    connections = ConnectionStore(tmp_path / "connections.json")
    connections.save(SavedConnection.model_validate(dict(
        alias="acme", org_id="00D000000000001AAA", user_id="005000000000001AAA", username="admin@acme.test",
        instance_url="https://acme.my.salesforce.com", is_sandbox=False, login_url="https://login.salesforce.com",
        client_id="PlatformCLI")))
    written.append(tmp_path / "connections.json")
    ResumeState(guide_id="aircall").save(tmp_path)
    written.append(tmp_path / STATE_FILE)
    HostKeyStore(tmp_path / "known_hosts").pin("sftp.example.test", 22, asyncssh.generate_private_key("ssh-ed25519"))
    written.append(tmp_path / "known_hosts")
    for path in written:
        assert _mode(path) == 0o600, path
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_refused_write_names_the_target_not_its_temporary_twin() -> None:
    """/proc/version exists, but /proc takes no new file: the error is about the admin's file."""
    with pytest.raises(OSError) as caught:
        write_atomic(Path("/proc/version"), b"report")
    assert caught.value.filename == "/proc/version"
    assert ".tmp" not in str(caught.value)
