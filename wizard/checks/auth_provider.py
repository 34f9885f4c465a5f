"""Auth providers: ECI's Salesforce-type provider and RingCentral's OpenID Connect provider."""

from __future__ import annotations

from typing import Any

from wizard.checks.common import (
    checkboxes_verdict,
    compare,
    failed,
    missing,
    normalise_scopes,
    passed,
    row_named,
    shown,
    url_equal,
    wanted_checkboxes,
)
from wizard.checks.eci_app import load_app
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import DeferredRead, Read, SoqlRead
from wizard.engine.results import Status

AUTH_PROVIDERS = SoqlRead(
    "SELECT Id, DeveloperName, FriendlyName, ProviderType, ConsumerKey, AuthorizeUrl, TokenUrl, UserInfoUrl, "
    "DefaultScopes, OptionsSendAccessTokenInHeader, OptionsSendClientCredentialsInHeader, OptionsSendSecretInApis "
    "FROM AuthProvider"
)
OPTION_FIELDS = {
    "send_access_token_in_header": ("OptionsSendAccessTokenInHeader", "Send access token in header"),
    "send_client_credentials_in_header": ("OptionsSendClientCredentialsInHeader", "Send client credentials in header"),
    "send_secret_in_apis": ("OptionsSendSecretInApis", "Include Consumer Secret in API Responses"),
}
ENDPOINT_FIELDS = {
    "authorize_url": ("AuthorizeUrl", "Authorize Endpoint URL"),
    "token_url": ("TokenUrl", "Token Endpoint URL"),
    "user_info_url": ("UserInfoUrl", "User Info Endpoint URL"),
}


def find_auth_provider(ctx: CheckContext, developer_name: str | None = None) -> dict[str, Any] | None:
    """The auth provider row with the given URL suffix (DeveloperName), or None."""
    return row_named(ctx.snapshot.records(AUTH_PROVIDERS), developer_name or str(ctx.param("developer_name")))


def _provider_or_missing(ctx: CheckContext, expected: Any) -> dict[str, Any] | Verdict:
    row = find_auth_provider(ctx)
    return row if row is not None else missing(f"The auth provider with URL suffix {ctx.param('developer_name')}", expected)


def _exists_expected(params: Params, facts: OrgFacts | None) -> str:
    return f"{params['friendly_name']} ({params['developer_name']}), type {params['provider_type']}"


@check("auth_provider.exists", reads=lambda params, facts: [AUTH_PROVIDERS], expected=_exists_expected)
def exists(ctx: CheckContext) -> Verdict:
    """The auth provider exists with the guide's name, URL suffix and provider type."""
    expected = _exists_expected(ctx.params, ctx.facts)
    row = _provider_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    observed = f"{row.get('FriendlyName')} ({row.get('DeveloperName')}), type {row.get('ProviderType')}"
    if row.get("ProviderType") != ctx.param("provider_type"):
        return failed(expected, observed, f"The provider type is {row.get('ProviderType')}; the guide asks for {ctx.param('provider_type')}.")
    if row.get("FriendlyName") != ctx.param("friendly_name"):
        return Verdict(Status.WARN, expected, observed, "The provider exists, but its name differs from the guide's.")
    return passed(expected, observed, "The auth provider is set up as the guide asks.")


def _key_reads(params: Params, facts: OrgFacts) -> list[Read]:
    reads: list[Read] = [AUTH_PROVIDERS]
    if params.get("app_api_name"):
        from wizard.checks.app_view import AppReadResolver, connected_app_read

        label = params.get("app_label", "ECI Connected App")
        reads.append(DeferredRead(after=connected_app_read(label), resolve=AppReadResolver(params["app_api_name"])))
    return reads


def _key_expected(params: Params, facts: OrgFacts | None) -> str:
    app_name = params.get("app_api_name")
    return f"the consumer key of {app_name}" if app_name else "the consumer key of the provider's app"


