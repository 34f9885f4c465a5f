"""Auth providers over REST: ECI's Salesforce-type provider and RingCentral's OpenID Connect one.

The ECI provider takes the ECI app's consumer key (read from the app at the moment of writing,
so an app created a moment earlier works) and the app's consumer secret from the keyring.
RingCentral's takes the client ID and secret from the keyring and the authorize / token / user
info endpoints of the environment the admin chose. The consumer secret can only be set when the
provider is created, so an existing provider keeps its secret and only the other fields change.
"""

from __future__ import annotations

from typing import Any

from wizard.apply.errors import error_for
from wizard.apply.executors.base import Draft, ExecContext, PlanContext, state_of
from wizard.apply.executors.eci_app import secret_name as app_secret_name
from wizard.apply.model import ApplyInputs, ComponentState, ManualAction, Outcome, SecretNeed
from wizard.apply.ops import soql_quote
from wizard.apply.targets import FixTarget
from wizard.checks.app_view import ECA_GLOBAL_SUFFIX
from wizard.checks.auth_provider import AUTH_PROVIDERS, ENDPOINT_FIELDS, OPTION_FIELDS
from wizard.checks.common import MISSING, normalise_scopes, url_equal
from wizard.checks.eci_app import load_app
from wizard.checks.registry import CheckContext
from wizard.engine.changes import SECRET_PLACEHOLDER
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read

SOBJECT = "AuthProvider"
READ_FIELDS = (
    "DeveloperName", "FriendlyName", "ProviderType", "ConsumerKey", "AuthorizeUrl", "TokenUrl", "UserInfoUrl",
    "DefaultScopes", "OptionsSendAccessTokenInHeader", "OptionsSendClientCredentialsInHeader", "OptionsSendSecretInApis",
)  # fmt: skip
CONSUMER_DETAILS_PAGE = "/lightning/setup/NavigationMenus/home"


def pick_environment(environments: dict[str, dict[str, str]], chosen: str) -> tuple[str, dict[str, str]] | None:
    """The endpoints of the chosen environment (or the only one offered)."""
    if not environments:
        return None
    if len(environments) == 1 or chosen not in environments:
        name = next(iter(environments))
        return name, environments[name]
    return chosen, environments[chosen]


def desired_fields(target: FixTarget, inputs: ApplyInputs) -> dict[str, Any]:
    """REST field -> value the guide asks for (without the consumer key and secret)."""
    fields: dict[str, Any] = {}
    if "auth_provider.exists" in target.checks:
        fields["FriendlyName"] = target.param("auth_provider.exists", "friendly_name")
        fields["ProviderType"] = target.param("auth_provider.exists", "provider_type")
    if target.param("auth_provider.scopes", "scopes"):
        fields["DefaultScopes"] = target.param("auth_provider.scopes", "scopes")
    chosen = pick_environment(target.param("auth_provider.endpoints", "environments", {}) or {}, inputs.environment)
    if chosen is not None:
        for key, url in chosen[1].items():
            fields[ENDPOINT_FIELDS[key][0]] = url
    for key, value in (target.checks.get("auth_provider.options") or {}).items():
        if key in OPTION_FIELDS:
            fields[OPTION_FIELDS[key][0]] = bool(value)
    return fields


def field_label(field: str) -> str:
    """A REST field as Setup labels it."""
    labels = {v[0]: v[1] for v in (*ENDPOINT_FIELDS.values(), *OPTION_FIELDS.values())}
    labels.update(FriendlyName="Name", ProviderType="Provider Type", DefaultScopes="Default Scopes", ConsumerKey="Consumer Key")
    return labels.get(field, field)


def _same(field: str, a: Any, b: Any) -> bool:
    if field in ("AuthorizeUrl", "TokenUrl", "UserInfoUrl"):
        return url_equal(a, b) or (not a and not b)
    if field == "DefaultScopes":
        return normalise_scopes(a) == normalise_scopes(b)
    if field.startswith("Options"):
        return bool(a) == bool(b)
    return a == b


