"""An in-memory keyring backend for tests (selected with PYTHON_KEYRING_BACKEND).

It behaves like a real backend (priority above zero, stores per service and account) so the code
under test takes its normal path; it never writes anything to disk.
"""

from __future__ import annotations

from typing import ClassVar

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Secrets in a process-wide dict."""

    priority = 1  # type: ignore[assignment]
    _store: ClassVar[dict[tuple[str, str], str]] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._store[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None

    @classmethod
    def clear(cls) -> None:
        cls._store.clear()


class LockedKeyring(MemoryKeyring):
    """A keyring that is there but refuses every operation, as a locked Secret Service does when
    nobody unlocks it (keyring raises `KeyringLocked`)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("the collection is locked")
