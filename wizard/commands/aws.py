"""``eci-wizard aws``: the Amazon Connect guide's AWS side, checked and fixed from the terminal.

``aws check`` reads the account once and judges every AWS step of the guide; ``aws fix cors`` and
``aws fix secret`` write the two settings the wizard can write (preview first; ``--dry-run`` stops
there, ``--yes`` skips the question); ``aws undo`` restores a fix's backup; ``aws keys`` keeps
access keys in the OS keyring once AWS has accepted them (sts:GetCallerIdentity); ``aws tool``
prints the values the guide makes admins build by hand.

Two options where the wizard could use only one (``--profile`` and ``--keyring-label``; ``--bucket``
and ``--stack``; ``--dry-run`` and ``--yes``...) and options a subcommand does not use are usage
errors (exit 2) before AWS is read: an option that silently does nothing leaves the admin believing
it counted.

Exit codes, as ``verify``: 0 nothing failed, 1 a setting failed or could not be checked, 2 AWS could
not be checked at all (credentials, region, network; the reason is printed).
Secret values are never printed: not the private key, not the secret's other values, not keys.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wizard.commands.arg_types import positive_count, refuse_both, refuse_unused

# The window's label, so keys saved on either side are found on the other. A module of constants
# only (no boto3): ``eci-wizard --help`` stays fast.
from wizard.providers.aws.credential_sources import DEFAULT_KEYS_LABEL

EXIT_OK, EXIT_FAILED, EXIT_UNVERIFIED = 0, 1, 2


def register(subparsers: Any) -> None:
    """Add ``aws check | fix | undo | keys | tool``."""
    aws = subparsers.add_parser("aws", help="check and fix the AWS side of the Amazon Connect guide",
                                description="Check and fix the AWS side of Amazon Connect contact channel analytics.")
    actions = aws.add_subparsers(dest="aws_action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="check every AWS step of the guide")
    _access_args(check)
    _org_args(check)
    check.add_argument("--concurrent-calls", type=positive_count, metavar="N", help="concurrent calls you expect (the sfCTRTrigger timeout matters above 1000)")
    check.add_argument("--transcripts", action="store_true", help="recording transcripts are part of the setup")
    check.add_argument("--analysis", metavar="CODES", help="Comprehend analysis codes you use, e.g. snt,dl,kw,syn")
    check.add_argument("--language", metavar="CODE", default="en-US", help="postcallTranscribeLanguage (default en-US)")
    check.add_argument("--demo", action="store_true", help="check a configured account on a local AWS emulator (needs moto[server])")
    check.add_argument("--json", metavar="FILE", type=Path, help="write the results as JSON")
    check.set_defaults(func=_run("run_check", check, _check_rules))

    fix = actions.add_parser("fix", help="write the bucket's CORS rule or the secret's CloudFront keys")
    fixes = fix.add_subparsers(dest="fix_name", metavar="FIX", required=True)
    cors = fixes.add_parser("cors", help="merge the org's origins into the recordings bucket's CORS rules")
    _access_args(cors)
    _org_args(cors)
    cors.add_argument("--bucket", help="the bucket (default: the stack's ConnectRecordingS3BucketName)")
    _apply_args(cors)
    cors.set_defaults(func=_run("run_fix_cors", cors, _fix_rules("--bucket", "the bucket")))
    secret = fixes.add_parser("secret", help="set CloudFrontPrivateKey and CloudFrontAccessKeyID, keeping the other keys")
    _access_args(secret)
    secret.add_argument("--secret", metavar="ID", help="secret name or ARN (default: the stack's, else SalesforceCredentials)")
    secret.add_argument("--private-key", metavar="FILE", type=Path, help="the CloudFront private key .pem (converted and flattened for you)")
    secret.add_argument("--key-id", metavar="ID", help="the CloudFront public key ID")
    _apply_args(secret)
    secret.set_defaults(func=_run("run_fix_secret", secret, _fix_rules("--secret", "the secret")))

    undo = actions.add_parser("undo", help="restore what a fix changed, from its backup")
    undo.add_argument("backup_id", metavar="BACKUP_ID")
    _access_args(undo)
    undo.add_argument("--yes", action="store_true", help="do not ask before restoring")
    undo.set_defaults(func=_run("run_undo", undo, _undo_rules))

    keys = actions.add_parser("keys", help="keep AWS access keys in the OS keyring")
    keys.add_argument("keys_action", choices=("set", "forget"))
    keys.add_argument("--label", metavar="LABEL",
                      help=f"name to keep them under (default: {DEFAULT_KEYS_LABEL}, the label the window's AWS panel uses)")
    keys.add_argument("--from-env", action="store_true", help="take AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN instead of prompting")
    keys.add_argument("--region", type=aws_region,
                      help="where to ask AWS who the keys belong to before saving them (default $AWS_REGION or $AWS_DEFAULT_REGION, else us-east-1)")
    keys.add_argument("--endpoint-url", action="append", type=endpoint_override, metavar="[SERVICE=]URL",
                      help="another STS endpoint to prove the keys with (e.g. a VPC endpoint)")
    keys.set_defaults(func=_run("run_keys", keys, _keys_rules))

    tool = actions.add_parser("tool", help="print values the guide makes you build by hand")
    tool.add_argument("tool_name", choices=("cors-json", "attributes", "named-credential-url"))
    _org_args(tool)
    tool.add_argument("--transcripts", action="store_true")
    tool.add_argument("--analysis", metavar="CODES")
    tool.add_argument("--language", metavar="CODE", help="postcallTranscribeLanguage (default en-US)")
    tool.add_argument("--region", type=aws_region)
    tool.add_argument("--function", metavar="NAME", help="full name of the sfGenerateAudioRecordingStreaming Lambda")
    tool.set_defaults(func=_run("run_tool", tool, _tool_rules))


def _access_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("AWS access")
    # One source of keys: with both, the keyring's keys would be used and the profile never read.
    source = group.add_mutually_exclusive_group()
    source.add_argument("--profile", help="AWS profile (SSO profiles work after 'aws sso login')")
    source.add_argument("--keyring-label", metavar="LABEL",
                       help=f"use access keys saved with 'eci-wizard aws keys set' or the window "
                            f"(both save them as {DEFAULT_KEYS_LABEL} unless given another label)")
    group.add_argument("--region", type=aws_region, help="region of the Salesforce Lambdas stack")
    group.add_argument("--endpoint-url", action="append", type=endpoint_override, metavar="[SERVICE=]URL",
                       help="another endpoint for every service, or for one of cloudformation, cloudfront, iam, lambda, s3, "
                            "secretsmanager, sts (repeatable)")
    group.add_argument("--stack", metavar="NAME", help="the Salesforce Lambdas stack (default: found by its parameters)")


#: AWS region codes: us-east-1, eu-central-2, ap-southeast-4, us-gov-west-1, cn-north-1...
_REGION_CODE = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")


def aws_region(text: str) -> str:
    """``--region``: the code, checked before any AWS client is built (botocore's own error is a traceback)."""
    value = text.strip().lower()
    if not _REGION_CODE.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an AWS region code; give the code the console shows beside the name, e.g. us-east-1 or eu-west-2"
        )
    return value


