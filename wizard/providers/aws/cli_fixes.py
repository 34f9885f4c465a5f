"""``eci-wizard aws fix cors|secret`` and ``aws undo``: preview, confirm, write, re-check; and put a backup back.

The two fixes share one preview-and-confirm (`preview_and_confirm`) so ``--dry-run`` and ``--yes``
mean the same for both, and one report (`_report`) so both end with the rows they re-checked.
"""

from __future__ import annotations

import argparse
import json
import sys

from wizard.commands.aws import EXIT_FAILED, EXIT_OK, EXIT_UNVERIFIED
from wizard.engine.changes import ChangePlan
from wizard.engine.results import Status
from wizard.providers.aws import access as aws_access
from wizard.providers.aws import cors, names
from wizard.providers.aws.cli_access import open_access, origins
from wizard.providers.aws.cli_check import print_results
from wizard.providers.aws.fixes import FixOutcome, FixRefused, SecretNotFound


def _stack_param(access: aws_access.AwsAccess, stack: str | None, key: str, instead: str) -> str | None:
    """The stack's `key` parameter; None only when no --stack was given and no single stack was found.

    A ``--stack`` that names no stack (or one without `key`) is refused here, saying so: falling back
    to a default would write elsewhere than asked, and "pass --stack" would tell the admin to do what
    they did. `instead` is the option that skips the stack (``--bucket``, ``--secret``).
    """
    from wizard.providers.aws import reads

    found, candidates, _ = reads.read_stack(access, stack)
    if isinstance(found, reads.StackFacts):
        value = found.param(key)
        if not value and stack:
            raise FixRefused(f"stack {stack} in {access.region} has no {key} parameter; expected the Salesforce Lambdas stack, "
                             f"whose {key} names it: check the stack name, or pass {instead}")
        return value
    if isinstance(found, reads.ReadIssue):
        raise FixRefused(f"the CloudFormation stack could not be read to find {key}: {found.message.rstrip('.')}; "
                         f"fix that access, or pass {instead}")
    if stack:
        raise FixRefused(f"there is no CloudFormation stack called {stack} in {access.region}; expected the Salesforce Lambdas "
                         f"stack: check its name (and --region) in the CloudFormation console, or pass {instead}")
    if len(candidates) > 1:
        raise FixRefused(f"{len(candidates)} stacks in {access.region} look like the Salesforce Lambdas stack "
                         f"({', '.join(candidates)}); pass --stack NAME to choose one, or {instead}")
    return None


def preview_and_confirm(plan: ChangePlan, args: argparse.Namespace) -> bool:
    print(plan.title)
    if plan.empty:
        print("Nothing to change: AWS already has what the fix would write.")
        return False
    for change in plan.changes:
        print(f"  {change.target} · {change.setting}")
        for label, value in (("now", change.current), ("after", change.desired)):
            if value.startswith("["):  # CORS rules: one rule per line
                rules = json.loads(value) or ["(no CORS configuration)"]
                print(f"    {label}:")
                for rule in rules:
                    print(f"      {json.dumps(rule)}")
            else:
                print(f"    {label}: {value}")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return False
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise FixRefused("not applied: add --yes to apply without a question, or run in a terminal")
    return input("Apply these changes? Type yes to continue: ").strip().lower() == "yes"


def _report(outcome: FixOutcome) -> int:
    print(outcome.message)
    if outcome.results:
        print_results(list(outcome.results))
    failed = any(r.status in (Status.FAIL, Status.ERROR) for r in outcome.results)
    return EXIT_FAILED if failed else EXIT_OK


def run_fix_cors(args: argparse.Namespace) -> int:
    from wizard.providers.aws.fixes import apply_cors_fix, plan_cors_fix

    access = open_access(args)
    try:
        org_origins = origins(args)
        if not org_origins:
            raise FixRefused("give the org's origins with --org-origin (the AC_RecordingViewer preview URL and a Lightning URL) or --my-domain")
        bucket = args.bucket or _stack_param(access, args.stack, names.PARAM_RECORDING_BUCKET, "--bucket")
        if not bucket:
            raise FixRefused(f"the bucket is unknown: no stack in {access.region} has the Salesforce Lambdas parameters; "
                             f"pass --bucket, or --stack NAME so its {names.PARAM_RECORDING_BUCKET} can be read")
        plan = plan_cors_fix(access, bucket, org_origins)
        if not preview_and_confirm(plan, args):
            return EXIT_OK
        return _report(apply_cors_fix(access, plan, by=access.source))
    except (FixRefused, cors.OriginError) as exc:
        print(f"Not changed: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED


def run_fix_secret(args: argparse.Namespace) -> int:
    from wizard.providers.aws.fixes import (
        apply_secret_fix,
        plan_secret_fix,
        prepare_secret_material,
    )
    from wizard.providers.aws.pem import KeyFormatError, read_key_file

    try:
        # The key file first: a wrong path or an unusable key is said before AWS is asked anything.
        if not (args.private_key or args.key_id):
            raise FixRefused("give --private-key FILE and/or --key-id ID")
        pem = read_key_file(args.private_key) if args.private_key else None
        material = prepare_secret_material(pem, args.key_id)
        del pem
    except (FixRefused, KeyFormatError) as exc:
        print(f"Not changed: {exc}. Nothing was read from AWS.", file=sys.stderr)
        return EXIT_UNVERIFIED
    access = open_access(args)
    try:
        secret_id = args.secret or _stack_param(access, args.stack, names.PARAM_SECRET_ARN, "--secret") or names.SECRET_NAME
        plan = plan_secret_fix(access, secret_id, material)
        if not preview_and_confirm(plan, args):
            return EXIT_OK
        return _report(apply_secret_fix(access, plan, material, by=access.source))
    except SecretNotFound as exc:
        print(f"Not changed: {exc}; expected the secret that holds the Salesforce credentials (the stack's "
              f"{names.PARAM_SECRET_ARN}, else {names.SECRET_NAME}): pass --secret with its name or ARN as Secrets Manager "
              "lists it, or --stack NAME, and check --region", file=sys.stderr)
        return EXIT_UNVERIFIED
    except (FixRefused, KeyFormatError, OSError) as exc:
        print(f"Not changed: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED


def run_undo(args: argparse.Namespace) -> int:
    from wizard.providers.aws.backups import BackupNotFound, load_backup
    from wizard.providers.aws.fixes import undo

    try:
        backup = load_backup(args.backup_id)
        print(f"Restore {backup['kind']} backup {args.backup_id} from {backup['saved']}.")
        if not args.yes and not sys.stdin.isatty():
            # No one to ask and no --yes: as `preview_and_confirm` does for the fixes, a refusal (exit 2),
            # never "Nothing was changed" with 0, which a script would read as "undone".
            raise FixRefused("nothing was undone: there is no terminal to ask in and --yes was not given; "
                             f"add --yes to restore without a question (eci-wizard aws undo {args.backup_id} --yes ...), "
                             "or run the command in a terminal")
        if not args.yes and input("Type yes to continue: ").strip().lower() != "yes":
            print("Nothing was changed.")
            return EXIT_OK
        print(undo(open_access(args), args.backup_id).message)
        return EXIT_OK
    except (BackupNotFound, FixRefused) as exc:
        print(f"Not restored: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED
