"""Undo last change: put the org back as the newest backup describes, then re-check.

Restores what the backup holds (`wizard.apply.restore`), removes what the wizard created, marks
the backup ``undone`` (so the next undo goes one step further back) and re-checks the guide's
fixable settings. An undo that stops partway (an API limit, a dropped connection) raises
`UndoStopped` with what it had already put back and leaves the backup as it was, so the same
undo again continues it.

Before writing, undo asks Salesforce when each component the fix touched was last changed
(listMetadata's FileProperties: lastModifiedDate, lastModifiedByName) and compares it with the
date Salesforce gave right after the fix (`wizard.apply.component_dates`). One changed or deleted
since was edited by hand or by another tool: putting the backup back would silently throw that
edit away, so undo refuses with `LaterChanges` (naming each one, when and by whom) unless the
caller passes those very changes as `overwrite` after a separate confirmation. A component whose
type Salesforce will not list is named in the result, with what undo did with it: undo could not
compare it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from wizard.apply import component_dates
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


@dataclass(frozen=True)
class LaterChange:
    """A component the fix touched that was changed (or deleted) again after the fix ended."""

    label: str  # "<type> <name>", as undo's other messages name components
    at: datetime | None  # None: deleted since the fix
    by: str

    def text(self) -> str:
        if self.at is None:
            return f"{self.label} (deleted after the fix)"
        who = f" by {self.by}" if self.by else ""
        return f"{self.label} (changed {self.at:%Y-%m-%d %H:%M UTC}{who})"


class LaterChanges(Exception):
    """Undo would overwrite changes made in the org after the fix; nothing was undone."""

    def __init__(self, org: str, fixed: datetime, changes: Sequence[LaterChange]) -> None:
        self.org, self.fixed, self.changes = org, fixed, tuple(changes)
        items = "; ".join(c.text() for c in self.changes)
        super().__init__(
            f"Nothing was undone. {len(self.changes)} item(s) the wizard's last fix changed in {org} "
            f"were changed again after that fix ({fixed:%Y-%m-%d %H:%M UTC}): {items}. Undo would put them back "
            "as they were before the fix and throw those later changes away."
        )


@dataclass(frozen=True)
class Comparison:
    """What undo learnt before writing: the later changes, and the components it could not compare."""

    changes: list[LaterChange]
    uncompared: list[str]  # labels of components whose type Salesforce would not list
    created: frozenset[str] = frozenset()  # those of `uncompared` the fix created (undo removes them)

    def note(self, done: Restored) -> str | None:
        """The undo result's line about `uncompared` once undo has run, or None.

        It says per component what undo did, since "put back" is wrong for one the fix created
        (undo removes it) and a later edit is lost differently in each case. A component whose
        fate `restore` notes itself (a media provider switched off instead of removed, a record
        gone since the fix) is left to that note, so the admin reads it once.
        """
        if not self.uncompared:
            return None
        mine = [label for label in self.uncompared if label not in self.created]
        made = [label for label in self.uncompared if label in self.created]
        untouched = set(done.unchanged)
        said = [f"Salesforce would not list {_names(self.uncompared)} for your user, so the wizard could not tell "
                f"whether {_they(self.uncompared)} {_was(self.uncompared)} changed after the fix."]
        if restored := [label for label in mine if label in done.restored]:
            said.append(f"{_names(restored)} {_was(restored)} put back as {_they(restored)} {_was(restored)} before the "
                        f"fix, which overwrote any change made to {_them(restored)} after the fix; check {_them(restored)} "
                        f"in Setup if someone may have edited {_them(restored)} since.")
        if removed := [label for label in made if label in done.removed]:
            said.append(f"{_names(removed)} {_was(removed)} removed, because the fix had created {_them(removed)}; "
                        f"any change made to {_them(removed)} after the fix went with {_them(removed)}.")
        if same := [label for label in mine if label in untouched]:
            said.append(f"{_names(same)} {_was(same)} already as before the fix, so undo did not change {_them(same)}.")
        if gone := [label for label in made if label in untouched]:
            said.append(f"{_names(gone)} {_was(gone)} already gone, so undo had nothing to remove.")
        return " ".join(said)


def _names(labels: Sequence[str]) -> str:
    """Labels as a sentence lists them: "A", "A and B", "A, B and C"."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _they(labels: Sequence[str]) -> str:
    return "it" if len(labels) == 1 else "they"


def _them(labels: Sequence[str]) -> str:
    return "it" if len(labels) == 1 else "them"


def _was(labels: Sequence[str]) -> str:
    return "was" if len(labels) == 1 else "were"


