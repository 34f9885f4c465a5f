"""The one door every Salesforce change goes through (design principle 4 in README).

plan (current -> desired) -> preview -> confirm (a production org: its name typed) -> back up
the current state of everything touched, without secrets -> write -> read the touched settings
again and re-check them -> say what changed.

- Idempotent: a plan lists only what differs, and each executor re-reads before it writes, so a
  second apply makes no writes.
- Resumable: a dropped connection (or an exhausted API limit, an expired session, maintenance:
  anything after which no write can succeed now) leaves the backup ``interrupted``; running the
  same apply again reads what is there, creates only what is missing (by name) and continues
  the same backup, so undo still restores the org as it was before the first attempt.
- Incomplete plans: a setting the plan covers that could not be read makes the plan incomplete;
  it is never applied (`IncompletePlan`), since what was not read cannot be changed soundly.
- No backup, no write: a backup folder that cannot be written stops the apply before anything
  is read for it or written (`BackupUnwritable`).
- Refusals: when Salesforce refuses a write (permission, licence, validation, duplicate name),
  what this apply changed is put back as the backup describes, and the result carries
  Salesforce's message, what it means and what to do.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from wizard.apply import bulk_assign, component_dates
from wizard.apply.backup import Backup, BackupStore, BackupUnwritable
from wizard.apply.errors import (
    ApplyError,
    ConfirmationRequired,
    MissingInputs,
    MissingSecrets,
    from_exception,
    read_stopped,
)
from wizard.apply.executors import EXECUTORS
from wizard.apply.executors.base import ExecContext, PlanContext
from wizard.apply.model import ApplyInputs, ApplyResult, ComponentState, GuidePlan, UndoResult
from wizard.apply.ops import Ops
from wizard.apply.planner import (
    IncompletePlan,
    build_plan,
    merge_snapshots,
    planning_reads,
    select_targets,
    unread_in,
)
from wizard.apply.restore import restore
from wizard.apply.secret_source import SecretSource
from wizard.apply.targets import FixTarget
from wizard.engine.org_facts import OrgFacts
from wizard.engine.read_plan import ReadPlan
from wizard.engine.reads import Read
from wizard.engine.results import CheckResult
from wizard.engine.runner import judge
from wizard.engine.snapshot import OrgSnapshot
from wizard.guides.schema import Guide
from wizard.retry_words import retry_words
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.reader import read_snapshot
from wizard.salesforce.verify import read_guide_snapshot, verify_guide

log = logging.getLogger("wizard.apply")

#: progress(step title, steps done, steps in all)
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool] | threading.Event


def plan_guide(
    conn: OrgConnection,
    guide: Guide,
    facts: OrgFacts,
    inputs: ApplyInputs | None = None,
    secrets: SecretSource | None = None,
    results: Iterable[CheckResult] | None = None,
    snapshot: OrgSnapshot | None = None,
    include: Iterable[tuple[str, str]] | None = None,
    only_fixes: Iterable[str] | None = None,
) -> GuidePlan:
    """Read (unless a verification's snapshot is given) and plan what the guide's fixes would do."""
    inputs = inputs or ApplyInputs()
    secrets = secrets or SecretSource.for_org(facts)
    if snapshot is None:
        snapshot = read_guide_snapshot(conn, guide, facts)
        results = judge(guide, snapshot)
    elif results is None:
        results = judge(guide, snapshot)
    results = tuple(results)
    targets = select_targets(guide, results, include=include, only_fixes=only_fixes, inputs=inputs)
    extra = planning_reads(targets, facts, inputs)
    if extra:
        snapshot = merge_snapshots(snapshot, read_snapshot(conn, ReadPlan.from_reads(extra), facts))
    later = reads_after(targets, PlanContext(facts=facts, snapshot=snapshot, inputs=inputs, secrets=secrets))
    if later:
        snapshot = merge_snapshots(snapshot, read_snapshot(conn, ReadPlan.from_reads(later), facts))
    unread = unread_in(guide, results, include=include, only_fixes=only_fixes)
    return build_plan(guide, facts, targets, snapshot, inputs, secrets, unread)


def reads_after(targets: Iterable[FixTarget], ctx: PlanContext) -> list[Read]:
    """The reads an executor decides on from what was read (`reads_after`, when it has one): what
    no check reads but the plan needs, such as the parts of an app whose creation stopped halfway."""
    reads: list[Read] = []
    for target in targets:
        decide = getattr(EXECUTORS[target.fix], "reads_after", None)
        if decide is not None:
            reads += decide(target, ctx)
    return reads


def _unnamed_production() -> ConfirmationRequired:
    return ConfirmationRequired(
        "This is a production org whose name could not be read, so a change to it cannot be confirmed "
        "(the name is what confirms it). Nothing was changed. Check the connection and run again."
    )


def check_confirmation(plan: GuidePlan, confirmation: str | None) -> None:
    """A production org's changes need its name typed exactly; raises `ConfirmationRequired`.

    An org whose name is unknown can never be confirmed: an empty answer must not match it.
    """
    if not plan.production or plan.empty:
        return
    if not plan.org.name.strip():
        raise _unnamed_production()
    if confirmation is None or confirmation.strip() != plan.org.name:
        raise ConfirmationRequired(
            f"{plan.org.name} is a production org. To change it, type its name exactly as shown "
            f"({plan.org.name!r}) to confirm; what was typed does not match."
        )


def check_ready(plan: GuidePlan, secrets: SecretSource) -> None:
    """The plan is complete and every secret and choice it needs is there; raises before anything
    is written (`IncompletePlan` first: values asked for an incomplete plan would be for nothing)."""
    if plan.unread:
        raise IncompletePlan(plan.unread)
    if plan.inputs_needed:
        raise MissingInputs(list(plan.inputs_needed))
    missing = [need for need in plan.secrets_needed if not secrets.has(need.name)]
    if missing:
        raise MissingSecrets(missing)


def _cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


class _Run:
    """One apply: the backup kept up to date on disk as states are recorded."""

    def __init__(self, store: BackupStore, backup: Backup, secrets: SecretSource) -> None:
        self.store, self.backup, self.secrets = store, backup, secrets

    def save(self) -> None:
        self.store.save(self.backup, self.secrets.values_seen())

    def record(self, states: list[ComponentState]) -> None:
        added = [self.backup.add(state) for state in states]
        if any(added):
            self.save()


def apply_plan(
    conn: OrgConnection,
    guide: Guide,
    plan: GuidePlan,
    confirmation: str | None = None,
    inputs: ApplyInputs | None = None,
    secrets: SecretSource | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    store: BackupStore | None = None,
    reverify: bool = True,
    command: str | None = None,
) -> ApplyResult:
    """Back up, write, re-check. Raises `IncompletePlan` / `ConfirmationRequired` / `MissingSecrets` /
    `MissingInputs` / `BackupUnwritable` before anything is written; a refusal or a dropped
    connection comes back in the result.

    `command`: the command that was run (``eci-wizard map-users``), named where a stop's advice
    says to run it again; None keeps the apply's own words.
    """
    facts = plan.org
    inputs = inputs or ApplyInputs()
    secrets = secrets or SecretSource.for_org(facts)
    if plan.unread:  # an incomplete plan may look empty: it is refused, never called "already matches"
        raise IncompletePlan(plan.unread)
    if plan.empty:
        return ApplyResult(guide_id=guide.id, org_id=facts.org_id, notes=("The org already matches the guide; nothing was written.",))
    check_confirmation(plan, confirmation)
    check_ready(plan, secrets)
    store = store or BackupStore()
    store.check_writable(facts.org_id)  # no backup, no write: said before anything is read or written
    run = _Run(store, store.begin(facts.org_id, facts.name, facts.username, guide.id), secrets)
    continued = store.path(run.backup).exists()  # an interrupted apply's backup, which this run finishes
    ops = Ops(conn)
    ctx = ExecContext(ops=ops, facts=facts, secrets=secrets, inputs=inputs, record=run.record, backup_id=run.backup.id)
    steps = [p for p in plan.plans if not p.empty]
    notes: list[str] = []
    applied = []
    error: ApplyError | None = None
    # The step under way, the writes accepted before it, and how many changes were stamped before it.
    current, written_before, made_before = None, 0, 0
    cancelled = False
    try:
        states: dict[int, list[ComponentState]] = {}
        for index, step in enumerate(steps):  # back up everything before the first write
            states[index] = EXECUTORS[step.payload["fix"]].states(ctx, step.payload)
            for state in states[index]:
                run.backup.add(state)
        run.backup.stamps = {}  # an earlier run's stamps no longer hold once this one writes
        run.save()
        for index, step in enumerate(steps):
            if _cancelled(cancel):
                notes.append(rerun_advice(retry_words().fill("Cancelled: the rest of the plan was not applied. {Again} to finish it."),
                                          command))
                run.backup.status = "interrupted"
                cancelled = True
                break
            if progress:
                progress(step.title, index, len(steps))
            current, written_before, made_before = step.title, ops.accepted_writes, len(ctx.made)
            log.info("applying %s", step.title)
            outcome = EXECUTORS[step.payload["fix"]].apply(ctx, step.payload, states[index])
            current = None
            applied += outcome.applied
            notes += outcome.notes
            run.backup.changes += outcome.applied
            run.save()
        else:
            run.backup.status = "complete"
            if progress:
                progress("done", len(steps), len(steps))
    except BackupUnwritable as exc:
        if not (ops.accepted_writes or ops.unanswered_writes):
            raise  # before this run's first write: nothing was changed, as its message says
        # The folder broke mid-run: stop writing, and put back what this run changed (a refusal's way).
        error = ApplyError("BACKUP_UNWRITABLE", "", f"The wizard could not write its backup in {exc.folder} ({exc.reason}), "
                           "so it stopped before the next write.",
                           retry_words().fill("Make that path a folder you can write to, then {again}."))
    except Exception as exc:
        error = from_exception(exc)
        log.info("apply stopped (%s): %s", error.code, error.headline)
    if current is not None:  # a step stopped halfway: the writes it had made are reported all the same
        kept = ctx.made[made_before:]
        applied += kept
        run.backup.changes += kept
    accepted, refused, unanswered = ops.accepted_writes, ops.refused_writes, ops.unanswered_writes
    partly = current if current and ops.accepted_writes > written_before else None
    rolled_back = False
    backup_id: str | None = run.backup.id
    if (error is not None or cancelled) and not continued and accepted == 0 and unanswered == 0:
        store.discard(run.backup)  # nothing reached the org: nothing to undo, nothing to resume
        backup_id = None
    elif error is not None and error.systemic:  # no more writes possible now: leave it resumable
        run.backup.status = "interrupted"
    elif error is not None:
        rolled_back = _roll_back(ops, run, notes)
    if backup_id is not None:
        run.backup.notes += notes
        try:
            run.save()
        except BackupUnwritable as exc:  # the stop or the result says what was written; the file cannot
            notes.append(str(exc).split(";")[0] + ".")
    stamping = None
    if backup_id is not None and accepted and not rolled_back and not (error and error.systemic):
        stamping = _stamp_in_background(conn, run.backup)  # alongside the re-check: no extra wait
    results: tuple[CheckResult, ...] = ()
    recheck_failed: str | None = None
    if reverify and not (error and error.systemic):
        results, recheck_failed = _recheck(conn, guide, facts, plan)
    _keep_stamps(run, stamping)
    return ApplyResult(
        guide_id=guide.id,
        org_id=facts.org_id,
        backup_id=backup_id,
        applied=tuple(applied),
        notes=tuple(dict.fromkeys(notes)),
        results=tuple(results),
        manual=plan.manual,
        writes=ops.writes,
        requests=ops.reads + ops.writes,
        error=rerun_advice(error.text, command) if error else None,
        resumable=run.backup.status == "interrupted" if backup_id is not None else bool(error and error.systemic),
        rolled_back=rolled_back,
        refused_writes=refused,
        unanswered_writes=unanswered,
        accepted_writes=accepted,
        partly_written=partly,
        recheck_failed=recheck_failed,
        cancelled=cancelled,
    )


class AssignUsersStopped(bulk_assign.AssignmentStopped):
    """A bulk assignment through the door that stopped partway (`bulk_assign.AssignmentStopped`):
    also why, in the admin's words (`error`), and the backup that holds every assignment it made.

    The users assigned before the stop hold the set now; an admin told only why it stopped would
    believe nothing was done. `text` says both, and how to finish (run it again: it skips those
    who hold the set) or take it back (undo the backup).
    """

    def __init__(self, stopped: bulk_assign.AssignmentStopped, error: ApplyError, label: str, backup_id: str) -> None:
        super().__init__(stopped.result, stopped.cause)
        self.error = error
        self.label = label
        self.backup_id = backup_id
        #: The whole stop in the admin's words (a caller may put its own way to undo in it).
        self.message = self.text()

    def text(self, command: str | None = None, undo: str | None = None) -> str:
        """Why it stopped and what to do (naming `command`, the command that was run, if any), what
        was done before the stop, that running it again finishes it, and `undo`: how to take it back."""
        error = self.error
        why = error.text.removesuffix(f" {error.todo}")  # what happened; what to do comes after what was done
        if command:
            todo, again = rerun_advice(error.todo, command), f"Running the same {command} command again"
        else:  # no command was run (the window): the advice is to assign again, not to apply
            todo = _APPLY_AGAIN.sub(lambda m: "Assign again" if m.group(0)[0].isupper() else "assign again", error.todo)
            again = "Assigning the same users again"
        skips = f"skips the users who already hold {self.label}"
        # The advice to run it again, once: the cause's own (with its condition) or the wizard's.
        finish = f"The next run {skips}." if _APPLY_AGAIN.search(error.todo) else f"{again} finishes it: it {skips}."
        undo = undo or f"Backup {self.backup_id}: undoing it takes back every assignment this run made."
        return " ".join(part for part in (why, self.done_text(self.label), todo, finish, undo) if part)

    def __str__(self) -> str:
        return self.message


def assign_users(
    conn: OrgConnection,
    facts: OrgFacts,
    permission_set: dict[str, Any],
    user_ids: Iterable[str],
    confirmation: str | None = None,
    progress: bulk_assign.Progress | None = None,
    cancel: Cancel | None = None,
    store: BackupStore | None = None,
) -> tuple[bulk_assign.BulkResult, str]:
    """Bulk assignment through the same door: confirmation, backup of each assignment, undo.

    A collection request that fails raises `AssignUsersStopped`, with what the requests before it
    made (those users hold the set now); a failure before the first write raises the `ApplyError`
    of its cause.
    """
    if not facts.is_sandbox and not facts.name.strip():
        raise _unnamed_production()
    if not facts.is_sandbox and (confirmation or "").strip() != facts.name:
        raise ConfirmationRequired(f"{facts.name} is a production org. Type its name exactly ({facts.name!r}) to confirm.")
    store = store or BackupStore()
    store.check_writable(facts.org_id)
    run = _Run(store, store.begin(facts.org_id, facts.name, facts.username, "assign-permission-set"), SecretSource.for_org(facts))
    ps_id, label = str(permission_set["Id"]), str(permission_set.get("Label") or permission_set.get("Name"))

    def record(users: list[str]) -> None:
        run.record([ComponentState(api="assignment", type="PermissionSetAssignment", name=f"{ps_id}:{u}") for u in users])

    try:
        result = bulk_assign.assign_permission_set(Ops(conn), ps_id, user_ids, progress, cancel, before_write=record)
    except bulk_assign.AssignmentStopped as exc:  # a collection request failed: what the others made is kept
        error = from_exception(exc.cause, f"Permission set {label}")
        run.backup.status = "interrupted" if error.systemic else "failed"
        run.backup.notes.append(f"{label}: {exc.result.summary()}; stopped: {error.headline}.")
        run.save()
        raise AssignUsersStopped(exc, error, label, run.backup.id) from exc.cause
    except Exception as exc:
        error = from_exception(exc, f"Permission set {label}")
        run.backup.status = "interrupted" if error.systemic else "failed"
        run.save()
        raise error from exc
    run.backup.status = "interrupted" if result.cancelled else "complete"
    run.backup.notes.append(f"{label}: {result.summary()}.")
    run.save()
    return result, run.backup.id


def _roll_back(ops: Ops, run: _Run, notes: list[str]) -> bool:
    """After a refusal: put back what this apply changed; False when that failed too."""
    try:
        done = restore(ops, run.backup)
    except Exception as exc:  # the org keeps part of the change; the backup says what
        run.backup.status = "failed"
        notes.append(f"Putting the org back failed as well ({from_exception(exc).text}). Use Undo last change once the problem is solved.")
        return False
    run.backup.status = "rolled_back"
    notes += done.notes
    notes.append("Every change made before the refusal was put back as it was before.")
    return True


def touched_guide(guide: Guide, settings: Iterable[tuple[str, str]]) -> Guide:
    """The guide with only the given settings (for re-checking what an apply touched)."""
    wanted = set(settings)
    pages = []
    for page in guide.pages:
        kept = [s for s in page.settings if (page.id, s.id) in wanted]
        if kept:
            pages.append(page.model_copy(update={"settings": kept}))
    return guide.model_copy(update={"pages": pages})


def _stamp_in_background(conn: OrgConnection, backup: Backup) -> Future[dict[str, datetime]] | None:
    """Salesforce's dates of the metadata components the apply touched, listed in a thread (see
    `wizard.apply.component_dates`: undo compares them to tell a later hand edit from the fix)."""
    components = component_dates.touched(backup.entries)
    if not components:
        return None
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stamps")
    try:
        return pool.submit(lambda: component_dates.list_components(conn, (t for t, _ in components)).stamps(components))
    finally:
        pool.shutdown(wait=False)


def _keep_stamps(run: _Run, stamping: Future[dict[str, datetime]] | None) -> None:
    """Save the stamps in the backup. Without them (the listing failed) undo compares by this
    computer's clock, as it did before stamps were kept: nothing is lost but exactness."""
    if stamping is None:
        return
    try:
        run.backup.stamps = stamping.result()
        run.save()
    except Exception as exc:
        log.info("the touched components' dates could not be kept: %s", type(exc).__name__)


