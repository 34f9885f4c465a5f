"""Where fixes get secrets: the OS keyring (through `wizard.secrets`), per org, never a file.

A fix that writes a consumer secret, an API token or an AWS secret key takes the value from the
keyring at the moment of the write and hands it straight to the API call; plans, backups, logs
and results only ever name the secret. Values are stored under ``eci-wizard/apply`` with the
account ``<org id>/<name>`` (e.g. ``00D.../Aircall/password``). When the machine has no keyring,
a value entered now is kept in memory for this session only; so is every value for the built-in
demo org (it runs on this computer's loopback address), whose ids change from run to run and
whose values would otherwise pile up in the admin's keyring. The memory is the process's, so the
page that asked for a value and the fix that uses it find it whichever `SecretSource` they hold.

`values_seen()` lists every secret value this source handed out, so the door can prove that none
of them reached a backup file (a canary check before anything is written to disk).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wizard import secrets
from wizard.engine.org_facts import OrgFacts
from wizard.salesforce.auth.login_hosts import is_loopback

KIND = "apply"

#: Values kept for this process only, by account (``<org id>/<name>``).
_SESSION: dict[str, str] = {}


def forget_session_values() -> None:
    """Drop every value kept in this process's memory (a test's end; the keyring is untouched)."""
    _SESSION.clear()


class SecretSource:
    """The secrets of one org, from the keyring or this process's memory."""

    def __init__(self, org_id: str, *, session_only: bool = False) -> None:
        self.org_id = org_id
        #: True: values put here never reach the keyring (the demo org); stored ones are still read.
        self.session_only = session_only
        self._seen: set[str] = set()

    @classmethod
    def for_org(cls, facts: OrgFacts) -> SecretSource:
        """The source for a connected org: session-only for the demo org on this computer."""
        return cls(facts.org_id, session_only=is_loopback(urlsplit(facts.instance_url).hostname or ""))

    def _account(self, name: str) -> str:
        return f"{self.org_id}/{name}"

    def get(self, name: str) -> str | None:
        """The value, or None when it was never stored."""
        value = _SESSION.get(self._account(name)) or secrets.get_secret(KIND, self._account(name))
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
        secrets.remember(value)
        account = self._account(name)
        if self.session_only:
            _SESSION[account] = value
            return False
        try:
            secrets.set_secret(KIND, account, value)
        except secrets.KeyringUnavailable:
            _SESSION[account] = value
            return False
        _SESSION.pop(account, None)
        return True

    def kept_where(self) -> str:
        """Where `put` kept a value it did not give the keyring, in words, for the line after a prompt."""
        if self.session_only:
            return "The value is kept for this run only (the demo org's values never go to your keyring)."
        return "No system keyring is available: the value is kept for this run only."

    def forget(self, name: str) -> None:
        """Remove a value (e.g. after undo deleted the app it belonged to)."""
        _SESSION.pop(self._account(name), None)
        secrets.delete_secret(KIND, self._account(name))

    def values_seen(self) -> set[str]:
        """Every secret value handed out or stored through this source (for canary checks)."""
        return set(self._seen)
