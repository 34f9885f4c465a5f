"""What the ``eci-wizard aws`` subcommands do; `wizard.commands.aws` only declares the arguments.

Kept apart so ``eci-wizard --help`` imports neither boto3 nor cryptography.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from contextlib import ExitStack
from datetime import UTC, datetime

from wizard.commands.aws import EXIT_FAILED, EXIT_OK, EXIT_UNVERIFIED
from wizard.engine.changes import ChangePlan
from wizard.engine.results import CheckResult, Status
from wizard.providers.aws import access as aws_access
from wizard.providers.aws import cors, names
from wizard.providers.aws.fixes import FixOutcome, FixRefused
from wizard.result_table import masker, result_lines, tally, terminal_width

PAGE_TITLES = {
    names.PAGE_CLOUDFORMATION: "CloudFormation template",
    names.PAGE_CLOUDFRONT_KEYS: "CloudFront keys and the SalesforceCredentials secret",
    names.PAGE_BUCKET_CORS: "Recordings bucket CORS",
    names.PAGE_STREAMING_IAM_USER: "IAM user for the named credential",
    names.PAGE_EDGE_LAMBDA: "sfSig4RequestToS3 at the edge",
    names.PAGE_TRANSCRIPTS: "Recording transcripts",
    names.PAGE_ANALYSIS: "AI-driven contact analysis",
}


def origins(args: argparse.Namespace) -> tuple[str, ...]:
    """The org's browser origins from --org-origin values and/or --my-domain."""
    found: list[str] = []
    if getattr(args, "my_domain", None):
        found += cors.origins_from_my_domain(args.my_domain, args.namespace)
    for value in getattr(args, "org_origin", []) or []:
        host = cors.origin_of(value).removeprefix("https://")
        if ".lightning.force.com" in host:
            found.append(cors.lightning_origin(value))
        elif host.endswith(".force.com") and (".vf." in f".{host}" or ".visual." in f".{host}"):
            found.append(cors.visualforce_origin(value))
        else:
            found.append(cors.origin_of(value))
    return tuple(dict.fromkeys(found))


def open_access(args: argparse.Namespace) -> aws_access.AwsAccess:
    endpoints = aws_access.parse_endpoint_overrides(args.endpoint_url)
    if args.keyring_label:
        if not args.region:
            from wizard.providers.aws.errors import AwsAccessError, AwsProblem

            raise AwsAccessError(AwsProblem("no_region", "session", "No region was given for the keys from the keyring.",
                                            "the region of the Salesforce Lambdas stack", "add --region (for example us-east-1)"))
        return aws_access.AwsAccess.from_keyring(args.keyring_label, region=args.region, endpoints=endpoints)
    return aws_access.AwsAccess.from_profile(args.profile, region=args.region, endpoints=endpoints)


