"""A setup profile: one guide's settings as a verified org has them, safe to keep and share.

A profile is what an admin carries from a sandbox to production. It names the guide, the org it
was captured from (facts only, never a token or a secret), every setting's observed value and
status, and, for each value that differs from org to org, how the target's own value is found:
from the target org (its My Domain URL and everything built on it), from a choice the admin makes
(RingCentral sandbox or production, AWS names), or from the provider's side (an SFTP host, an
AWS bucket). Secrets are never read from Salesforce (it does not return them) and never written
here: graduation asks for them again and keeps them in the keyring.

The YAML file mirrors these models field by field; `wizard.profiles.files` reads and writes it
and names the line of any problem.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wizard.engine.results import Status

#: The profile format this wizard writes and reads. Bump it when a field changes meaning.
#: 2: `environment`, `settings` and `inventory` are required and the file ends with an end marker
#: (`wizard.profiles.files`), so a file cut off while copying is refused, never read as shorter.
PROFILE_SCHEMA_VERSION = 2
PROFILE_KIND = "eci-setup-profile"

#: How the target org's value of an environment-dependent item is found.
Derive = Literal["target", "choice", "provider"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceOrg(_Strict):
    """The org the profile was captured from (identifying facts only)."""

    org_id: str
    name: str
    environment: Literal["Sandbox", "Production"]
    edition: str = ""
    instance_url: str = ""
    my_domain_url: str = ""
    api_version: str = ""
    username: str = ""
    sign_in_app: str = Field(default="", description="Consumer key (client id) the wizard signed in with; not a secret")


class EnvironmentValue(_Strict):
    """A value that differs between orgs, and how the target org gets its own."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    value: str | None = Field(default=None, description="The source org's value (None when not readable from Salesforce)")
    derive: Derive
    how: str = Field(description="In the admin's words: where the target's value comes from")
    choices: list[str] = Field(default_factory=list)
    suggested: str | None = Field(default=None, description="What graduation proposes for the target")
    settings: list[str] = Field(default_factory=list, description="Ids of the guide settings built on this value")


class CapturedSetting(_Strict):
    """One setting of the guide as the source org had it."""

    id: str
    page: str
    label: str
    kind: Literal["check", "manual"]
    check: str | None = None
    optional: bool = False
    status: Status
    value: str = Field(default="", description="The observed value, exactly as the check reported it")
    portable: str = Field(default="", description="The value with environment-dependent parts as {placeholders}")
    depends_on: list[str] = Field(default_factory=list, description="Keys of the environment values it is built on")


class NamedItem(_Strict):
    name: str
    label: str = ""


class Inventory(_Strict):
    """What the org holds around the guide's settings: what production needs before graduation."""

    eci_app_kind: str = Field(default="", description="'Connected App', 'External Client App' or '' (none)")
    packages: list[str] = Field(default_factory=list)
    permission_set_licenses: list[NamedItem] = Field(default_factory=list)
    permission_sets: list[NamedItem] = Field(default_factory=list)
    external_client_apps: list[str] = Field(default_factory=list)
    connected_apps: list[str] = Field(default_factory=list)
    site_urls: list[str] = Field(default_factory=list)
    unreadable: list[str] = Field(default_factory=list, description="What could not be read (and so cannot be compared)")


class SetupProfile(_Strict):
    """The whole profile file."""

    schema_version: int = PROFILE_SCHEMA_VERSION
    kind: Literal["eci-setup-profile"] = PROFILE_KIND
    wizard_version: str
    guide: str
    captured_at: datetime
    source: SourceOrg
    # Required, even when empty: a section missing from the file means it was cut off or edited
    # away, and an empty default would silently drop settings to graduate and warnings to give.
    environment: list[EnvironmentValue]
    settings: list[CapturedSetting]
    inventory: Inventory
    notes: list[str] = Field(default_factory=list)

    def env(self, key: str) -> EnvironmentValue | None:
        """One environment value by key, or None."""
        return next((e for e in self.environment if e.key == key), None)

    def setting(self, setting_id: str) -> CapturedSetting | None:
        return next((s for s in self.settings if s.id == setting_id), None)
