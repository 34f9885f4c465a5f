"""``eci-wizard aircall check|forget``, ``eci-wizard ringcentral check|forget`` and ``eci-wizard map-users``.

The voice providers' side from the terminal: the Aircall API key and the RingCentral app checked
live (against the real hosts, or the emulators with ``--demo``), the Salesforce settings that
depend on them compared with what was entered, and the users' provider identifiers proposed by
e-mail and written in bulk through the apply door. Secrets come from the keyring or a hidden
prompt, never from arguments, and are kept only once the provider accepts them; ``forget`` removes
a saved one from the keyring (no network), so nothing the admin let the wizard keep outlives them.

Options the command would not use as given (an endpoint option with ``--demo``, a RingCentral option
with ``--provider aircall``, ``--choose`` with ``--undo``...) are usage errors (exit 2) before
anything is read: an option that silently does nothing leaves the admin believing it counted. An
``ECI_WIZARD_*_URL`` variable whose option is given is not read at all (`cli_run.opened`).

Exit codes: 0 nothing failed, 1 a setting failed (or the write stopped), 2 something could not
be checked (network, missing values; the reason is printed). ``forget`` exits 0 whether or not
something was saved, and 2 when there is no keyring to look in.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wizard.commands.arg_types import refuse_unused

Rules = Callable[[argparse.ArgumentParser, argparse.Namespace], None]
RINGCENTRAL_URLS = ("--ringcentral-sandbox-url", "--ringcentral-production-url")
ENDPOINT_OPTIONS = ("--aircall-url", *RINGCENTRAL_URLS, "--provider-ca-bundle")
#: The options only one provider's commands read.
AIRCALL_OPTIONS = ("--api-id", "--aircall-url")
RINGCENTRAL_OPTIONS = ("--client-id", "--env", "--redirect-uri", *RINGCENTRAL_URLS)


def _run(name: str, parser: argparse.ArgumentParser, rules: Rules) -> Any:
    """The command `name` of `wizard.providers.voice.cli_run`, after `rules` refused what would do nothing (exit 2)."""

    def call(args: argparse.Namespace) -> int:
        _demo_rules(parser, args)
        rules(parser, args)
        from wizard.providers.voice import cli_run

        return int(getattr(cli_run, name)(args))

    return call


def _demo_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if getattr(args, "demo", False):
        refuse_unused(parser, args, ENDPOINT_OPTIONS, "--demo",
                      "demo mode talks to the provider emulators it starts, at their own addresses and with their own "
                      "certificate authority")


def _aircall_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    refuse_unused(parser, args, RINGCENTRAL_URLS, "'aircall check'", "it talks to Aircall only")


def _ringcentral_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    refuse_unused(parser, args, ("--aircall-url",), "'ringcentral check'", "it talks to RingCentral only")
    if not args.sign_in:
        refuse_unused(parser, args, ("--redirect-uri",), "'ringcentral check' without --sign-in",
                      "only the sign-in uses a redirect URI; add --sign-in to prove the app accepts it")


def _mapping_rules(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``map-users``: the other provider's options, and with ``--undo`` everything that only a proposal reads."""
    if args.undo:
        refuse_unused(parser, args, ("--choose", "--replace-mapped", *AIRCALL_OPTIONS, *RINGCENTRAL_OPTIONS, "--provider-ca-bundle"),
                      "--undo", "undo puts back the identifiers kept in the wizard's backup and asks the provider nothing")
    if args.provider == "aircall":
        refuse_unused(parser, args, RINGCENTRAL_OPTIONS, "--provider aircall", "RingCentral's options belong to --provider ringcentral")
    else:
        refuse_unused(parser, args, AIRCALL_OPTIONS, "--provider ringcentral", "Aircall's options belong to --provider aircall")
    if not args.apply and not args.undo:
        refuse_unused(parser, args, ("--yes", "--production-confirm"), "map-users without --apply or --undo",
                      "without them nothing is written, so there is nothing to confirm")
    if not args.choose:
        refuse_unused(parser, args, ("--replace-mapped",), "map-users without --choose",
                      "it lets a --choose replace an identifier already mapped, and there is no --choose")
    if args.env is None:  # left unset by map-users' parser so that a --env given with --provider aircall is seen
        args.env = "sandbox"


