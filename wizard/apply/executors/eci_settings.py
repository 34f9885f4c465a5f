"""The Einstein Conversation Insights switch: ConversationalIntelligenceSettings.enableCallCoaching.

Settings are one component that always exists, so the fix is a read-modify-write through the
Metadata API: the other ECI switches are sent back exactly as read, only ``enableCallCoaching``
changes.
"""

from __future__ import annotations

from typing import Any

from wizard.apply.executors.base import Draft, ExecContext, PlanContext, state_of
from wizard.apply.model import ApplyInputs, ComponentState, Outcome
from wizard.apply.targets import FixTarget
from wizard.checks.common import truthy
from wizard.checks.org import ECI_SETTINGS
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read

MTYPE, NAME = ECI_SETTINGS.mtype, ECI_SETTINGS.names[0]
COMPONENT = "Einstein Conversation Insights settings"


class EciSettingsExecutor:
    fix = "eci_settings"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return []

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        draft = Draft("Switch on Einstein Conversation Insights", COMPONENT, payload={"enable": True})
        current = truthy((ctx.component(MTYPE, NAME) or {}).get("enableCallCoaching"))
        if not current:
            label = target.label("org.eci_enabled", "Einstein Conversation Insights enabled")
            draft.change(target, "org.eci_enabled", label, "Off", "On")
        return draft

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        current = ctx.ops.md_read(MTYPE, [NAME])[NAME]
        return [ComponentState(api="metadata", type=MTYPE, name=NAME, before=current)]

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        outcome = Outcome()
        state = state_of(states, "metadata", MTYPE, NAME)
        current = dict(state.before or {}) if state else {}
        if truthy(current.get("enableCallCoaching")) == bool(payload.get("enable", True)):
            return outcome
        updated = {**current, "fullName": NAME, "enableCallCoaching": True}
        ctx.ops.md_write("update", MTYPE, [updated], COMPONENT)
        outcome.applied.append(ctx.applied(COMPONENT, "Einstein Conversation Insights", "Off", "On"))
        return outcome
