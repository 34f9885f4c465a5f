"""Where the providers' APIs live: the real hosts by default, the emulators in demo mode.

Every provider call goes through a `ProviderEndpoints`, so one switch points the wizard at the
HTTPS emulators (demo mode, tests) or at a proxy a company puts in front of the providers. The
extra CA bundle is trusted in addition to the system's (never instead of it), and only ``https``
addresses are accepted: credentials never travel in clear text. An ``ECI_WIZARD_*`` variable is
checked only when its address is the one used; one an option replaces is not read (`from_env`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import requests

from wizard.salesforce.http import make_session
from wizard.shown_address import shown_address

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


def check_base_url(url: str, what: str, source: str = "") -> str:
    """The address without a trailing slash, or `EndpointError` when it is not an https URL with a host.

    Credentials in the address (``https://user:password@host``) are refused: requests would send
    them to the host as basic authentication, and every message naming the host would show them.
    ``source`` names where the address came from (an environment variable) so the admin knows what
    to fix; the options are named by argparse itself.
    """
    text = url.strip()
    shown = shown_address(text)
    origin = f" (from {source})" if source else ""
    parts = urlsplit(text)
    if "@" in parts.netloc:
        raise EndpointError(
            f"The {what} address {shown!r}{origin} carries a user name or password before the host. Expected: the address "
            "alone, such as https://host[:port]; the wizard sends the provider's own credentials itself. Remove the "
            "user:password@ part (a company proxy that needs a password is set in the system's proxy settings)."
        )
    if parts.scheme != "https" or not parts.hostname:
        raise EndpointError(
            f"The {what} address {shown!r}{origin} is not an https:// address with a host. Credentials are only sent over "
            f"HTTPS; give an address such as https://host[:port]."
        )
    if parts.query or parts.fragment:
        raise EndpointError(f"The {what} address {shown!r}{origin} must not carry a query or fragment. Give the address "
                            "alone, such as https://host[:port] or https://host[:port]/path.")
    try:
        port = parts.port  # raises ValueError for text or a number above 65535
    except ValueError:
        port = 0
    if port == 0 and parts.netloc.rpartition(":")[2] != parts.netloc and not parts.netloc.endswith("]"):
        raise EndpointError(
            f"The {what} address {shown!r}{origin} has no valid port; the port is a number from 1 to 65535: "
            "give an address such as https://host[:port]."
        )
    return text.rstrip("/")


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
    def from_env(cls, environ: dict[str, str] | None = None, *, given: Iterable[str] = ()) -> ProviderEndpoints:
        """The real hosts, unless the ``ECI_WIZARD_*`` variables move them.

        `given` names the fields (``aircall``, ``ringcentral_sandbox``, ``ringcentral_production``,
        ``ca_bundle``) whose value comes from elsewhere: a command-line option or the demo's
        emulators. Their variables are neither read nor checked, and the field keeps its default
        until the caller sets it (`with_overrides`): a variable the admin's option replaces is not
        what the wizard uses, so a mistake in it must not stop the run.
        """
        env = os.environ if environ is None else environ
        skipped = frozenset(given)

        def address(field: str, name: str, what: str, default: str) -> str:
            value = None if field in skipped else env.get(name)
            return check_base_url(value, what, source=f"the environment variable {name}") if value else default

        bundle = None if "ca_bundle" in skipped else env.get(ENV_CA_BUNDLE)
        return cls(
            aircall=address("aircall", ENV_AIRCALL, "Aircall API", AIRCALL_API),
            ringcentral_sandbox=address("ringcentral_sandbox", ENV_RC_SANDBOX, "RingCentral sandbox", RINGCENTRAL_SANDBOX),
            ringcentral_production=address("ringcentral_production", ENV_RC_PRODUCTION, "RingCentral production",
                                           RINGCENTRAL_PRODUCTION),
            ca_bundle=Path(bundle) if bundle else None,
        )


PRODUCTION_ENDPOINTS = ProviderEndpoints()
