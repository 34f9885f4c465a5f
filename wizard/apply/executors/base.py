"""What every fix executor provides, and the contexts it is given.

An executor knows one kind of Salesforce component. `plan` compares the guide's desired values
with what the verification read (pure: no network) and says what would change, as `Change`s
plus an executor payload that holds no secret. `states` reads the component as it is right now
(for the backup, before any write). `apply` writes only what still differs, so running it again,
or after an interruption, finishes the job without duplicates. An executor may also have
`reads_after(target, ctx)`: reads it decides on from what was read (see `wizard.apply.door`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from wizard.apply.model import (
    ApplyInputs,
    ComponentState,
    InputNeed,
    ManualAction,
    Outcome,
    SecretNeed,
)
from wizard.apply.ops import Ops
from wizard.apply.secret_source import SecretSource
from wizard.apply.targets import FixTarget
from wizard.checks.common import MISSING, shown
from wizard.engine.changes import AppliedChange, Change
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read, SoqlRead
from wizard.engine.snapshot import OrgSnapshot, ReadFailed


@dataclass
class PlanContext:
    """What planning may look at: the verification's snapshot, the org, the admin's choices."""

    facts: OrgFacts
    snapshot: OrgSnapshot
    inputs: ApplyInputs
    secrets: SecretSource
    #: (fix, key) of targets planned earlier in this plan that will create their component.
    creating: set[tuple[str, str]] = field(default_factory=set)

    def rows(self, read: SoqlRead) -> list[dict[str, Any]]:
        """A query's rows; [] when it was not read or could not be."""
        try:
            return self.snapshot.records(read)
        except (KeyError, ReadFailed):
            return []

    def component(self, mtype: str, name: str) -> dict[str, Any] | None:
        try:
            return self.snapshot.component(mtype, name)
        except (KeyError, ReadFailed):
            return None


@dataclass
class Draft:
    """An executor's plan for one target."""

    title: str
    component: str  # e.g. "NamedCredential Aircall"
    changes: list[Change] = field(default_factory=list)
    payload: dict[str, Any] = field(default_factory=dict)
    secrets_needed: list[SecretNeed] = field(default_factory=list)
    inputs_needed: list[InputNeed] = field(default_factory=list)
    manual: list[ManualAction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    creates: bool = False

    def change(
        self,
        target: FixTarget,
        check: str,
        setting: str,
        current: Any,
        desired: Any,
        action: str = "update",
        secret: bool = False,
    ) -> None:
        """Add one current -> desired line, named as the guide names the setting."""
        ids = tuple(s.setting_id for s in target.settings if s.check == check)
        self.changes.append(
            Change(
                target=self.component,
                setting=setting,
                action=action,  # type: ignore[arg-type]
                current=MISSING if current is MISSING else shown(current),
                desired=shown(desired),
                secret=secret,
                fix_name=target.fix,
                check_ids=ids,
            )
        )


@dataclass
class ExecContext:
    """What applying may use: the org's reads and writes, secrets, choices, the backup hook."""

    ops: Ops
    facts: OrgFacts
    secrets: SecretSource
    inputs: ApplyInputs
    record: Callable[[list[ComponentState]], None]  # saved to the backup file before the write
    backup_id: str | None = None
    #: Every change stamped by `applied`, in order: the door keeps those of a step that stops
    #: halfway (its `Outcome` never comes back), so a write Salesforce accepted is always reported.
    made: list[AppliedChange] = field(default_factory=list)

    def applied(self, component: str, setting: str, before: Any, after: Any) -> AppliedChange:
        """An `AppliedChange` for the report, stamped now and by the signed-in user.

        Call it only once Salesforce has accepted the write: the change is kept (`made`) for the
        report even when a later write of the same step stops the apply.
        """
        change = AppliedChange(
            target=component,
            setting=setting,
            before=shown(before),
            after=shown(after),
            at=datetime.now(UTC),
            by=self.facts.username,
            backup_id=self.backup_id,
        )
        self.made.append(change)
        return change


class Executor(Protocol):
    """One kind of component: plan (pure), read the current state, apply what differs."""

    fix: str

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]: ...

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft: ...

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]: ...

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome: ...


def state_of(states: list[ComponentState], api: str, mtype: str, name: str) -> ComponentState | None:
    """The recorded state of one component, if any."""
    return next((s for s in states if (s.api, s.type, s.name) == (api, mtype, name)), None)
