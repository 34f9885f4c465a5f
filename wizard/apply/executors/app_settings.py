"""The ECI app's wanted settings, and how they are spelled in a Connected App and in an ECA.

The guide states the settings once (scopes, callback, secret requirements, permitted users, IP
relaxation, refresh token policy, profiles); a Connected App and an External Client App spell
them differently (``BYPASS`` / ``Bypass``, ``specific_lifetime:365:DAYS`` / ``SpecificLifetime``
+ 365 + ``Days``). `AppWanted` holds the guide's intent; `merge` combines it with what the org
has (never dropping a callback URL, scope or profile the admin added, only the placeholder
callback); the ``*_fields`` functions spell the result for each kind of app.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from wizard.apply.targets import FixTarget
from wizard.checks.app_view import (
    ECA_GLOBAL_SUFFIX,
    ECA_OAUTH_SUFFIX,
    ECA_POLICIES_SUFFIX,
    IP_RELAXATION_LABELS,
    AppView,
    RefreshPolicy,
)
from wizard.checks.common import normalise_scopes, selected, split_scopes
from wizard.checks.eci_app import DUMMY_CALLBACK_HOST

#: Normalised scope token -> the Metadata API's ConnectedAppOauthAccessScope value.
SCOPE_ENUM = {
    "api": "Api",
    "web": "Web",
    "content": "Content",
    "full": "Full",
    "refresh_token": "RefreshToken",
    "openid": "OpenID",
    "basic": "Basic",
    "chatter_api": "Chatter",
    "visualforce": "CustomApplications",
    "custom_permissions": "CustomPermissions",
    "lightning": "Lightning",
}
IP_CONNECTED_APP = {"enforce": "ENFORCE", "relax": "BYPASS", "relax_with_verification": "BYPASS_2FACTOR", "enforce_relax_refresh": "ENFORCE_RELAXREFRESH"}
IP_ECA = {"enforce": "Enforce", "relax": "Bypass", "relax_with_verification": "Bypass_2factor", "enforce_relax_refresh": "Enforce_RelaxRefresh"}
UNIT_CONNECTED_APP = {"hours": "HOURS", "days": "DAYS", "months": "MONTHS"}
UNIT_ECA = {"hours": "Hours", "days": "Days", "months": "Months"}


@dataclass(frozen=True)
class AppWanted:
    """The app as the guide wants it (merged with what the org already has)."""

    callback_urls: tuple[str, ...]
    scopes: tuple[str, ...]  # Metadata API scope values, e.g. ("Content", "Api")
    secret_web: bool
    secret_refresh: bool
    admin_approved: bool
    ip_relaxation: str  # enforce | relax | relax_with_verification | enforce_relax_refresh
    refresh_kind: str  # infinite | zero | expire_after | expire_inactive
    refresh_amount: int | None
    refresh_unit: str | None  # hours | days | months
    profiles: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AppWanted:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})

    @property
    def refresh(self) -> RefreshPolicy:
        return RefreshPolicy(self.refresh_kind, self.refresh_amount, self.refresh_unit)


def scope_values(tokens: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Metadata scope values for guide tokens, one per scope after Salesforce's equivalences."""
    out: list[str] = []
    for token in split_scopes(list(tokens)):
        canonical = next(iter(normalise_scopes([token])))
        value = SCOPE_ENUM.get(canonical, token)
        if value not in out:
            out.append(value)
    return tuple(out)


#: A Metadata API scope value -> the OAuth names Setup shows beside its label (and the guides and
#: the checks use): "Perform requests at any time (refresh_token, offline_access)" is RefreshToken.
_SCOPE_TOKENS = {value: token for token, value in SCOPE_ENUM.items()} | {"RefreshToken": "refresh_token, offline_access"}


def scope_names(values: list[str] | tuple[str, ...]) -> list[str]:
    """Scopes as the admin matches them with Setup and the check's expected value (``api``,
    ``refresh_token, offline_access``), not as the Metadata API spells them (``Api``, ``RefreshToken``)."""
    names: list[str] = []
    for value in split_scopes(list(values)):
        for name in _SCOPE_TOKENS.get(value, value).split(", "):
            if name not in names:
                names.append(name)
    return names


def callback_url(target: FixTarget, my_domain_url: str) -> str:
    """The auth provider's callback URL, which the app must point back to."""
    provider = target.param("eci_app.callback_url", "auth_provider") or "ECI_Auth_Provider"
    return f"{my_domain_url.rstrip('/')}/services/authcallback/{provider}"


