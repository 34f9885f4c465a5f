"""The ECI app: the Connected App `ECI_Connected_App`, or an External Client App with its settings.

The guides create a Connected App; since Spring '26 orgs cannot create new ones, so the wizard
accepts (and creates) an External Client App with equal settings. Either way the app is the one
whose API name is the guide's ("use this exact name"): its label only decides which kind is read
first. A Connected App found by the label is read by API name in the second round; otherwise the
External Client App is, and when it is not there either the Connected App by API name after all,
whatever its label. An org set up as the guide says reads only the kind it has.
"""

from __future__ import annotations

from typing import Any

from wizard.checks.app_view import (
    ECA_GLOBAL_SUFFIX,
    ECA_OAUTH_SUFFIX,
    ECA_POLICIES_SUFFIX,
    EXTERNAL_CLIENT_APP,
    IP_RELAXATION_LABELS,
    AppReadResolver,
    AppView,
    RefreshPolicy,
    connected_app_read,
    from_connected_app,
    from_external_client_app,
)
from wizard.checks.common import (
    MISSING,
    compare,
    failed,
    missing,
    my_domain_of,
    normalise_scopes,
    passed,
    selected,
    shown,
    warned,
)
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import DeferredRead, Read
from wizard.engine.results import Status

DUMMY_CALLBACK_HOST = "dummy_url"


def _reads(params: Params, facts: OrgFacts) -> list[Read]:
    return [DeferredRead(after=connected_app_read(params["label"]), resolve=AppReadResolver(params["api_name"]))]


def _labelled(ctx: CheckContext) -> bool:
    """Whether a Connected App has the guide's label (False when that row was not read)."""
    try:
        return bool(ctx.snapshot.records(connected_app_read(str(ctx.param("label")))))
    except KeyError:
        return False


def _read(ctx: CheckContext, mtype: str, name: str) -> dict[str, Any] | None:
    """A component as read; None when the org has none, or when it was not read because the other
    kind of app was found first (a read that failed still raises)."""
    try:
        return ctx.snapshot.component(mtype, name)
    except KeyError:
        return None


def _connected_app(ctx: CheckContext, api_name: str) -> AppView | None:
    comp = _read(ctx, "ConnectedApp", api_name)
    return from_connected_app(api_name, comp) if comp else None


def _external_client_app(ctx: CheckContext, api_name: str) -> AppView | None:
    glob = _read(ctx, "ExtlClntAppGlobalOauthSettings", api_name + ECA_GLOBAL_SUFFIX)
    if glob is None:
        return None
    return from_external_client_app(
        api_name,
        glob,
        _read(ctx, "ExtlClntAppOauthSettings", api_name + ECA_OAUTH_SUFFIX),
        _read(ctx, "ExtlClntAppOauthConfigurablePolicies", api_name + ECA_POLICIES_SUFFIX),
    )


def load_app(ctx: CheckContext) -> AppView | None:
    """The app with the guide's API name as found in the snapshot, or None when the org has neither kind.

    The kinds are looked at in the order they were read, so the one the reads found first wins.
    """
    api_name = str(ctx.param("api_name"))
    kinds = (_connected_app, _external_client_app) if _labelled(ctx) else (_external_client_app, _connected_app)
    for kind in kinds:
        app = kind(ctx, api_name)
        if app is not None:
            return app
    return None


def _app_or_missing(ctx: CheckContext, expected: str) -> AppView | Verdict:
    """The app, or a failed verdict that still states the guide's value for this setting."""
    app = load_app(ctx)
    return app if app is not None else missing(f"The {_app_name(str(ctx.param('label')))} ({ctx.param('api_name')})", expected)


def _app_name(label: str) -> str:
    """'ECI Connected App' as it is, 'ECI' as 'ECI app': the word app is said once."""
    return label if label.lower().endswith(" app") else f"{label} app"


def _exists_expected(params: Params, facts: OrgFacts | None) -> str:
    return f"{params['api_name']} (Connected App or External Client App)"


@check("eci_app.exists", reads=_reads, expected=_exists_expected)
def app_exists(ctx: CheckContext) -> Verdict:
    """The ECI app exists, as a Connected App or an External Client App."""
    expected = _exists_expected(ctx.params, ctx.facts)
    api_name, label = str(ctx.param("api_name")), str(ctx.param("label"))
    app = load_app(ctx)
    if app is None and _labelled(ctx):
        return Verdict(
            Status.FAIL,
            expected,
            f"a Connected App labelled {label} whose API name is not {api_name}",
            f"A Connected App is labelled {label}, but its API name is not {api_name}, the exact API name the "
            f"guide asks for. Create the ECI app with the API name {api_name} (the wizard can create it as an "
            "External Client App), then delete the other app once nothing uses it.",
        )
    if app is None:
        return Verdict(
            Status.FAIL,
            expected,
            MISSING,
            "The ECI app does not exist yet. New Connected Apps can no longer be created, so the wizard "
            "can create an External Client App with the guide's settings.",
        )
    note = " (an External Client App, which replaces Connected Apps)" if app.kind == EXTERNAL_CLIENT_APP else ""
    relabelled = f" Its label is {app.label}, not the guide's {label}; the API name is what must match." if app.label != label else ""
    return passed(expected, f"{app.api_name} — {app.kind}", f"The ECI app exists{note}.{relabelled}")


def _callback_expected(params: Params, facts: OrgFacts | None) -> str:
    return f"{my_domain_of(facts)}/services/authcallback/{params['auth_provider']}"


