"""Put an org back as a backup describes: restore what changed, remove what the wizard created.

Entries are undone newest first, so a named credential goes before the auth provider it uses and
an External Client App's settings before the app. Each entry is compared with the org as it is
now and only what differs is written, so undoing twice (or after a partial undo) is safe.
Credential identifiers and secrets are not in backups, so they are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from wizard.apply import bulk_assign
from wizard.apply.backup import MASKED, Backup
from wizard.apply.errors import ApplyError
from wizard.apply.ops import Ops, soql_quote

#: Elements Salesforce does not take back in an update (read only, or set only at creation).
NOT_SENT = {"CustomSite": ("guestProfile", "subdomain")}
MEDIA = "CallCoachingMediaProvider"


@dataclass
class Restored:
    """What an undo did with each component, by label ("<type> <name>"), so its result can say it.

    `unchanged` holds those it wrote nothing to, since the org already matched the backup (already
    as before the fix, or already gone when the fix had created them): undo's note on components it
    could not compare says per component what became of each (`wizard.apply.undo.Comparison`).
    """

    restored: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _sendable(mtype: str, comp: dict[str, Any]) -> dict[str, Any]:
    """A backed-up component as an update may send it (no masks, no read-only elements)."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v != MASKED}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    out = clean(comp)
    for key in NOT_SENT.get(mtype, ()):
        out.pop(key, None)
    return out


def _covers(now: Any, before: Any) -> bool:
    """Whether the org's value already holds everything the backup holds."""
    if isinstance(before, dict):
        return isinstance(now, dict) and all(_covers(now.get(k), v) for k, v in before.items())
    return now == before


def restore(ops: Ops, backup: Backup, done: Restored | None = None) -> Restored:
    """Undo what `backup` records; raises `ApplyError` when Salesforce refuses.

    Pass `done` to keep what was put back even when it raises partway (an undo that stops says so).
    """
    done = done if done is not None else Restored()
    assignments: dict[str, list[str]] = defaultdict(list)
    for entry in reversed(backup.entries):
        label = f"{entry.type} {entry.name}"
        if entry.api == "assignment":
            ps_id, _, user_id = entry.name.partition(":")
            assignments[ps_id].append(user_id)
            continue
        if assignments:  # assignments go before the site or permission set they depend on
            _remove_assignments(ops, assignments, done)
        if entry.api == "metadata":
            _restore_metadata(ops, entry.type, entry.name, entry.before, label, done)
        else:
            _restore_record(ops, entry.api == "tooling", entry.type, entry.name, entry.before, label, done)
    if assignments:
        _remove_assignments(ops, assignments, done)
    return done


def _restore_metadata(ops: Ops, mtype: str, name: str, before: dict[str, Any] | None, label: str, done: Restored) -> None:
    now = ops.md_read(mtype, [name])[name]
    if before is None:
        if now is not None:
            ops.md_delete(mtype, [name], label)
            done.removed.append(label)
        else:
            done.unchanged.append(label)
        return
    if now is not None and _covers(now, _sendable(mtype, before)):
        done.unchanged.append(label)
        return
    ops.md_write("update" if now is not None else "create", mtype, [_sendable(mtype, before)], label)
    done.restored.append(label)


def _name_field(sobject: str) -> str:
    return "ProviderName" if sobject == MEDIA else "DeveloperName"


def _restore_record(ops: Ops, tooling: bool, sobject: str, name: str, before: dict[str, Any] | None, label: str, done: Restored) -> None:
    fields = [k for k in (before or {}) if k != _name_field(sobject)]
    select = ", ".join(["Id", *fields]) if fields else "Id"
    rows = ops.query(f"SELECT {select} FROM {sobject} WHERE {_name_field(sobject)} = {soql_quote(name)}", tooling=tooling)
    now = rows[0] if rows else None
    if before is None:
        if now is None:
            done.unchanged.append(label)
            return
        if sobject == MEDIA:
            _remove_media_provider(ops, now["Id"], name, label, done)
        else:
            ops.delete(sobject, now["Id"], label, tooling=tooling)
            done.removed.append(label)
        return
    if now is None:
        done.notes.append(f"{label} no longer exists, so it could not be restored; create it again in Setup if you need it.")
        return
    changes = {k: v for k, v in before.items() if k in fields and v != MASKED and now.get(k) != v}
    if changes:
        ops.update(sobject, now["Id"], changes, label, tooling=tooling)
        done.restored.append(label)
    else:
        done.unchanged.append(label)


def _remove_media_provider(ops: Ops, record_id: str, name: str, label: str, done: Restored) -> None:
    """The record has no REST delete; remove it as a Metadata component, else switch it off."""
    listed = ops.md_list(MEDIA)
    full_name = next((p.get("fullName") for p in listed if str(p.get("id", ""))[:15] == record_id[:15]), None)
    try:
        if full_name is None:
            raise ApplyError("NOT_FOUND", "", "", "")
        ops.md_delete(MEDIA, [full_name], label)
        done.removed.append(label)
    except ApplyError:
        ops.update(MEDIA, record_id, {"IsActive": False}, label)
        done.restored.append(label)
        done.notes.append(f"{label} cannot be deleted in this org, so it was switched off (IsActive false) instead.")


def _remove_assignments(ops: Ops, assignments: dict[str, list[str]], done: Restored) -> None:
    for ps_id, users in list(assignments.items()):
        wanted = {u[:15] for u in users}
        rows = ops.query("SELECT Id, AssigneeId, PermissionSet.Name, PermissionSet.Label FROM PermissionSetAssignment "
                         f"WHERE PermissionSetId = {soql_quote(ps_id)}")
        ids = [r["Id"] for r in rows if str(r.get("AssigneeId", ""))[:15] in wanted]
        failures = bulk_assign.remove_assignments(ops, ids)
        removed = len(ids) - len(failures)
        if removed:
            done.removed.append(f"{removed} assignment(s) of permission set {_permission_set_name(rows, ps_id)}")
        for failure in failures:
            done.notes.append(f'An assignment could not be removed: {failure.code} "{failure.message}".')
        del assignments[ps_id]



def _permission_set_name(rows: list[dict[str, Any]], ps_id: str) -> str:
    """A permission set as Setup shows it (its label, and its API name when that differs), read with
    its assignments: the backup keeps only its id, which tells the admin nothing."""
    held = next((r.get("PermissionSet") for r in rows if isinstance(r.get("PermissionSet"), dict)), None) or {}
    name, label = str(held.get("Name") or ""), str(held.get("Label") or "")
    if label and name and label != name:
        return f"{label} ({name})"
    return label or name or ps_id
