"""The ECI app: the Connected App `ECI_Connected_App`, or an External Client App with its settings.

The guides create a Connected App; since Spring '26 orgs cannot create new ones, so the wizard
accepts (and creates) an External Client App with equal settings. Which one exists is learned in
the first read round; only that one's metadata is read in the second.
"""

from __future__ import annotations

from wizard.checks.app_view import (
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


def load_app(ctx: CheckContext) -> AppView | None:
    """The ECI app as found in the snapshot, or None when the org has neither kind."""
    api_name = str(ctx.param("api_name"))
    rows = ctx.snapshot.records(connected_app_read(str(ctx.param("label"))))
    if rows:
        comp = ctx.snapshot.component("ConnectedApp", api_name)
        return from_connected_app(api_name, comp) if comp else None
    glob = ctx.snapshot.component("ExtlClntAppGlobalOauthSettings", api_name + "_glbloauth")
    if glob is None:
        return None
    return from_external_client_app(
        api_name,
        glob,
        ctx.snapshot.component("ExtlClntAppOauthSettings", api_name + "_oauth"),
        ctx.snapshot.component("ExtlClntAppOauthConfigurablePolicies", api_name + "_oauthPlcy"),
    )


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
    app = load_app(ctx)
    if app is None:
        return Verdict(
            Status.FAIL,
            expected,
            MISSING,
            "The ECI app does not exist yet. New Connected Apps can no longer be created, so the wizard "
            "can create an External Client App with the guide's settings.",
        )
    note = " (an External Client App, which replaces Connected Apps)" if app.kind == EXTERNAL_CLIENT_APP else ""
    return passed(expected, f"{app.api_name} — {app.kind}", f"The ECI app exists{note}.")


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
