"""One view of the ECI app, whether it is a Connected App or an External Client App.

Since Spring '26 new Connected Apps cannot be created; External Client Apps (ECA) replace them and
keep the same settings under other names and spellings. Checks and fixes compare the guide's
settings with an `AppView`, so both kinds are judged by one set of rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.checks.common import split_scopes, truthy
from wizard.engine.reads import DeferredRead, MetadataRead, SoqlRead, soql_literal

CONNECTED_APP = "Connected App"
EXTERNAL_CLIENT_APP = "External Client App"

#: ECA component names follow Salesforce's suffix convention for the app's settings.
ECA_GLOBAL_SUFFIX = "_glbloauth"
ECA_OAUTH_SUFFIX = "_oauth"
ECA_POLICIES_SUFFIX = "_oauthPlcy"

#: Connected App ipRelaxation values and the ECA spellings, mapped to the guide's words.
IP_RELAXATION = {
    "ENFORCE": "enforce",
    "Enforce": "enforce",
    "BYPASS": "relax",
    "Bypass": "relax",
    "BYPASS_2FACTOR": "relax_with_verification",
    "Bypass_2factor": "relax_with_verification",
    "ENFORCE_RELAXREFRESH": "enforce_relax_refresh",
    "Enforce_RelaxRefresh": "enforce_relax_refresh",
}
IP_RELAXATION_LABELS = {
    "enforce": "Enforce IP restrictions",
    "relax": "Relax IP restrictions",
    "relax_with_verification": "Relax IP restrictions with second factor",
    "enforce_relax_refresh": "Enforce IP restrictions, but relax for refresh tokens",
}
UNITS = {"HOURS": "hours", "DAYS": "days", "MONTHS": "months", "Hours": "hours", "Days": "days", "Months": "months"}


@dataclass(frozen=True)
class RefreshPolicy:
    """How long refresh tokens live: infinite, zero, or expire after / after inactivity of N units."""

    kind: str  # infinite | zero | expire_after | expire_inactive
    amount: int | None = None
    unit: str | None = None

    def label(self) -> str:
        if self.kind == "infinite":
            return "Refresh token is valid until revoked"
        if self.kind == "zero":
            return "Immediately expire refresh token"
        verb = "Expire refresh token after" if self.kind == "expire_after" else "Expire refresh token if not used for"
        return f"{verb} {self.amount} {self.unit}"


@dataclass(frozen=True)
class AppView:
    """The ECI app's settings as the guide names them."""

    kind: str
    api_name: str
    label: str
    callback_urls: tuple[str, ...]
    scopes: tuple[str, ...]
    secret_required_web_server: bool
    secret_required_refresh: bool
    admin_approved: bool
    ip_relaxation: str
    refresh_policy: RefreshPolicy
    profiles: tuple[str, ...]
    consumer_key: str | None


def connected_app_read(label: str) -> SoqlRead:
    """The REST read that tells whether the org has a Connected App with the guide's label (first round).

    The ConnectedApplication object knows an app by its label only, not its API name, so this
    row decides what is read first, never which app is the ECI app: that is the one whose API
    name is the guide's, read from the Metadata API by fullName.
    """
    return SoqlRead(f"SELECT Id, Name FROM ConnectedApplication WHERE Name = {soql_literal(label)}")


def connected_app_metadata_read(api_name: str) -> MetadataRead:
    """The Connected App by its API name (fullName), the name the guide asks to use exactly."""
    return MetadataRead("ConnectedApp", (api_name,))


def eca_reads(api_name: str) -> tuple[MetadataRead, ...]:
    return (
        MetadataRead("ExtlClntAppGlobalOauthSettings", (api_name + ECA_GLOBAL_SUFFIX,)),
        MetadataRead("ExtlClntAppOauthSettings", (api_name + ECA_OAUTH_SUFFIX,)),
        MetadataRead("ExtlClntAppOauthConfigurablePolicies", (api_name + ECA_POLICIES_SUFFIX,)),
    )


def eca_global_read(api_name: str) -> MetadataRead:
    return MetadataRead("ExtlClntAppGlobalOauthSettings", (api_name + ECA_GLOBAL_SUFFIX,))


@dataclass(frozen=True)
class AppReadResolver:
    """Second round: the Connected App by API name when one has the guide's label, else the External
    Client App's global settings.

    An org set up as the guide says costs one readMetadata here (two more for an External Client
    App's other settings). The other kind is read only when the first guess finds nothing, so a
    Connected App with the API name but another label, or a labelled app with another API name,
    costs one more request and is still told apart.
    """

    api_name: str

    def __call__(self, rows: list[dict[str, Any]]) -> tuple[MetadataRead | DeferredRead, ...]:
        if rows:
            app = connected_app_metadata_read(self.api_name)
            return (app, DeferredRead(after=app, resolve=ConnectedAppResolver(self.api_name)))
        glob = eca_global_read(self.api_name)
        return (glob, DeferredRead(after=glob, resolve=EcaSettingsResolver(self.api_name)))


