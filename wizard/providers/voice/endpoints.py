"""Where the providers' APIs live: the real hosts by default, the emulators in demo mode.

Every provider call goes through a `ProviderEndpoints`, so one switch points the wizard at the
HTTPS emulators (demo mode, tests) or at a proxy a company puts in front of the providers. The
extra CA bundle is trusted in addition to the system's (never instead of it), and only ``https``
addresses are accepted: credentials never travel in clear text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import requests

from wizard.salesforce.http import make_session

Environment = Literal["sandbox", "production"]
ENVIRONMENTS: tuple[Environment, ...] = ("sandbox", "production")

AIRCALL_API = "https://api.aircall.io"
RINGCENTRAL_SANDBOX = "https://platform.devtest.ringcentral.com"
RINGCENTRAL_PRODUCTION = "https://platform.ringcentral.com"

#: Environment variables that move an endpoint (e.g. behind a company proxy), read by `from_env`.
ENV_AIRCALL = "ECI_WIZARD_AIRCALL_URL"
ENV_RC_SANDBOX = "ECI_WIZARD_RINGCENTRAL_SANDBOX_URL"
ENV_RC_PRODUCTION = "ECI_WIZARD_RINGCENTRAL_PRODUCTION_URL"
ENV_CA_BUNDLE = "ECI_WIZARD_PROVIDER_CA_BUNDLE"


class EndpointError(ValueError):
    """An endpoint address the wizard refuses to use; the message says why and what to give."""


def check_base_url(url: str, what: str) -> str:
    """The address without a trailing slash, or `EndpointError` when it is not an https URL."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise EndpointError(
            f"The {what} address {url!r} is not an https:// address. Credentials are only sent over "
            f"HTTPS; give an address such as https://host[:port]."
        )
    if parts.query or parts.fragment:
        raise EndpointError(f"The {what} address {url!r} must not carry a query or fragment. Give the address "
                            "alone, such as https://host[:port] or https://host[:port]/path.")
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class ProviderEndpoints:
    """The base URLs of Aircall's and RingCentral's APIs, and an extra CA to trust."""

    aircall: str = AIRCALL_API
    ringcentral_sandbox: str = RINGCENTRAL_SANDBOX
    ringcentral_production: str = RINGCENTRAL_PRODUCTION
    ca_bundle: Path | None = None
    #: True when the endpoints are the built-in emulators (demo mode): shown to the admin.
    emulated: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "aircall", check_base_url(self.aircall, "Aircall API"))
        object.__setattr__(self, "ringcentral_sandbox", check_base_url(self.ringcentral_sandbox, "RingCentral sandbox"))
        object.__setattr__(self, "ringcentral_production", check_base_url(self.ringcentral_production, "RingCentral production"))

    def ringcentral(self, environment: Environment) -> str:
        """The RingCentral platform address of one environment."""
        if environment == "sandbox":
            return self.ringcentral_sandbox
        if environment == "production":
            return self.ringcentral_production
        raise EndpointError(f"Unknown RingCentral environment {environment!r}; expected sandbox or production.")

    def session(self) -> requests.Session:
        """A session verifying TLS against the system CAs plus `ca_bundle` (never less)."""
        return make_session(self.ca_bundle)

    def with_overrides(self, **changes: object) -> ProviderEndpoints:
        """A copy with some addresses changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ProviderEndpoints:
        """The real hosts, unless the ``ECI_WIZARD_*_URL`` variables move them."""
        env = os.environ if environ is None else environ
        bundle = env.get(ENV_CA_BUNDLE)
        return cls(
            aircall=env.get(ENV_AIRCALL) or AIRCALL_API,
            ringcentral_sandbox=env.get(ENV_RC_SANDBOX) or RINGCENTRAL_SANDBOX,
            ringcentral_production=env.get(ENV_RC_PRODUCTION) or RINGCENTRAL_PRODUCTION,
            ca_bundle=Path(bundle) if bundle else None,
        )


PRODUCTION_ENDPOINTS = ProviderEndpoints()
