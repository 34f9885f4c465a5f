"""What the window says about profiles and graduation, in plain sentences (no Qt, no options).

The command line says the same facts with its options (--replace, --allow-incomplete,
--ignore-blockers) and its commands to run again. In the window those are buttons and menu
entries, so the sentences are the window's own; they live here, free of Qt, so they can be read
and tested without a window.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wizard.apply.preview import RunWords, plural
from wizard.engine.results import CheckResult
from wizard.profiles.files import NOT_A_PROFILE, OTHER_GUIDE, HeldFile, overwrite_loss
from wizard.profiles.guide_match import CaptureWords, the_guide
from wizard.profiles.model import SetupProfile
from wizard.profiles.readiness import Finding
from wizard.retry_words import RetryWords
from wizard.ui import fix_door

#: The menu entries, as a message names them (the way on after a stop, or to take changes back).
SAVE_MENU = "Wizard → Save a setup profile…"
GRADUATE_MENU = "Wizard → Graduate from a profile…"
UNDO_MENU = fix_door.UNDO_MENU

#: How a graduation that stopped says to try again: this dialog has no retry of its own once the
#: apply has run, so the way on is its menu entry with the same profile (a sign-in to renew first
#: means closing the dialog, since the window's sign-in is behind it). A refusal before the run
#: began (a backup file it cannot read or write) wrote nothing, and then the dialog's Back previews
#: the org again with the values typed kept: that is its one way to start again (`rerun`).
_GRADUATE_AGAIN = f"choose {GRADUATE_MENU} with the same profile again"
PREVIEW_AGAIN = "press Back to preview this org again"
RETRY_WORDS = RetryWords(again=_GRADUATE_AGAIN, same=_GRADUATE_AGAIN, resumes="nothing is done twice",
                         sign_in="Close this window and sign in", signed_in_again=_GRADUATE_AGAIN,
                         undo=f"choose {UNDO_MENU} again", rerun=PREVIEW_AGAIN)

#: How a profile the window cannot use names the window's ways: its menu entries, never a command.
CAPTURE_WORDS = CaptureWords(
    way=SAVE_MENU,
    way_for=SAVE_MENU + " with the {title} guide open",
    way_any=SAVE_MENU + " with its guide open",
    every_profile=f"every profile {SAVE_MENU} saves",
    give="choose",
    give_profile=f"choose a profile that {SAVE_MENU} saved",
    written=f"saved with {SAVE_MENU}",
    give_file=f"Choose a profile that {SAVE_MENU} saved",
    report_by="saved from the graduation dialog",
    guides="see the guides it can read under Choose your guide",
    writer="the wizard",
)

#: How a result names the run that made it: the admin graduated, and applied nothing by that name.
RUN_WORDS = RunWords(this="this graduation", again="graduating from the same profile again", next="the next graduation")

#: What happens to each setting, in the preview table (the command line's marks, with words).
ACTION_MARKS = {"keep": "=", "change": "→", "manual": "✋", "cannot": "✖", "skip": "–"}
ACTION_WORDS = {"keep": "stays as it is", "change": "changes", "manual": "done by hand",
                "cannot": "the wizard cannot set it", "skip": "not part of this graduation"}
LEGEND = ("→ changes    = stays    ✋ by hand    ✖ the wizard cannot set it    – not part of it    "
          "* built on a value that differs per org")


def default_profile_name(guide_id: str) -> str:
    """The file name a save dialog proposes (the name ``capture`` suggests too)."""
    return f"{guide_id}.profile.yaml"


def default_report_path(profile_path: Path) -> Path:
    """Where the parity report's JSON goes unless the admin chooses: beside the profile, as the
    command line puts it (``aircall.profile.parity.json``)."""
    stem = profile_path.with_suffix("")
    return stem.with_name(stem.name + ".parity.json")


def report_paths(chosen: Path) -> tuple[Path, Path]:
    """The JSON record and the PDF of one parity report: the name chosen, with .json and .pdf.

    One name for both keeps them together, as the command line does; the PDF's footer carries the
    JSON's SHA-256, so the two belong to each other.
    """
    base = chosen.with_suffix("") if chosen.suffix.lower() in (".json", ".pdf") else chosen
    return base.with_name(base.name + ".json"), base.with_name(base.name + ".pdf")


def source_name(profile: SetupProfile) -> str:
    """What the window calls the org a profile came from: "the sandbox" when it was one (the usual
    case), else "the source org" (a production org can be captured too, and "sandbox" would mislead)."""
    return "the sandbox" if profile.source.environment == "Sandbox" else "the source org"


def profile_summary(profile: SetupProfile) -> str:
    """What a profile holds, in two or three sentences (the guide, the org, when, and any note)."""
    src = profile.source
    lines = [f"A setup profile of {the_guide(profile.guide)}, captured from {src.name} ({src.environment}, {src.org_id}) "
             f"on {profile.captured_at:%Y-%m-%d %H:%M} UTC: {plural(len(profile.settings), 'setting')}."]
    differ = [e.label for e in profile.environment]
    if differ:
        lines.append("Values that differ from org to org (each org gets its own): " + ", ".join(differ) + ".")
    lines += profile.notes
    return "\n".join(lines)


def guide_mismatch_text(profile_guide: str, window_guide: str | None, org: str, recorded: int) -> str:
    """Why the window must change guide before graduating this profile, and what that changes.

    A profile carries the settings of one guide; the window's pages, its checks and its report are
    of one guide too. Graduating one guide's profile under another's pages would show the org
    against the wrong guide, so the switch is the admin's choice, said before it happens.
    """
    if window_guide is None:
        head = (f"This profile is for {the_guide(profile_guide)}, and the window has no guide chosen yet. Graduating it "
                f"switches the window to that guide: its pages then show {org} against it.")
    else:
        head = (f"This profile was captured for {the_guide(profile_guide)}, but the window is on {the_guide(window_guide)}. "
                f"A profile carries the settings of one guide, so graduating it switches the window to that guide: its "
                f"pages then show {org} against it. Or choose a profile of the guide the window is on.")
    if recorded:
        head += (f" The {plural(recorded, 'change')} recorded for this guide's report so far "
                 f"{'is' if recorded == 1 else 'are'} not carried over: save that report first (Summary) if you need it.")
    return head


def capture_failing_text(guide_title: str, org: str, failing: list[CheckResult]) -> str:
    """The question when the guide does not fully verify: what fails, why that matters, the way on."""
    lines = [f"The {guide_title} setup does not fully verify in {org} yet, so a profile of it would carry its gaps "
             f"to production. {plural(len(failing), 'setting')} {'fails' if len(failing) == 1 else 'fail'}:"]
    lines += [f"• {r.setting}: {r.message or r.status.label}" for r in failing[:12]]
    if len(failing) > 12:
        lines.append(f"… and {len(failing) - 12} more.")
    lines.append("Fix them first (the guide pages show every detail), or save the profile anyway: it then names the "
                 "failing settings in a note.")
    return "\n".join(lines)


def held_question(path: Path, held: HeldFile | None, guide_id: str, facts: Any, demo: bool) -> str | None:
    """The question before a profile overwrites what `path` holds; None when nothing would be lost.

    As ``capture`` decides: nothing there, an empty file, or this guide's profile of this very org
    (a refresh) is simply written; another guide's profile, another org's profile of this guide
    (each org's profile is its own record: that sandbox may be refreshed or gone) or a file that is
    no profile at all is overwritten only when the admin agrees. Nothing of a file that is no
    profile is quoted (it may hold anything), only what it is.
    """
    loss = overwrite_loss(held, guide_id, facts.org_id)
    if loss is None or held is None:
        return None
    keep = "Replace it, or keep it and choose another file name."
    if loss == NOT_A_PROFILE or held.profile is None:
        return f"{path} already holds {held.other}. Saving the profile there would overwrite it. {keep}"
    profile = held.profile
    if loss == OTHER_GUIDE:
        return (f"{path} already holds a setup profile of {the_guide(profile.guide)}, captured from {profile.source()}. "
                f"This profile is of {the_guide(guide_id)}; saving it there would overwrite that one. {keep}")
    here = f"{facts.name} ({facts.environment}, {facts.org_id})"
    if demo:
        hint = " Each demo org starts with a new id."
    elif profile.org_name == facts.name:
        hint = (f" A refreshed sandbox gets a new org id: if this is {facts.name} after a refresh, replacing it is "
                "what you want.")
    else:
        hint = ""
    return (f"{path} holds {held.text()}, and this org is {here}, another org: saving here would replace that org's "
            f"profile.{hint} {keep}")


def saved_text(path: Path, held: HeldFile | None) -> str:
    """The line after a save: where, and what the file held before (a refresh says so too)."""
    text = f"Profile saved to {path}."
    if held is not None:
        text += f" It replaced what the file held before: {held.text()}."
    return text + f" Graduate it in the production org with {GRADUATE_MENU}"


def findings_in_order(findings: Iterable[Finding]) -> list[Finding]:
    """Blockers first, then warnings, then what is only good to know: the order they matter in."""
    rank = {"block": 0, "warn": 1, "info": 2}
    return sorted(findings, key=lambda f: rank.get(f.severity, 3))


def blocked_text(blockers: list[Finding], org: str) -> str:
    """Why graduation is refused while blockers stand, and the two ways on."""
    names = "; ".join(f.title for f in blockers)
    return (f"{org} lacks what the wizard cannot create ({names}), so graduation is refused: what depends on it would "
            "fail. Install or provision it in that org first and preview again, or tick “Graduate anyway” if you know "
            "it will be there in time.")


def stopped_text(stopped: Any, org: str) -> str:
    """Why graduation stopped after the writes, what was written, and how to finish or undo it.

    A stop after writing must never read as "nothing happened": the changes are in the org and in
    the backup, graduating again continues that backup, and undo takes it back.
    """
    applied = stopped.applied
    why = f"then {org} could not be read to verify it: {stopped.reason}. No parity report could be made."
    again = f"choose {GRADUATE_MENU} with the same profile again"
    if not applied.backup_id:
        if applied.error:  # the apply stopped before its first write went through
            return (f"Graduation stopped before anything was written to {org}: {applied.error}\n"
                    f"Once that is resolved, {again}.")
        return f"Graduation stopped: {org} already matched, so nothing was written; {why}\nOnce that is resolved, {again}."
    if applied.rolled_back:
        return (f"Graduation stopped: Salesforce refused a change, and what this graduation had written was put back; {why}\n"
                f"Correct what Salesforce named, then {again}.")
    count = plural(len(applied.applied), "change")
    return "\n".join([
        f"Graduation stopped partway: {count} {'was' if len(applied.applied) == 1 else 'were'} written to {org} (listed "
        f"below); {why}",
        f"To finish: once that is resolved, {again}. It continues backup {applied.backup_id}, writes only what is still "
        f"missing, then verifies {org} and compares both orgs.",
        f"To put {org} back as it was instead: {UNDO_MENU}.",
    ])


def backup_text(backup_id: str | None) -> str:
    """Where the changes can be taken back from ('' when nothing was written)."""
    if not backup_id:
        return ""
    return f"Backed up first as {backup_id}: {UNDO_MENU} takes these changes back."


def preview_summary(preview: Any, labels: dict[str, str] | None = None) -> str:
    """The line above the preview table: onto which org, how much changes, what was chosen.

    A choice is named as the choices step asked it (`labels`: "RingCentral app environment"), never
    by the profile's internal key, which the admin has not seen anywhere."""
    facts, labels = preview.facts, labels or {}
    lines = [f"Graduating {preview.guide.title} onto {facts.name} ({facts.environment}, {facts.my_domain_url})."]
    if preview.answers:
        lines.append("Chosen for this org: " + "; ".join(f"{labels.get(key, key)}: {value}"
                                                         for key, value in preview.answers.items()) + ".")
    if preview.plan.empty:
        lines.append("Nothing to change: this org already matches the profile. Graduating checks it again and compares "
                     "both orgs.")
    else:
        # Counted in the table's own unit: the door's counts (field changes planned, API calls made)
        # differ from each other and from the rows, and read as a miscount side by side.
        lines.append(f"{plural(settings_changing(preview), 'setting')} marked → will change. Nothing is written before "
                     "you confirm.")
    return " ".join(lines)


def settings_changing(preview: Any) -> int:
    """The rows of the preview marked → (the settings graduation writes)."""
    return sum(1 for row in preview.rows if row.action == "change")


def confirm_summary(preview: Any, session_only: bool) -> str:
    """What pressing Graduate does, where typed values go, and how it can be taken back."""
    facts = preview.facts
    if preview.plan.empty:
        return (f"Nothing will be written to {facts.name}: it already matches. Graduating checks every setting again and "
                "compares both orgs, for the parity report.")
    kind = "a PRODUCTION org" if not facts.is_sandbox else "a sandbox"
    text = (f"Graduating changes {plural(settings_changing(preview), 'setting')} in {facts.name}, {kind}. What the changes "
            f"replace is backed up first: {UNDO_MENU} takes them back. Then every setting is checked again and both orgs "
            "are compared.")
    if preview.secrets_needed:
        kept = ("kept for this run only, never in the keyring" if session_only else "kept in the system keyring")
        text += f" The values below are {kept}; they are never written to a file and never shown again."
    return text


#: The most problems of one profile file listed in the window; the rest are counted (a file with a
#: typo repeated in every setting would otherwise make the dialog taller than any screen).
MAX_PROBLEMS_SHOWN = 6


def profile_refused_text(error: Any, org: str) -> str:
    """Why the chosen file cannot be graduated: each problem by line and field (the path is in the
    field above, so it is not repeated), the first few of many, and that no org was read."""
    lines = [f"This file cannot be used as a setup profile. Nothing was read from {org}."]
    for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
        where = ", ".join(part for part in (f"line {problem.line}" if problem.line else "",
                                              f"field '{problem.field}'" if problem.field else "") if part)
        text = f"{where}: {problem.message}" if where else problem.message
        lines.append(f"• {text[:1].upper()}{text[1:]}")
    more = len(error.problems) - MAX_PROBLEMS_SHOWN
    if more > 0:
        lines.append(f"… and {plural(more, 'more problem')} of the same kind, each at its own line. Fix them all in one "
                     "pass, or save the profile again in the sandbox (Wizard → Save a setup profile… there).")
    return "\n".join(lines)


def same_org_text(profile: SetupProfile, facts: Any) -> str:
    """Said when the profile was captured from the very org the window is signed in to.

    Allowed (it puts back what changed since the capture), but rarely what is meant: the admin is
    usually still signed in to the sandbox, and a parity report of an org against itself proves
    nothing about production.
    """
    src = profile.source
    return (f"This profile was captured from this very org ({src.name}, {src.environment}, {src.org_id}), the one this "
            "window is signed in to. Graduating it here only puts back what has changed since the capture, and its "
            "parity report compares this org with itself. To carry the setup to production, sign in to the production "
            "org in this window (Sign in) and graduate there.")


def same_org(profile: SetupProfile, facts: Any) -> bool:
    """Whether the profile comes from the org the window is signed in to (ids compare on their first 15 characters)."""
    source_id, target_id = profile.source.org_id or "", getattr(facts, "org_id", "") or ""
    return bool(source_id and target_id) and source_id[:15] == target_id[:15]


def confirm_name_hint(typed: str, name: str) -> str:
    """Why the typed confirmation does not unlock Graduate ('' while empty or right)."""
    typed = typed.strip()
    if not typed or typed == name:
        return ""
    if typed.casefold() == name.casefold():
        return f"Typed “{typed}”, which differs from “{name}” in capital letters: type the name exactly as shown."
    return f"Typed “{typed}”, which is not this org's name: type {name} exactly as shown to graduate into it."


def in_window(text: str) -> str:
    """A sentence written for the command line, with its way on said as the window's."""
    return text.replace(", then run the command again.", ", then save it again.")


def read_failure_text(exc: BaseException, org: str) -> str:
    """A preview that could not read this org: what happened, that nothing was written, the way on.

    The window's words of an explained failure (its way out is the window's, not a command), and
    "nothing was written" only when the sentence has not said so already.
    """
    explained = getattr(exc, "explained", None)
    way_on = "Press Try again once that is put right."
    if explained is not None:
        said = explained.window_message.strip()
        if explained.code in SIGN_IN_GONE:  # this dialog's connection cannot come back: a new sign-in can
            way_on = f"Close this window and sign in to {org} again (Sign in), then choose {GRADUATE_MENU} again."
    elif isinstance(exc, ValueError):  # a choice that is not one of its values
        said = str(exc).strip()
    else:
        said = f"The preview stopped with a problem the wizard did not expect ({unexpected(exc)})."
    if not any(words in said.casefold() for words in ("nothing was changed", "nothing was written")):
        said += " Nothing was written."
    return f"The preview could not read {org}. {said} {way_on}"


#: Explained failures after which only a new sign-in reads the org again (not Try again).
SIGN_IN_GONE = frozenset({"SESSION_EXPIRED", "SIGN_IN_ENDED", "HIGH_ASSURANCE_REQUIRED", "INVALID_TOKEN"})


def unexpected(exc: BaseException) -> str:
    """The first line of an unexpected problem's own words, never a bare Python type name."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else "it gave no explanation"


def cancelled_text(applied: Any, org: str, verdict: str) -> tuple[str, str]:
    """(headline, status) of a graduation cancelled between two steps.

    Before its first write the org is as it was: nothing to finish, undo or compare, so no verdict
    is given (a parity report of a graduation that never wrote would read as one that failed).
    After some writes: what was written, how to finish it or take it back, then the verdict.
    """
    if not applied.applied and not applied.backup_id:
        return ("Graduation cancelled: nothing was written",
                f"You cancelled the graduation before its first write: nothing was written to {org}, which is as it was "
                "before. Press Back to preview it again, or Close.")
    count = plural(len(applied.applied), "change")
    lines = [f"You cancelled the graduation after {count} {'was' if len(applied.applied) == 1 else 'were'} written to "
             f"{org} (listed below); the rest of the plan was not written.",
             f"To finish it: {GRADUATE_MENU} with the same profile again (nothing is done twice). To put {org} back as it "
             f"was instead: {UNDO_MENU} (backup {applied.backup_id})."]
    if verdict:
        lines.append(f"As it stands: {verdict}")
    lines.append(f"The window's pages now check {org} again, to show it as it is.")
    return "✖ Graduation cancelled partway", "\n".join(lines)
