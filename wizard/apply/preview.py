"""Plans and results as plain text: the CLI prints these, the window may show them as they are.

Secret values never appear: a plan only ever holds the keyring placeholder, and these functions
print what the models hold. A secret the keyring does not hold yet is not said to come from it:
its new value is "the value you enter" (`secret_words`), named as the question that asks for it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from wizard.apply.model import ApplyResult, GuidePlan, SecretNeed, UndoResult
from wizard.engine.changes import Change
from wizard.engine.results import CheckResult, Status
from wizard.retry_words import COMMAND_LINE, retry_words

ARROW = "→"


def plural(count: int, noun: str, many: str = "") -> str:
    """'1 change', '2 changes' (``many`` for a noun whose plural is not noun + s)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


#: A secret's kind (the end of its name, ``Aircall/username``) -> the field it fills, as Setup names it.
SECRET_FIELDS = {
    "username": "username", "password": "password", "aws_access_key": "aws access key id",
    "aws_access_secret": "aws secret access key", "consumer_key": "consumer key", "consumer_secret": "consumer secret",
}  # fmt: skip


def secret_need_of(change: Change, needs: Iterable[SecretNeed]) -> SecretNeed | None:
    """The value still to be entered that this secret change writes (None: it is kept already).

    A need is named ``<component>/<kind>`` (``Aircall/username``); the change names the component
    last in its target ("Named credential Aircall") and the field as Setup does ("Username")."""
    if not change.secret:
        return None
    component = change.target.rsplit(" ", 1)[-1]
    field = change.setting.strip().lower()
    for need in needs:
        owner, _, kind = need.name.rpartition("/")
        if owner == component and field.startswith(SECRET_FIELDS.get(kind, kind.replace("_", " "))):
            return need
    return None


def secret_words(change: Change, needs: Iterable[SecretNeed], *, typed: Iterable[str] = (), session_only: bool = False,
                 asked: str = "the value you enter when asked") -> str:
    """A change's new value as the preview says it: a secret still to be entered is `asked` (named
    by its question), one entered in the preview is "as entered below", and where it is kept;
    any other value as the plan holds it ("(from the keyring)" for a secret kept already)."""
    need = secret_need_of(change, needs)
    if need is None:
        return change.desired
    if need.name in set(typed):
        return f"(as entered below; kept {'for this session only' if session_only else 'in the keyring'})"
    return f"({asked}: “{need.label}”)"


def _wrap(text: str, indent: int) -> str:
    """Wrapped at spaces only: URLs, ARNs and names with hyphens stay whole, so they can be copied."""
    return textwrap.fill(text, 100, initial_indent=" " * indent, subsequent_indent=" " * (indent + 2),
                         break_on_hyphens=False, break_long_words=False)


def plan_text(plan: GuidePlan, guide_title: str = "", *, dry_run: bool = False, session_only: bool = False,
              asks_name: bool = True) -> str:
    """The preview: every component, and every setting's current -> desired value.

    `dry_run`: nothing will be asked or written, so the text says what a real apply would do.
    `session_only`: values entered are kept for this run only (the demo org), not in the keyring.
    An incomplete plan (settings that could not be read) says so first, and names each of them.
    `asks_name`: the command will ask for a production org's name (False when the options already
    gave the confirmation, or refused it: the line would then tell the admin to do what is not asked).
    """
    org = plan.org
    lines = [f"Plan{' for ' + guide_title if guide_title else ''} on {org.name} ({org.environment}, {org.my_domain_url})"]
    if plan.unread:
        lines.append(_wrap(f"Incomplete: {plural(len(plan.unread), 'setting')} could not be read, so the wizard cannot tell what "
                           "to change there, nor plan what depends on "
                           f"{'it' if len(plan.unread) == 1 else 'them'}:", 0))
        by_reason: dict[str, list[str]] = {}  # one outage often hides several settings: its reason is said once
        for unread in plan.unread:
            by_reason.setdefault(unread.reason, []).append(unread.label)
        lines += [_wrap(f"? {'; '.join(labels)}: {reason}", 2) for reason, labels in by_reason.items()]
        lines.append(_wrap("Check again once the org answers (run the same command again): an apply starts only when "
                           "every setting it covers was read. If a read keeps failing for the same reason, put right "
                           "what it names, or apply the other fixes one at a time with --only FIX: a fix is held back "
                           "only by a setting of its own that could not be read.", 0))
    if plan.empty and not plan.unread:
        lines.append("  Nothing to change: the org already matches the guide.")
    if plan.unread and not plan.empty:
        lines.append("What was read and would change (not applied while the plan is incomplete):")
    for number, step in enumerate(plan.plans, 1):
        lines.append(f"  {number}. {step.title}")
        for change in step.changes:
            after = secret_words(change, plan.secrets_needed, asked="the value a real apply asks for" if dry_run else
                                 "the value you enter when asked")
            lines.append(_wrap(f"{change.setting}: {change.current} {ARROW} {after}", 7))
    if plan.secrets_needed:
        kept = "kept for this run only, never in the keyring or in files" if session_only else "kept in the system keyring, never in files"
        lines.append(f"Values {'a real apply asks for' if dry_run else 'to enter'} first ({kept}):")
        lines += [_wrap(f"- {need.label}: {need.where}", 2) for need in plan.secrets_needed]
    if plan.inputs_needed:
        lines.append("Choices to make first:")
        lines += [_wrap(f"- {need.label}", 2) for need in plan.inputs_needed]
    if plan.manual:
        lines.append("Afterwards, in Setup (no API can do these):")
        lines += [_wrap(f"- {action.title}: {action.do}", 2) for action in plan.manual]
    if plan.notes:
        lines.append("Good to know:")
        lines += [_wrap(f"- {note}", 2) for note in plan.notes]
    if dry_run and plan.unread:
        lines.append(_wrap("Dry run: nothing was asked and nothing was written; an apply would refuse this incomplete plan.", 0))
    elif dry_run:
        lines.append(_wrap("Dry run: nothing was asked and nothing was written." if plan.empty else
                           "Dry run: nothing was asked and nothing was written; run the same command without --dry-run to make "
                           "these changes" + (f" (as {org.name} is a production org, it asks you to type its name)." if plan.production else "."), 0))
    elif plan.production and not plan.empty and not plan.unread and asks_name:
        lines.append(f"{org.name} is a production org: confirm by typing its name.")
    return "\n".join(lines)