@check("eci_app.callback_url", reads=_reads, expected=_callback_expected)
def callback_url(ctx: CheckContext) -> Verdict:
    """The callback URL is the auth provider's, not the guide's placeholder."""
    expected = _callback_expected(ctx.params, ctx.facts)
    app = _app_or_missing(ctx, expected)
    if isinstance(app, Verdict):
        return app
    observed = list(app.callback_urls)
    if any(DUMMY_CALLBACK_HOST in url for url in observed):
        return failed(expected, observed, "The callback URL is still the placeholder; replace it with the auth provider's callback URL.")
    if any(url.rstrip("/").lower() == expected.lower() for url in observed):
        return passed(expected, observed, "The callback URL matches the ECI auth provider's callback URL.")
    return failed(expected, observed, "The callback URL does not match the ECI auth provider's callback URL.")


def _scopes_expected(params: Params, facts: OrgFacts | None) -> str:
    return shown(list(params.get("scopes", [])))


@check("eci_app.scopes", reads=_reads, expected=_scopes_expected)
def scopes(ctx: CheckContext) -> Verdict:
    """The OAuth scopes, compared after Salesforce's own normalisation."""
    expected = _scopes_expected(ctx.params, ctx.facts)
    app = _app_or_missing(ctx, expected)
    if isinstance(app, Verdict):
        return app
    wanted = list(ctx.param("scopes", []))
    want, have = normalise_scopes(wanted), normalise_scopes(app.scopes)
    if want <= have:
        extra = sorted(have - want)
        note = f" It also grants {', '.join(extra)}, which ECI does not need." if extra else ""
        verdict = passed if not extra else warned
        return verdict(expected, list(app.scopes), f"The app has every scope ECI needs.{note}")
    return failed(expected, list(app.scopes), f"The app lacks the scope(s) {', '.join(sorted(want - have))}.")


def _secret_expected(params: Params, facts: OrgFacts | None) -> str:
    want_web, want_refresh = bool(params.get("web_server_flow", True)), bool(params.get("refresh_token_flow", True))
    return f"Web Server Flow: {selected(want_web)}; Refresh Token Flow: {selected(want_refresh)}"


@check("eci_app.require_secret", reads=_reads, expected=_secret_expected)
def require_secret(ctx: CheckContext) -> Verdict:
    """Require Secret for Web Server Flow and for Refresh Token Flow."""
    expected = _secret_expected(ctx.params, ctx.facts)
    app = _app_or_missing(ctx, expected)
    if isinstance(app, Verdict):
        return app
    observed = f"Web Server Flow: {selected(app.secret_required_web_server)}; Refresh Token Flow: {selected(app.secret_required_refresh)}"
    return compare(expected, observed, "Require Secret")


PERMITTED_USERS_LABELS = {True: "Admin approved users are pre-authorized", False: "All users may self-authorize"}


def _permitted_expected(params: Params, facts: OrgFacts | None) -> str:
    return PERMITTED_USERS_LABELS[params.get("value", "admin_approved") == "admin_approved"]


@check("eci_app.permitted_users", reads=_reads, expected=_permitted_expected)
def permitted_users(ctx: CheckContext) -> Verdict:
    """Permitted Users: Admin approved users are pre-authorized."""
    expected = _permitted_expected(ctx.params, ctx.facts)
    app = _app_or_missing(ctx, expected)
    if isinstance(app, Verdict):
        return app
    return compare(expected, PERMITTED_USERS_LABELS[app.admin_approved], "Permitted Users")


def _ip_expected(params: Params, facts: OrgFacts | None) -> str:
    want = str(params.get("value", "relax"))
    return IP_RELAXATION_LABELS.get(want, want)


@check("eci_app.ip_relaxation", reads=_reads, expected=_ip_expected)
def ip_relaxation(ctx: CheckContext) -> Verdict:
    """IP Relaxation: Relax IP restrictions."""
    expected = _ip_expected(ctx.params, ctx.facts)
    app = _app_or_missing(ctx, expected)
    if isinstance(app, Verdict):
        return app
    return compare(expected, IP_RELAXATION_LABELS.get(app.ip_relaxation, app.ip_relaxation), "IP Relaxation")


def _policy_expected(params: Params, facts: OrgFacts | None) -> str:
    return RefreshPolicy(str(params.get("value", "expire_after")), params.get("amount"), params.get("unit")).label()


@check("eci_app.refresh_token_policy", reads=_reads, expected=_policy_expected)
def refresh_token_policy(ctx: CheckContext) -> Verdict:
    """Refresh Token Policy: expire refresh token after 365 days."""
    expected = _policy_expected(ctx.params, ctx.facts)
    app = _app_or_missing(ctx, expected)
    if isinstance(app, Verdict):
        return app
    return compare(expected, app.refresh_policy.label(), "Refresh Token Policy")


def _profiles_expected(params: Params, facts: OrgFacts | None) -> str:
    return shown(list(params.get("recommended", [])))


@check("eci_app.profiles", reads=_reads, expected=_profiles_expected)
def profiles(ctx: CheckContext) -> Verdict:
    """Profiles given access (admin-approved apps only reach users through them)."""
    expected = _profiles_expected(ctx.params, ctx.facts)
    app = _app_or_missing(ctx, expected)
    if isinstance(app, Verdict):
        return app
    recommended = list(ctx.param("recommended", []))
    have = list(app.profiles)
    if not have:
        return failed(expected, "(no profiles)", "No profile has access to the app, so no user can use it.")
    lacking = [p for p in recommended if p not in have]
    if lacking:
        return warned(expected, have, f"The guide recommends also giving access to: {shown(lacking)}.")
    return passed(expected, have, "The recommended profiles have access to the app.")