class AuthProviderExecutor:
    fix = "auth_provider"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return [AUTH_PROVIDERS]

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        name = target.key
        app_name = target.param("auth_provider.consumer_key", "app_api_name")
        fields = desired_fields(target, ctx.inputs)
        key_secret = None if app_name else f"{name}/consumer_key"
        secret = app_secret_name(app_name) if app_name else f"{name}/consumer_secret"
        payload = {"name": name, "fields": fields, "app_api_name": app_name, "key_secret": key_secret, "secret": secret, "settings": target.refs()}
        component = f"Auth provider {name}"
        row = next((r for r in ctx.rows(AUTH_PROVIDERS) if r.get("DeveloperName") == name), None)
        key_label = target.label("auth_provider.consumer_key", "Consumer Key")
        key_desired = f"the consumer key of {app_name}" if app_name else SECRET_PLACEHOLDER
        if row is None:
            draft = Draft(f"Create the auth provider {name}", component, payload=payload, creates=True)
            what = f"{fields.get('FriendlyName')} ({name}), type {fields.get('ProviderType')}"
            draft.change(target, "auth_provider.exists", target.label("auth_provider.exists", name), MISSING, what, "create")
            draft.change(target, "auth_provider.consumer_key", key_label, MISSING, key_desired, "create", secret=not app_name)
            draft.change(target, "auth_provider.consumer_key", "Consumer Secret", MISSING, SECRET_PLACEHOLDER, "create", secret=True)
            for field, value in fields.items():
                if field not in ("FriendlyName", "ProviderType"):
                    draft.change(target, self._check_of(field), field_label(field), MISSING, value, "create")
            self._needs(draft, target, ctx, key_secret, secret, app_name)
            return draft
        draft = Draft(f"Update the auth provider {name}", component, payload=payload)
        for field, value in fields.items():
            if not _same(field, row.get(field), value):
                draft.change(target, self._check_of(field), field_label(field), row.get(field), value)
        if app_name:
            app_key = self._app_key_from_snapshot(ctx, app_name)
            creating_app = ("eci_app", app_name) in ctx.creating
            if creating_app or (app_key and row.get("ConsumerKey") != app_key):
                draft.change(target, "auth_provider.consumer_key", key_label, "a different key" if row.get("ConsumerKey") else None, key_desired)
        elif key_secret and (known := ctx.secrets.get(key_secret)) and known != row.get("ConsumerKey"):
            draft.change(target, "auth_provider.consumer_key", key_label, SECRET_PLACEHOLDER if row.get("ConsumerKey") else None, SECRET_PLACEHOLDER, secret=True)
        elif key_secret and not row.get("ConsumerKey"):
            draft.change(target, "auth_provider.consumer_key", key_label, None, SECRET_PLACEHOLDER, secret=True)
            draft.secrets_needed.append(self._key_need(target, key_secret))
        return draft

    @staticmethod
    def _check_of(field: str) -> str:
        if field == "DefaultScopes":
            return "auth_provider.scopes"
        if field in ("AuthorizeUrl", "TokenUrl", "UserInfoUrl"):
            return "auth_provider.endpoints"
        if field.startswith("Options"):
            return "auth_provider.options"
        return "auth_provider.exists"

    @staticmethod
    def _app_key_from_snapshot(ctx: PlanContext, app_name: str) -> str | None:
        try:
            app = load_app(CheckContext(ctx.snapshot, {"api_name": app_name, "label": "ECI Connected App"}))
        except Exception:
            return None
        return app.consumer_key if app else None

    def _needs(self, draft: Draft, target: FixTarget, ctx: PlanContext, key_secret: str | None, secret: str, app_name: str | None) -> None:
        if key_secret and not ctx.secrets.has(key_secret):
            draft.secrets_needed.append(self._key_need(target, key_secret))
        if ctx.secrets.has(secret) or (app_name and ("eci_app", app_name) in ctx.creating):
            return
        if app_name:
            where = (
                f"Setup > App Manager > {app_name} > View > Manage Consumer Details for a Connected App; for an "
                f"External Client App, open {app_name} in the External Client App Manager and find the key and secret "
                "in its OAuth settings. Salesforce e-mails you a verification code before it shows the secret."
            )
            draft.secrets_needed.append(SecretNeed(name=secret, label=f"Consumer secret of {app_name}", where=where, setup_page=CONSUMER_DETAILS_PAGE))
            draft.manual.append(ManualAction(title=f"Read the consumer secret of {app_name}", do=where, setup_page=CONSUMER_DETAILS_PAGE, setting_id="eci-app.consumer-details"))
        else:
            draft.secrets_needed.append(SecretNeed(name=secret, label=f"Consumer secret for the {target.key} auth provider (your app's client secret)", where=self._console(target)))

    def _key_need(self, target: FixTarget, key_secret: str) -> SecretNeed:
        return SecretNeed(name=key_secret, label=f"Consumer key for the {target.key} auth provider (your app's client ID)", where=self._console(target))

    @staticmethod
    def _console(target: FixTarget) -> str:
        urls = [p.console_url for p in target.pages.values() if p.console_url]
        return f"The app's credentials in the provider's developer console ({urls[0]})." if urls else "The provider's developer console."

    # -- apply ---------------------------------------------------------------------------------------
    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        name = payload["name"]
        rows = ctx.ops.query(f"SELECT Id, {', '.join(READ_FIELDS)} FROM {SOBJECT} WHERE DeveloperName = {soql_quote(name)}")
        row = rows[0] if rows else None
        before = {k: row.get(k) for k in READ_FIELDS} if row else None
        return [ComponentState(api="rest", type=SOBJECT, name=name, record_id=row["Id"] if row else None, before=before)]

    def _consumer_key(self, ctx: ExecContext, payload: dict[str, Any]) -> str | None:
        app_name = payload.get("app_api_name")
        if app_name:
            app = ctx.ops.md_read("ConnectedApp", [app_name])[app_name]
            if app is not None:
                return (app.get("oauthConfig") or {}).get("consumerKey")
            glob = ctx.ops.md_read("ExtlClntAppGlobalOauthSettings", [app_name + ECA_GLOBAL_SUFFIX])[app_name + ECA_GLOBAL_SUFFIX]
            return (glob or {}).get("consumerKey")
        return ctx.secrets.get(payload["key_secret"]) if payload.get("key_secret") else None

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        outcome = Outcome()
        name, fields = payload["name"], dict(payload["fields"])
        component = f"Auth provider {name}"
        state = state_of(states, "rest", SOBJECT, name)
        key = self._consumer_key(ctx, payload)
        if state is None or state.before is None:
            if not key:
                raise error_for("REQUIRED_FIELD_MISSING", "Consumer Key", component)
            values = {"DeveloperName": name, **fields, "ConsumerKey": key}
            secret = ctx.secrets.get(payload["secret"])
            if secret:
                values["ConsumerSecret"] = secret
            ctx.ops.create(SOBJECT, values, component)
            outcome.applied.append(ctx.applied(component, "auth provider", MISSING, f"{fields.get('FriendlyName')} ({name})"))
            return outcome
        before = state.before
        changes = {f: v for f, v in fields.items() if not _same(f, before.get(f), v)}
        if key and before.get("ConsumerKey") != key:
            changes["ConsumerKey"] = key
        if not changes:
            return outcome
        ctx.ops.update(SOBJECT, str(state.record_id), changes, component)
        for field, value in changes.items():
            if field == "ConsumerKey":  # shown by where it comes from, never as the value
                app_name = payload.get("app_api_name")
                after = f"the consumer key of {app_name}" if app_name else SECRET_PLACEHOLDER
                outcome.applied.append(ctx.applied(component, "Consumer Key", "a different key" if before.get(field) else None, after))
            else:
                outcome.applied.append(ctx.applied(component, field_label(field), before.get(field), value))
        return outcome