def endpoint_override(text: str) -> str:
    """``--endpoint-url``: ``URL`` or ``SERVICE=URL``, refused here when the URL is not http(s)."""
    from wizard.providers.aws.access import parse_endpoint_overrides

    try:
        parse_endpoint_overrides([text])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def org_origin(text: str) -> str:
    """``--org-origin``: an https page address or origin whose host is a DNS name, refused before anything is read.

    S3 stores any AllowedOrigins string it is given, so ``"not a url"`` would otherwise be written
    into the bucket's CORS rules and then pass the check that reads them back. The value is kept
    as given (the page's path tells a Visualforce URL from a Lightning one); only its origin is written.
    """
    from wizard.providers.aws.cors import OriginError, origin_of

    try:
        origin_of(text)
    except OriginError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def my_domain(text: str) -> str:
    """``--my-domain``: the org's My Domain URL, checked where argparse can still name the option."""
    from wizard.providers.aws.cors import OriginError, origins_from_my_domain

    try:
        origins_from_my_domain(text)
    except OriginError as exc:
        raise argparse.ArgumentTypeError(f"{exc}; expected the org's My Domain URL, such as https://acme.my.salesforce.com") from None
    return text


def _org_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("Salesforce org")
    group.add_argument("--org-origin", action="append", metavar="URL", default=[], type=org_origin,
                       help="the AC_RecordingViewer preview URL, a Lightning URL, or an origin (repeatable)")
    group.add_argument("--my-domain", metavar="URL", type=my_domain,
                       help="derive both origins from the org's My Domain URL (enhanced domains)")
    group.add_argument("--namespace", default="amazonconnect", help="namespace of the package holding AC_RecordingViewer (default amazonconnect)")


