"""``eci-wizard aircall check``, ``eci-wizard ringcentral check`` and ``eci-wizard map-users``.

The voice providers' side from the terminal: the Aircall API key and the RingCentral app checked
live (against the real hosts, or the emulators with ``--demo``), the Salesforce settings that
depend on them compared with what was entered, and the users' provider identifiers proposed by
e-mail and written in bulk through the apply door. Secrets come from the keyring or a hidden
prompt, never from arguments, and are kept only once the provider accepts them.

Exit codes: 0 nothing failed, 1 a setting failed (or the write stopped), 2 something could not
be checked (network, missing values; the reason is printed).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def _run(name: str) -> Any:
    def call(args: argparse.Namespace) -> int:
        from wizard.providers.voice import cli_run

        return int(getattr(cli_run, name)(args))

    return call


def add_org_arguments(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """The org options of ``verify`` plus where the providers' APIs are (argparse only: cheap)."""
    from wizard.commands.verify import add_target_arguments

    add_target_arguments(parser)
    ends = parser.add_argument_group("provider endpoints (default: the real hosts, or the emulators with --demo)")
    ends.add_argument("--aircall-url", metavar="URL", help="Aircall API address (default https://api.aircall.io)")
    ends.add_argument("--ringcentral-sandbox-url", metavar="URL", help="default https://platform.devtest.ringcentral.com")
    ends.add_argument("--ringcentral-production-url", metavar="URL", help="default https://platform.ringcentral.com")
    ends.add_argument("--provider-ca-bundle", metavar="FILE", type=Path, help="an extra CA bundle to trust (e.g. a company proxy)")
    parser.set_defaults(org_required=required)


def _common(parser: argparse.ArgumentParser, required_org: bool = False) -> None:
    add_org_arguments(parser, required=required_org)
    parser.add_argument("--save", action="store_true",
                        help="keep a typed secret in the system keyring (and for the wizard's fixes in the org) once the provider "
                             "accepts it; never in demo mode. A saved one the provider refuses is asked for again")


def _aircall_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api-id", metavar="ID", help="the API ID of the Aircall API key (the token is asked for, hidden)")


def _ringcentral_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--env", choices=("sandbox", "production"), default="sandbox",
                        help="the RingCentral environment the app lives in (default sandbox: new apps start there)")
    parser.add_argument("--client-id", metavar="ID", help="the app's client ID (the client secret is asked for, hidden)")
    parser.add_argument("--redirect-uri", metavar="URL", help="the callback URL to sign in with (default: the org's Ring_Central callback URL)")


def register(subparsers: Any) -> None:
    """Add ``aircall check``, ``ringcentral check`` and ``map-users``."""
    aircall = subparsers.add_parser("aircall", help="check the Aircall API key and what depends on it",
                                    description="Check the Aircall side of the Aircall guide.")
    actions = aircall.add_subparsers(dest="aircall_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="ping Aircall with the API key; with an org, compare the named credential and users")
    _aircall_args(check)
    _common(check)
    check.add_argument("--json", metavar="FILE", type=Path, help="write the results as JSON")
    check.set_defaults(func=_run("run_aircall_check"))

    ringcentral = subparsers.add_parser("ringcentral", help="check the RingCentral app and what depends on it",
                                        description="Check the RingCentral side of the RingCentral guide.")
    rc_actions = ringcentral.add_subparsers(dest="ringcentral_action", metavar="ACTION", required=True)
    rc_check = rc_actions.add_parser("check", help="prove the app's credentials; with an org, compare the auth provider and named credential")
    _ringcentral_args(rc_check)
    rc_check.add_argument("--sign-in", action="store_true", help="also sign in to RingCentral (proves the redirect URI and permissions)")
    _common(rc_check)
    rc_check.add_argument("--json", metavar="FILE", type=Path, help="write the results as JSON")
    rc_check.set_defaults(func=_run("run_ringcentral_check"))

    mapping = subparsers.add_parser("map-users", help="propose provider user identifiers by e-mail and write them in bulk",
                                    description="Propose each ECI user's Aircall or RingCentral user identifier by e-mail; "
                                                "with --apply, write them (preview, confirmation, backup, undo).")
    mapping.add_argument("--provider", required=True, choices=("aircall", "ringcentral"))
    _aircall_args(mapping)
    _ringcentral_args(mapping)
    _common(mapping, required_org=True)
    mapping.add_argument("--choose", nargs="+", action="extend", metavar="USER=ID",
                         help="your choice for users without a single match (username=identifier; the id of one of the provider's users)")
    mapping.add_argument("--replace-mapped", action="store_true",
                         help="let --choose replace an identifier that already names the provider user with the same e-mail")
    mapping.add_argument("--apply", action="store_true", help="write the proposed (and chosen) identifiers")
    mapping.add_argument("--undo", action="store_true", help="put back the identifiers as they were before the last write")
    mapping.add_argument("--yes", action="store_true", help="do not ask before writing (refused for production without --production-confirm)")
    mapping.add_argument("--production-confirm", metavar="ORGNAME", help="the production org's name, typed to confirm")
    mapping.set_defaults(func=_run("run_map_users"))
