"""The scenario file format (YAML), as pydantic models.

A scenario describes one org: its organization record, profiles, permission sets and licences,
users, metadata components, plain records, OAuth clients, allowed behaviours and faults. Every
model forbids unknown keys (a typo is an error, not a silently ignored setting), except
``behaviours``, which other parts of the demo org may extend. `wizard.demo.scenario` turns a
validated `ScenarioSpec` into an `OrgState`. The README documents the format with examples.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wizard.demo.faults import FaultSettings

#: A user name or e-mail address: something@somewhere, no spaces.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+$"

#: User permissions a scenario may name (``Permissions<Name>`` fields on Profile and
#: PermissionSet). A name outside this list is almost always a typo, so it is refused.
KNOWN_PERMISSIONS: tuple[str, ...] = (
    "ApiEnabled",
    "AssignPermissionSets",
    "AuthorApex",
    "CIPartnerIntegrationUser",
    "CallCoachingUser",
    "CallExplorer",
    "CanApproveUninstalledApps",
    "CustomizeApplication",
    "ManageAuthProviders",
    "ManageCallCenters",
    "ManageConvMiningReports",
    "ManageInternalUsers",
    "ManageNamedCredentials",
    "ManageProfilesPermissionsets",
    "ManageRemoteAccess",
    "ManageUsers",
    "ModifyAllData",
    "ResetPasswords",
    "ViewAllCalls",
    "ViewAllData",
    "ViewClientSecret",
    "ViewSetup",
)

_API_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ORG_ID = re.compile(r"^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _check_permissions(names: list[str]) -> list[str]:
    unknown = [n for n in names if n not in KNOWN_PERMISSIONS]
    if unknown:
        raise ValueError(
            f"unknown user permission {', '.join(map(repr, unknown))}; expected names such as "
            f"{', '.join(KNOWN_PERMISSIONS)}"
        )
    return names


class OrganizationSpec(_Strict):
    name: str = Field(min_length=1)
    edition: str = "Enterprise Edition"
    sandbox: bool = False
    instance_name: str = "USA544"
    id: str | None = None
    api_version: str = "66.0"
    my_domain: str | None = None
    #: False for an org that never deployed My Domain: its identity has no ``urls.custom_domain``.
    my_domain_deployed: bool = True
    #: Objects the org has not switched on (e.g. VoiceCall without Voice): queries answer INVALID_TYPE.
    objects_not_enabled: list[str] = Field(default_factory=list)
    language: str = "en_US"
    namespace_prefix: str | None = None
    trial_expiration: str | None = None
    fields: dict[str, Any] = Field(default_factory=dict)

    @field_validator("api_version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> str:
        text = f"{value:.1f}" if isinstance(value, float | int) and not isinstance(value, bool) else value
        if not isinstance(text, str) or not re.fullmatch(r"\d{2}\.0", text):
            raise ValueError(f'expected an API version such as "66.0", found {value!r}')
        return text

    @field_validator("objects_not_enabled")
    @classmethod
    def _objects(cls, value: list[str]) -> list[str]:
        from wizard.demo.sobject_catalogue import lookup  # the catalogue imports the org state

        unknown = [n for n in value if lookup("data", n) is None]
        if unknown:
            raise ValueError(f"unknown sObject {', '.join(map(repr, unknown))}; name objects the demo org has, e.g. 'VoiceCall'")
        return [lookup("data", n).name for n in value]  # type: ignore[union-attr]

    @field_validator("id")
    @classmethod
    def _org_id(cls, value: str | None) -> str | None:
        if value is not None and not _ORG_ID.match(value):
            raise ValueError(f"expected an organization id starting with 00D (15 or 18 characters), found {value!r}")
        return value


class ProfileSpec(_Strict):
    name: str = Field(min_length=1)
    user_type: str = "Standard"
    user_license: str = "Salesforce"
    description: str | None = None
    permissions: dict[str, bool] = Field(default_factory=dict)

    @field_validator("permissions")
    @classmethod
    def _known(cls, value: dict[str, bool]) -> dict[str, bool]:
        _check_permissions(list(value))
        return value


class PermissionSetLicenseSpec(_Strict):
    name: str = Field(min_length=1, description="DeveloperName")
    label: str = Field(min_length=1, description="MasterLabel")
    total: int = Field(10, ge=0)
    status: str = "Active"
    expiration: str | None = None


class PermissionSetSpec(_Strict):
    name: str = Field(min_length=1, description="API name (fullName)")
    label: str = Field(min_length=1)
    description: str | None = None
    license: str | None = None
    user_permissions: list[str] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict, description="further PermissionSet elements")

    @field_validator("name")
    @classmethod
    def _api_name(cls, value: str) -> str:
        if not _API_NAME.match(value):
            raise ValueError(f"expected an API name (letters, digits, underscores), found {value!r}")
        return value

    @field_validator("user_permissions")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        return _check_permissions(value)


class UserSpec(_Strict):
    username: str = Field(pattern=EMAIL_PATTERN)
    last_name: str = Field(min_length=1)
    first_name: str | None = None
    email: str = Field(pattern=EMAIL_PATTERN)
    profile: str
    active: bool = True
    user_type: str | None = None
    alias: str | None = None
    permission_sets: list[str] = Field(default_factory=list)
    permission_set_licenses: list[str] = Field(default_factory=list)
    password: str | None = Field(None, min_length=1)
    default_login: bool = False
    fields: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _login_needs_password(self) -> UserSpec:
        if self.default_login and not self.password:
            raise ValueError("the default login user needs a password")
        return self


class OAuthClientSpec(_Strict):
    client_id: str = Field(min_length=1)
    name: str | None = None
    callback_urls: list[str] = Field(min_length=1)
    secret: str | None = None
    installed: bool = True
    scopes: list[str] = Field(default_factory=lambda: ["api", "refresh_token", "web"])
    loopback_any_port: bool = False
    pkce_required: bool | None = None
    rotate_refresh_tokens: bool = False

    @field_validator("callback_urls")
    @classmethod
    def _loopback(cls, value: list[str]) -> list[str]:
        bad = [u for u in value if not re.match(r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?/", u)]
        if bad:
            raise ValueError(f"expected loopback callback URLs (http://localhost:PORT/...), found {bad}")
        return value


class BehavioursSpec(BaseModel):
    """Rules of today's Salesforce the scenario switches; other keys are kept for other handlers."""

    model_config = ConfigDict(extra="allow")

    allow_connected_app_creation: bool = False
    high_assurance_required: bool = False
    daily_api_request_limit: int = Field(100_000, ge=0)
    unlisted_metadata_types: list[str] = Field(
        default_factory=list,
        description="metadata types listMetadata refuses (INVALID_TYPE), as for a user or API version that cannot list them",
    )


class ScenarioSpec(_Strict):
    description: str = ""
    organization: OrganizationSpec
    profiles: list[ProfileSpec] = Field(default_factory=list)
    permission_set_licenses: list[PermissionSetLicenseSpec] = Field(default_factory=list)
    permission_sets: list[PermissionSetSpec] = Field(default_factory=list)
    users: list[UserSpec] = Field(default_factory=list)
    metadata: dict[str, dict[str, dict[str, Any]]] = Field(default_factory=dict)
    records: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    oauth_clients: list[OAuthClientSpec] = Field(default_factory=list)
    behaviours: BehavioursSpec = Field(default_factory=BehavioursSpec)
    faults: FaultSettings = Field(default_factory=FaultSettings)
    #: Custom User fields a package adds (API name -> label), e.g. the Voice Connector's user
    #: identifiers; the describe shows them with their labels even when no user has a value.
    user_fields: dict[str, str] = Field(default_factory=dict)
    #: The provider emulators' accounts (read by `wizard.providers.emulators`); not part of the org.
    providers: dict[str, Any] = Field(default_factory=dict)