@dataclass(frozen=True)
class ConnectedAppResolver:
    """Third round, only when the labelled Connected App has another API name: the External Client
    App by the guide's API name."""

    api_name: str

    def __call__(self, components: list[dict[str, Any]]) -> tuple[MetadataRead | DeferredRead, ...]:
        if components:
            return ()
        glob = eca_global_read(self.api_name)
        return (glob, DeferredRead(after=glob, resolve=EcaSettingsResolver(self.api_name, connected_app_next=False)))


@dataclass(frozen=True)
class EcaSettingsResolver:
    """After the External Client App's global settings: its scopes and policies when it exists, else
    (unless already read) the Connected App by API name, whatever its label."""

    api_name: str
    connected_app_next: bool = True

    def __call__(self, components: list[dict[str, Any]]) -> tuple[MetadataRead, ...]:
        if components:
            return eca_reads(self.api_name)[1:]
        return (connected_app_metadata_read(self.api_name),) if self.connected_app_next else ()


def _callbacks(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(u.strip() for u in str(value).replace("\r", "\n").split("\n") if u.strip())


def _refresh_policy_from_connected_app(value: Any) -> RefreshPolicy:
    text = str(value or "infinite")
    if text in ("infinite", "zero"):
        return RefreshPolicy(text)
    parts = text.split(":")
    kind = "expire_after" if parts[0] == "specific_lifetime" else "expire_inactive"
    amount = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    unit = UNITS.get(parts[2], parts[2].lower()) if len(parts) > 2 else None
    return RefreshPolicy(kind, amount, unit)


def from_connected_app(api_name: str, comp: dict[str, Any]) -> AppView:
    """An AppView of ConnectedApp metadata."""
    config = comp.get("oauthConfig") or {}
    policy = comp.get("oauthPolicy") or {}
    return AppView(
        kind=CONNECTED_APP,
        api_name=api_name,
        label=str(comp.get("label") or api_name),
        callback_urls=_callbacks(config.get("callbackUrl")),
        scopes=tuple(split_scopes(config.get("scopes"))),
        secret_required_web_server=not truthy(config.get("isConsumerSecretOptional")),
        secret_required_refresh=truthy(config.get("isSecretRequiredForRefreshToken", True)),
        admin_approved=truthy(config.get("isAdminApproved")),
        ip_relaxation=IP_RELAXATION.get(str(policy.get("ipRelaxation") or "ENFORCE"), "enforce"),
        refresh_policy=_refresh_policy_from_connected_app(policy.get("refreshTokenPolicy")),
        profiles=tuple(str(p) for p in (comp.get("profileName") or []) if p),
        consumer_key=config.get("consumerKey"),
    )


def from_external_client_app(
    api_name: str,
    global_settings: dict[str, Any],
    oauth_settings: dict[str, Any] | None,
    policies: dict[str, Any] | None,
) -> AppView:
    """An AppView of the three ECA settings components."""
    oauth_settings = oauth_settings or {}
    policies = policies or {}
    kind = str(policies.get("refreshTokenPolicyType") or "Infinite")
    refresh = {
        "Infinite": RefreshPolicy("infinite"),
        "Zero": RefreshPolicy("zero"),
        "SpecificLifetime": RefreshPolicy(
            "expire_after", policies.get("refreshTokenValidityPeriod"), UNITS.get(str(policies.get("refreshTokenValidityUnit")))
        ),
        "SpecificInactivity": RefreshPolicy(
            "expire_inactive", policies.get("refreshTokenValidityPeriod"), UNITS.get(str(policies.get("refreshTokenValidityUnit")))
        ),
    }.get(kind, RefreshPolicy("infinite"))
    return AppView(
        kind=EXTERNAL_CLIENT_APP,
        api_name=api_name,
        label=str(global_settings.get("label") or api_name),
        callback_urls=_callbacks(global_settings.get("callbackUrl")),
        scopes=tuple(split_scopes(oauth_settings.get("commaSeparatedOauthScopes"))),
        secret_required_web_server=not truthy(global_settings.get("isConsumerSecretOptional")),
        secret_required_refresh=truthy(global_settings.get("isSecretRequiredForRefreshToken", True)),
        admin_approved=policies.get("permittedUsersPolicyType") == "AdminApprovedPreAuthorized",
        ip_relaxation=IP_RELAXATION.get(str(policies.get("ipRelaxationPolicyType") or "Enforce"), "enforce"),
        refresh_policy=refresh,
        profiles=tuple(p.strip() for p in str(policies.get("commaSeparatedProfile") or "").split(",") if p.strip()),
        consumer_key=global_settings.get("consumerKey"),
    )
