"""``eci-wizard capture`` and ``eci-wizard graduate``: carry a verified setup from a sandbox to production.

``capture`` verifies a guide in an org and saves what it saw as a setup profile (YAML, no secret).
``graduate`` applies a profile to another org through the apply door: it shows the side-by-side
preview, asks only for what must differ and for the secrets (keyring or a hidden prompt, never an
argument), asks for the production org's name as confirmation, writes, verifies, and exports a
parity report (JSON and PDF). Exit codes: 0 done and at parity, 1 applied but not at parity (or a
write was refused, or it stopped partway: then the message lists what was written, names the
backup and says how to finish or undo), 2 nothing done (bad profile or option, no org, an output
file that cannot be written, missing confirmation or secret, blockers, an unreadable backup).
Everything that can be checked before the first write is checked first.
"""

from __future__ import annotations

import argparse
import getpass
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.commands.targets import Target
    from wizard.profiles.files import HeldFile

EXIT_OK, EXIT_NOT_AT_PARITY, EXIT_NOT_DONE = 0, 1, 2


def register(sub: Any) -> None:
    """Add the capture and graduate subcommands."""
    from wizard.commands.arg_types import GUIDE_HELP, guide_id
    from wizard.commands.verify import add_target_arguments

    capture = sub.add_parser(
        "capture", help="save a verified guide setup as a profile (no secrets)",
        description="Verify a guide in an org and save every setting as a setup profile (YAML, no secrets).")
    capture.add_argument("--guide", required=True, type=guide_id, help=GUIDE_HELP)
    add_target_arguments(capture)
    capture.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="where to write the profile (YAML)")
    capture.add_argument("--allow-incomplete", action="store_true", help="capture even when some settings fail")
    capture.add_argument("--replace", action="store_true",
                         help="overwrite FILE even when it holds something other than this guide's profile of this org "
                              "(another guide's or another org's profile, or a file that is no profile)")
    capture.set_defaults(func=run_capture)

    grad = sub.add_parser(
        "graduate", help="apply a setup profile to another org (sandbox to production) and prove parity",
        description="Apply a setup profile to another org through the apply door, verify it, and export a parity report.")
    grad.add_argument("--profile", required=True, type=Path, metavar="FILE", help="a profile written by 'eci-wizard capture'")
    grad.add_argument("--guide", type=guide_id, metavar="GUIDE",
                      help="the guide the profile must be for (optional; the profile names its own): a profile captured for "
                           "another guide stops graduate before any org is opened")
    where = grad.add_argument_group("target org")
    where.add_argument("--to", metavar="ALIAS", help="a saved connection (see 'eci-wizard login')")
    where.add_argument("--to-demo", action="store_true", help="the built-in demo org (in-process)")
    where.add_argument("--scenario", metavar="NAME|FILE", help="demo org scenario for --to-demo: a shipped name or a YAML file (default: fresh)")
    where.add_argument("--to-instance-url", metavar="URL", help="the org's instance URL, with the token in $SF_ACCESS_TOKEN")
    where.add_argument("--token-env", metavar="VAR", default="SF_ACCESS_TOKEN", help="variable holding the token for --to-instance-url")
    grad.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                      help="a value that differs in the target, e.g. ringcentral_environment=production (never a secret)")
    grad.add_argument("--dry-run", action="store_true", help="show the side-by-side preview and write nothing")
    grad.add_argument("--yes", action="store_true", help="do not ask questions; use --set values or the suggestions")
    grad.add_argument("--production-confirm", metavar="ORGNAME", help="the production org's name, typed as confirmation")
    grad.add_argument("--ignore-blockers", action="store_true", help="apply although the target lacks a package or licence")
    grad.add_argument("--report-json", type=Path, metavar="FILE", help="parity report JSON (default: beside the profile)")
    grad.add_argument("--report-pdf", type=Path, metavar="FILE", help="parity report PDF (default: beside the profile)")
    grad.add_argument("--paper", choices=["auto", "A4", "Letter"], default="auto", help="PDF paper size")
    grad.set_defaults(func=run_graduate)


