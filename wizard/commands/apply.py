"""``eci-wizard apply``, ``undo`` and ``assign-permission-set``: the fixes, headless.

``apply`` shows the plan (current -> desired) and, unless ``--dry-run``, asks before writing. A
production org needs its name typed; ``--yes`` alone is refused there unless
``--production-confirm ORGNAME`` names the org exactly. Secrets the plan needs are asked for
with a hidden prompt and kept in the keyring; they are never taken as arguments.

Exit codes: 0 done (or nothing to do), 1 the apply stopped with an error (the message says how
to resume or what was put back), 2 nothing was written (bad arguments, no confirmation, missing
values, org not reachable).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

EXIT_OK, EXIT_STOPPED, EXIT_NOT_STARTED = 0, 1, 2
FIXES = ("eci_settings", "media_provider", "eci_app", "auth_provider", "named_credential", "site", "guest_permission_sets", "assign_permission_set")


def register(sub: Any) -> None:
    from wizard.commands.arg_types import lambda_function_name
    from wizard.commands.aws import aws_region
    from wizard.commands.verify import add_target_arguments

    apply = sub.add_parser(
        "apply",
        help="fix what a guide's verification found (shows the plan first)",
        description="Plan, confirm, back up and apply the fixes a guide's settings need, then re-check them.",
    )
    apply.add_argument("--guide", required=True, help="natterbox, aircall, ringcentral, execvision or amazon-connect")
    add_target_arguments(apply)
    _confirm_arguments(apply)
    apply.add_argument("--dry-run", action="store_true", help="show the plan and write nothing")
    apply.add_argument("--only", metavar="FIX", choices=FIXES, help=f"apply one fix only ({', '.join(FIXES)})")
    apply.add_argument("--users", nargs="+", metavar="USER", default=(), help="ids or usernames who get the permission sets the guide gives 'your users' (default: you)")
    apply.add_argument("--profile", metavar="PROFILE", help="give those permission sets to every active user of this profile")
    apply.add_argument("--environment", choices=("sandbox", "production"), default="sandbox", help="RingCentral endpoints to use (default sandbox)")
    apply.add_argument("--aws-region", metavar="REGION", type=aws_region,
                       help="Amazon Connect: the region the serverless application runs in")
    apply.add_argument("--lambda-function", metavar="NAME", type=lambda_function_name,
                       help="Amazon Connect: full name of the sfGenerateAudioRecordingStreaming Lambda")
    apply.add_argument("--app-kind", choices=("external-client-app", "connected-app"), default="external-client-app", help="what to create when the org has no ECI app")
    apply.set_defaults(func=run_apply)

    undo = sub.add_parser("undo", help="undo the wizard's last change to an org", description="Restore the newest backup of an org and remove what the wizard created.")
    undo.add_argument("--guide", help="re-check this guide's settings afterwards")
    add_target_arguments(undo)
    _confirm_arguments(undo)
    undo.set_defaults(func=run_undo)

    assign = sub.add_parser(
        "assign-permission-set",
        help="assign a permission set to many users (200 per request)",
        description="Assign a permission set to users given by id or username, or to every active user of a profile.",
    )
    assign.add_argument("--permission-set", required=True, metavar="NAME", help="API name or label, e.g. 'Conversation Insights for Sales'")
    who = assign.add_mutually_exclusive_group(required=True)
    who.add_argument("--users", nargs="+", metavar="USER", help="user ids or usernames")
    who.add_argument("--profile", metavar="PROFILE", help="every active user of this profile")
    add_target_arguments(assign)
    _confirm_arguments(assign)
    assign.set_defaults(func=run_assign)


def _confirm_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", action="store_true", help="do not ask before writing (refused for production without --production-confirm)")
    parser.add_argument("--production-confirm", metavar="ORGNAME", help="the production org's name, typed to confirm")


def _interactive() -> bool:
    return sys.stdin.isatty()


def confirm(args: argparse.Namespace, org_name: str, production: bool, what: str) -> str | None:
    """The confirmation for `what`: the org's name for production, 'yes' otherwise; None = refused."""
    if production:
        if args.production_confirm is not None:
            if args.production_confirm.strip() == org_name:
                return org_name
            print(f"--production-confirm does not match: this org is named {org_name!r}. Nothing was changed.", file=sys.stderr)
            return None
        if args.yes:
            print(
                f"{org_name} is a production org: --yes alone is not enough. Add --production-confirm "
                f"'{org_name}' to {what}, or run without --yes and type the name. Nothing was changed.",
                file=sys.stderr,
            )
            return None
        if not _interactive():
            print(f"{org_name} is a production org; confirm with --production-confirm '{org_name}'. Nothing was changed.", file=sys.stderr)
            return None
        typed = input(f"{org_name} is a PRODUCTION org. Type its name to {what}: ").strip()
        if typed == org_name:
            return typed
        print(f"{typed!r} is not this org's name ({org_name!r}). Nothing was changed.", file=sys.stderr)
        return None
    if args.yes:
        return "yes"
    if not _interactive():
        print("Add --yes to write without a prompt. Nothing was changed.", file=sys.stderr)
        return None
    if input(f"{what[0].upper() + what[1:]}? [y/N] ").strip().lower() in ("y", "yes"):
        return "yes"
    print("Not confirmed. Nothing was changed.", file=sys.stderr)
    return None


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


