"""Undo last change: put the org back as the newest backup describes, then re-check.

Restores what the backup holds (`wizard.apply.restore`), removes what the wizard created, marks
the backup ``undone`` (so the next undo goes one step further back) and re-checks the guide's
fixable settings.
"""

from __future__ import annotations

from wizard.apply.backup import Backup, BackupStore
from wizard.apply.door import touched_guide
from wizard.apply.model import UndoResult
from wizard.apply.ops import Ops
from wizard.apply.restore import restore
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.guides.schema import Guide
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.verify import verify_guide

#: Backups undo can act on (an undone or rolled-back one is already back where it started).
UNDOABLE = ("complete", "interrupted", "started", "failed")


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
    done = restore(ops, backup)
    backup.status = "undone"
    backup.notes.append("Undone.")
    store.save(backup)
    results: tuple[CheckResult, ...] = ()
    if reverify and guide is not None:
        settings = {(ref[0], ref[1]) for ref in _settings_of(backup, guide)}
        sub = touched_guide(guide, settings)
        if sub.pages:
            results = verify_guide(conn, sub, facts).results
    return UndoResult(
        backup_id=backup.id,
        restored=tuple(done.restored),
        removed=tuple(done.removed),
        notes=tuple(done.notes),
        results=results,
        writes=ops.writes,
    )


def _settings_of(backup: Backup, guide: Guide) -> list[tuple[str, str]]:
    """The guide's fixable settings (undo re-checks every one a fix could have touched)."""
    del backup
    return [(p.id, s.id) for p, s in guide.settings() if s.fix]
