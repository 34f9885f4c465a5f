"""Permission set assignments: the site guest user's two sets, and ECI (or another set) for users.

Both go through `bulk_assign` (one query for existing assignments, then collections of 200), so
assigning twice writes nothing and one refused user never stops the others. Who receives a set
the guide gives to "your users" is the admin's choice (`ApplyInputs.users` / ``profile``); without
one, the signed-in user. Users or a profile that match nobody stop the plan (`user_refs`): never
the signed-in user in their place, never a silent "0 users". Each assignment is recorded in the
backup before it is made, so undo removes exactly what the wizard added.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from wizard.apply import bulk_assign
from wizard.apply.errors import error_for, from_exception
from wizard.apply.executors.base import Draft, ExecContext, PlanContext
from wizard.apply.model import ApplyInputs, ComponentState, Outcome
from wizard.apply.ops import soql_quote
from wizard.apply.targets import FixTarget
from wizard.apply.user_refs import (
    PROFILE_NAMES,
    check_profile,
    names_users,
    split_references,
    unknown_users,
    unmatched,
)
from wizard.checks.site import GUEST_ASSIGNMENTS, SITES
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read, SoqlRead, soql_in, soql_literal

ECI_SETS = SoqlRead("SELECT Id, Name, Label, LicenseId FROM PermissionSet WHERE PermissionsCallCoachingUser = true")
ECI_HOLDERS = SoqlRead("SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsCallCoachingUser = true")
#: The ECI permission set the guides name first, preferred when the org has several.
PREFERRED_ECI_SET = "Conversation Insights for Sales"
SHOWN_USERS = 10


def sets_read(field: str, values: list[str]) -> SoqlRead:
    return SoqlRead(f"SELECT Id, Name, Label, LicenseId FROM PermissionSet WHERE {field} IN {soql_in(values)}")


def holders_read(field: str, value: str) -> SoqlRead:
    return SoqlRead(f"SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSet.{field} = {soql_literal(value)}")


def me_read(facts: OrgFacts) -> SoqlRead:
    return SoqlRead(f"SELECT Id, Username, Name, IsActive FROM User WHERE Id = {soql_literal(facts.user_id)}")


def chosen_users_reads(inputs: ApplyInputs) -> list[SoqlRead]:
    """The reads of the users the admin named (ids and usernames told apart by `user_refs`)."""
    reads = []
    ids, names = split_references(inputs.users)
    if ids:
        reads.append(SoqlRead(f"SELECT Id, Username, Name, IsActive FROM User WHERE Id IN {soql_in(ids)}"))
    if names:
        reads.append(SoqlRead(f"SELECT Id, Username, Name, IsActive FROM User WHERE Username IN {soql_in(names)}"))
    if inputs.profile:
        reads.append(profile_users_read(inputs.profile))
    return reads


def profile_users_read(profile: str) -> SoqlRead:
    """The active users of a profile (none: maybe no such profile, which `PROFILE_NAMES` tells)."""
    return SoqlRead(f"SELECT Id, Username, Name, IsActive FROM User WHERE Profile.Name = {soql_literal(profile)} AND IsActive = true")


def check_chosen_users(ctx: PlanContext) -> None:
    """Refuse (before anything is planned) users or a profile that match nobody in the org."""
    found = [u for read in chosen_users_reads(ctx.inputs) for u in ctx.rows(read)]
    missing = unmatched(ctx.inputs.users, found)
    if missing:
        raise unknown_users(missing, ctx.facts.name)
    profile = ctx.inputs.profile
    if profile and not ctx.rows(profile_users_read(profile)):  # no active user: is there such a profile at all?
        check_profile(profile, (r.get("Name") for r in ctx.rows(PROFILE_NAMES)), ctx.facts.name)


def _selector(target: FixTarget) -> tuple[str, str | None]:
    if target.key == "eci":
        return "eci", None
    kind, _, value = target.key.partition(":")
    return kind, value


def record_assignments(ctx: ExecContext, permission_set_id: str) -> Any:
    """A `before_write` hook: each assignment is in the backup (as absent) before it is made."""

    def record(user_ids: list[str]) -> None:
        ctx.record([ComponentState(api="assignment", type="PermissionSetAssignment", name=f"{permission_set_id}:{u}") for u in user_ids])

    return record


def assign(ctx: ExecContext, permission_set_id: str, label: str, names: dict[str, str]) -> Outcome:
    """Assign `permission_set_id` to the users `names` keys (id -> name), each recorded in the backup first.

    A collection request that fails stops the step, but the assignments the requests before it
    made are stamped first (`ctx.made`), so the apply's "N changes made before the stop" counts
    them; then the failure is raised for the door to explain, saying how many users were given
    the set before the stop and how many were not (the step's own notes are lost with it).
    """
    try:
        result = bulk_assign.assign_permission_set(ctx.ops, permission_set_id, list(names), before_write=record_assignments(ctx, permission_set_id))
    except bulk_assign.AssignmentStopped as exc:
        outcome_of(ctx, exc.result, label, names)
        cause = from_exception(exc.cause)
        stopped = replace(cause, todo=f"{exc.done_text(label)} {cause.todo}")  # between why and what to do
    else:
        return outcome_of(ctx, result, label, names)
    raise stopped from cause  # outside the handler: chained to the failure itself, not to the wrapper


def outcome_of(ctx: ExecContext, result: bulk_assign.BulkResult, label: str, names: dict[str, str]) -> Outcome:
    outcome = Outcome()
    component = f"Permission set {label}"
    for user_id, _assignment in result.assigned:
        outcome.applied.append(ctx.applied(component, f"assigned to {names.get(user_id, user_id)}", "not assigned", "assigned"))
    for failure in result.failed:
        outcome.notes.append(
            f"{label} could not be assigned to {names.get(failure.user_id, failure.user_id)}: "
            f'Salesforce said {failure.code}: "{failure.message}". {failure.meaning}'
        )
    if result.cancelled:
        outcome.notes.append(f"Assigning {label} was cancelled: {result.summary()}.")
    return outcome


class AssignPermissionSetExecutor:
    """A permission set (an ECI one, or one the guide names) for the signed-in or chosen users."""

    fix = "assign_permission_set"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        kind, value = _selector(target)
        reads: list[Read] = [me_read(facts)]
        if kind == "eci":
            reads += [ECI_SETS, ECI_HOLDERS]
        else:
            field = "Label" if kind == "label" else "Name"
            reads += [sets_read(field, [str(value)]), holders_read(field, str(value))]
        if "permission_set.assigned" in target.checks:
            reads += chosen_users_reads(inputs) + ([PROFILE_NAMES] if inputs.profile else [])
        return reads

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        if "permission_set.assigned" in target.checks and names_users(ctx.inputs):
            check_chosen_users(ctx)
        kind, value = _selector(target)
        if kind == "eci":
            sets = ctx.rows(ECI_SETS)
            chosen = next((s for s in sets if s.get("Label") == PREFERRED_ECI_SET), sets[0] if sets else None)
            holders = {str(r["AssigneeId"])[:15] for r in ctx.rows(ECI_HOLDERS)}
        else:
            field = "Label" if kind == "label" else "Name"
            sets = ctx.rows(sets_read(field, [str(value)]))
            chosen = sets[0] if sets else None
            holders = {str(r["AssigneeId"])[:15] for r in ctx.rows(holders_read(field, str(value)))}
        label = str((chosen or {}).get("Label") or value or "an ECI permission set")
        users = self._users(target, ctx)
        notes = self._user_notes(target, ctx, label)
        todo = [u for u in users if str(u["Id"])[:15] not in holders]
        component = f"Permission set {label}"
        draft = Draft(f"Assign {label}", component)
        draft.notes += notes
        if kind == "eci":
            draft.notes.append(bulk_assign.PROCESSING_WARNING)
        if chosen is None:
            draft.notes.append(f"The org has no permission set {value or 'that grants ECI'}; it comes with the licence or package the guide names.")
            return draft
        draft.payload = {"permission_set_id": chosen["Id"], "label": label, "users": {u["Id"]: u.get("Name") or u.get("Username") for u in todo}}
        check = "permission_set.assigned" if "permission_set.assigned" in target.checks else "user.permission_set"
        if len(todo) <= SHOWN_USERS:
            for user in todo:
                draft.change(target, check, f"Assigned to {user.get('Name') or user.get('Username')}", "not assigned", "assigned", "assign")
        elif todo:
            draft.change(target, check, f"Assigned to {len(todo)} users", f"{len(users) - len(todo)} of {len(users)} hold it", f"all {len(users)}", "assign")
        return draft

    @staticmethod
    def _users(target: FixTarget, ctx: PlanContext) -> list[dict[str, Any]]:
        me = ctx.rows(me_read(ctx.facts))
        users: dict[str, dict[str, Any]] = {}
        if "user.permission_set" in target.checks:
            users.update({str(u["Id"]): u for u in me})
        if "permission_set.assigned" in target.checks:
            chosen = [u for read in chosen_users_reads(ctx.inputs) for u in ctx.rows(read)]
            for user in chosen if names_users(ctx.inputs) else me:
                if user.get("IsActive", True):
                    users[str(user["Id"])] = user
        return list(users.values())

    @staticmethod
    def _user_notes(target: FixTarget, ctx: PlanContext, label: str) -> list[str]:
        if "permission_set.assigned" not in target.checks:
            return []
        if not names_users(ctx.inputs):
            return [f"{label} goes to you, the signed-in user; choose the users whose calls ECI should analyse to give it to them too."]
        found = [u for read in chosen_users_reads(ctx.inputs) for u in ctx.rows(read)]
        notes = [f"{u.get('Name')} is inactive; skipped." for u in found if u.get("IsActive") is False]
        if ctx.inputs.profile and not ctx.rows(profile_users_read(ctx.inputs.profile)):
            notes.append(f"No active user has the profile {ctx.inputs.profile!r}, so nobody of it gets {label}.")
        return notes

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        return []  # assignments are recorded one by one, just before they are made

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        if not payload.get("permission_set_id"):
            return Outcome()
        return assign(ctx, payload["permission_set_id"], payload["label"], dict(payload.get("users") or {}))


class GuestPermissionSetsExecutor:
    """The permission sets the VoiceConnector site's guest user needs."""

    fix = "guest_permission_sets"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        labels = list(target.param("site.guest_permission_sets", "permission_sets", []) or [])
        return [SITES, GUEST_ASSIGNMENTS, sets_read("Label", labels)] if labels else [SITES, GUEST_ASSIGNMENTS]

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        site = target.key
        labels = list(target.param("site.guest_permission_sets", "permission_sets", []) or [])
        row = next((r for r in ctx.rows(SITES) if r.get("Name") == site), None)
        guest = (row or {}).get("GuestUserId")
        held = {str((a.get("PermissionSet") or {}).get("Label")) for a in ctx.rows(GUEST_ASSIGNMENTS) if guest and a.get("AssigneeId") == guest}
        found = {s.get("Label"): s for s in ctx.rows(sets_read("Label", labels))} if labels else {}
        component = f"Guest user of {site}"
        draft = Draft(f"Give the {site} guest user its permission sets", component, payload={"site": site, "labels": labels})
        label = target.label("site.guest_permission_sets", "Permission Sets")
        for wanted in labels:
            if wanted in held:
                continue
            if wanted not in found:
                draft.notes.append(f"The permission set {wanted} is not in the org (it comes with the Voice Connector package).")
                continue
            draft.change(target, "site.guest_permission_sets", f"{label}: {wanted}", "not assigned", "assigned", "assign")
        return draft

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        return []

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        site = payload["site"]
        component = f"Guest user of {site}"
        rows = ctx.ops.query(f"SELECT Id, GuestUserId FROM Site WHERE Name = {soql_quote(site)}")
        guest = rows[0].get("GuestUserId") if rows else None
        if not guest:
            raise error_for("INVALID_CROSS_REFERENCE_KEY", f"The site {site} has no guest user", component)
        outcome = Outcome()
        for label in payload.get("labels") or []:
            ps = bulk_assign.find_permission_set(ctx.ops, label)
            if ps is None:
                outcome.notes.append(f"The permission set {label} is not in the org, so the guest user could not get it.")
                continue
            got = assign(ctx, ps["Id"], label, {guest: f"{site} guest user"})
            outcome.applied += got.applied
            outcome.notes += got.notes
        return outcome
