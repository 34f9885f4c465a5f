"""Where refresh tokens are kept: the OS keyring, or this process's memory (session only).

A refresh token is filed under the org id and user id it belongs to, so two aliases for the
same user share one grant and logging out revokes it once. Without a keyring the admin may
choose "this session only": the token then lives in memory and disappears with the process.
It is never written to a file.
"""

from __future__ import annotations

import threading
from typing import Protocol

from wizard import secrets
from wizard.salesforce.auth.errors import NoKeyring

#: Keyring service is ``eci-wizard/<kind>`` (see `wizard.secrets`).
REFRESH_TOKEN_KIND = "salesforce-refresh-token"


def token_account(org_id: str, user_id: str) -> str:
    """The keyring account for one user's grant in one org."""
    return f"{org_id}/{user_id}"


class TokenVault(Protocol):
    """Stores one refresh token per (org id, user id)."""

    persistent: bool

    def save(self, org_id: str, user_id: str, refresh_token: str) -> None: ...
    def load(self, org_id: str, user_id: str) -> str | None: ...
    def delete(self, org_id: str, user_id: str) -> bool: ...


class KeyringVault:
    """Refresh tokens in the OS keyring, through `wizard.secrets`."""

    persistent = True

    def save(self, org_id: str, user_id: str, refresh_token: str) -> None:
        try:
            secrets.set_secret(REFRESH_TOKEN_KIND, token_account(org_id, user_id), refresh_token)
        except secrets.KeyringUnavailable:
            raise NoKeyring(secrets.backend_name()) from None

    def load(self, org_id: str, user_id: str) -> str | None:
        return secrets.get_secret(REFRESH_TOKEN_KIND, token_account(org_id, user_id))

    def delete(self, org_id: str, user_id: str) -> bool:
        try:
            return secrets.delete_secret(REFRESH_TOKEN_KIND, token_account(org_id, user_id))
        except secrets.KeyringUnavailable:
            raise NoKeyring(secrets.backend_name()) from None


class SessionVault:
    """Refresh tokens in memory only: gone when the wizard closes."""

    persistent = False

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()

    def save(self, org_id: str, user_id: str, refresh_token: str) -> None:
        with self._lock:
            self._tokens[token_account(org_id, user_id)] = refresh_token

    def load(self, org_id: str, user_id: str) -> str | None:
        with self._lock:
            return self._tokens.get(token_account(org_id, user_id))

    def delete(self, org_id: str, user_id: str) -> bool:
        with self._lock:
            return self._tokens.pop(token_account(org_id, user_id), None) is not None


def default_vault(session_only: bool = False) -> TokenVault:
    """The keyring when there is one; raises `NoKeyring` unless the admin chose session only."""
    if session_only:
        return SessionVault()
    if not secrets.keyring_available():
        raise NoKeyring(secrets.backend_name())
    return KeyringVault()