def fix_ended(backup: Backup, store: BackupStore) -> datetime:
    """When the fix last wrote to the org, by this computer's clock.

    The backup file is saved right after the fix's last write (also when it stopped partway, which
    records no change times), and again when an undo stops partway; so its modification time is
    the end, with the times recorded inside it as a floor. Only components without a stamp (see
    `later_changes`) are compared with it.
    """
    times = [backup.started, *(c.at for c in backup.changes)]
    if backup.finished is not None:
        times.append(backup.finished)
    with contextlib.suppress(OSError):
        times.append(datetime.fromtimestamp(store.path(backup).stat().st_mtime, UTC))
    return max(t if t.tzinfo else t.replace(tzinfo=UTC) for t in times)


def later_changes(conn: OrgConnection, backup: Backup, since: datetime) -> Comparison:
    """The components of `backup` changed in the org after the fix: Metadata components, and the
    records that are components too (`component_dates.LISTED_RECORDS`: auth providers, named
    credentials, media providers).

    A component the apply stamped (`Backup.stamps`, Salesforce's own date right after the fix)
    changed later when Salesforce's date is now later than that, or when it is gone though it
    existed before the fix (undo would create it again). An earlier date is no edit (Salesforce's
    dates only move forward in one org); the demo org started afresh for ``undo --demo`` shows one. Without a stamp (the listing after the apply failed, or
    a backup from before stamps were kept), the date is compared with `since`, the end of the fix
    by this computer's clock, cut to its second since Salesforce keeps whole seconds.
    """
    wanted = {component: f"{component[0]} {component[1]}" for component in component_dates.touched(backup.entries)}
    existed = {(e.type, e.name) for e in backup.entries if e.before is not None}
    if not wanted:
        return Comparison([], [])
    listing = component_dates.list_components(conn, (t for t, _ in wanted))
    cutoff = since.astimezone(UTC).replace(microsecond=0)
    found: list[LaterChange] = []
    uncompared: list[str] = []
    for component, label in wanted.items():
        if component[0] in listing.unlisted:
            uncompared.append(label)
            continue
        now = listing.found.get(component)
        stamped = backup.stamps.get(component_dates.key(*component))
        if stamped is not None:
            if now is None and component in existed:
                found.append(LaterChange(label, None, ""))
            elif now is not None and now.at > stamped:
                found.append(LaterChange(label, now.at, now.by))
        elif now is not None and now.at > cutoff:
            found.append(LaterChange(label, now.at, now.by))
    created = frozenset(label for component, label in wanted.items() if component not in existed)
    return Comparison(sorted(found, key=lambda c: c.label), sorted(uncompared), created & frozenset(uncompared))


def _unaccepted(found: Iterable[LaterChange], overwrite: Iterable[LaterChange] | bool) -> list[LaterChange]:
    """The later changes the admin has not agreed to overwrite: ``True`` agrees to all of them;
    a list agrees to exactly those (a component changed once more since the question is asked about again)."""
    if overwrite is True:
        return []
    accepted = set() if overwrite is False else set(overwrite)
    return [c for c in found if c not in accepted]


def undo_last(
    conn: OrgConnection,
    facts: OrgFacts,
    guide: Guide | None = None,
    store: BackupStore | None = None,
    reverify: bool = True,
    overwrite: Iterable[LaterChange] | bool = False,
) -> UndoResult:
    """Restore what the newest backup of this org holds and remove what the wizard created.

    Raises `LaterChanges` before writing anything when a component was changed after the fix,
    unless `overwrite` is True or holds exactly those changes (the admin agreed separately).
    """
    store = store or BackupStore()
    backup = store.latest(facts.org_id, UNDOABLE)
    if backup is None:
        raise LookupError(f"There is no change to undo for {facts.name}: the wizard has no backup of this org.")
    fixed = fix_ended(backup, store)
    try:
        compared = later_changes(conn, backup, fixed)
    except Exception as exc:  # nothing written yet: the same undo again starts afresh
        raise UndoStopped(backup.id, undo_error(exc)) from exc
    found = compared.changes
    if _unaccepted(found, overwrite):
        raise LaterChanges(facts.name, fixed, found)
    ops = Ops(conn)
    done = Restored()
    if found:
        done.notes.append("Overwritten as you agreed, though changed after the fix: "
                          + "; ".join(c.text() for c in found) + ".")
    first_own_note = len(done.notes)  # the note on what was not compared comes before restore's own notes
    try:
        restore(ops, backup, done)
    except Exception as exc:  # the backup stays open: the same undo again continues it
        if ops.writes:  # its file's time now tells when the wizard last wrote (see `fix_ended`)
            backup.stamps = {}  # the stamps were of the fix; this undo's own writes must not read as later edits
            backup.notes.append(f"An undo stopped partway on {datetime.now(UTC):%Y-%m-%d %H:%M UTC}.")
            with contextlib.suppress(Exception):
                store.save(backup)
        raise UndoStopped(backup.id, undo_error(exc), done.restored, done.removed) from exc
    if note := compared.note(done):
        done.notes.insert(first_own_note, note)
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
