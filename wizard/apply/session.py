"""The small, Qt-free API the window calls for "Fix it for me" and "Undo last change".

The window keeps one `FixSession` per connected org and guide. Everything here may block on the
network, so the window runs it on a worker and passes `progress` / `cancel` through::

    session = FixSession(connection, guide, facts)
    if can_fix(setting):
        plan = session.plan_for((page.id, setting.id))     # or a page id, or None = guide
        for need in plan.secrets_needed:                          # ask with a password field
            session.store_secret(need.name, typed_value)
        result = session.apply(plan, confirmation=typed_org_name, progress=cb, cancel=event)
    session.undo_last()

`plan.manual` lists what only a person can do (with the Setup page to open); the window opens
it and calls `plan_for` again afterwards to re-check.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.apply import bulk_assign
from wizard.apply.backup import BackupStore
from wizard.apply.door import (
    AssignUsersStopped,
    Cancel,
    Progress,
    apply_plan,
    assign_users,
    plan_guide,
)
from wizard.apply.executors import EXECUTORS
from wizard.apply.model import ApplyInputs, ApplyResult, GuidePlan, UndoResult
from wizard.apply.ops import Ops
from wizard.apply.secret_source import SecretSource
from wizard.apply.undo import UNDOABLE, undo_last
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.guides.schema import Guide, SettingSpec
from wizard.salesforce.connection import OrgConnection

Selection = tuple[str, str] | str | None


def can_fix(setting: SettingSpec | CheckResult) -> bool:
    """Whether the wizard can write this setting itself (shows the "Fix it for me" button)."""
    name = setting.fix if isinstance(setting, SettingSpec) else (setting.fix.fix_name if setting.fix else None)
    return bool(name) and name in EXECUTORS


class FixSession:
    """Plans, applies and undoes fixes for one guide on one connected org."""

    def __init__(
        self,
        connection: OrgConnection,
        guide: Guide,
        facts: OrgFacts,
        inputs: ApplyInputs | None = None,
        store: BackupStore | None = None,
    ) -> None:
        self.connection = connection
        self.guide = guide
        self.facts = facts
        self.inputs = inputs or ApplyInputs()
        self.secrets = SecretSource.for_org(facts)
        self.store = store or BackupStore()

    def _include(self, selection: Selection) -> list[tuple[str, str]] | None:
        if selection is None:
            return None
        if isinstance(selection, tuple):
            return [selection]
        page = self.guide.page(selection)
        return [(page.id, s.id) for s in page.settings]

    def plan_for(self, selection: Selection = None) -> GuidePlan:
        """The plan for one setting ``(page id, setting id)``, one page (its id) or the whole guide.

        The org is read again, so the plan reflects it as it is now (after a manual step too).
        """
        return plan_guide(self.connection, self.guide, self.facts, self.inputs, self.secrets, include=self._include(selection))

    def store_secret(self, name: str, value: str) -> bool:
        """Keep a value the plan asked for; True when it went to the keyring (else this session only)."""
        return self.secrets.put(name, value)

    def apply(
        self,
        plan: GuidePlan,
        confirmation: str | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ApplyResult:
        """Back up, write, re-check (see `wizard.apply.door.apply_plan` for what it raises)."""
        return apply_plan(self.connection, self.guide, plan, confirmation, self.inputs, self.secrets, progress, cancel, self.store)

    def can_undo(self) -> bool:
        """Whether there is a change of this org the wizard can undo."""
        return self.store.latest(self.facts.org_id, UNDOABLE) is not None

    def undo_last(self) -> UndoResult:
        """Restore the newest backup and re-check the guide's fixable settings."""
        return undo_last(self.connection, self.facts, self.guide, self.store)

    # -- the searchable user list and bulk assignment -----------------------------------------------
    def search_users(self, text: str, limit: int = 50) -> list[dict]:
        return bulk_assign.search_users(Ops(self.connection), text, limit)

    def users_of_profile(self, profile: str) -> list[dict]:
        return bulk_assign.users_of_profile(Ops(self.connection), profile)

    def assign(
        self,
        permission_set: str,
        user_ids: Iterable[str],
        confirmation: str | None = None,
        progress: bulk_assign.Progress | None = None,
        cancel: bulk_assign.Cancel | None = None,
    ) -> bulk_assign.BulkResult:
        """Assign a permission set (API name or label) to many users, through the door (backed
        up, undoable; a production org needs its name as `confirmation`).

        A stop partway raises `AssignUsersStopped`: its `result` holds the users assigned before
        the stop, and its `message` says so in the window's words (how many were assigned, how
        many were not, that assigning again finishes it, and how to undo).
        """
        ops = Ops(self.connection)
        found = bulk_assign.find_permission_set(ops, permission_set)
        if found is None:
            raise LookupError(str(bulk_assign.permission_set_refusal(ops, permission_set, self.facts.name)))
        try:
            result, _backup = assign_users(self.connection, self.facts, found, user_ids, confirmation, progress, cancel, self.store)
        except AssignUsersStopped as exc:
            exc.message = exc.text(undo=f"Backed up as {exc.backup_id}: Wizard → Undo the last fix takes back every assignment "
                                        "this run made.")
            raise
        return result
