"""The Aircall API key: an API ID (a user name, not secret) and an API token (secret, keyring only).

The token is stored under the keyring kind ``aircall-api-token`` with the API ID as the account,
so a second key (another Aircall company) does not overwrite the first. `AircallCredentials` never
shows the token in ``repr``, and every value handed out is registered with `wizard.secrets` so
reports and logs mask it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard import secrets

KIND = "aircall-api-token"


class MissingToken(LookupError):
    """No token is stored for this API ID (and none was typed)."""


@dataclass(frozen=True)
class AircallCredentials:
    """One Aircall API key, as basic-authentication user name and password."""

    api_id: str
    api_token: str = field(repr=False)

    def __post_init__(self) -> None:
        if not self.api_id.strip():
            raise ValueError("The Aircall API ID is empty; copy it from Integrations & API > API Keys.")
        if not self.api_token.strip():
            raise ValueError("The Aircall API token is empty; Aircall shows it once, when the key is generated.")
        object.__setattr__(self, "api_id", self.api_id.strip())
        object.__setattr__(self, "api_token", self.api_token.strip())
        secrets.remember(self.api_token)

    @property
    def basic_auth(self) -> tuple[str, str]:
        return self.api_id, self.api_token


def store_token(api_id: str, token: str) -> None:
    """Keep the token in the keyring (raises `secrets.KeyringUnavailable` without one)."""
    secrets.set_secret(KIND, api_id.strip(), token.strip())


def load_credentials(api_id: str) -> AircallCredentials:
    """The stored key for this API ID, or `MissingToken`."""
    token = secrets.get_secret(KIND, api_id.strip())
    if not token:
        raise MissingToken(
            f"No Aircall API token is stored for the API ID you gave. Enter the token once "
            f"(the wizard keeps it in the {secrets.backend_name()} keyring)."
        )
    return AircallCredentials(api_id, token)


def forget_token(api_id: str) -> bool:
    """Remove the stored token (e.g. after the key was deleted in Aircall)."""
    return secrets.delete_secret(KIND, api_id.strip())
