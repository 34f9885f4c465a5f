"""Hand the provider credentials to the apply door, under the names its fixes read.

The door's fixes take secrets from `wizard.apply.secret_source.SecretSource` by name: the
``Aircall`` named credential reads ``Aircall/username`` (the API ID) and ``Aircall/password``
(the API token); the ``Ring_Central`` auth provider reads ``Ring_Central/consumer_key`` (the
client ID) and ``Ring_Central/consumer_secret``. When the admin has entered them on the provider
pages, `link_to_apply` stores them there (the keyring, per org) so "Fix it for me" does not ask
again; `apply_inputs` turns the RingCentral environment choice into the door's `ApplyInputs`,
so every RingCentral URL the door writes comes from the same choice.
"""

from __future__ import annotations

import dataclasses

from wizard.apply.model import ApplyInputs
from wizard.apply.secret_source import SecretSource
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.environments import AUTH_PROVIDER

AIRCALL_NAMED_CREDENTIAL = "Aircall"


def door_values(aircall: AircallCredentials | None = None, ringcentral: RingCentralClient | None = None,
                named_credential: str = AIRCALL_NAMED_CREDENTIAL, auth_provider: str = AUTH_PROVIDER) -> dict[str, str]:
    """Door secret name -> value for the credentials given."""
    values: dict[str, str] = {}
    if aircall is not None:
        values[f"{named_credential}/username"] = aircall.api_id
        values[f"{named_credential}/password"] = aircall.api_token
    if ringcentral is not None:
        values[f"{auth_provider}/consumer_key"] = ringcentral.client_id
        values[f"{auth_provider}/consumer_secret"] = ringcentral.client_secret
    return values


def link_to_apply(source: SecretSource, aircall: AircallCredentials | None = None,
                  ringcentral: RingCentralClient | None = None) -> list[str]:
    """Store the credentials for the door's fixes (only what differs); the names stored."""
    stored = []
    for name, value in door_values(aircall, ringcentral).items():
        if source.get(name) != value:
            source.put(name, value)
            stored.append(name)
    return stored


def apply_inputs(ringcentral: RingCentralClient | None, base: ApplyInputs | None = None) -> ApplyInputs:
    """The door's inputs with the RingCentral environment the admin chose."""
    base = base or ApplyInputs()
    if ringcentral is None:
        return base
    return dataclasses.replace(base, environment=ringcentral.environment)