@check("auth_provider.consumer_key", reads=_key_reads, expected=_key_expected)
def consumer_key(ctx: CheckContext) -> Verdict:
    """The consumer key is set (and is the ECI app's own key, where the guide pairs them)."""
    expected = _key_expected(ctx.params, ctx.facts)
    row = _provider_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    key = row.get("ConsumerKey")
    if not key:
        return failed(expected, "(not set)", "The auth provider has no consumer key.")
    app_name = ctx.param("app_api_name")
    if not app_name:
        return passed(expected, "set", "A consumer key is set.")
    app = load_app(CheckContext(ctx.snapshot, {"api_name": app_name, "label": ctx.param("app_label", "ECI Connected App")}))
    if app is None or not app.consumer_key:
        return Verdict(Status.WARN, expected, "set", f"A key is set, but {app_name} could not be read to compare.")
    if app.consumer_key == key:
        return passed(expected, "matches", f"The key matches {app_name}'s consumer key.")
    return failed(expected, "a different key", f"The key is not {app_name}'s consumer key; copy it again from the app.")


@check("auth_provider.scopes", reads=lambda params, facts: [AUTH_PROVIDERS], expected=lambda params, facts: shown(params["scopes"]))
def scopes(ctx: CheckContext) -> Verdict:
    """Default Scopes."""
    row = _provider_or_missing(ctx, ctx.param("scopes"))
    if isinstance(row, Verdict):
        return row
    want, have = ctx.param("scopes"), row.get("DefaultScopes")
    return compare(want, have, "Default Scopes", equal=normalise_scopes(want) == normalise_scopes(have))


def _env_endpoints(env: str, urls: dict[str, str]) -> str:
    return f"{env}: " + ", ".join(urls.values())


def _endpoints_expected(params: Params, facts: OrgFacts | None) -> str:
    environments: dict[str, dict[str, str]] = params.get("environments", {})
    return " or ".join(_env_endpoints(env, urls) for env, urls in environments.items())


@check("auth_provider.endpoints", reads=lambda params, facts: [AUTH_PROVIDERS], expected=_endpoints_expected)
def endpoints(ctx: CheckContext) -> Verdict:
    """Authorize, token and user info endpoints of one environment (sandbox or production)."""
    environments: dict[str, dict[str, str]] = ctx.param("environments", {})
    expected = _endpoints_expected(ctx.params, ctx.facts)
    row = _provider_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    observed = "; ".join(f"{label}: {shown(row.get(field))}" for field, label in ENDPOINT_FIELDS.values())
    for env, urls in environments.items():
        if all(url_equal(row.get(ENDPOINT_FIELDS[key][0]), value) for key, value in urls.items()):
            return passed(_env_endpoints(env, urls), observed, f"The endpoints are the {env} ones, consistently.")
    return failed(expected, observed, _endpoints_mismatch(row, environments, ctx.param("other_environments", {})))


def _endpoints_mismatch(row: dict[str, Any], accepted: dict[str, dict[str, str]], others: dict[str, dict[str, str]]) -> str:
    """Why the endpoints fail, true to what the org has: on another known environment, mixed, or unknown.

    A row that accepts only one environment (the graduation row expects production) names the one
    the org is on, so a sandbox org is not told its endpoints are a mix when they are all sandbox.
    """
    wanted = " or ".join(accepted) or "expected"
    known = {**others, **accepted}
    for env, urls in others.items():
        if env not in accepted and all(url_equal(row.get(ENDPOINT_FIELDS[key][0]), value) for key, value in urls.items()):
            return (f"The endpoints are the {env} ones; this setting expects the {wanted} ones. When the app moves to {wanted}, "
                    f"set the authorize, token and user info endpoints to the {wanted} URLs under Expected.")
    keys = list(dict.fromkeys(key for urls in known.values() for key in urls))

    def env_of(key: str) -> str:
        have = row.get(ENDPOINT_FIELDS[key][0])
        return next((env for env, urls in known.items() if key in urls and url_equal(have, urls[key])), "neither environment")

    found = "; ".join(f"{ENDPOINT_FIELDS[key][1]}: {env_of(key)}" for key in keys)
    return (f"The endpoints do not all belong to one {wanted} set ({found}); "
            f"set all of them to the {wanted} URLs under Expected.")


@check("auth_provider.options", reads=lambda params, facts: [AUTH_PROVIDERS],
       expected=lambda params, facts: wanted_checkboxes(params, OPTION_FIELDS)[1])
def options(ctx: CheckContext) -> Verdict:
    """Header and secret options of the provider."""
    wanted, expected = wanted_checkboxes(ctx.params, OPTION_FIELDS)
    row = _provider_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    return checkboxes_verdict(row, wanted, expected, OPTION_FIELDS, "The provider's options")
