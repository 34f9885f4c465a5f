"""Write the accepted user identifiers in bulk, through the apply door, with preview and undo.

`plan_identifiers` turns the admin's accepted matches into a `GuidePlan` holding one
`ChangePlan` (one current -> desired line per user) that the door's preview prints as it prints
any fix. `apply_identifiers` runs it through the door's `apply_plan` (confirmation, production
typed confirmation, backup before the first write, writes, result), with
`UserIdentifierExecutor` doing the reads and writes: sObject Collections of 200 users per request
with ``allOrNone: false``, so one refused user never stops the others and is reported by name.
`undo_identifiers` puts every value back as the backup holds it.

Identifier backups are kept beside the door's (``backups/user-identifiers/<org id>``): the door's
own undo restores setup components by name, while these are User rows restored by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from wizard.apply.backup import USER_IDENTIFIERS, Backup, BackupStore
from wizard.apply.door import Progress, apply_plan
from wizard.apply.errors import from_save_errors, undo_error
from wizard.apply.executors import EXECUTORS
from wizard.apply.executors.base import Draft, ExecContext, PlanContext
from wizard.apply.model import (
    ApplyInputs,
    ApplyResult,
    ComponentState,
    GuidePlan,
    Outcome,
    UndoResult,
)
from wizard.apply.ops import COLLECTION_SIZE, Ops, soql_list
from wizard.apply.secret_source import SecretSource
from wizard.apply.targets import FixTarget
from wizard.checks.common import NOT_SET
from wizard.engine.changes import Change, ChangePlan
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read
from wizard.guides.schema import Guide
from wizard.paths import data_dir
from wizard.providers.voice.matching import Match, replaces_mapping
from wizard.providers.voice.user_fields import PROVIDER_NAMES, IdentifierField
from wizard.salesforce.connection import OrgConnection

FIX = "user_identifiers"
SOBJECT = "User"
UNDO_STATUSES = ("complete", "interrupted", "started", "failed")


def identifier_store(root: Any = None) -> BackupStore:
    """Where identifier backups live (beside the door's backups, in their own folder)."""
    return BackupStore(root or data_dir() / "backups" / USER_IDENTIFIERS)


def _chunks(items: Sequence[Any], size: int = COLLECTION_SIZE) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def read_values(ops: Ops, field: str, user_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """User id -> {Id, Name, Username, <field>} for the given users (200 ids per query)."""
    found: dict[str, dict[str, Any]] = {}
    ids = sorted(set(user_ids))
    for chunk in _chunks(ids):
        for row in ops.query(f"SELECT Id, Name, Username, {field} FROM User WHERE Id IN {soql_list(chunk)}"):
            found[str(row["Id"])] = row
    return found


def collection_update(ops: Ops, records: list[dict[str, Any]], target: str) -> list[dict[str, Any]]:
    """``PATCH composite/sobjects`` (allOrNone false): one SaveResult per record, in order.

    Goes through `Ops` so the door counts it as a write and explains a refused request."""
    body = {"allOrNone": False, "records": records}
    answer = ops._call(lambda sf: sf.restful("composite/sobjects", method="PATCH", json=body), target, True)
    return [dict(r) for r in answer or []]


class UserIdentifierExecutor:
    """The door executor for identifier writes (planned from accepted matches, not guide params)."""

    fix = FIX

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return []

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        """Identifiers are not planned from a guide's params: see `plan_identifiers`."""
        return Draft("Fill in user identifiers", "Users")

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        field = payload["field"]
        rows = read_values(ctx.ops, field, payload["writes"])
        return [ComponentState(api="rest", type=SOBJECT, name=uid, record_id=uid, before={field: rows.get(uid, {}).get(field)})
                for uid in payload["writes"] if uid in rows]

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        field, label = payload["field"], payload["label"]
        outcome = Outcome()
        # The states were read just before this apply (a resumed apply reads them again), so only
        # what still differs is written.
        now = {s.name: (s.before or {}).get(field) for s in states if s.type == SOBJECT}
        names = payload.get("names", {})
        pending = [(uid, value) for uid, value in payload["writes"].items() if uid in now and (now[uid] or None) != value]
        for uid in payload["writes"]:
            if uid not in now:
                outcome.notes.append(f"User {names.get(uid, uid)} no longer exists or is not visible; skipped.")
        for chunk in _chunks(pending):
            records = [{"attributes": {"type": SOBJECT}, "id": uid, field: value} for uid, value in chunk]
            answers = collection_update(ctx.ops, records, f"{label} of {len(chunk)} users")
            for (uid, value), answer in zip(chunk, answers, strict=False):
                who = names.get(uid, uid)
                if answer.get("success"):
                    outcome.applied.append(ctx.applied(f"User {who}", label, now[uid], value))
                else:
                    error = from_save_errors(list(answer.get("errors") or []), "")
                    outcome.notes.append(f"{who}: not changed. {error.text}")
        return outcome


def register() -> None:
    """Plug the executor into the door's registry (idempotent)."""
    EXECUTORS.setdefault(FIX, UserIdentifierExecutor())  # type: ignore[arg-type]


def plan_identifiers(
    guide: Guide,
    facts: OrgFacts,
    provider: str,
    field: IdentifierField,
    matches: Iterable[Match],
    writes: dict[str, str],
    setting: tuple[str, str],
) -> GuidePlan:
    """The preview: one change per user whose identifier the admin accepted and that differs."""
    matches = list(matches)
    by_id = {m.user.id: m.user for m in matches}
    changes = []
    chosen: dict[str, str] = {}
    for uid, value in writes.items():
        user = by_id.get(uid)
        if user is None or user.identifier == value:
            continue
        chosen[uid] = value
        changes.append(Change(target=f"User {user.name} ({user.username})", setting=f"{field.label} of {user.name} ({user.username})", action="update",
                              current=user.identifier or NOT_SET, desired=value, fix_name=FIX, check_ids=(setting[1],)))
    name = PROVIDER_NAMES[provider]
    plan = ChangePlan(
        title=f"Fill in the {field.label} of {len(changes)} user(s) from {name}",
        org_name=facts.name,
        production=not facts.is_sandbox,
        changes=tuple(changes),
        payload={"fix": FIX, "key": field.name, "component": "Users", "field": field.name, "label": field.label,
                 "provider": provider, "writes": chosen, "names": {uid: by_id[uid].name or by_id[uid].username for uid in chosen},
                 "settings": [list(setting)]},
    )
    notes = (f"The Voice Connector maps each {name} call to the Salesforce user whose {field.label} holds the {name} user id "
             "on the call; calls it cannot map are not processed.",)
    notes += tuple(_replacing_note(m, chosen[m.user.id], field, name) for m in matches if m.user.id in chosen and replaces_mapping(m, chosen[m.user.id]))
    return GuidePlan(guide_id=guide.id, org=facts, plans=(plan,) if changes else (), notes=notes)


def _replacing_note(match: Match, value: str, field: IdentifierField, provider_name: str) -> str:
    """Said beside the plan when a choice replaces a mapping by e-mail: the one write that undoes a right answer."""
    held = match.candidates[0]
    who = match.user.name or match.user.username
    return (f"Replaces a match by e-mail: {who}'s {field.label} {held.id} names {held.name} ({held.email}), the {provider_name} "
            f"user with the same e-mail; it becomes {value} as you chose.")


def apply_identifiers(conn: OrgConnection, guide: Guide, plan: GuidePlan, confirmation: str | None = None,
                      store: BackupStore | None = None, progress: Progress | None = None,
                      command: str | None = None) -> ApplyResult:
    """Through the door: confirmation, backup, writes, result (the caller re-checks the mapping).

    `command`: the command that was run (``eci-wizard map-users``), named where a stop says to run
    it again; None (the window) keeps the door's words.
    """
    register()
    # Re-verify is off: the door re-checks guide settings, the caller re-checks the mapping.
    return apply_plan(conn, guide, plan, confirmation, ApplyInputs(), SecretSource.for_org(plan.org), progress, None,
                      store or identifier_store(), False, command=command)


def latest_backup(facts: OrgFacts, store: BackupStore | None = None, provider: str | None = None) -> Backup | None:
    """The newest identifier backup that can be undone, of one provider when `provider` is given.

    Aircall's and RingCentral's writes share the org's backup folder; ``map-users --provider
    ringcentral --undo`` must never put back the Aircall identifiers, so the backup's guide (the
    provider's guide id) decides which provider it belongs to.
    """
    for backup in reversed((store or identifier_store()).all(facts.org_id)):
        if backup.status in UNDO_STATUSES and (provider is None or backup.guide_id == provider):
            return backup
    return None


def undo_identifiers(conn: OrgConnection, facts: OrgFacts, store: BackupStore | None = None,
                     provider: str | None = None) -> UndoResult:
    """Put back every identifier the newest identifier backup (of `provider`, if given) holds (only what differs now)."""
    store = store or identifier_store()
    backup = latest_backup(facts, store, provider)
    if backup is None:
        which = f"{PROVIDER_NAMES.get(provider, provider)} " if provider else ""
        raise LookupError(f"There is no {which}identifier change to undo for {facts.name}.")
    ops = Ops(conn)
    restored: list[str] = []
    notes: list[str] = []
    by_field: dict[str, dict[str, Any]] = {}
    for entry in backup.entries:
        if entry.api == "rest" and entry.type == SOBJECT and entry.before:
            for field, value in entry.before.items():
                by_field.setdefault(field, {})[entry.record_id or entry.name] = value
    for field, wanted in by_field.items():
        now = read_values(ops, field, wanted)
        pending = [(uid, value) for uid, value in wanted.items() if uid in now and (now[uid].get(field) or None) != (value or None)]
        for chunk in _chunks(pending):
            records = [{"attributes": {"type": SOBJECT}, "id": uid, field: value} for uid, value in chunk]
            for (uid, _value), answer in zip(chunk, collection_update(ops, records, f"Undo {field}"), strict=False):
                who = now[uid].get("Name") or uid
                if answer.get("success"):
                    restored.append(f"User {who}")
                else:
                    # An undo's own way on (`undo_error`): the apply's would write again what is taken back.
                    error = undo_error(from_save_errors(list(answer.get("errors") or []), ""))
                    notes.append(f"{who}: could not be put back. {error.text}")
    backup.status = "undone"
    backup.notes.append("Undone.")
    store.save(backup)
    return UndoResult(backup_id=backup.id, restored=tuple(restored), notes=tuple(notes), writes=ops.writes)