def _fail(message: str, code: int = EXIT_NOT_DONE) -> int:
    print(message, file=sys.stderr)
    return code


def _sign_in_app(args: argparse.Namespace, alias: str | None) -> str:
    if alias:
        from wizard.salesforce.auth.connections import ConnectionStore

        try:
            return ConnectionStore().get(alias).client_id
        except Exception:
            return ""
    return "PlatformCLI" if getattr(args, "demo", False) else ""


def run_capture(args: argparse.Namespace) -> int:
    """Verify, capture, write the profile, and say what an overwritten file held.

    What ``-o`` already holds decides whether it is overwritten (see `_output_problem` and
    `_other_org_problem`): a capture never silently replaces another guide's or another org's
    profile, nor a file that is no profile, since that work would be lost for good.
    """
    from wizard.commands.chosen_guide import GuideUnreadable, load_chosen_guide
    from wizard.commands.targets import TargetError, open_target
    from wizard.output_files import write_failed
    from wizard.profiles.capture import CaptureRefused, capture_profile
    from wizard.profiles.files import held_by, write_profile
    from wizard.profiles.text import profile_text
    from wizard.salesforce.errors import SystemicError
    from wizard.secrets import redaction_values, remember

    try:
        guide = load_chosen_guide(args.guide)
    except GuideUnreadable as exc:
        return _fail(str(exc))
    earlier = held_by(args.output)
    if problem := _output_problem(args.output, guide.id, earlier, args.replace):
        return _fail(problem)
    try:
        with open_target(args) as target:
            if not args.replace and (problem := _other_org_problem(args.output, earlier, target)):
                return _fail(problem)
            remember(target.connection.access_token)
            captured = capture_profile(target.connection, target.facts, guide, sign_in_app=_sign_in_app(args, args.org),
                                       preflight=target.preflight, allow_incomplete=args.allow_incomplete, secrets=redaction_values())
    except TargetError as exc:
        return _fail(str(exc))
    except CaptureRefused as exc:
        return _fail(str(exc), EXIT_NOT_AT_PARITY)
    except SystemicError as exc:
        return _fail(f"Could not read the org: {exc.explained.message}")
    try:
        path = write_profile(captured.profile, args.output)
    except OSError as exc:  # checked before the org was read; a full disk or a vanished folder since
        return _fail(str(write_failed(args.output, "--output", exc)))
    print(profile_text(captured.profile))
    print(f"Profile written to {path}")
    if earlier is not None:
        print(f"It replaced what the file held before: {earlier.text()}.")
    return EXIT_OK


def _output_problem(path: Path, guide_id: str, earlier: HeldFile | None = None, replace: bool = False) -> str | None:
    """Why the profile should not be written to `path`, found before the org is read (a capture
    takes a while and spends the org's API calls, and a folder given as the file, or a place that
    takes no new files such as /proc, used to fail only at the very end).

    `earlier` is what the file already holds (`held_by`). Another guide's profile, or a file that
    is no profile (a parity report, notes, any YAML the admin pointed at by mistake), is refused
    unless `replace`: overwriting it would lose someone's work, and the admin meant another file
    far more often than that one. A profile of the same guide is let through here: re-capturing
    into the same file is how a profile is refreshed, and asking for an option every time would
    nag; whether it is the same org is told once the org is open (`_other_org_problem`).
    """
    from wizard.output_files import OutputFileError, check_output_file

    try:
        check_output_file(path, "--output", f"{guide_id}.profile.yaml")
    except OutputFileError as exc:
        return f"{exc} Nothing was read from the org."
    from wizard.profiles.files import NOT_A_PROFILE, overwrite_loss

    loss = overwrite_loss(earlier, guide_id)  # the org is not open yet: another org's profile is told later
    if loss is None or earlier is None or replace:
        return None
    if loss != NOT_A_PROFILE and earlier.profile is not None:
        from wizard.profiles.guide_match import the_guide

        held = f"already holds {earlier.text()}"
        if earlier.profile.guide:
            held = (f"already holds a setup profile of {the_guide(earlier.profile.guide)}, captured from "
                    f"{earlier.profile.source()}")
        why = f"this capture is of {the_guide(guide_id)} and would overwrite it"
    else:
        held, why = f"already holds {earlier.other}", "a capture would overwrite it"
    return (f"--output {path} {held}; {why}. Give another file name{_free_name(path, guide_id)}, or add --replace to "
            "overwrite that file. Nothing was read from the org and the file is unchanged.")


