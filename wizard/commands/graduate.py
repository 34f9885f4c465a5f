"""``eci-wizard capture`` and ``eci-wizard graduate``: carry a verified setup from a sandbox to production.

``capture`` verifies a guide in an org and saves what it saw as a setup profile (YAML, no secret).
``graduate`` applies a profile to another org through the apply door: it shows the side-by-side
preview, asks only for what must differ and for the secrets (keyring or a hidden prompt, never an
argument), asks for the production org's name as confirmation, writes, verifies, and exports a
parity report (JSON and PDF). Exit codes: 0 done and at parity, 1 applied but not at parity (or a
write was refused), 2 nothing done (bad profile, no org, missing confirmation or secret, blockers).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_NOT_AT_PARITY, EXIT_NOT_DONE = 0, 1, 2


def register(sub: Any) -> None:
    """Add the capture and graduate subcommands."""
    from wizard.commands.verify import add_target_arguments

    capture = sub.add_parser(
        "capture", help="save a verified guide setup as a profile (no secrets)",
        description="Verify a guide in an org and save every setting as a setup profile (YAML, no secrets).")
    capture.add_argument("--guide", required=True, help="natterbox, aircall, ringcentral, execvision or amazon-connect")
    add_target_arguments(capture)
    capture.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="where to write the profile (YAML)")
    capture.add_argument("--allow-incomplete", action="store_true", help="capture even when some settings fail")
    capture.set_defaults(func=run_capture)

    grad = sub.add_parser(
        "graduate", help="apply a setup profile to another org (sandbox to production) and prove parity",
        description="Apply a setup profile to another org through the apply door, verify it, and export a parity report.")
    grad.add_argument("--profile", required=True, type=Path, metavar="FILE", help="a profile written by 'eci-wizard capture'")
    where = grad.add_argument_group("target org")
    where.add_argument("--to", metavar="ALIAS", help="a saved connection (see 'eci-wizard login')")
    where.add_argument("--to-demo", action="store_true", help="the built-in demo org (in-process)")
    where.add_argument("--scenario", metavar="FILE", help="demo org scenario for --to-demo (default: fresh)")
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
    from wizard.commands.targets import TargetError, open_target
    from wizard.guides.loader import GuideError, load_guide
    from wizard.profiles.capture import CaptureRefused, capture_profile
    from wizard.profiles.files import write_profile
    from wizard.profiles.text import profile_text
    from wizard.salesforce.errors import SystemicError
    from wizard.secrets import redaction_values, remember

    try:
        guide = load_guide(args.guide)
    except (GuideError, KeyError, FileNotFoundError) as exc:
        return _fail(f"Cannot load the guide {args.guide!r}: {exc}")
    try:
        with open_target(args) as target:
            remember(target.connection.access_token)
            captured = capture_profile(target.connection, target.facts, guide, sign_in_app=_sign_in_app(args, args.org),
                                       preflight=target.preflight, allow_incomplete=args.allow_incomplete, secrets=redaction_values())
    except TargetError as exc:
        return _fail(str(exc))
    except CaptureRefused as exc:
        return _fail(str(exc), EXIT_NOT_AT_PARITY)
    except SystemicError as exc:
        return _fail(f"Could not read the org: {exc.explained.message}")
    path = write_profile(captured.profile, args.output)
    print(profile_text(captured.profile))
    print(f"Profile written to {path}")
    return EXIT_OK


def _answers(args: argparse.Namespace, questions: list[Any]) -> dict[str, str] | str:
    """--set values, then a prompt per open question (or its suggestion with --yes / no terminal)."""
    answers: dict[str, str] = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            return f"--set expects KEY=VALUE, found {item!r}."
        answers[key.strip()] = value.strip()
    known = {q.key for q in questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        return f"--set {unknown[0]}: this profile has no such value; it asks for: {', '.join(sorted(known)) or 'nothing'}."
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


def _secrets(graduation: Any, preview: Any) -> str | None:
    """Ask for each missing secret; None when all were given."""
    for need in preview.secrets_needed:
        value = ask_secret(f"{need.label} ({need.where}): ")
        if not value.strip():
            return f"No value was entered for: {need.label}. Nothing was written."
        graduation.provide_secret(need.name, value)
    return None


def _confirmation(args: argparse.Namespace, preview: Any) -> str | None:
    facts = preview.facts
    if facts.is_sandbox or preview.plan.empty:
        return None
    if args.production_confirm is not None:
        return str(args.production_confirm)
    if sys.stdin.isatty() and not args.yes:
        return input(f"{facts.name} is a production org. Type its name to apply the changes: ")
    return None


def run_graduate(args: argparse.Namespace) -> int:
    from wizard.apply.door import check_confirmation
    from wizard.apply.errors import ConfirmationRequired, MissingInputs, MissingSecrets
    from wizard.commands.targets import TargetError, open_target
    from wizard.profiles.files import ProfileError, read_profile
    from wizard.profiles.graduate import Graduation, GraduationBlocked
    from wizard.profiles.report import export_graduation
    from wizard.profiles.text import preview_text, result_text
    from wizard.providers.voice.endpoints import ProviderEndpoints
    from wizard.salesforce.errors import SystemicError
    from wizard.secrets import remember

    try:
        profile = read_profile(args.profile)
    except ProfileError as exc:
        return _fail(f"The profile cannot be used:\n{exc}")
    target_args = argparse.Namespace(demo=args.to_demo, org=args.to, instance_url=args.to_instance_url,
                                     scenario=args.scenario, token_env=args.token_env)
    try:
        with open_target(target_args) as target:
            remember(target.connection.access_token)
            graduation = Graduation(profile, target.connection, target.facts, client_id=_sign_in_app(target_args, args.to),
                                    preflight=target.preflight, endpoints=ProviderEndpoints.from_env())
            answers = _answers(args, graduation.questions())
            if isinstance(answers, str):
                return _fail(answers)
            preview = graduation.preview(answers)
            print(preview_text(preview, profile.source.environment))
            if args.dry_run:
                print("Dry run: nothing was written.")
                return EXIT_OK
            if preview.blockers and not args.ignore_blockers:
                return _fail("Not applied: the target lacks what the wizard cannot create (see 'Ahead of trouble'). "
                             "Fix that first, or pass --ignore-blockers.")
            asked = not args.yes and sys.stdin.isatty() and not preview.plan.empty
            if asked and input("Apply these changes? [y/N] ").strip().lower() not in ("y", "yes"):
                return _fail("Not applied.")
            confirmation = _confirmation(args, preview)
            check_confirmation(preview.plan, confirmation)  # before any secret is asked for
            if problem := _secrets(graduation, preview):
                return _fail(problem)
            result = graduation.apply(preview, confirmation, allow_blockers=args.ignore_blockers)
            print(result_text(result))
            stem = args.profile.with_suffix("")
            json_path = args.report_json or stem.with_name(stem.name + ".parity.json")
            pdf_path = args.report_pdf or stem.with_name(stem.name + ".parity.pdf")
            report, _files = export_graduation(profile, result, json_path=json_path, pdf_path=pdf_path, paper=args.paper)
            print(f"{report.summary.headline}: {report.summary.text}")
            print(f"Parity report: {json_path} and {pdf_path}")
            at_parity = not result.applied.error and report.summary.unexplained == 0
            return EXIT_OK if at_parity else EXIT_NOT_AT_PARITY
    except TargetError as exc:
        return _fail(str(exc))
    except (GraduationBlocked, ConfirmationRequired, MissingSecrets, MissingInputs, ValueError) as exc:
        return _fail(f"Nothing was written: {exc}")
    except SystemicError as exc:
        return _fail(f"Could not read the target org: {exc.explained.message}")