def wanted_from_guide(target: FixTarget, my_domain_url: str) -> AppWanted:
    """The guide's settings for the app (nothing of the org's yet)."""
    amount = target.param("eci_app.refresh_token_policy", "amount")
    return AppWanted(
        callback_urls=(callback_url(target, my_domain_url),),
        scopes=scope_values(list(target.param("eci_app.scopes", "scopes", []) or [])),
        secret_web=bool(target.param("eci_app.require_secret", "web_server_flow", True)),
        secret_refresh=bool(target.param("eci_app.require_secret", "refresh_token_flow", True)),
        admin_approved=target.param("eci_app.permitted_users", "value", "admin_approved") == "admin_approved",
        ip_relaxation=str(target.param("eci_app.ip_relaxation", "value", "relax")),
        refresh_kind=str(target.param("eci_app.refresh_token_policy", "value", "infinite")),
        refresh_amount=int(amount) if amount not in (None, "") else None,
        refresh_unit=target.param("eci_app.refresh_token_policy", "unit"),
        profiles=tuple(target.param("eci_app.profiles", "recommended", []) or []),
    )


def _same_url(a: str, b: str) -> bool:
    return a.rstrip("/").lower() == b.rstrip("/").lower()


def merge(wanted: AppWanted, current: AppView | None, checks: set[str]) -> AppWanted:
    """The guide's settings over the org's: add what is missing, keep what the admin added.

    Only settings the guide checks are taken from `wanted`; the rest stay as the org has them.
    """
    if current is None:
        return wanted
    callbacks = [u for u in current.callback_urls if DUMMY_CALLBACK_HOST not in u]
    for url in wanted.callback_urls:
        if not any(_same_url(url, have) for have in callbacks):
            callbacks.insert(0, url)
    have_scopes = scope_values(list(current.scopes))
    scopes = list(have_scopes) + [s for s in wanted.scopes if not (normalise_scopes([s]) <= normalise_scopes(list(have_scopes)))]
    profiles = list(current.profiles) + [p for p in wanted.profiles if p not in current.profiles]
    keep = current.refresh_policy

    def pick(check: str, mine: Any, theirs: Any) -> Any:
        return mine if check in checks else theirs

    return AppWanted(
        callback_urls=tuple(callbacks) if "eci_app.callback_url" in checks else current.callback_urls,
        scopes=tuple(scopes) if "eci_app.scopes" in checks else have_scopes,
        secret_web=pick("eci_app.require_secret", wanted.secret_web, current.secret_required_web_server),
        secret_refresh=pick("eci_app.require_secret", wanted.secret_refresh, current.secret_required_refresh),
        admin_approved=pick("eci_app.permitted_users", wanted.admin_approved, current.admin_approved),
        ip_relaxation=pick("eci_app.ip_relaxation", wanted.ip_relaxation, current.ip_relaxation),
        refresh_kind=pick("eci_app.refresh_token_policy", wanted.refresh_kind, keep.kind),
        refresh_amount=pick("eci_app.refresh_token_policy", wanted.refresh_amount, keep.amount),
        refresh_unit=pick("eci_app.refresh_token_policy", wanted.refresh_unit, keep.unit),
        profiles=tuple(profiles) if "eci_app.profiles" in checks else current.profiles,
    )


def shown_settings(app: AppWanted | AppView) -> dict[str, Any]:
    """check name -> the value as the admin reads it (for current -> desired lines)."""
    if isinstance(app, AppView):
        return {
            "eci_app.callback_url": list(app.callback_urls),
            "eci_app.scopes": scope_names(app.scopes),
            "eci_app.require_secret": f"Web Server Flow: {selected(app.secret_required_web_server)}; Refresh Token Flow: {selected(app.secret_required_refresh)}",
            "eci_app.permitted_users": _permitted(app.admin_approved),
            "eci_app.ip_relaxation": IP_RELAXATION_LABELS.get(app.ip_relaxation, app.ip_relaxation),
            "eci_app.refresh_token_policy": app.refresh_policy.label(),
            "eci_app.profiles": list(app.profiles),
        }
    return {
        "eci_app.callback_url": list(app.callback_urls),
        "eci_app.scopes": scope_names(app.scopes),
        "eci_app.require_secret": f"Web Server Flow: {selected(app.secret_web)}; Refresh Token Flow: {selected(app.secret_refresh)}",
        "eci_app.permitted_users": _permitted(app.admin_approved),
        "eci_app.ip_relaxation": IP_RELAXATION_LABELS.get(app.ip_relaxation, app.ip_relaxation),
        "eci_app.refresh_token_policy": app.refresh.label(),
        "eci_app.profiles": list(app.profiles),
    }


def _permitted(admin_approved: bool) -> str:
    return "Admin approved users are pre-authorized" if admin_approved else "All users may self-authorize"


def differs(check: str, wanted: AppWanted, current: AppView) -> bool:
    """Whether one guide setting differs between the wanted and the current app."""
    if check == "eci_app.scopes":
        return normalise_scopes(list(wanted.scopes)) != normalise_scopes(list(current.scopes))
    if check == "eci_app.callback_url":
        return [u.rstrip("/").lower() for u in wanted.callback_urls] != [u.rstrip("/").lower() for u in current.callback_urls]
    if check == "eci_app.profiles":
        return sorted(wanted.profiles) != sorted(current.profiles)
    return shown_settings(wanted).get(check) != shown_settings(current).get(check)