def _free_name(path: Path, guide_id: str) -> str:
    """' (e.g. aircall.profile.yaml)' beside `path` when no file has that name yet, else ''."""
    suggested = path.with_name(f"{guide_id}.profile.yaml")
    return f" (e.g. {suggested})" if suggested != path and not suggested.exists() else ""


def _other_org_problem(path: Path, earlier: HeldFile | None, target: Target) -> str | None:
    """A profile of this guide captured from another org than the one now open: refused (exit 2)
    before the capture reads the settings, unless --replace.

    Told once the org is open, since only then is its id known (the org's identity is all that
    was read). Each org's profile is its own record: the sandbox it came from may have been
    refreshed or deleted since, so it might never be captured again. The same org's profile is
    replaced with a line saying so (a refresh); a refreshed sandbox has a new org id, and the
    message says that when the names match, so the admin can tell the two cases apart.
    """
    from wizard.profiles.files import OTHER_ORG, overwrite_loss

    facts = target.facts
    held = earlier.profile if earlier is not None else None
    if held is None or overwrite_loss(earlier, held.guide, facts.org_id) != OTHER_ORG:
        return None
    here = f"{facts.name} ({facts.environment}, {facts.org_id})"
    if target.demo_server is not None and not target.outlives_command:
        hint = " Each --demo run starts a new demo org with a new id."
    elif held.org_name == facts.name:
        hint = (f" A refreshed sandbox gets a new org id: if this is {facts.name} after a refresh, --replace overwrites the "
                "profile of the org as it was before.")
    else:
        hint = ""
    return (f"--output {path} holds {held.text()}, and this org is {here}, another org: capturing would replace that "
            f"org's profile.{hint} Give another file name, or add --replace to overwrite it. Nothing was captured and the "
            "file is unchanged.")


def _set_values(args: argparse.Namespace, profile: Any) -> dict[str, str] | str:
    """The --set values, or why they cannot be used: checked against the profile alone, before any
    org is opened. A key of another guide (ringcentral_environment on an Aircall profile) names the
    guide the profile was captured for, since that is what the admin has mixed up."""
    from wizard.profiles.guide_match import the_guide

    answers: dict[str, str] = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            return f"--set expects KEY=VALUE, found {item!r}. Nothing was read from the target org."
        answers[key.strip()] = value.strip()
    known = {e.key for e in profile.environment if e.derive == "choice"}
    unknown = sorted(set(answers) - known)
    if unknown:
        return (f"--set {unknown[0]}: this profile, captured for {the_guide(profile.guide)}, has no such value; it asks for: "
                f"{', '.join(sorted(known)) or 'nothing'}. Nothing was read from the target org.")
    for env in profile.environment:
        if env.choices and answers.get(env.key, env.choices[0]) not in env.choices:
            return (f"--set {env.key} ({env.label}): {answers[env.key]!r} is not one of {', '.join(env.choices)}. "
                    "Nothing was read from the target org.")
    return answers


def _answers(args: argparse.Namespace, profile: Any, questions: list[Any]) -> dict[str, str] | str:
    """--set values, then a prompt per open question (or its suggestion with --yes / no terminal)."""
    answers = _set_values(args, profile)
    if isinstance(answers, str):
        return answers
    interactive = sys.stdin.isatty() and not args.yes
    for q in questions:
        if q.key in answers:
            continue
        if interactive:
            shown = f" [{'/'.join(q.choices)}]" if q.choices else ""
            typed = input(f"{q.label}{shown} (source: {q.source_value or 'none'}; Enter for {q.suggested or 'none'}): ").strip()
            if typed:
                answers[q.key] = typed
        elif q.suggested:
            print(f"{q.label}: using {q.suggested} (the source had {q.source_value or 'none'}; change it with --set {q.key}=...)")
    return answers


