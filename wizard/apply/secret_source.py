"""Where fixes get secrets: the OS keyring (through `wizard.secrets`), per org, never a file.

A fix that writes a consumer secret, an API token or an AWS secret key takes the value from the
keyring at the moment of the write and hands it straight to the API call; plans, backups, logs
and results only ever name the secret. Values are stored under ``eci-wizard/apply`` with the
account ``<org id>/<name>`` (e.g. ``00D.../Aircall/password``). When the machine has no keyring,
a value entered now is kept in memory for this session only.

`values_seen()` lists every secret value this source handed out, so the door can prove that none
of them reached a backup file (a canary check before anything is written to disk).
"""

from __future__ import annotations

from wizard import secrets

KIND = "apply"


class SecretSource:
    """The secrets of one org, from the keyring or (without one) this session's memory."""

    def __init__(self, org_id: str) -> None:
        self.org_id = org_id
        self._session: dict[str, str] = {}
        self._seen: set[str] = set()

    def _account(self, name: str) -> str:
        return f"{self.org_id}/{name}"

    def get(self, name: str) -> str | None:
        """The value, or None when it was never stored."""
        value = self._session.get(name) or secrets.get_secret(KIND, self._account(name))
        if value:
            self._seen.add(value)
        return value or None

    def has(self, name: str) -> bool:
        return self.get(name) is not None

    def put(self, name: str, value: str) -> bool:
        """Store a value; True when it went to the keyring, False when kept for this session only."""
        if not value:
            raise ValueError("an empty value cannot be stored")
        self._seen.add(value)
        try:
            secrets.set_secret(KIND, self._account(name), value)
        except secrets.KeyringUnavailable:
            self._session[name] = value
            return False
        self._session.pop(name, None)
        return True

    def forget(self, name: str) -> None:
        """Remove a value (e.g. after undo deleted the app it belonged to)."""
        self._session.pop(name, None)
        secrets.delete_secret(KIND, self._account(name))

    def values_seen(self) -> set[str]:
        """Every secret value handed out or stored through this source (for canary checks)."""
        return set(self._seen)
