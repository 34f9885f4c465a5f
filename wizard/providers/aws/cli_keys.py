"""``eci-wizard aws keys set|forget``: access keys in the OS keyring, under the same label as the window's.

Without ``--label`` both use `DEFAULT_KEYS_LABEL`, the label the window's AWS panel saves under, so
keys saved on one side are found and forgotten on the other. Earlier versions of the command saved
under ``default``: ``forget`` without ``--label`` never removes those silently, it says they are
there and prints the exact command that removes them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from wizard.commands.aws import EXIT_OK, EXIT_UNVERIFIED
from wizard.providers.aws import access as aws_access
from wizard.providers.aws.cli_access import tell_when_slow
from wizard.providers.aws.credential_sources import DEFAULT_KEYS_LABEL

#: The label ``aws keys set`` used when given none, before it took the window's `DEFAULT_KEYS_LABEL`.
EARLIER_DEFAULT_LABEL = "default"


def keys_label(args: argparse.Namespace) -> str:
    """The ``--label`` given, else the window's label."""
    return args.label or DEFAULT_KEYS_LABEL


def run_keys(args: argparse.Namespace) -> int:
    """``aws keys set`` proves the keys with AWS (sts:GetCallerIdentity) and saves only keys AWS accepted,
    as the window's AWS panel does: saved keys that AWS refuses would fail every later check instead."""
    from wizard import secrets
    from wizard.providers.aws.errors import AwsAccessError, AwsCallError

    label = keys_label(args)
    if args.keys_action == "forget":
        return forget(label, label_given=bool(args.label))
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
        access = tell_when_slow(aws_access.AwsAccess.from_keys(key_id, secret, token or None, region=region, label=label,
                                                               endpoints=aws_access.parse_endpoint_overrides(args.endpoint_url)))
        caller = access.identity()
    except (AwsAccessError, AwsCallError) as exc:
        problem = exc.problem
        action = problem.action
        if problem.kind in ("bad_credentials", "expired_token"):
            head = f"AWS did not accept the access key {shown} (asked with sts:GetCallerIdentity in {region})."
        else:
            head = f"AWS could not be asked whether it accepts the access key {shown}."
        if problem.kind == "expired_token":  # these are the keys just typed: nothing here is "the check"
            action = ("get fresh temporary keys (a new access key ID, secret access key and session token, e.g. from "
                      "'aws sts get-session-token' or your SSO portal) and run 'eci-wizard aws keys set' again with them")
        print(f"Nothing was saved: {head} {problem.observed}\n  expected: {problem.expected}\n  what to do: {action}",
              file=sys.stderr)
        return EXIT_UNVERIFIED
    print(f"AWS accepted the access key {shown}: account {caller.account}, {caller.arn}.")
    try:
        aws_access.save_keys(label, key_id, secret, token or None)
    except secrets.KeyringUnavailable as exc:
        print(f"{exc} Nothing was saved.", file=sys.stderr)
        return EXIT_UNVERIFIED
    print(f"Saved in the keyring as {label!r}; use them with --keyring-label {label} --region REGION.")
    return EXIT_OK


def forget(label: str, *, label_given: bool) -> int:
    """Remove the keys saved under `label`. Without ``--label``, keys an earlier version saved under
    ``default`` are left in place but named, with the command that removes them: the admin asked to
    forget "the" keys, and keys that quietly stay in the keyring are the ones nobody deactivates.

    With no keyring to open (or one that refuses), nothing is said to be absent: the wizard could not
    look, so it says so and exits 2, as ``aircall forget`` does (`wizard.commands.forget_secret`)."""
    from wizard.commands.forget_secret import keyring_problem_text, try_forget

    gone, problem = try_forget(lambda: aws_access.forget_keys(label))
    if problem:
        print(keyring_problem_text(f"AWS keys saved as {label!r}", problem), file=sys.stderr)
        return EXIT_UNVERIFIED
    print(f"Removed the keys saved as {label!r}." if gone else f"No keys were saved as {label!r}.")
    if not label_given and aws_access.keys_saved(EARLIER_DEFAULT_LABEL):
        print(f"Keys an earlier version of the wizard saved as {EARLIER_DEFAULT_LABEL!r} are still in the keyring; "
              f"they were not removed. To remove them: eci-wizard aws keys forget --label {EARLIER_DEFAULT_LABEL}")
    return EXIT_OK
