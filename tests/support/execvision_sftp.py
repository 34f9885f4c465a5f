"""Real SFTP servers for the ExecVision tests: asyncssh in-process, and OpenSSH's sshd chrooted.

The asyncssh server runs on its own event loop thread, with password and public-key accounts
and a chroot; a small `SFTPServer` subclass (asyncssh's documented extension point) can refuse
writes or reads to play a locked-down account. The OpenSSH server is a per-test ``sshd`` on a
free loopback port with its own config and host key, serving an SFTP-only account
(``ForceCommand internal-sftp``) chrooted in a root-owned folder under ``/srv``; setting it up
needs root (to create the account and the chroot), which CI has.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import asyncssh

SSHD = "/usr/sbin/sshd"
#: The account of the in-process asyncssh server.
TEST_USER, TEST_PASSWORD = "execvision-customer", "correct horse battery staple"
SFTP_USER = "eci-sftp-test"
CHROOT_BASE = Path("/srv/eci-sftp-test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_key(key: asyncssh.SSHKey, path: Path, passphrase: str | None = None) -> Path:
    key.write_private_key(str(path), passphrase=passphrase)
    path.chmod(0o600)
    return path


class _Accounts(asyncssh.SSHServer):
    def __init__(self, passwords: dict[str, str], keys: dict[str, list[asyncssh.SSHKey]]) -> None:
        self._passwords = passwords
        self._keys = keys

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        expected = self._passwords.get(username)
        return expected is not None and secrets.compare_digest(expected, password)

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        return any(key.public_data == k.public_data for k in self._keys.get(username, []))


class _PolicySftp(asyncssh.SFTPServer):
    """A chrooted SFTP server that can refuse writes, or reads of named files."""

    def __init__(self, chan: asyncssh.SSHServerChannel, root: Path, read_only: bool, unreadable: set[str]) -> None:
        super().__init__(chan, chroot=str(root).encode())
        self._read_only = read_only
        self._unreadable = unreadable

    def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs):
        name = path.decode().lstrip("/")
        if self._read_only and pflags & (asyncssh.FXF_WRITE | asyncssh.FXF_CREAT | asyncssh.FXF_APPEND):
            raise asyncssh.SFTPPermissionDenied("write access denied")
        if name in self._unreadable:
            raise asyncssh.SFTPPermissionDenied("read access denied")
        return super().open(path, pflags, attrs)


class AsyncSshSftpServer:
    """An asyncssh SFTP server on 127.0.0.1 in a background thread."""

    def __init__(self, root: Path, *, passwords: dict[str, str] | None = None,
                 keys: dict[str, list[asyncssh.SSHKey]] | None = None, host_key: asyncssh.SSHKey | None = None,
                 port: int = 0, read_only: bool = False, unreadable: set[str] | None = None) -> None:
        self.root = root
        self.passwords = passwords or {}
        self.keys = keys or {}
        self.host_key = host_key or asyncssh.generate_private_key("ssh-ed25519")
        self.read_only = read_only
        self.unreadable = unreadable or set()
        self._want_port = port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncssh.SSHAcceptor | None = None

    def __enter__(self) -> AsyncSshSftpServer:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _listen(self) -> asyncssh.SSHAcceptor:
        return await asyncssh.listen(
            "127.0.0.1", self._want_port, server_host_keys=[self.host_key],
            server_factory=lambda: _Accounts(self.passwords, self.keys),
            sftp_factory=lambda chan: _PolicySftp(chan, self.root, self.read_only, self.unreadable),
        )

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.sockets[0].getsockname()[1]

    @property
    def fingerprint(self) -> str:
        return self.host_key.get_fingerprint("sha256")

    def stop(self) -> None:
        if self._server is not None:
            server = self._server
            self._server = None

            async def close() -> None:
                server.close()
                await server.wait_closed()

            asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop.close()


def sshd_unavailable_reason() -> str | None:
    """Why the OpenSSH server tests cannot run here, or None when they can."""
    if not os.path.exists(SSHD):
        return "OpenSSH's sshd is not installed (apt-get install -y openssh-server)"
    if os.geteuid() != 0:
        return "the chrooted sshd account needs root to set up (CI runs the tests as root)"
    if shutil.which("useradd") is None or shutil.which("chpasswd") is None:
        return "useradd/chpasswd are missing (package passwd)"
    return None


class OpenSshSftpServer:
    """A per-test sshd serving a chrooted, SFTP-only account on a free loopback port.

    ``chroot`` is the account's root (root-owned, as sshd requires); ``chroot/data`` belongs to the
    account. The account is created once (``useradd``) and given a fresh random password.
    """

    def __init__(self, workdir: Path, *, authorized_keys: list[asyncssh.SSHKey] = (), host_key: asyncssh.SSHKey | None = None,
                 port: int | None = None, password: str | None = None) -> None:
        self.workdir = workdir
        self.host_key = host_key or asyncssh.generate_private_key("ssh-ed25519")
        self.authorized_keys = list(authorized_keys)
        self.port = port or free_port()
        self.password = password or secrets.token_urlsafe(18)
        self.user = SFTP_USER
        self.token = secrets.token_hex(6)
        self.chroot = CHROOT_BASE / self.token
        self._keys_dir = CHROOT_BASE / f"keys-{self.token}"
        self._proc: subprocess.Popen[bytes] | None = None
        self.log = workdir / f"sshd-{self.token}.log"

    @property
    def fingerprint(self) -> str:
        return self.host_key.get_fingerprint("sha256")

    @property
    def data(self) -> Path:
        return self.chroot / "data"

    def __enter__(self) -> OpenSshSftpServer:
        ensure_account(self.password)
        for path in (CHROOT_BASE, self.chroot, self._keys_dir):
            path.mkdir(mode=0o755, exist_ok=True)
            os.chown(path, 0, 0)
            path.chmod(0o755)
        self.data.mkdir()
        shutil.chown(self.data, SFTP_USER, SFTP_USER)
        keys_file = self._keys_dir / SFTP_USER
        keys_file.write_text("".join(k.export_public_key().decode() for k in self.authorized_keys))
        keys_file.chmod(0o644)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        host_key = write_key(self.host_key, self.workdir / f"host_key_{self.token}")
        config = self.workdir / f"sshd_config_{self.token}"
        config.write_text("\n".join([
            f"Port {self.port}", "ListenAddress 127.0.0.1", f"HostKey {host_key}", "PidFile none", "UsePAM no",
            "PasswordAuthentication yes", "PubkeyAuthentication yes", "KbdInteractiveAuthentication no",
            f"AuthorizedKeysFile {self._keys_dir}/%u", "PermitRootLogin no", f"AllowUsers {SFTP_USER}",
            "Subsystem sftp internal-sftp", "LogLevel VERBOSE", "MaxStartups 50",
            f"Match User {SFTP_USER}", f"    ChrootDirectory {self.chroot}", "    ForceCommand internal-sftp",
            "    AllowTcpForwarding no", "    X11Forwarding no", "",
        ]))
        config.chmod(0o600)
        with self.log.open("wb") as log:
            self._proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
        self._wait_listening()
        return self

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                raise RuntimeError(f"sshd exited: {self.log.read_text()}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"sshd did not start listening: {self.log.read_text()}")

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(10)
        self._proc = None

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.chroot, ignore_errors=True)
        shutil.rmtree(self._keys_dir, ignore_errors=True)


def ensure_account(password: str) -> None:
    """Create the SFTP-only test account (no home, no shell) if needed and set its password."""
    if subprocess.run(["id", SFTP_USER], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/", "--shell", "/usr/sbin/nologin",
                        "--user-group", SFTP_USER], check=True, capture_output=True)
    subprocess.run(["chpasswd"], input=f"{SFTP_USER}:{password}".encode(), check=True, capture_output=True)


def lock_account() -> None:
    """Lock the test account's password again once the tests are done (it can only sign in via a test sshd)."""
    if os.geteuid() == 0 and subprocess.run(["id", SFTP_USER], capture_output=True).returncode == 0:
        subprocess.run(["usermod", "--lock", SFTP_USER], capture_output=True)