def ask_secret(prompt: str) -> str:
    """A hidden prompt on a terminal; without one (a pipe), one line of standard input.

    Never an argument or an environment variable: those end up in shell history and process lists.
    """
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    print(prompt, file=sys.stderr, flush=True)
    return sys.stdin.readline().rstrip("\r\n")


def _secrets(args: argparse.Namespace, graduation: Any, preview: Any) -> str | None:
    """Ask for each missing secret; None when all were given.

    With --yes nothing is asked (README: it "stops before writing anything and names each missing
    value"): a prompt there would hang a job or eat the next line of a pipe, and naming only the
    first missing value would send the admin round once per secret.
    """
    if args.yes and preview.secrets_needed:
        names = "; ".join(need.label for need in preview.secrets_needed)
        return (f"The plan needs values that are not in the system keyring: {names}. With --yes nothing is asked, "
                "so each was expected in the keyring already. Run the same command without --yes to be asked for them "
                "(a hidden prompt; they are kept in the keyring, never taken as arguments), or enter them in the window. "
                "Nothing was written.")
    for need in preview.secrets_needed:
        value = need.cleaned(ask_secret(f"{need.label} ({need.where}): "))
        if not value.strip():
            return f"No value was entered for: {need.label}. Nothing was written."
        if refusal := need.refusal(value):  # said now, before it is kept or written (the org's check would only warn after)
            return f"{refusal} Nothing was written. Run the command again and enter it when asked."
        graduation.provide_secret(need.name, value)
    return None


class _NotConfirmed(Exception):
    """Production needs its name and no way to give it was used (no --production-confirm, no terminal)."""


def _confirmation(args: argparse.Namespace, preview: Any) -> str | None:
    """The production org's name as given or typed; None for a sandbox or an empty plan.

    Raises `_NotConfirmed` when nothing could be typed (--yes, or no terminal) and the option was
    not given: the door would then say "what was typed does not match", though nothing was typed.
    """
    facts = preview.facts
    if facts.is_sandbox or preview.plan.empty:
        return None
    if args.production_confirm is not None:
        return str(args.production_confirm)
    if sys.stdin.isatty() and not args.yes:
        return input(f"{facts.name} is a production org. Type its name to apply the changes: ")
    why = "--yes asks nothing" if args.yes else "there is no terminal to type it in"
    raise _NotConfirmed(
        f"{facts.name} is a production org, so its name is needed as confirmation, and --production-confirm was not given "
        f"({why}). Add --production-confirm {shlex.quote(facts.name)}, or run without --yes in a terminal and type its name "
        "when asked. Nothing was written.")


def run_graduate(args: argparse.Namespace) -> int:
    from wizard.apply.backup import BackupUnreadable
    from wizard.commands.targets import TargetError, open_target
    from wizard.profiles.files import ProfileError, read_profile
    from wizard.profiles.guide_match import ProfileGuideMismatch, check_profile_guide
    from wizard.salesforce.errors import SystemicError

    target_args = _target_args(args)
    if isinstance(target_args, str):
        return _fail(target_args)
    try:
        profile = read_profile(args.profile)
        check_profile_guide(profile, args.guide, str(args.profile))  # one guide per run, settled before any org is opened
    except ProfileError as exc:
        return _fail(f"The profile cannot be used:\n{exc}")
    except ProfileGuideMismatch as exc:
        return _fail(str(exc))
    if isinstance(problem := _set_values(args, profile), str):
        return _fail(problem)
    reports = _report_paths(args)
    if not args.dry_run and (problem := _report_problem(args.profile, reports)):
        return _fail(problem)
    try:
        with open_target(target_args) as target:
            return _graduate(args, profile, target, target_args, reports)
    except TargetError as exc:
        return _fail(str(exc))
    except BackupUnreadable as exc:  # raised before the first write
        return _fail(f"{exc} Nothing was written.")
    except SystemicError as exc:  # a read before the first write (one after it is GraduationStopped)
        return _fail(f"Could not read the target org: {exc.explained.message}")