def _ask_missing(plan: Any, secrets: Any, inputs: Any) -> tuple[Any, bool]:
    """Prompt for missing choices and secrets (hidden input); returns (inputs, all present)."""
    import dataclasses

    changes = {}
    for need in plan.inputs_needed:
        if not _interactive():
            return inputs, False
        value = input(f"{need.label}: ").strip()
        if not value:
            return inputs, False
        changes[need.name] = value
    for need in plan.secrets_needed:
        if secrets.has(need.name):
            continue
        if not _interactive():
            return inputs, False
        print(f"{need.label}. {need.where}")
        value = getpass.getpass(f"{need.label} (hidden): ")
        if not value:
            return inputs, False
        if not secrets.put(need.name, value):
            print(secrets.kept_where())
    return (dataclasses.replace(inputs, **changes) if changes else inputs), True


def run_apply(args: argparse.Namespace) -> int:
    from wizard.apply.backup import BackupUnreadable
    from wizard.apply.door import apply_plan, plan_guide
    from wizard.apply.errors import ConfirmationRequired, MissingInputs, MissingSecrets
    from wizard.apply.preview import plan_text, result_text
    from wizard.apply.secret_source import SecretSource
    from wizard.apply.user_refs import UserChoiceError, unused_user_choice
    from wizard.commands.targets import TargetError, open_target
    from wizard.guides.loader import GuideError, load_guide
    from wizard.salesforce.errors import SystemicError

    try:
        guide = load_guide(args.guide)
    except (GuideError, KeyError, FileNotFoundError) as exc:
        print(f"Cannot load the guide {args.guide!r}: {exc}", file=sys.stderr)
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
            print(plan_text(plan, guide.title))
            if args.dry_run or plan.empty:
                return EXIT_OK
            if plan.inputs_needed or any(not secrets.has(n.name) for n in plan.secrets_needed):
                inputs, complete = _ask_missing(plan, secrets, inputs)
                if not complete:
                    print("Some values the plan needs are missing (see above); run interactively to enter them. Nothing was changed.", file=sys.stderr)
                    return EXIT_NOT_STARTED
                plan = plan_guide(conn, guide, facts, inputs, secrets, only_fixes=only)
            confirmation = confirm(args, facts.name, plan.production, "apply these changes")
            if confirmation is None:
                return EXIT_NOT_STARTED
            result = apply_plan(conn, guide, plan, confirmation if plan.production else None, inputs, secrets, progress=_progress)
            print(result_text(result))
            return EXIT_STOPPED if result.error else EXIT_OK
    except (ConfirmationRequired, MissingSecrets, MissingInputs, UserChoiceError, BackupUnreadable) as exc:
        print(f"{exc} Nothing was changed.", file=sys.stderr)
        return EXIT_NOT_STARTED
    except TargetError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_NOT_STARTED
    except SystemicError as exc:
        print(f"Could not read the org: {exc.explained.message}", file=sys.stderr)
        return EXIT_NOT_STARTED


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


def run_undo(args: argparse.Namespace) -> int:
    from wizard.apply.backup import BackupStore, BackupUnreadable
    from wizard.apply.undo import UNDOABLE
    from wizard.commands.targets import TargetError, open_target
    from wizard.guides.loader import GuideError, load_guide
    from wizard.salesforce.errors import SystemicError

    try:
        guide = load_guide(args.guide) if args.guide else None
    except (GuideError, KeyError, FileNotFoundError) as exc:
        print(f"Cannot load the guide {args.guide!r}: {exc}", file=sys.stderr)
        return EXIT_NOT_STARTED
    try:
        with open_target(args) as target:
            facts = target.facts
            backup = BackupStore().latest(facts.org_id, UNDOABLE)
            if backup is None:
                print(f"There is no change to undo for {facts.name}: the wizard has no backup of this org.")
                return EXIT_OK
            print(f"Undo backup {backup.id} ({backup.guide_id}, {backup.started:%Y-%m-%d %H:%M UTC}): {len(backup.entries)} item(s).")
            if confirm(args, facts.name, not facts.is_sandbox, "undo it") is None:
                return EXIT_NOT_STARTED
            return _undo(target, guide)
    except BackupUnreadable as exc:
        print(f"{exc} Nothing was undone.", file=sys.stderr)
        return EXIT_NOT_STARTED
    except (TargetError, SystemicError) as exc:
        print(getattr(getattr(exc, "explained", None), "message", None) or str(exc), file=sys.stderr)
        return EXIT_NOT_STARTED


