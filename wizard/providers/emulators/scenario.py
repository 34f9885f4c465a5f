"""The provider side of a demo scenario: Aircall's API keys and users, RingCentral's apps and users.

A demo scenario file may carry a ``providers:`` section (beside ``organization:``, ``users:``...)
that the emulators read; ``extends:`` merges it like every other section. Strings may hold
``{instance_url}`` (the demo org's address), so an app's redirect URI can be the org's callback URL.
Every model forbids unknown keys: a typo is an error naming the key, not a silently ignored value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizard.providers.ringcentral.environments import DUMMY_REDIRECT_URI, PERMISSIONS

Env = Literal["sandbox", "production"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AircallKeySpec(_Strict):
    api_id: str = Field(min_length=1)
    api_token: str = Field(min_length=1)
    #: False: the key exists but Aircall refuses it access (HTTP 403), e.g. a plan without the API.
    access: bool = True


class AircallUserSpec(_Strict):
    id: int
    name: str
    email: str


class AircallSpec(_Strict):
    company: str = "Acme Demo"
    api_keys: list[AircallKeySpec] = Field(default_factory=list)
    users: list[AircallUserSpec] = Field(default_factory=list)
    rate_limit_per_minute: int = Field(60, ge=1)


class RingCentralAppSpec(_Strict):
    name: str = "ECI Voice Connector"
    client_id: str = Field(min_length=1)
    client_secret: str = Field(min_length=1)
    #: Where the credentials work: a new app is sandbox only; a graduated one works in production too.
    environments: list[Env] = Field(default_factory=lambda: ["sandbox"])
    auth_flow: Literal["authorization_code", "jwt", "client_credentials"] = "authorization_code"
    issue_refresh_tokens: bool = True
    permissions: list[str] = Field(default_factory=lambda: list(PERMISSIONS.values()))
    redirect_uris: list[str] = Field(default_factory=lambda: [DUMMY_REDIRECT_URI])


class RingCentralExtensionSpec(_Strict):
    id: int
    extension_number: str
    first_name: str
    last_name: str
    email: str
    #: The RingCentral login password of this user on the emulator's sign-in page (demo data).
    password: str | None = None
    type: str = "User"
    status: str = "Enabled"
    environments: list[Env] = Field(default_factory=lambda: ["sandbox", "production"])


class RingCentralSpec(_Strict):
    account_id: str = "37439510"
    apps: list[RingCentralAppSpec] = Field(default_factory=list)
    extensions: list[RingCentralExtensionSpec] = Field(default_factory=list)
    rate_limit_per_minute: int = Field(120, ge=1)


class ProvidersSpec(_Strict):
    aircall: AircallSpec = Field(default_factory=AircallSpec)
    ringcentral: RingCentralSpec = Field(default_factory=RingCentralSpec)


class ProviderScenarioError(ValueError):
    """The ``providers:`` section does not follow the format; the message names file and key."""


def parse_providers(raw: Any, source: str = "<scenario>") -> ProvidersSpec:
    """Validate a ``providers:`` mapping (None or absent: empty providers)."""
    try:
        return ProvidersSpec.model_validate(raw or {})
    except ValidationError as exc:
        lines = [f"providers.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise ProviderScenarioError(f"{source}: " + "; ".join(lines)) from None


def load_providers(scenario: str | Path) -> ProvidersSpec:
    """The ``providers:`` section of a demo scenario (by name or path), bases merged."""
    from wizard.demo.scenario import parse_scenario, scenario_path

    path = scenario_path(scenario)
    spec = parse_scenario(path.read_text(encoding="utf-8"), str(path))
    return parse_providers(getattr(spec, "providers", None), str(path))
