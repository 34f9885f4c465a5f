"""The ECI app: update an existing Connected App, or create an External Client App.

Since Spring '26 customers cannot create Connected Apps, so when the org has no ECI app the
wizard creates an External Client App (ExternalClientApplication plus its OAuth settings, global
OAuth settings and OAuth policies) with the guide's settings. If the admin asks for a Connected
App (``app_kind="connected_app"``, for orgs where Support re-enabled creation) and Salesforce
refuses with ``FUNCTIONALITY_NOT_ENABLED``, the wizard says so and creates the External Client
App instead. An existing app is updated in place; callback URLs, scopes and profiles the admin
added are kept, only the placeholder callback URL is replaced.

A new app gets a consumer secret the wizard generates: it goes to the keyring first, then into
the create call, so the auth provider can be given the same secret without the e-mail
verification Setup asks for when someone wants to see it.
"""

from __future__ import annotations

import secrets as pysecrets
from dataclasses import dataclass
from typing import Any

from wizard.apply.errors import ApplyError
from wizard.apply.executors.app_settings import (
    AppWanted,
    connected_app_fields,
    differs,
    eca_components,
    eca_names,
    merge,
    shown_settings,
    wanted_from_guide,
)
from wizard.apply.executors.base import Draft, ExecContext, PlanContext, state_of
from wizard.apply.model import ApplyInputs, ComponentState, Outcome
from wizard.apply.targets import FixTarget
from wizard.checks.app_view import (
    EXTERNAL_CLIENT_APP,
    AppView,
    connected_app_read,
    from_connected_app,
    from_external_client_app,
)
from wizard.checks.common import MISSING
from wizard.checks.eci_app import load_app
from wizard.checks.registry import CheckContext
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import DeferredRead, MetadataRead, Read, SoqlRead, soql_literal
from wizard.engine.snapshot import ReadFailed

#: The checks of the app's settings, in the order the guide lists them.
SETTING_CHECKS = (
    "eci_app.callback_url",
    "eci_app.scopes",
    "eci_app.require_secret",
    "eci_app.permitted_users",
    "eci_app.ip_relaxation",
    "eci_app.refresh_token_policy",
    "eci_app.profiles",
)
#: Which ECA component holds which setting.
ECA_HOLDS = {
    "ExtlClntAppOauthSettings": ("eci_app.scopes",),
    "ExtlClntAppGlobalOauthSettings": ("eci_app.callback_url", "eci_app.require_secret"),
    "ExtlClntAppOauthConfigurablePolicies": ("eci_app.permitted_users", "eci_app.ip_relaxation", "eci_app.refresh_token_policy", "eci_app.profiles"),
}
#: Each ECA component in the admin's words, for the report's list of changes (its type name is
#: Salesforce's, which no Setup page shows).
ECA_PART_NAMES = {
    "ExternalClientApplication": "the External Client App itself",
    "ExtlClntAppOauthSettings": "its OAuth scopes",
    "ExtlClntAppGlobalOauthSettings": "its callback URL, consumer key and secret",
    "ExtlClntAppOauthConfigurablePolicies": "its OAuth policies (permitted users, IP relaxation, refresh token)",
}
REFUSED_NOTE = (
    "Salesforce refused to create a Connected App (FUNCTIONALITY_NOT_ENABLED): since Spring '26 new "
    "Connected Apps cannot be created. The wizard created an External Client App with the same "
    "settings instead; ECI works with it the same way."
)


@dataclass(frozen=True)
class EcaPartsResolver:
    """After the External Client App itself was read: its scopes and policies, only when it exists."""

    api_name: str

    def __call__(self, components: list[dict[str, Any]]) -> tuple[MetadataRead, ...]:
        if not components:
            return ()
        names = eca_names(self.api_name)
        return tuple(MetadataRead(mtype, (names[mtype],)) for mtype in ("ExtlClntAppOauthSettings", "ExtlClntAppOauthConfigurablePolicies"))


def eca_view(api_name: str, befores: dict[str, dict[str, Any] | None]) -> tuple[AppView | None, set[str]]:
    """The External Client App as its settings parts hold it, and the checks whose part is missing.

    An app whose creation stopped halfway has some parts and not others: the settings of the
    parts that exist are compared (and updated), those of a missing part are created. The view
    is None when no settings part exists.
    """
    missing = {check for mtype, held in ECA_HOLDS.items() if befores.get(mtype) is None for check in held}
    if all(befores.get(mtype) is None for mtype in ECA_HOLDS):
        return None, missing
    view = from_external_client_app(api_name, befores.get("ExtlClntAppGlobalOauthSettings") or {},
                                    befores.get("ExtlClntAppOauthSettings"), befores.get("ExtlClntAppOauthConfigurablePolicies"))
    return view, missing


def secret_name(api_name: str) -> str:
    """The keyring name of the app's consumer secret."""
    return f"{api_name}/consumer_secret"


def current_user_read(facts: OrgFacts) -> SoqlRead:
    return SoqlRead(f"SELECT Id, Username, Email FROM User WHERE Id = {soql_literal(facts.user_id)}")


