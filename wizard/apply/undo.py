"""Undo last change: put the org back as the newest backup describes, then re-check.

Restores what the backup holds (`wizard.apply.restore`), removes what the wizard created, marks
the backup ``undone`` (so the next undo goes one step further back) and re-checks the guide's
fixable settings. An undo that stops partway (an API limit, a dropped connection) raises
`UndoStopped` with what it had already put back and leaves the backup as it was, so the same
undo again continues it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from wizard.apply.backup import Backup, BackupStore
from wizard.apply.door import touched_guide
from wizard.apply.errors import UndoStopped, read_stopped, undo_error
from wizard.apply.model import UndoResult
from wizard.apply.ops import Ops
from wizard.apply.restore import Restored, restore
from wizard.engine.changes import AppliedChange
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.guides.schema import Guide
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.verify import verify_guide

#: Backups undo can act on (an undone or rolled-back one is already back where it started).
UNDOABLE = ("complete", "interrupted", "started", "failed")
#: How the report tells an undo's entries from the changes they take back.
UNDO_PREFIX = "Undo: "


def undo_last(
    conn: OrgConnection,
    facts: OrgFacts,
    guide: Guide | None = None,
    store: BackupStore | None = None,
    reverify: bool = True,
) -> UndoResult:
    """Restore what the newest backup of this org holds and remove what the wizard created."""
    store = store or BackupStore()
    backup = store.latest(facts.org_id, UNDOABLE)
    if backup is None:
        raise LookupError(f"There is no change to undo for {facts.name}: the wizard has no backup of this org.")
    ops = Ops(conn)
    done = Restored()
    try:
        restore(ops, backup, done)
    except Exception as exc:  # the backup stays open: the same undo again continues it
        raise UndoStopped(backup.id, undo_error(exc), done.restored, done.removed) from exc
    backup.status = "undone"
    backup.notes.append("Undone.")
    store.save(backup)
    results: tuple[CheckResult, ...] = ()
    if reverify and guide is not None:
        results = _recheck(conn, facts, guide, backup, done)
    return UndoResult(
        backup_id=backup.id,
        restored=tuple(done.restored),
        removed=tuple(done.removed),
        notes=tuple(done.notes),
        results=results,
        writes=ops.writes,
    )


def _recheck(conn: OrgConnection, facts: OrgFacts, guide: Guide, backup: Backup, done: Restored) -> tuple[CheckResult, ...]:
    """The guide's fixable settings checked again. The undo has finished (its backup is marked
    undone), so a check that cannot run is a note, not a failure: "run the undo again" would
    then take back the change before this one."""
    sub = touched_guide(guide, set(_settings_of(backup, guide)))
    if not sub.pages:
        return ()
    try:
        return verify_guide(conn, sub, facts).results
    except Exception as exc:
        done.notes.append(f"The undo finished, but the settings could not be checked again ({read_stopped(exc)}); check them again later.")
        return ()


def _settings_of(backup: Backup, guide: Guide) -> list[tuple[str, str]]:
    """The guide's fixable settings (undo re-checks every one a fix could have touched)."""
    del backup
    return [(p.id, s.id) for p, s in guide.settings() if s.fix]


def undo_entries(undone: UndoResult, earlier: Sequence[AppliedChange], by: str, at: datetime) -> list[AppliedChange]:
    """An undo as the report records changes: it wrote to the org too, so it is listed.

    Each change of the undone backup recorded earlier in this session is listed reversed (after →
    before); an undo of a backup from another session lists what it put back or removed by name.
    """
    mine = [c for c in earlier if c.backup_id == undone.backup_id and not c.setting.startswith(UNDO_PREFIX)]
    if mine:
        return [AppliedChange(target=c.target, setting=f"{UNDO_PREFIX}{c.setting}", before=c.after, after=c.before,
                              at=at, by=by, backup_id=undone.backup_id) for c in mine]
    put_back = [AppliedChange(target=name, setting=f"{UNDO_PREFIX}put back as before the wizard's change",
                              before="as the wizard left it", after="as before", at=at, by=by, backup_id=undone.backup_id)
                for name in undone.restored]
    removed = [AppliedChange(target=name, setting=f"{UNDO_PREFIX}removed (the wizard had created it)",
                             before="present", after="(removed)", at=at, by=by, backup_id=undone.backup_id)
               for name in undone.removed]
    return put_back + removed