#: How an apply's backup is undone on the command line (`RetryWords.take_back`); callers whose
#: changes are undone otherwise replace it.
UNDO_HINT = f"({COMMAND_LINE.take_back})"
#: The same for a demo org that stops with the command: the backup stops with it.
DEMO_UNDO_HINT = "(this demo org stops when the command ends, and its backup with it: there is nothing to undo later)"


@dataclass(frozen=True)
class RunWords:
    """How a result names the run that made it. Other writers go through the same door (map-users,
    the window's Map users dialog): an admin who reads "before this apply" after one of them looks
    for an apply that never ran."""

    this: str = "this apply"  # "it is as it was before this apply"
    again: str = "running the apply again"  # "... finishes it"
    next: str = "the next apply"  # "... reads the org and finishes the rest"


APPLY_WORDS = RunWords()


def result_text(result: ApplyResult, words: RunWords = APPLY_WORDS) -> str:
    """What an apply did and how the touched settings look now, the run named by `words`.

    A stop's own text says what to do (run it again, when it can be resumed), so it is said once.
    Writes that went through but could not be checked again are said to be made, and how to check.
    """
    lines = []
    if result.error:
        lines.append(_wrap(f"Stopped: {result.error}", 0))
    lines += [_wrap(line, 0) for line in summary_lines(result, words)]
    lines += [_wrap(f"- {c.target}: {c.setting}: {c.before} {ARROW} {c.after}", 2) for c in result.applied]
    lines += [_wrap(f"! {note}", 2) for note in result.notes]
    if result.backup_id:  # taken back in the words of where it is read (`RetryWords.take_back`)
        take_back = retry_words().take_back
        lines.append(f"Backup: {result.backup_id} ({take_back})." if take_back else f"Backup: {result.backup_id}.")
    if result.recheck_failed:
        backup = f" (backup {result.backup_id})" if result.backup_id else ""
        lines.append(_wrap(f"The changes were made{backup} but could not be checked again: {result.recheck_failed}. "
                           f"Check them with 'eci-wizard verify --guide {result.guide_id}' on the same org once it answers.", 0))
    lines += recheck_lines(result.results)
    if result.manual and not (result.error and result.wrote_nothing):  # after a stop before any write, the plan still stands
        lines.append("Still to do in Setup:")
        lines += [_wrap(f"- {a.title}: {a.do}", 2) for a in result.manual]
    return "\n".join(lines)


def summary_lines(result: ApplyResult, words: RunWords = APPLY_WORDS) -> list[str]:
    """How many changes were made, counting only writes Salesforce accepted: a refused write made
    nothing, and one whose answer was lost may or may not have been made (the next apply checks).
    After a stop, the count says it covers what was made before the stop."""
    made = result.made_writes
    stopped = bool(result.error) or result.cancelled  # a cancel between steps is a stop too
    if stopped and result.wrote_nothing:
        refused = f" (Salesforce refused the {plural(result.refused_writes, 'write')} sent)" if result.refused_writes else ""
        return [f"Nothing was written to the org{refused}: it is as it was before {words.this}."]
    if not made and result.error:
        lines = ["No write was confirmed by Salesforce before the stop."]
    else:  # every accepted write's change is listed, that of a step the stop cut short too
        lines = [f"{plural(len(result.applied), 'change')} made in {plural(made, 'write')}{' before the stop' if stopped else ''}."]
    if result.partly_written:
        lines.append(f"'{result.partly_written}' was partly written before the stop; {words.again} finishes it, "
                     "and undo takes it back.")
    if result.unanswered_writes:
        lines.append(f"{plural(result.unanswered_writes, 'write')} got no answer (the connection dropped): "
                     f"{'it' if result.unanswered_writes == 1 else 'they'} may or may not have been made; {words.next} reads "
                     "the org and finishes the rest.")
    if result.refused_writes and result.error:
        lines.append(f"Salesforce refused {plural(result.refused_writes, 'write')}: nothing was made by "
                     f"{'it' if result.refused_writes == 1 else 'them'}.")
    return lines


def recheck_lines(results: Iterable[CheckResult]) -> list[str]:
    """The touched settings as checked again: the counts, then every one that did not pass."""
    results = list(results)
    if not results:
        return []
    counts = {s: sum(1 for r in results if r.status == s) for s in Status}
    lines = ["Re-checked: " + ", ".join(f"{n} {s.label.lower()}" for s, n in counts.items() if n)]
    lines += [_wrap(f"{r.status.icon} {r.setting}: {r.message}", 2) for r in results if r.status not in (Status.PASS, Status.SKIPPED)]
    return lines


def undo_text(result: UndoResult) -> str:
    """What an undo put back and removed, and (with a guide) how its settings look afterwards."""
    lines = [f"Undid backup {result.backup_id}: {len(result.restored)} restored, {len(result.removed)} removed."]
    lines += [f"  - restored {item}" for item in result.restored]
    lines += [f"  - removed {item}" for item in result.removed]
    lines += [_wrap(f"! {note}", 2) for note in result.notes]
    lines += recheck_lines(result.results)
    return "\n".join(lines)