# -- spelling for each kind of app --------------------------------------------------------------------
def refresh_connected_app(app: AppWanted) -> str:
    if app.refresh_kind in ("infinite", "zero"):
        return app.refresh_kind
    kind = "specific_lifetime" if app.refresh_kind == "expire_after" else "specific_inactivity"
    return f"{kind}:{app.refresh_amount}:{UNIT_CONNECTED_APP.get(str(app.refresh_unit), 'DAYS')}"


def connected_app_fields(app: AppWanted, base: dict[str, Any], api_name: str, label: str, email: str) -> dict[str, Any]:
    """A ConnectedApp component: `base` (as read, or {}) with the wanted settings."""
    comp = {**base, "fullName": api_name}
    comp.setdefault("label", label)
    comp.setdefault("contactEmail", email)
    config = dict(comp.get("oauthConfig") or {})
    config.update(
        callbackUrl="\n".join(app.callback_urls),
        scopes=list(app.scopes),
        isConsumerSecretOptional=not app.secret_web,
        isSecretRequiredForRefreshToken=app.secret_refresh,
        isAdminApproved=app.admin_approved,
    )
    config.pop("consumerKey", None)  # set only at creation, by the org
    config.pop("consumerSecret", None)  # write-only; never sent back
    comp["oauthConfig"] = config
    comp["oauthPolicy"] = {
        **dict(comp.get("oauthPolicy") or {}),
        "ipRelaxation": IP_CONNECTED_APP[app.ip_relaxation],
        "refreshTokenPolicy": refresh_connected_app(app),
    }
    if app.profiles:
        comp["profileName"] = list(app.profiles)
    return comp


def eca_names(api_name: str) -> dict[str, str]:
    """metadata type -> fullName of the ECA's components (the header first)."""
    return {
        "ExternalClientApplication": api_name,
        "ExtlClntAppOauthSettings": api_name + ECA_OAUTH_SUFFIX,
        "ExtlClntAppGlobalOauthSettings": api_name + ECA_GLOBAL_SUFFIX,
        "ExtlClntAppOauthConfigurablePolicies": api_name + ECA_POLICIES_SUFFIX,
    }


def eca_components(app: AppWanted, base: dict[str, dict[str, Any] | None], api_name: str, label: str, email: str) -> dict[str, dict[str, Any]]:
    """metadata type -> the ECA component with the wanted settings over `base` (as read)."""
    names = eca_names(api_name)

    def start(mtype: str) -> dict[str, Any]:
        comp = dict(base.get(mtype) or {})
        comp["fullName"] = names[mtype]
        if mtype != "ExternalClientApplication":
            comp["externalClientApplication"] = api_name
        comp.setdefault("label", label)
        return comp

    header = start("ExternalClientApplication")
    header.setdefault("contactEmail", email)
    header.setdefault("distributionState", "Local")
    header.setdefault("description", "Einstein Conversation Insights signs in to this org through this app.")
    oauth = start("ExtlClntAppOauthSettings")
    oauth["commaSeparatedOauthScopes"] = ", ".join(app.scopes)
    glob = start("ExtlClntAppGlobalOauthSettings")
    glob.update(
        callbackUrl="\n".join(app.callback_urls),
        isConsumerSecretOptional=not app.secret_web,
        isSecretRequiredForRefreshToken=app.secret_refresh,
    )
    glob.pop("consumerKey", None)
    glob.pop("consumerSecret", None)
    policies = start("ExtlClntAppOauthConfigurablePolicies")
    policies.update(
        permittedUsersPolicyType="AdminApprovedPreAuthorized" if app.admin_approved else "AllSelfAuthorized",
        ipRelaxationPolicyType=IP_ECA[app.ip_relaxation],
        refreshTokenPolicyType={"infinite": "Infinite", "zero": "Zero", "expire_after": "SpecificLifetime", "expire_inactive": "SpecificInactivity"}[app.refresh_kind],
    )
    if app.refresh_kind in ("expire_after", "expire_inactive"):
        policies.update(refreshTokenValidityPeriod=app.refresh_amount, refreshTokenValidityUnit=UNIT_ECA.get(str(app.refresh_unit), "Days"))
    else:
        policies.pop("refreshTokenValidityPeriod", None)
        policies.pop("refreshTokenValidityUnit", None)
    if app.profiles:
        policies["commaSeparatedProfile"] = ",".join(app.profiles)
    return {
        "ExternalClientApplication": header,
        "ExtlClntAppOauthSettings": oauth,
        "ExtlClntAppGlobalOauthSettings": glob,
        "ExtlClntAppOauthConfigurablePolicies": policies,
    }