def _undo(target: Any, guide: Any) -> int:
    """Undo the newest backup. One that stops says what it had already put back and to run the
    undo again (which continues it), never to apply again: that would redo the change."""
    from wizard.apply.errors import UndoStopped, undo_error
    from wizard.apply.preview import undo_text
    from wizard.apply.undo import undo_last

    try:
        result = undo_last(target.connection, target.facts, guide)
    except UndoStopped as exc:
        print(exc.text, file=sys.stderr)
        return EXIT_STOPPED
    except Exception as exc:
        print(f"The undo stopped: {undo_error(exc).text}", file=sys.stderr)
        return EXIT_STOPPED
    print(undo_text(result))
    return EXIT_OK


def run_assign(args: argparse.Namespace) -> int:
    from wizard.apply import bulk_assign
    from wizard.apply.backup import BackupUnreadable
    from wizard.apply.door import assign_users
    from wizard.apply.errors import from_exception
    from wizard.apply.ops import Ops
    from wizard.apply.user_refs import UserChoiceError
    from wizard.commands.targets import TargetError, open_target
    from wizard.salesforce.errors import SystemicError

    try:
        with open_target(args) as target:
            ops = Ops(target.connection)
            found = bulk_assign.find_permission_set(ops, args.permission_set)
            if found is None:
                print(f"The org has no permission set named {args.permission_set!r}. Nothing was changed.", file=sys.stderr)
                return EXIT_NOT_STARTED
            try:
                users = _assignees(ops, args, target.facts.name)
            except UserChoiceError as exc:
                print(f"{exc} Nothing was changed.", file=sys.stderr)
                return EXIT_NOT_STARTED
            names = {u["Id"]: u.get("Name") or u.get("Username") for u in users}
            print(f"Assign {found.get('Label')} to {len(users)} user(s) in {target.facts.name}.")
            print(bulk_assign.PROCESSING_WARNING)
            if not users:
                print(f"No active user has the profile {args.profile!r}: nothing to assign." if args.profile else "No user was named: nothing to assign.")
                return EXIT_OK
            confirmation = confirm(args, target.facts.name, not target.facts.is_sandbox, "assign it")
            if confirmation is None:
                return EXIT_NOT_STARTED
            try:
                result, backup_id = assign_users(target.connection, target.facts, found, list(names), confirmation, progress=_count)
            except BackupUnreadable as exc:  # raised before the first write
                print(f"{exc} Nothing was changed.", file=sys.stderr)
                return EXIT_NOT_STARTED
            except Exception as exc:
                print(f"Stopped: {from_exception(exc).text}", file=sys.stderr)
                return EXIT_STOPPED
            print(f"{found.get('Label')}: {result.summary()} ({result.requests} requests). Backup: {backup_id} (undo with 'eci-wizard undo').")
            for failure in result.failed:
                print(f"  {names.get(failure.user_id, failure.user_id)}: {failure.code}: {failure.message}. {failure.meaning}")
            return EXIT_OK
    except (TargetError, SystemicError) as exc:
        print(getattr(getattr(exc, "explained", None), "message", None) or str(exc), file=sys.stderr)
        return EXIT_NOT_STARTED


def _assignees(ops: Any, args: argparse.Namespace, org: str) -> list[dict]:
    """The users `--users` or `--profile` name; raises `UserChoiceError` for any that match nobody
    (the same refusal as ``apply --users/--profile``), so a typo never shrinks the assignment."""
    from wizard.apply import bulk_assign
    from wizard.apply.user_refs import unknown_users

    if args.profile:
        return bulk_assign.users_of_profile(ops, args.profile, org)
    users, missing = bulk_assign.users_by_reference(ops, args.users)
    if missing:
        raise unknown_users(missing, org)
    return users


def _count(done: int, total: int) -> None:
    print(f"  {done}/{total}", flush=True)