def run_check(args: argparse.Namespace) -> int:
    from wizard.output_files import OutputFileError, check_output_file, write_output_text
    from wizard.providers.aws.checks import AwsCheckInputs, run_checks, salesforce_handoff
    from wizard.providers.aws.snapshot import AwsTarget, read_snapshot

    try:
        org_origins = origins(args)
    except cors.OriginError as exc:
        print(f"Cannot use that org address: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED
    if args.json is not None:
        try:
            check_output_file(args.json, "--json")
        except OutputFileError as exc:
            print(f"{exc} Nothing was read from AWS.", file=sys.stderr)
            return EXIT_UNVERIFIED
    started = datetime.now(UTC)
    with ExitStack() as stack:
        if args.demo:
            from wizard.providers.aws.demo import LocalAws, seed_configured_account

            try:
                local = stack.enter_context(LocalAws())
            except RuntimeError as exc:
                print(f"Demo mode needs the local AWS emulator: {exc} (pip install 'moto[server]')", file=sys.stderr)
                return EXIT_UNVERIFIED
            access = local.access(args.region or "us-west-2")
            org_origins = org_origins or cors.origins_from_my_domain("https://eci-demo.my.salesforce.com")
            seed_configured_account(access, org_origins)
        else:
            access = open_access(args)
        started = datetime.now(UTC)
        snapshot = read_snapshot(access, AwsTarget(args.stack))
    inputs = AwsCheckInputs(org_origins=org_origins, concurrent_calls=args.concurrent_calls, want_transcripts=args.transcripts,
                            want_analysis=bool(args.analysis), transcribe_language=args.language, analysis_codes=args.analysis)
    results = run_checks(snapshot, inputs)
    handoff = salesforce_handoff(snapshot)
    print(f"Amazon Connect, AWS side — account {snapshot.account}, {snapshot.region}, {snapshot.credential_source}")
    print_results(results)
    if "named_credential_url" in handoff:
        print(f"\n{names.NAMED_CREDENTIAL} URL (Salesforce): {handoff['named_credential_url']}")
    print(f"Read in {snapshot.calls} AWS API calls, {(datetime.now(UTC) - started).total_seconds():.2f} s")
    if args.json:
        document = {
            "guide": {"id": names.GUIDE_ID, "side": "aws"},
            "aws": {"account": snapshot.account, "region": snapshot.region, "caller": snapshot.caller_arn, "credentials": snapshot.credential_source},
            "started": started.isoformat(), "finished": datetime.now(UTC).isoformat(), "requests_made": snapshot.calls,
            "counts": {s.value: sum(r.status == s for r in results) for s in Status},
            "results": [r.model_dump(mode="json") for r in results],
            "salesforce_handoff": handoff,
        }
        try:
            write_output_text(args.json, json.dumps(document, indent=2), "--json")
        except OutputFileError as exc:
            print(f"{exc} The results above are complete; only the file is missing.", file=sys.stderr)
            return EXIT_UNVERIFIED
    # As verify: a setting that failed or could not be checked is 1; 2 is kept for "could not check AWS at all".
    return EXIT_FAILED if any(r.status in (Status.FAIL, Status.ERROR) for r in results) else EXIT_OK


def print_results(results: list[CheckResult]) -> None:
    """Page by page, masked as the report is (`wizard.result_table`)."""
    mask, width = masker(), terminal_width()
    print(tally(results))
    page = None
    for r in results:
        if r.page_id != page:
            page = r.page_id
            print(f"\n{PAGE_TITLES.get(page, page)}")
        rows: list[tuple[str, str]] = []
        if r.status in (Status.FAIL, Status.WARN, Status.ERROR, Status.MANUAL):
            rows = [("expected", r.expected), ("observed", r.observed), ("why", r.message)]
            if r.fix:
                rows += [("fix", r.fix.hint), ("open", r.fix.console_url or ""), ("wizard", f"eci-wizard aws fix {r.fix.fix_name.split('.')[-1]}" if r.fix.fix_name else "")]
        print("\n".join(result_lines(r, rows, mask, width)))


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


def run_keys(args: argparse.Namespace) -> int:
    """``aws keys set`` proves the keys with AWS (sts:GetCallerIdentity) and saves only keys AWS accepted,
    as the window's AWS panel does: saved keys that AWS refuses would fail every later check instead."""
    from wizard import secrets
    from wizard.providers.aws.errors import AwsAccessError, AwsCallError

    if args.keys_action == "forget":
        gone = aws_access.forget_keys(args.label)
        print(f"Removed the keys saved as {args.label!r}." if gone else f"No keys were saved as {args.label!r}.")
        return EXIT_OK
    if args.from_env:
        key_id, secret, token = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY"), os.environ.get("AWS_SESSION_TOKEN")
    elif not sys.stdin.isatty():
        print("Type the keys in a terminal (the secret access key is hidden), or pass --from-env to take them from "
              "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Nothing was saved.", file=sys.stderr)
        return EXIT_UNVERIFIED
    else:
        key_id, secret, token = input("Access key ID: "), getpass.getpass("Secret access key: "), getpass.getpass("Session token (Enter if none): ")
    key_id, secret, token = (key_id or "").strip(), (secret or "").strip(), (token or "").strip()
    if not key_id or not secret:
        print("Both the access key ID and the secret access key are needed. Nothing was saved.", file=sys.stderr)
        return EXIT_UNVERIFIED
    secrets.remember(secret)
    secrets.remember(token)
    region = args.region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    shown = f"…{key_id[-4:]}"
    try:
        access = aws_access.AwsAccess.from_keys(key_id, secret, token or None, region=region, label=args.label,
                                                endpoints=aws_access.parse_endpoint_overrides(args.endpoint_url))
        caller = access.identity()
    except (AwsAccessError, AwsCallError) as exc:
        problem = exc.problem
        if problem.kind in ("bad_credentials", "expired_token"):
            head = f"AWS did not accept the access key {shown} (asked with sts:GetCallerIdentity in {region})."
        else:
            head = f"AWS could not be asked whether it accepts the access key {shown}."
        print(f"Nothing was saved: {head} {problem.observed}\n  expected: {problem.expected}\n  what to do: {problem.action}",
              file=sys.stderr)
        return EXIT_UNVERIFIED
    print(f"AWS accepted the access key {shown}: account {caller.account}, {caller.arn}.")
    try:
        aws_access.save_keys(args.label, key_id, secret, token or None)
    except secrets.KeyringUnavailable as exc:
        print(f"{exc} Nothing was saved.", file=sys.stderr)
        return EXIT_UNVERIFIED
    print(f"Saved in the keyring as {args.label!r}; use them with --keyring-label {args.label} --region REGION.")
    return EXIT_OK


def run_tool(args: argparse.Namespace) -> int:
    from wizard.providers.aws import tools

    try:
        if args.tool_name == "cors-json":
            found = origins(args)
            if not found:
                raise ValueError("give --org-origin or --my-domain")
            print(tools.cors_json(found))
        elif args.tool_name == "attributes":
            for attribute in tools.contact_flow_attributes(transcribe=args.transcripts, language=args.language, analysis=args.analysis):
                print(f"{attribute.key}\t{attribute.value}\t({attribute.purpose})")
            print("\n" + tools.AFTER_CALL_WORK_REMINDER)
        else:
            if not (args.region and args.function):
                raise ValueError("give --region and --function")
            print(tools.expected_named_credential_url(args.region, args.function))
    except ValueError as exc:
        print(f"Cannot build it: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED
    return EXIT_OK