def _apply_args(parser: argparse.ArgumentParser) -> None:
    # --dry-run stops before the question --yes would answer: with both, --yes would do nothing.
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--dry-run", action="store_true", help="show the plan and stop")
    how.add_argument("--yes", action="store_true", help="apply without asking")


Rules = Callable[[argparse.ArgumentParser, argparse.Namespace], None]


def _endpoint_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Two ``--endpoint-url`` addresses for one service: one would be dropped without a word."""
    if getattr(args, "endpoint_url", None):
        from wizard.providers.aws.access import parse_endpoint_overrides

        try:
            parse_endpoint_overrides(args.endpoint_url)
        except ValueError as exc:
            parser.error(str(exc))


def _check_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.demo:
        refuse_unused(parser, args, ("--profile", "--keyring-label", "--endpoint-url"), "--demo",
                      "the demo checks an account the wizard seeds on its own local AWS emulator, with that emulator's "
                      "keys and address")
    _endpoint_rules(parser, args)


def _fix_rules(named: str, what: str) -> Rules:
    """``aws fix``: `named` (--bucket, --secret) says where to write, so --stack would not be read."""

    def rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
        refuse_both(parser, args, [(named, "--stack", f"{named} names {what} to change, so the stack would not be read")])
        _endpoint_rules(parser, args)

    return rules


def _undo_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    refuse_unused(parser, args, ("--stack",), "aws undo", "the backup names the bucket or secret it restores")
    _endpoint_rules(parser, args)


def _keys_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.keys_action == "forget":
        refuse_unused(parser, args, ("--from-env", "--region", "--endpoint-url"), "'aws keys forget'",
                      "forgetting only removes the keys saved in this computer's keyring, and AWS is not asked")
    _endpoint_rules(parser, args)


#: What each ``aws tool`` reads; the others' options would do nothing (--namespace has a default, so it is not judged).
_TOOL_OPTIONS = {
    "cors-json": ("--org-origin", "--my-domain"),
    "attributes": ("--transcripts", "--analysis", "--language"),
    "named-credential-url": ("--region", "--function"),
}


def _tool_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    used = _TOOL_OPTIONS[args.tool_name]
    others = [option for tool, options in _TOOL_OPTIONS.items() if tool != args.tool_name for option in options]
    refuse_unused(parser, args, others, f"'aws tool {args.tool_name}'",
                  f"it reads only {', '.join(used[:-1])} and {used[-1]}")


def _run(name: str, parser: argparse.ArgumentParser, rules: Rules) -> Any:
    """The subcommand `name` of `wizard.providers.aws.cli`, after `rules` refused what would do nothing (exit 2)."""

    def call(args: argparse.Namespace) -> int:
        rules(parser, args)
        from wizard.providers.aws import cli as aws_run
        from wizard.providers.aws.errors import AwsAccessError, AwsCallError

        try:
            return int(getattr(aws_run, name)(args))
        except (AwsAccessError, AwsCallError) as exc:
            problem = exc.problem
            print(f"Could not check AWS: {problem.observed}\n  expected: {problem.expected}\n  what to do: {problem.action}", file=sys.stderr)
            return EXIT_UNVERIFIED

    return call
