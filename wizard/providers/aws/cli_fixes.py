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
from wizard.providers.aws.fixes import FixOutcome, FixRefused


def _stack_param(access: aws_access.AwsAccess, stack: str | None, key: str) -> str | None:
    from wizard.providers.aws import reads

    found, _candidates, _ = reads.read_stack(access, stack)
    return found.param(key) if isinstance(found, reads.StackFacts) else None


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
        bucket = args.bucket or _stack_param(access, args.stack, names.PARAM_RECORDING_BUCKET)
        if not bucket:
            raise FixRefused(f"the bucket is unknown: pass --bucket, or --stack so its {names.PARAM_RECORDING_BUCKET} can be read")
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
    from wizard.providers.aws.pem import KeyFormatError

    access = open_access(args)
    try:
        if not (args.private_key or args.key_id):
            raise FixRefused("give --private-key FILE and/or --key-id ID")
        pem = args.private_key.read_text(encoding="ascii", errors="replace") if args.private_key else None
        material = prepare_secret_material(pem, args.key_id)
        del pem
        secret_id = args.secret or _stack_param(access, args.stack, names.PARAM_SECRET_ARN) or names.SECRET_NAME
        plan = plan_secret_fix(access, secret_id, material)
        if not preview_and_confirm(plan, args):
            return EXIT_OK
        return _report(apply_secret_fix(access, plan, material, by=access.source))
    except (FixRefused, KeyFormatError, OSError) as exc:
        print(f"Not changed: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED


def run_undo(args: argparse.Namespace) -> int:
    from wizard.providers.aws.backups import BackupNotFound, load_backup
    from wizard.providers.aws.fixes import undo

    try:
        backup = load_backup(args.backup_id)
        print(f"Restore {backup['kind']} backup {args.backup_id} from {backup['saved']}.")
        if not args.yes and (not sys.stdin.isatty() or input("Type yes to continue: ").strip().lower() != "yes"):
            print("Nothing was changed.")
            return EXIT_OK
        print(undo(open_access(args), args.backup_id).message)
        return EXIT_OK
    except (BackupNotFound, FixRefused) as exc:
        print(f"Not restored: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED
