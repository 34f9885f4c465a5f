"""The CallCoachingMediaProvider record that puts a recording provider on ECI's list (REST).

The sObject can be created and updated over REST but not deleted, so "create or update by
ProviderName" checks for the record first; undo removes a record the wizard created through the
Metadata API (the same record as a component), or switches it off where that is refused.
"""

from __future__ import annotations

from typing import Any

from wizard.apply.executors.base import Draft, ExecContext, PlanContext, state_of
from wizard.apply.model import ApplyInputs, ComponentState, Outcome
from wizard.apply.ops import soql_quote
from wizard.apply.targets import FixTarget
from wizard.checks.common import MISSING
from wizard.checks.media_provider import MEDIA_PROVIDERS
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read

SOBJECT = "CallCoachingMediaProvider"
FIELDS = ("ProviderName", "ProviderDescription", "IsActive")


def _description(target: FixTarget, name: str) -> str:
    """The guide's example description (a copy value), else a plain one."""
    for page in target.pages.values():
        for value in page.copy_values:
            if value.label.startswith("ProviderDescription"):
                return value.value
    return f"{name} recordings for Einstein Conversation Insights"


class MediaProviderExecutor:
    fix = "media_provider"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return [MEDIA_PROVIDERS]

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        name = target.key
        active = bool(target.param("media_provider.record", "active", True))
        component = f"CallCoachingMediaProvider {name}"
        desired = {"ProviderName": name, "IsActive": active, "ProviderDescription": _description(target, name)}
        draft = Draft(f"Register {name} as a recording provider", component, payload={"name": name, "desired": desired})
        label = target.label("media_provider.record", f"CallCoachingMediaProvider {name}")
        row = next((r for r in ctx.rows(MEDIA_PROVIDERS) if r.get("ProviderName") == name), None)
        if row is None:
            draft.creates = True
            draft.change(target, "media_provider.record", label, MISSING, f"{name}, {'active' if active else 'inactive'}", "create")
        elif bool(row.get("IsActive")) != active:
            draft.change(target, "media_provider.record", f"{label}: IsActive", bool(row.get("IsActive")), active)
        return draft

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        name = payload["name"]
        rows = ctx.ops.query(f"SELECT Id, {', '.join(FIELDS)} FROM {SOBJECT} WHERE ProviderName = {soql_quote(name)}")
        row = rows[0] if rows else None
        before = {k: row.get(k) for k in FIELDS} if row else None
        return [ComponentState(api="rest", type=SOBJECT, name=name, record_id=row["Id"] if row else None, before=before)]

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        outcome = Outcome()
        name, desired = payload["name"], payload["desired"]
        component = f"CallCoachingMediaProvider {name}"
        state = state_of(states, "rest", SOBJECT, name)
        if state is None or state.before is None:
            ctx.ops.create(SOBJECT, desired, component)
            outcome.applied.append(ctx.applied(component, "record", MISSING, f"{name}, {'active' if desired['IsActive'] else 'inactive'}"))
            return outcome
        if bool(state.before.get("IsActive")) != bool(desired["IsActive"]):
            ctx.ops.update(SOBJECT, str(state.record_id), {"IsActive": desired["IsActive"]}, component)
            outcome.applied.append(ctx.applied(component, "IsActive", state.before.get("IsActive"), desired["IsActive"]))
        return outcome
