"""What every ``eci-wizard aws`` subcommand reads from its arguments first: the AWS access and the org's origins.

Kept apart from the subcommands so check, fix, undo and tool build both the same way: the same
``--keyring-label`` without ``--region`` refusal, the same origin normalising.
"""

from __future__ import annotations

import argparse
import sys

from wizard.providers.aws import access as aws_access
from wizard.providers.aws import cors


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
    """Keys from the keyring (``--keyring-label``, which needs ``--region``: saved keys carry none), else a
    profile or the standard chain; raises `AwsAccessError` in the command line's words."""
    endpoints = aws_access.parse_endpoint_overrides(args.endpoint_url)
    if args.keyring_label:
        if not args.region:
            from wizard.providers.aws.errors import AwsAccessError, AwsProblem

            raise AwsAccessError(AwsProblem("no_region", "session", "No region was given for the keys from the keyring.",
                                            "the region of the Salesforce Lambdas stack", "add --region (for example us-east-1)"))
        access = aws_access.AwsAccess.from_keyring(args.keyring_label, region=args.region, endpoints=endpoints)
    else:
        access = aws_access.AwsAccess.from_profile(args.profile, region=args.region, endpoints=endpoints)
    return tell_when_slow(access)


def tell_when_slow(access: aws_access.AwsAccess) -> aws_access.AwsAccess:
    """Print (on stderr, so stdout stays the results) what a slow AWS call is waiting for, and for how long at most."""
    access.on_slow = lambda text: print(text, file=sys.stderr, flush=True)
    return access