class EciAppExecutor:
    fix = "eci_app"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return [current_user_read(facts)]

    def reads_after(self, target: FixTarget, ctx: PlanContext) -> list[Read]:
        """When the verification found no app by the guide's API name: the External Client App itself,
        and then its other parts. An app whose creation stopped before its global OAuth settings
        exists in part, and the plan must preview only what is left (one read on an org without the
        app). A Connected App with that API name, whatever its label, is the app: nothing to add."""
        api_name = target.key
        try:
            if ctx.snapshot.component("ExtlClntAppGlobalOauthSettings", eca_names(api_name)["ExtlClntAppGlobalOauthSettings"]) is not None:
                return []
            if ctx.snapshot.component("ConnectedApp", api_name) is not None:
                return []
        except (KeyError, ReadFailed):  # not read, or unreadable: the plan goes by the guide, the apply reads again
            return []
        return [DeferredRead(after=MetadataRead("ExternalClientApplication", (api_name,)), resolve=EcaPartsResolver(api_name))]

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        api_name = target.key
        label = str(target.any_param("label") or api_name)
        checks = [c for c in SETTING_CHECKS if c in target.checks]
        wanted = wanted_from_guide(target, ctx.facts.my_domain_url)
        try:
            current = load_app(CheckContext(ctx.snapshot, {"api_name": api_name, "label": label}))
        except Exception:  # a read that failed: plan as the guide says, the apply reads again
            current = None
        users = ctx.rows(current_user_read(ctx.facts))
        email = str((users[0].get("Email") if users else None) or ctx.facts.username)
        payload = {"api_name": api_name, "label": label, "email": email, "wanted": wanted.to_json(), "checks": checks, "app_kind": ctx.inputs.app_kind}
        if current is None or current.kind == EXTERNAL_CLIENT_APP:
            befores = {mtype: ctx.component(mtype, name) for mtype, name in eca_names(api_name).items()}
            if any(before is not None for before in befores.values()):
                return self._plan_eca(target, befores, wanted, checks, payload)
        if current is None:
            kind = "Connected App" if ctx.inputs.app_kind == "connected_app" else "External Client App"
            draft = Draft(f"Create the ECI app {api_name} ({kind})", f"{kind} {api_name}", payload=payload, creates=True)
            draft.change(target, "eci_app.exists", target.label("eci_app.exists", api_name), MISSING, f"{label} ({api_name}), {kind}", "create")
            desired = shown_settings(wanted)
            for check in checks:
                draft.change(target, check, target.label(check, check), MISSING, desired[check], "create")
            draft.notes.append(
                "New Connected Apps can no longer be created (Spring '26); the wizard sets up an External Client App "
                "with the guide's settings" + (" if Salesforce refuses the Connected App." if ctx.inputs.app_kind == "connected_app" else ".")
            )
            if ctx.rows(connected_app_read(label)):
                draft.notes.append(
                    f"A Connected App labelled {label} already exists, but its API name is not {api_name}. The new app "
                    f"gets the API name {api_name}, the exact name the guide asks for; delete the other app once nothing uses it."
                )
            return draft
        merged = merge(wanted, current, set(checks))
        draft = Draft(f"Update the ECI app {api_name} ({current.kind})", f"{current.kind} {api_name}", payload=payload)
        now, then = shown_settings(current), shown_settings(merged)
        for check in checks:
            if differs(check, merged, current):
                draft.change(target, check, target.label(check, check), now[check], then[check])
        return draft

    @staticmethod
    def _plan_eca(target: FixTarget, befores: dict[str, dict[str, Any] | None], wanted: AppWanted, checks: list[str],
                  payload: dict[str, Any]) -> Draft:
        """An External Client App, whole or in part: its missing parts are created, the settings of
        the parts that exist are updated where they differ (what `_write_eca` writes)."""
        api_name = payload["api_name"]
        view, missing = eca_view(api_name, befores)
        merged = merge(wanted, view, set(checks) | missing)
        parts = [mtype for mtype in ECA_HOLDS if befores.get(mtype) is None]
        verb = "Finish creating" if parts else "Update"
        draft = Draft(f"{verb} the ECI app {api_name} ({EXTERNAL_CLIENT_APP})", f"{EXTERNAL_CLIENT_APP} {api_name}", payload=payload,
                      creates=befores.get("ExtlClntAppGlobalOauthSettings") is None)  # a new consumer key and secret
        now, then = (shown_settings(view) if view is not None else {}), shown_settings(merged)
        for check in checks:
            if check in missing:
                draft.change(target, check, target.label(check, check), MISSING, then[check], "create")
            elif view is not None and differs(check, merged, view):
                draft.change(target, check, target.label(check, check), now[check], then[check])
        if parts and not any(change.action == "create" for change in draft.changes):  # no checked setting says it
            draft.change(target, "eci_app.exists", target.label("eci_app.exists", api_name),
                         f"{api_name} without {' and '.join(ECA_PART_NAMES[m] for m in parts)}",
                         f"{payload['label']} ({api_name}), {EXTERNAL_CLIENT_APP}", "create")
        return draft

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        api_name = payload["api_name"]
        app = ctx.ops.md_read("ConnectedApp", [api_name])[api_name]
        if app is not None:
            return [ComponentState(api="metadata", type="ConnectedApp", name=api_name, before=app)]
        states = []
        if payload.get("app_kind") == "connected_app":
            states.append(ComponentState(api="metadata", type="ConnectedApp", name=api_name, before=None))
        for mtype, name in eca_names(api_name).items():
            states.append(ComponentState(api="metadata", type=mtype, name=name, before=ctx.ops.md_read(mtype, [name])[name]))
        return states

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        api_name = payload["api_name"]
        wanted = AppWanted.from_json(payload["wanted"])
        checks = set(payload.get("checks") or [])
        existing = state_of(states, "metadata", "ConnectedApp", api_name)
        if existing is not None and existing.before is not None:
            return self._update_connected_app(ctx, payload, wanted, checks, existing.before)
        befores = {s.type: s.before for s in states if s.type != "ConnectedApp"}
        if befores.get("ExternalClientApplication") is None and payload.get("app_kind") == "connected_app":
            outcome = self._try_connected_app(ctx, payload, wanted)
            if outcome is not None:
                return outcome
            refused = Outcome(notes=[REFUSED_NOTE])
            return self._write_eca(ctx, payload, wanted, checks, befores, refused)
        return self._write_eca(ctx, payload, wanted, checks, befores, Outcome())

    # -- Connected App -------------------------------------------------------------------------------
    def _update_connected_app(self, ctx: ExecContext, payload: dict[str, Any], wanted: AppWanted, checks: set[str], before: dict[str, Any]) -> Outcome:
        outcome = Outcome()
        api_name = payload["api_name"]
        current = from_connected_app(api_name, before)
        merged = merge(wanted, current, checks)
        changed = [c for c in SETTING_CHECKS if c in checks and differs(c, merged, current)]
        if not changed:
            return outcome
        component = f"Connected App {api_name}"
        comp = connected_app_fields(merged, before, api_name, payload["label"], payload["email"])
        ctx.ops.md_write("update", "ConnectedApp", [comp], component)
        now, then = shown_settings(current), shown_settings(merged)
        outcome.applied += [ctx.applied(component, c, now[c], then[c]) for c in changed]
        return outcome

    def _try_connected_app(self, ctx: ExecContext, payload: dict[str, Any], wanted: AppWanted) -> Outcome | None:
        """Create a Connected App; None when the org refuses (the caller creates an ECA)."""
        api_name = payload["api_name"]
        component = f"Connected App {api_name}"
        comp = connected_app_fields(wanted, {}, api_name, payload["label"], payload["email"])
        comp["oauthConfig"]["consumerSecret"] = self._new_secret(ctx, api_name)
        try:
            ctx.ops.md_write("create", "ConnectedApp", [comp], component)
        except ApplyError as exc:
            if exc.code == "FUNCTIONALITY_NOT_ENABLED":
                return None
            raise
        outcome = Outcome()
        outcome.applied.append(ctx.applied(component, "app", MISSING, f"{payload['label']} ({api_name})"))
        return outcome

    # -- External Client App ---------------------------------------------------------------------------
    def _write_eca(
        self,
        ctx: ExecContext,
        payload: dict[str, Any],
        wanted: AppWanted,
        checks: set[str],
        befores: dict[str, dict[str, Any] | None],
        outcome: Outcome,
    ) -> Outcome:
        api_name = payload["api_name"]
        component = f"External Client App {api_name}"
        current, missing = eca_view(api_name, befores)
        merged = merge(wanted, current, checks | missing)
        comps = eca_components(merged, befores, api_name, payload["label"], payload["email"])
        for mtype, comp in comps.items():
            if befores.get(mtype) is None:
                if mtype == "ExtlClntAppGlobalOauthSettings":
                    comp["consumerSecret"] = self._new_secret(ctx, api_name)
                ctx.ops.md_write("create", mtype, [comp], f"{component} ({mtype})")
                outcome.applied.append(ctx.applied(component, ECA_PART_NAMES.get(mtype, mtype), MISSING, "created"))
                continue
            holds = [c for c in ECA_HOLDS.get(mtype, ()) if c in checks]
            changed = [c for c in holds if current is not None and differs(c, merged, current)]
            if changed:
                ctx.ops.md_write("update", mtype, [comp], f"{component} ({mtype})")
                assert current is not None
                now, then = shown_settings(current), shown_settings(merged)
                outcome.applied += [ctx.applied(component, c, now[c], then[c]) for c in changed]
        return outcome

    @staticmethod
    def _new_secret(ctx: ExecContext, api_name: str) -> str:
        """A fresh consumer secret, stored in the keyring before it is sent anywhere."""
        value = pysecrets.token_hex(32).upper()
        ctx.secrets.put(secret_name(api_name), value)
        return value