def _target_args(args: argparse.Namespace) -> argparse.Namespace | str:
    """The target as `open_target` takes it, or graduate's own message when not exactly one target
    option was given (open_target's would name verify's options, --demo and --org)."""
    options = (("--to", args.to), ("--to-demo", args.to_demo), ("--to-instance-url", args.to_instance_url))
    given = [name for name, value in options if value]
    if len(given) != 1:
        found = f" (found {' and '.join(given)})" if given else ""
        return (f"Say which org to graduate to, with exactly one of: --to ALIAS (a saved connection, see 'eci-wizard orgs'), "
                f"--to-demo (the built-in demo org) or --to-instance-url URL (with the token in ${args.token_env}){found}. "
                "Nothing was written.")
    return argparse.Namespace(demo=args.to_demo, org=args.to, instance_url=args.to_instance_url,
                              scenario=args.scenario, token_env=args.token_env,
                              option_names={"--demo": "--to-demo", "--org": "--to", "--instance-url": "--to-instance-url"})


def _report_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The parity report's JSON and PDF: as given, or beside the profile."""
    stem = args.profile.with_suffix("")
    return (args.report_json or stem.with_name(stem.name + ".parity.json"),
            args.report_pdf or stem.with_name(stem.name + ".parity.pdf"))


def _report_problem(profile: Path, reports: tuple[Path, Path]) -> str | None:
    """Why the parity report could not be written, found before anything is applied: found after
    the writes, it would leave a changed org without its report."""
    from wizard.output_files import OutputFileError, check_output_files

    options = (("--report-json", reports[0]), ("--report-pdf", reports[1]))
    try:
        check_output_files(options)
    except OutputFileError as exc:
        return f"{exc} Nothing was written."
    for option, path in options:
        if path.resolve() == profile.resolve():
            return f"{option} {path} is the profile itself; give the report its own file name. Nothing was written."
    return None


def _graduate(args: argparse.Namespace, profile: Any, target: Any, target_args: argparse.Namespace, reports: tuple[Path, Path]) -> int:
    """The side-by-side preview; then, unless it is a dry run or blocked, the graduation itself."""
    from wizard.profiles.graduate import Graduation
    from wizard.profiles.text import preview_text
    from wizard.providers.voice.endpoints import ProviderEndpoints
    from wizard.secrets import remember

    remember(target.connection.access_token)
    graduation = Graduation(profile, target.connection, target.facts, client_id=_sign_in_app(target_args, args.to),
                            preflight=target.preflight, endpoints=ProviderEndpoints.from_env())
    answers = _answers(args, profile, graduation.questions())
    if isinstance(answers, str):
        return _fail(answers)
    try:
        preview = graduation.preview(answers)
    except ValueError as exc:  # an answer that is not one of its choices
        return _fail(f"Nothing was written: {exc}")
    print(preview_text(preview, profile.source.environment, session_only=graduation.secrets.session_only))
    if args.dry_run:
        print("Dry run: nothing was written. Run the same command without --dry-run to graduate as shown above.")
        return EXIT_OK
    if preview.blockers and not args.ignore_blockers:
        return _fail("Not applied: the target lacks what the wizard cannot create (see 'Ahead of trouble'). "
                     "Fix that first, or pass --ignore-blockers.")
    asked = not args.yes and sys.stdin.isatty() and not preview.plan.empty
    if asked and input("Apply these changes? [y/N] ").strip().lower() not in ("y", "yes"):
        return _fail("Not applied.")
    return _apply(args, profile, graduation, preview, target_args, reports)


