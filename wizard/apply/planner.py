"""From a verification to a plan: one `ChangePlan` per component, current -> desired.

Only targets with a failed (or warned) setting are planned, and each executor lists only what
differs, so an org that matches the guide gets an empty plan. Desired values come from the
guide's params exactly as written; values that depend on the org (its My Domain URL for the ECI
named credential and for the callback URL the app must point back to) come from `OrgFacts`.
Planning is pure: it looks at the verification's snapshot plus the few extra rows the planning
reads fetched (who holds a permission set, the admin's e-mail), never at the network.

A setting the verification could not read ("Could not check") is never planned: the wizard does
not write blind. Nor can what depends on it be planned soundly (the auth provider copies the ECI
app's consumer key; the guest user's permission sets need the site), so such a setting makes the
plan incomplete: the plan lists it (`GuidePlan.unread`) and the door refuses to apply the plan
(`IncompletePlan`) until a check reads it.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.apply.errors import MissingInputs
from wizard.apply.executors import EXECUTORS
from wizard.apply.executors.base import PlanContext
from wizard.apply.model import (
    ApplyInputs,
    GuidePlan,
    InputNeed,
    ManualAction,
    SecretNeed,
    UnreadSetting,
)
from wizard.apply.secret_source import SecretSource
from wizard.apply.targets import FixTarget, targets_for
from wizard.apply.user_refs import names_users
from wizard.engine.changes import ChangePlan
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read
from wizard.engine.results import CheckResult, Status
from wizard.engine.snapshot import OrgSnapshot
from wizard.guides.schema import Guide

#: Results that call for a fix (an error means the setting could not be read: no blind writes).
FIXABLE = (Status.FAIL, Status.WARN)


class IncompletePlan(MissingInputs):
    """The plan covers settings that could not be read, so it is incomplete; nothing was written.

    A kind of `MissingInputs` (what is missing is the current value of those settings) so that
    every caller that refuses a plan lacking inputs before writing refuses this one the same way.
    """

    def __init__(self, unread: Iterable[UnreadSetting]) -> None:
        self.unread = tuple(unread)
        Exception.__init__(self, incomplete_text(self.unread))
        self.needs = []


def incomplete_text(unread: Iterable[UnreadSetting]) -> str:
    """Why an incomplete plan is not applied, and what to do (one sentence per fact)."""
    what = "; ".join(f"{u.label} ({u.reason.rstrip('.')})" for u in unread)
    return (f"The plan is incomplete: these settings could not be read: {what}. The wizard does not change what it "
            "could not read, nor what depends on it. Check again once the org answers: an apply starts only when "
            "every setting it covers was read. If a read keeps failing for the same reason, put right what it names, "
            "or fix the other settings one page or one fix at a time: a fix is held back only by a setting of its own "
            "that could not be read.")


def unread_settings(targets: list[FixTarget], results: Iterable[CheckResult]) -> tuple[UnreadSetting, ...]:
    """The settings of `targets` the verification could not read, in guide order."""
    errors = {(r.page_id, r.check_id): r for r in results if r.status == Status.ERROR}
    found: dict[tuple[str, str], UnreadSetting] = {}
    for target in targets:
        for ref in target.settings:
            result = errors.get((ref.page_id, ref.setting_id))
            if result is not None:
                reason = result.message or result.observed or "it could not be read"
                found.setdefault((ref.page_id, ref.setting_id), UnreadSetting(
                    page_id=ref.page_id, setting_id=ref.setting_id, label=result.setting or ref.label, reason=reason))
    return tuple(found.values())


def needing_fix(targets: list[FixTarget], results: Iterable[CheckResult], inputs: ApplyInputs | None = None) -> list[FixTarget]:
    """The targets with at least one setting the verification found wanting, plus those that give
    a permission set to users the admin named (see `gives_to_named_users`)."""
    wanting = {(r.page_id, r.check_id) for r in results if r.status in FIXABLE}
    return [t for t in targets if any((s.page_id, s.setting_id) in wanting for s in t.settings) or gives_to_named_users(t, inputs)]


def gives_to_named_users(target: FixTarget, inputs: ApplyInputs | None) -> bool:
    """Whether `target` assigns a permission set to "your users" and the admin named them.

    The verification passes as soon as anyone holds the set (the admin, say), so it cannot tell
    whether the named users do: without this their choice would be dropped unchecked and unseen.
    """
    return inputs is not None and "permission_set.assigned" in target.checks and names_users(inputs)


def planning_reads(targets: list[FixTarget], facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
    """The extra reads the executors want before planning (merged into one read plan)."""
    reads: list[Read] = []
    for target in targets:
        reads += EXECUTORS[target.fix].planning_reads(target, facts, inputs)
    return reads


def merge_snapshots(first: OrgSnapshot, second: OrgSnapshot) -> OrgSnapshot:
    """One snapshot holding both (the later read wins where both read the same thing)."""
    return OrgSnapshot(
        facts=first.facts,
        queries={**first.queries, **second.queries},
        components={**first.components, **second.components},
        metadata_failures={**first.metadata_failures, **second.metadata_failures},
        fetched_at=second.fetched_at,
        requests=first.requests + second.requests,
    )


def build_plan(
    guide: Guide,
    facts: OrgFacts,
    targets: list[FixTarget],
    snapshot: OrgSnapshot,
    inputs: ApplyInputs,
    secrets: SecretSource,
    unread: Iterable[UnreadSetting] = (),
) -> GuidePlan:
    """Plan every target (in run order) against the snapshot; empty plans are left out.

    `unread`: the covered settings that could not be read (the plan then says it is incomplete).
    """
    ctx = PlanContext(facts=facts, snapshot=snapshot, inputs=inputs, secrets=secrets)
    plans: list[ChangePlan] = []
    secrets_needed: dict[str, SecretNeed] = {}
    inputs_needed: dict[str, InputNeed] = {}
    manual: dict[str, ManualAction] = {}
    notes: dict[str, None] = {}
    for target in targets:
        draft = EXECUTORS[target.fix].plan(target, ctx)
        if draft.creates:
            ctx.creating.add((target.fix, target.key))
        notes.update(dict.fromkeys(draft.notes))
        if not draft.changes:
            continue
        for need in draft.secrets_needed:
            secrets_needed.setdefault(need.name, need)
        for need_input in draft.inputs_needed:
            inputs_needed.setdefault(need_input.name, need_input)
        for action in draft.manual:
            manual.setdefault(action.title, action)
        payload = {**draft.payload, "fix": target.fix, "key": target.key, "component": draft.component, "settings": target.refs()}
        plans.append(
            ChangePlan(
                title=draft.title,
                org_name=facts.name,
                production=not facts.is_sandbox,
                changes=tuple(draft.changes),
                payload=payload,
            )
        )
    return GuidePlan(
        guide_id=guide.id,
        org=facts,
        plans=tuple(plans),
        secrets_needed=tuple(secrets_needed.values()),
        inputs_needed=tuple(inputs_needed.values()),
        manual=tuple(manual.values()),
        notes=tuple(notes),
        unread=tuple(unread),
    )


def select_targets(
    guide: Guide,
    results: Iterable[CheckResult],
    include: Iterable[tuple[str, str]] | None = None,
    only_fixes: Iterable[str] | None = None,
    inputs: ApplyInputs | None = None,
) -> list[FixTarget]:
    """The targets to plan: those of the chosen settings (or fixes) that need a fix.

    Settings named in `include` are planned whatever the verification said of them (a page the
    runner left to the provider side, for one); the executors still list only what differs.
    """
    targets = targets_for(guide, include=include, only_fixes=only_fixes)
    return targets if include is not None else needing_fix(targets, results, inputs)


def unread_in(
    guide: Guide,
    results: Iterable[CheckResult],
    include: Iterable[tuple[str, str]] | None = None,
    only_fixes: Iterable[str] | None = None,
) -> tuple[UnreadSetting, ...]:
    """The settings the chosen fixes cover that could not be read (see `unread_settings`)."""
    return unread_settings(targets_for(guide, include=include, only_fixes=only_fixes), results)
