"""Pinned SFTP host keys, kept in a known_hosts-style file in the wizard's config folder.

A host key is trusted only after the admin has seen its SHA256 fingerprint and accepted it (trust
on first use, made explicit). Later connections accept that key and nothing else, so a changed
key is refused rather than silently trusted. The file holds public keys only, never a secret,
one line per key: ``[host]:port algorithm base64 pinned-YYYY-MM-DD``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import asyncssh

from wizard.atomic_file import write_atomic
from wizard.paths import config_dir
from wizard.retry_words import retry_words

FILE_NAME = "execvision_known_hosts"


def host_label(host: str, port: int) -> str:
    """The known_hosts spelling of a host and port (OpenSSH's ``[host]:port``)."""
    return f"[{host.lower()}]:{port}"


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The SHA256 fingerprint shown to the admin, as ``ssh-keygen -l`` prints it."""
    return key.get_fingerprint("sha256")


class HostKeysUnreadable(Exception):
    """The file of accepted host keys cannot be read: what was found, what is expected, what to do.

    Without it no server can be trusted, and a key accepted before cannot be told from a new one,
    so nothing connects until the admin moves the file away (and accepts the key again).
    """

    def __init__(self, path: Path, exc: Exception) -> None:
        found = ("it is a folder, not a file" if path.is_dir() else "it is not text" if isinstance(exc, UnicodeDecodeError)
                 else getattr(exc, "strerror", None) or str(exc))
        self.observed = f"The file of accepted SFTP host keys, {path}, cannot be read: {found}"
        self.expected = "a text file the wizard writes, one accepted host key per line"
        self.action = (f"Move it away and {retry_words().word('rerun')}: the wizard starts a new file and asks you to accept "
                       "the server's key again (check its fingerprint with the server's owner)")
        super().__init__(f"{self.observed}. Expected: {self.expected}. What to do: {self.action}.")


class HostKeyStore:
    """The pinned keys; every change is written at once, atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or (config_dir() / FILE_NAME)

    def _lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise HostKeysUnreadable(self.path, exc) from None

    def keys_for(self, host: str, port: int) -> list[asyncssh.SSHKey]:
        """The accepted keys of one server (usually one); unreadable lines are ignored."""
        label = host_label(host, port)
        keys = []
        for line in self._lines():
            parts = line.split()
            if len(parts) >= 3 and parts[0] == label:
                try:
                    keys.append(asyncssh.import_public_key(f"{parts[1]} {parts[2]}"))
                except (asyncssh.KeyImportError, ValueError):
                    continue
        return keys

    def pin(self, host: str, port: int, key: asyncssh.SSHKey) -> None:
        """Trust ``key`` for this server from now on (after the admin accepted its fingerprint)."""
        public = key.export_public_key("openssh").decode("ascii").split()
        stamp = datetime.now(UTC).strftime("%Y-%m-%d")
        line = f"{host_label(host, port)} {public[0]} {public[1]} pinned-{stamp}"
        self._write([*self._lines(), line])

    def forget(self, host: str, port: int) -> int:
        """Drop every pinned key of a server (after the admin confirmed a planned key change)."""
        label = host_label(host, port)
        lines = self._lines()
        kept = [line for line in lines if not line.startswith(label + " ")]
        if len(kept) != len(lines):
            self._write(kept)
        return len(lines) - len(kept)

    def _write(self, lines: list[str]) -> None:
        write_atomic(self.path, "".join(line + "\n" for line in lines).encode("utf-8"), private=True)