def _recheck(conn: OrgConnection, guide: Guide, facts: OrgFacts, plan: GuidePlan) -> tuple[tuple[CheckResult, ...], str | None]:
    """The touched settings checked again, or why they could not be (the writes happened: the
    result says so, and the caller tells the admin to verify later instead of calling it done)."""
    sub = touched_guide(guide, plan.setting_ids())
    if not sub.pages:
        return (), None
    try:
        return tuple(verify_guide(conn, sub, facts).results), None
    except Exception as exc:
        reason = read_stopped(exc)
        log.info("the touched settings could not be checked again: %s", reason)
        return (), reason


#: An apply's advice to run it again, in the error texts of `wizard.apply.errors`.
_APPLY_AGAIN = re.compile(r"\b(?:[Rr]un the same apply|[Aa]pply) again\b")


def rerun_advice(text: str, command: str | None) -> str:
    """`text` with "apply again" advice naming `command` instead (``eci-wizard graduate``): an admin
    who ran another command through the door is told to run that one again, not an apply."""
    if not command:
        return text

    def named(match: re.Match[str]) -> str:
        return f"{'R' if match.group(0)[0].isupper() else 'r'}un the same {command} command again"

    return _APPLY_AGAIN.sub(named, text)


def summary(result: ApplyResult | UndoResult) -> dict[str, Any]:
    """A plain dict of a result (for JSON output)."""
    return result.model_dump(mode="json")
