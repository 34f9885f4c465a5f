"""The RingCentral app's client ID (an identifier) and client secret (keyring only).

A sandbox app and its graduated production twin may have different credentials, so the secret is
stored per environment and client ID under the keyring kind ``ringcentral-client-secret``
(account ``<environment>/<client id>``). `RingCentralClient` keeps the secret out of ``repr`` and
registers it with `wizard.secrets` so outputs mask it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from wizard import secrets
from wizard.providers.voice.endpoints import ENVIRONMENTS, EndpointError, Environment

KIND = "ringcentral-client-secret"


class MissingSecret(LookupError):
    """No client secret is stored for this client ID and environment (and none was typed)."""


@dataclass(frozen=True)
class RingCentralClient:
    """The app's credentials in one environment."""

    environment: Environment
    client_id: str
    client_secret: str = field(repr=False)

    def __post_init__(self) -> None:
        if self.environment not in ENVIRONMENTS:
            raise EndpointError(f"Unknown RingCentral environment {self.environment!r}; choose sandbox or production.")
        if not self.client_id.strip():
            raise ValueError("The RingCentral client ID is empty; copy it from the app's dashboard in the developer console.")
        if not self.client_secret.strip():
            raise ValueError("The RingCentral client secret is empty; copy it from the app's dashboard in the developer console.")
        object.__setattr__(self, "client_id", self.client_id.strip())
        object.__setattr__(self, "client_secret", self.client_secret.strip())
        secrets.remember(self.client_secret)

    @property
    def basic_header(self) -> str:
        """``Basic base64(client_id:client_secret)``, how RingCentral wants confidential clients."""
        raw = f"{self.client_id}:{self.client_secret}".encode()
        token = base64.b64encode(raw).decode("ascii")
        secrets.remember(token)
        return f"Basic {token}"


def _account(environment: str, client_id: str) -> str:
    return f"{environment}/{client_id.strip()}"


def store_secret(environment: Environment, client_id: str, secret: str) -> None:
    """Keep the secret in the keyring (raises `secrets.KeyringUnavailable` without one)."""
    secrets.set_secret(KIND, _account(environment, client_id), secret.strip())


def load_client(environment: Environment, client_id: str) -> RingCentralClient:
    """The stored credentials, or `MissingSecret`."""
    secret = secrets.get_secret(KIND, _account(environment, client_id))
    if not secret:
        raise MissingSecret(
            f"No RingCentral client secret is stored for this client ID in {environment}. Enter it once "
            "(the wizard keeps it in the keyring)."
        )
    return RingCentralClient(environment, client_id, secret)


def forget_secret(environment: Environment, client_id: str) -> bool:
    return secrets.delete_secret(KIND, _account(environment, client_id))