def _apply(args: argparse.Namespace, profile: Any, graduation: Any, preview: Any, target_args: argparse.Namespace,
           reports: tuple[Path, Path]) -> int:
    """Confirm, ask for the secrets, write, verify, report. One that stops after writing says what
    was written and how to finish or undo it (exit 1), never that nothing was changed."""
    from wizard.apply.backup import BackupStore
    from wizard.apply.door import check_confirmation
    from wizard.apply.errors import ConfirmationRequired, MissingInputs, MissingSecrets
    from wizard.profiles.graduate import GraduationBlocked, GraduationStopped
    from wizard.profiles.text import result_text

    try:
        BackupStore().latest(preview.facts.org_id)  # an unreadable backup refuses the apply: say so before any question
        confirmation = _confirmation(args, preview)
        check_confirmation(preview.plan, confirmation)  # before any secret is asked for
        if problem := _secrets(args, graduation, preview):
            return _fail(problem)
        result = graduation.apply(preview, confirmation, allow_blockers=args.ignore_blockers)
    except _NotConfirmed as exc:
        return _fail(str(exc))
    except (GraduationBlocked, ConfirmationRequired, MissingSecrets, MissingInputs) as exc:
        return _fail(f"Nothing was written: {exc}")
    except GraduationStopped as exc:
        return _stopped(exc, preview.facts.name, _undo_command(target_args, profile.guide))
    print(result_text(result))
    return _report(args, profile, result, reports)


def _stopped(stopped: Any, org: str, undo: str) -> int:
    """What the apply did (its changes and backup), then why graduation stopped and the way on."""
    from wizard.apply.preview import result_text

    print(result_text(stopped.applied))
    print(_stopped_text(stopped, org, undo), file=sys.stderr)
    return EXIT_NOT_AT_PARITY


def _stopped_text(stopped: Any, org: str, undo: str) -> str:
    """Why graduation stopped after the apply, and how to finish it or put the org back."""
    applied, why = stopped.applied, f"then {org} could not be read to verify it: {stopped.reason}. No parity report was written."
    if not applied.backup_id:
        return f"Graduation stopped: {org} already matched, so nothing was written; {why} Run the same command again once that is resolved."
    if applied.rolled_back:
        return (f"Graduation stopped: Salesforce refused a change, and what this graduation had written was put back (see above); {why} "
                "Correct what Salesforce named, then run the same command again.")
    return "\n".join([
        f"Graduation stopped partway: {len(applied.applied)} change(s) were written to {org} (listed above); {why}",
        f"To finish: once that is resolved, run the same 'eci-wizard graduate' command again. It continues backup {applied.backup_id}, "
        f"writes only what is still missing, then verifies {org} and writes the parity report.",
        f"To put {org} back as it was instead: {undo}",
    ])


def _undo_command(target: argparse.Namespace, guide_id: str) -> str:
    """The undo command for the org graduated to, in undo's own options (--org, --demo, --instance-url)."""
    if target.org:
        where = ["--org", target.org]
    elif target.demo:
        where = ["--demo", *(["--scenario", target.scenario] if target.scenario else [])]
    else:
        where = ["--instance-url", target.instance_url, *(["--token-env", target.token_env] if target.token_env != "SF_ACCESS_TOKEN" else [])]
    return shlex.join(["eci-wizard", "undo", *where, "--guide", guide_id])


def _report(args: argparse.Namespace, profile: Any, result: Any, reports: tuple[Path, Path]) -> int:
    """Write the parity report; 0 only at parity. The paths were checked before the apply, so a
    failure here is the system's (a full disk, a folder removed meanwhile), said in one sentence."""
    from wizard.profiles.report import export_graduation

    json_path, pdf_path = reports
    try:
        report, _files = export_graduation(profile, result, json_path=json_path, pdf_path=pdf_path, paper=args.paper)
    except OSError as exc:
        from wizard.output_files import refused_target, write_advice

        failed = refused_target(exc, reports, json_path)
        return _fail(f"The changes above were made, but the parity report could not be written to {failed} "
                     f"({exc.strerror or type(exc).__name__}){write_advice(exc, failed.parent)}; then run the same command "
                     "again (with other --report-json/--report-pdf files if needed): it writes only what is missing, verifies "
                     "and writes the report.", EXIT_NOT_AT_PARITY)
    print(f"{report.summary.headline}: {report.summary.text}")
    print(f"Parity report: {json_path} and {pdf_path}")
    at_parity = not result.applied.error and report.summary.at_parity  # "Parity not confirmed" is not parity
    return EXIT_OK if at_parity else EXIT_NOT_AT_PARITY
