"""The only module that talks to the OS keyring (design principle 5 in README).

Secrets (refresh tokens, consumer secrets, API tokens, SFTP passwords, AWS keys) are stored under
the service name ``eci-wizard/<kind>`` and an account that names what they belong to (an org id
and user id, an alias, a host). Nothing else in the wizard imports keyring, so there is one place
to audit. When no keyring is available (a headless Linux box without a Secret Service), callers
are told so through `KeyringUnavailable` and can offer a session-only choice: never a file.
"""

from __future__ import annotations

import keyring
import keyring.backends.fail
from keyring.errors import KeyringError, PasswordDeleteError

SERVICE_PREFIX = "eci-wizard"

#: Every secret value this process has stored, read or been handed, so outputs can mask them.
_IN_PLAY: set[str] = set()
#: Values too short to mask without destroying ordinary text.
_MIN_MASKED_LENGTH = 6


def remember(value: str | None) -> None:
    """Note a secret held only in memory (an access token, a typed password) for redaction."""
    if value and len(value) >= _MIN_MASKED_LENGTH:
        _IN_PLAY.add(value)


def redaction_values() -> frozenset[str]:
    """The secret values in play in this process: reports and logs mask every one of them."""
    return frozenset(_IN_PLAY)


class KeyringUnavailable(RuntimeError):
    """No usable keyring on this machine; secrets can only be kept for this session."""


def _service(kind: str) -> str:
    return f"{SERVICE_PREFIX}/{kind}"


def keyring_available() -> bool:
    """Whether secrets can be stored persistently on this machine."""
    backend = keyring.get_keyring()
    return not isinstance(backend, keyring.backends.fail.Keyring) and backend.priority > 0


def backend_name() -> str:
    """A readable name of the keyring in use, for the preflight and error messages."""
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def set_secret(kind: str, account: str, value: str) -> None:
    """Store a secret. Raises `KeyringUnavailable` when there is no keyring."""
    if not keyring_available():
        raise KeyringUnavailable(
            "No system keyring is available, so the secret cannot be saved. "
            "Install and unlock a keyring (e.g. GNOME Keyring or KWallet) or continue for this session only."
        )
    remember(value)
    try:
        keyring.set_password(_service(kind), account, value)
    except KeyringError as exc:
        raise KeyringUnavailable(f"The system keyring refused to store the secret ({type(exc).__name__}).") from None


def get_secret(kind: str, account: str) -> str | None:
    """A stored secret, or None when absent or when there is no keyring."""
    if not keyring_available():
        return None
    try:
        value = keyring.get_password(_service(kind), account)
    except KeyringError:
        return None
    remember(value)
    return value


def delete_secret(kind: str, account: str) -> bool:
    """Remove a secret; False when there was none. Raises `KeyringUnavailable` when the keyring
    refuses (a locked Secret Service): "nothing was there" must not be said of a keyring unread."""
    if not keyring_available():
        return False
    try:
        keyring.delete_password(_service(kind), account)
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise KeyringUnavailable(f"The system keyring refused to remove the secret ({type(exc).__name__}).") from None
    return True