def add_org_arguments(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """The org options of ``verify`` plus where the providers' APIs are (argparse only: cheap)."""
    from wizard.commands.verify import add_target_arguments

    add_target_arguments(parser)
    ends = parser.add_argument_group("provider endpoints (default: the real hosts, or the emulators with --demo)")
    ends.add_argument("--aircall-url", metavar="URL", type=https_address("Aircall API"),
                      help="Aircall API address (default https://api.aircall.io)")
    ends.add_argument("--ringcentral-sandbox-url", metavar="URL", type=https_address("RingCentral sandbox"),
                      help="default https://platform.devtest.ringcentral.com")
    ends.add_argument("--ringcentral-production-url", metavar="URL", type=https_address("RingCentral production"),
                      help="default https://platform.ringcentral.com")
    ends.add_argument("--provider-ca-bundle", metavar="FILE", type=Path, help="an extra CA bundle to trust (e.g. a company proxy)")
    parser.set_defaults(org_required=required)


def https_address(what: str) -> Callable[[str], str]:
    """An argparse type for a provider endpoint: an https address with a host (a valid port, if any; no user:password@).

    The rule is the endpoints' own (`check_base_url`), applied where argparse can still name the
    option and show the usage: ``--aircall-url http://x`` would otherwise only be refused once the
    command has started. The demo emulators are https too (https://127.0.0.1:PORT).
    """

    def parse(text: str) -> str:
        from wizard.providers.voice.endpoints import EndpointError, check_base_url

        try:
            return check_base_url(text, what)
        except EndpointError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def identifier(what: str) -> Callable[[str], str]:
    """An argparse type for an identifier that must not be empty (``--api-id ""``).

    An empty id names no saved secret: ``forget`` would otherwise report "nothing was removed" for
    a value the admin never meant, and they would believe the real one gone.
    """

    def parse(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(
                f"The {what} is empty. Expected: the {what} exactly as the provider shows it; give it after the option."
            )
        return text.strip()

    return parse


def _forget_aircall(args: argparse.Namespace) -> int:
    from wizard.commands.forget_secret import forget_saved
    from wizard.providers.aircall.credentials import forget_token
    from wizard.providers.voice.problems import mask

    return forget_saved("Aircall API token", f"the API ID {mask(args.api_id)}", lambda: forget_token(args.api_id))


def _forget_ringcentral(args: argparse.Namespace) -> int:
    from wizard.commands.forget_secret import forget_saved
    from wizard.providers.ringcentral.credentials import forget_secret
    from wizard.providers.voice.problems import mask

    return forget_saved(f"RingCentral client secret ({args.env})", f"the client ID {mask(args.client_id)}",
                        lambda: forget_secret(args.env, args.client_id))


def _common(parser: argparse.ArgumentParser, required_org: bool = False) -> None:
    add_org_arguments(parser, required=required_org)
    parser.add_argument("--save", action="store_true",
                        help="keep a typed secret in the system keyring (and for the wizard's fixes in the org) once the provider "
                             "accepts it; never in demo mode. A saved one the provider refuses is asked for again")


def _aircall_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api-id", metavar="ID", type=identifier("Aircall API ID"), help="the API ID of the Aircall API key (the token is asked for, hidden)")


def _ringcentral_args(parser: argparse.ArgumentParser, env_default: str | None = "sandbox") -> None:
    parser.add_argument("--env", choices=("sandbox", "production"), default=env_default,
                        help="the RingCentral environment the app lives in (default sandbox: new apps start there)")
    parser.add_argument("--client-id", metavar="ID", type=identifier("RingCentral client ID"), help="the app's client ID (the client secret is asked for, hidden)")
    parser.add_argument("--redirect-uri", metavar="URL", type=https_address("--redirect-uri callback"), help="the callback URL to sign in with (default: the org's Ring_Central callback URL)")


def register(subparsers: Any) -> None:
    """Add ``aircall check``, ``ringcentral check`` and ``map-users``."""
    aircall = subparsers.add_parser("aircall", help="check the Aircall API key and what depends on it; forget a saved token",
                                    description="Check the Aircall side of the Aircall guide.")
    actions = aircall.add_subparsers(dest="aircall_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="ping Aircall with the API key; with an org, compare the named credential and users")
    _aircall_args(check)
    _common(check)
    check.add_argument("--json", metavar="FILE", type=Path, help="write the results as JSON")
    check.set_defaults(func=_run("run_aircall_check", check, _aircall_rules))
    forget = actions.add_parser("forget", help="remove the API token saved in the keyring for an API ID (no network)",
                                description="Remove the Aircall API token the wizard saved in the system keyring for an API ID.")
    forget.add_argument("--api-id", metavar="ID", required=True, type=identifier("Aircall API ID"), help="the API ID the token was saved for")
    forget.set_defaults(func=_forget_aircall)

    ringcentral = subparsers.add_parser("ringcentral", help="check the RingCentral app and what depends on it; forget a saved secret",
                                        description="Check the RingCentral side of the RingCentral guide.")
    rc_actions = ringcentral.add_subparsers(dest="ringcentral_action", metavar="ACTION", required=True)
    rc_check = rc_actions.add_parser("check", help="prove the app's credentials; with an org, compare the auth provider and named credential")
    _ringcentral_args(rc_check)
    rc_check.add_argument("--sign-in", action="store_true", help="also sign in to RingCentral (proves the redirect URI and permissions)")
    _common(rc_check)
    rc_check.add_argument("--json", metavar="FILE", type=Path, help="write the results as JSON")
    rc_check.set_defaults(func=_run("run_ringcentral_check", rc_check, _ringcentral_rules))
    rc_forget = rc_actions.add_parser("forget", help="remove the client secret saved in the keyring for a client ID (no network)",
                                      description="Remove the RingCentral client secret the wizard saved in the system keyring "
                                                  "for a client ID in one environment.")
    rc_forget.add_argument("--client-id", metavar="ID", required=True, type=identifier("RingCentral client ID"), help="the client ID the secret was saved for")
    rc_forget.add_argument("--env", choices=("sandbox", "production"), default="sandbox",
                           help="the environment it was saved for (default sandbox, as for check)")
    rc_forget.set_defaults(func=_forget_ringcentral)

    mapping = subparsers.add_parser("map-users", help="propose provider user identifiers by e-mail and write them in bulk",
                                    description="Propose each ECI user's Aircall or RingCentral user identifier by e-mail; "
                                                "with --apply, write them (preview, confirmation, backup, undo).")
    mapping.add_argument("--provider", required=True, choices=("aircall", "ringcentral"))
    _aircall_args(mapping)
    _ringcentral_args(mapping, env_default=None)
    _common(mapping, required_org=True)
    mapping.add_argument("--choose", nargs="+", action="extend", metavar="USER=ID",
                         help="your choice for users without a single match (username=identifier; the id of one of the provider's users)")
    mapping.add_argument("--replace-mapped", action="store_true",
                         help="let --choose replace an identifier that already names the provider user with the same e-mail")
    # --undo returns before any proposal is made: with both, --apply would do nothing.
    write = mapping.add_mutually_exclusive_group()
    write.add_argument("--apply", action="store_true", help="write the proposed (and chosen) identifiers")
    write.add_argument("--undo", action="store_true", help="put back the identifiers as they were before the last write")
    mapping.add_argument("--yes", action="store_true", help="do not ask before writing (refused for production without --production-confirm)")
    mapping.add_argument("--production-confirm", metavar="ORGNAME", help="the production org's name, typed to confirm")
    mapping.set_defaults(func=_run("run_map_users", mapping, _mapping_rules))
