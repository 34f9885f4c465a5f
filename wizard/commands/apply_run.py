"""What ``eci-wizard apply`` runs: plan, ask for what is missing, confirm, apply, re-check.

Apart from the argument declarations (`wizard.commands.apply`) so ``eci-wizard --help`` imports
none of the apply engine; every heavy import is inside the functions.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wizard.commands.apply import EXIT_NOT_STARTED, EXIT_OK, EXIT_STOPPED
from wizard.commands.apply_prompts import (
    ValueRefused,
    ask_missing,
    confirm,
    decided_by_options,
    interactive,
    missing_values_text,
)


def _inputs(args: argparse.Namespace) -> Any:
    from wizard.apply.model import ApplyInputs

    return ApplyInputs(
        environment=args.environment,
        aws_region=args.aws_region,
        lambda_function=args.lambda_function,
        users=tuple(args.users or ()),
        profile=args.profile,
        app_kind="connected_app" if args.app_kind == "connected-app" else "external_client_app",
    )


def run_apply(args: argparse.Namespace) -> int:
    from wizard.apply.backup import BackupStore, BackupUnreadable, BackupUnwritable
    from wizard.apply.door import apply_plan, plan_guide
    from wizard.apply.errors import ConfirmationRequired, MissingInputs, MissingSecrets
    from wizard.apply.preview import plan_text, result_text
    from wizard.apply.secret_source import SecretSource
    from wizard.apply.user_refs import UserChoiceError, unused_user_choice
    from wizard.commands.chosen_guide import GuideUnreadable, load_chosen_guide
    from wizard.commands.targets import TargetError, open_target
    from wizard.salesforce.errors import SystemicError

    try:
        guide = load_chosen_guide(args.guide)
    except GuideUnreadable as exc:
        print(exc, file=sys.stderr)
        return EXIT_NOT_STARTED
    inputs = _inputs(args)
    only = [args.only] if args.only else None
    if unused := unused_user_choice(guide, inputs, only) or _unused_aws_choice(guide, args, only):
        print(f"{unused} Nothing was changed.", file=sys.stderr)
        return EXIT_NOT_STARTED
    try:
        with open_target(args) as target:
            conn, facts = target.connection, target.facts
            secrets = SecretSource.for_org(facts)
            plan = plan_guide(conn, guide, facts, inputs, secrets, only_fixes=only)
            print(plan_text(plan, guide.title, dry_run=args.dry_run, session_only=secrets.session_only,
                            asks_name=not decided_by_options(args)))
            if plan.unread:  # incomplete: its preview says what could not be read; no apply starts on it
                if not args.dry_run:
                    print("The plan is incomplete (see above), so the apply did not start. Nothing was changed.", file=sys.stderr)
                return EXIT_NOT_STARTED
            if args.dry_run or plan.empty:
                return EXIT_OK
            BackupStore().check_writable(facts.org_id)  # no backup, no write: said before any question
            # What the options alone decide is answered before any value is asked for, so every
            # reason the apply cannot go ahead is said at once (not one per attempt).
            early = confirm(args, facts.name, plan.production, "apply these changes") if decided_by_options(args) else None
            if plan.inputs_needed or any(not secrets.has(n.name) for n in plan.secrets_needed):
                if decided_by_options(args) and early is None:  # refused already: asking for values would be for nothing
                    if not interactive():
                        print(missing_values_text(plan, secrets), file=sys.stderr)
                    return EXIT_NOT_STARTED
                inputs, complete = ask_missing(plan, secrets, inputs)
                if not complete:
                    print(missing_values_text(plan, secrets), file=sys.stderr)
                    return EXIT_NOT_STARTED
                plan = plan_guide(conn, guide, facts, inputs, secrets, only_fixes=only)
            confirmation = early if decided_by_options(args) else confirm(args, facts.name, plan.production, "apply these changes")
            if confirmation is None:
                return EXIT_NOT_STARTED
            result = apply_plan(conn, guide, plan, confirmation if plan.production else None, inputs, secrets, progress=_progress)
            print(target.undo_hint(result_text(result)))
            return exit_code(result)
    except (ConfirmationRequired, MissingSecrets, MissingInputs, UserChoiceError, BackupUnreadable) as exc:
        print(f"{exc} Nothing was changed.", file=sys.stderr)
        return EXIT_NOT_STARTED
    except (BackupUnwritable, ValueRefused) as exc:  # their messages say that nothing was changed
        print(str(exc), file=sys.stderr)
        return EXIT_NOT_STARTED
    except TargetError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_NOT_STARTED
    except SystemicError as exc:
        print(f"Could not read the org: {exc.explained.message}", file=sys.stderr)
        return EXIT_NOT_STARTED


def exit_code(result: Any) -> int:
    """0 done, 1 stopped after something reached the org (finish it or undo it) or done but not
    checked again (verify it), 2 stopped with nothing written by this run (the org is as it was; a
    script may simply run it again later)."""
    if not result.error:
        return EXIT_STOPPED if result.recheck_failed else EXIT_OK
    return EXIT_NOT_STARTED if result.wrote_nothing else EXIT_STOPPED


def _unused_aws_choice(guide: Any, args: argparse.Namespace, only: list[str] | None) -> str | None:
    """Why ``--aws-region``/``--lambda-function`` would do nothing here, or None when a fix takes them.

    They build the Amazon Connect named credential (its Lambda URL and region); any other guide,
    or one whose region is fixed (Natterbox's S3 credential), would ignore them without a word.
    """
    from wizard.apply.targets import targets_for

    given = [name for name, value in (("--aws-region", args.aws_region), ("--lambda-function", args.lambda_function)) if value]
    if not given:
        return None
    targets = targets_for(guide, only_fixes=only)
    lambda_url = any((t.checks.get("named_credential.url") or {}).get("lambda_invocations") for t in targets)
    open_region = any("named_credential.aws" in t.checks and not t.checks["named_credential.aws"].get("region") for t in targets)
    unused = [name for name in given if not (lambda_url or (open_region and name == "--aws-region"))]
    if not unused:
        return None
    scope = f"the fix {', '.join(only)} of the {guide.id} guide" if only else f"the {guide.id} guide"
    return (
        f"{' and '.join(unused)} would change nothing: {scope} has no setting that takes "
        f"{'them' if len(unused) > 1 else 'it'} (they build the Amazon Connect named credential's Lambda URL and region). "
        f"Leave {'them' if len(unused) > 1 else 'it'} out."
    )


def _progress(step: str, done: int, total: int) -> None:
    if step != "done":
        print(f"[{done + 1}/{total}] {step}", flush=True)
