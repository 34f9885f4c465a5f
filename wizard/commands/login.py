"""``eci-wizard login | logout | orgs``, and `connect`, which every headless command uses.

``login`` signs in through the system browser (``--browser``) or prints the URL to open
anywhere and waits on the loopback listener (headless machines, SSH sessions); either way the
redirect comes back to ``http://localhost:<port>/OauthRedirect``. The connection preflight is
printed straight after. Heavy imports happen inside the functions so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from wizard.commands.arg_types import port, positive_seconds

if TYPE_CHECKING:
    from wizard.salesforce.auth.preflight import ConnectionPreflight
    from wizard.salesforce.connection import OrgConnection

DEFAULT_PORT = 1717
DEFAULT_CLIENT_ID = "PlatformCLI"


def register(subparsers: Any) -> None:
    """Add the login, logout and orgs subcommands."""
    login = subparsers.add_parser(
        "login", help="sign in to an org and save it under an alias",
        description="Sign in with OAuth 2.0 (PKCE). The refresh token goes to the system keyring; "
        "the alias (no secrets) to the wizard's config folder.")
    login.add_argument("--alias", required=True, help="short name for this org, used as --org ALIAS later")
    where = login.add_mutually_exclusive_group()
    where.add_argument("--sandbox", action="store_true", help="sign in at test.salesforce.com")
    where.add_argument("--my-domain", metavar="URL", help="sign in at your My Domain URL (recommended)")
    login.add_argument("--browser", action="store_true", help="open the system browser (otherwise the URL is printed)")
    login.add_argument("--client-id", default=DEFAULT_CLIENT_ID,
                       help=f"consumer key of your External Client App (default: {DEFAULT_CLIENT_ID})")
    login.add_argument("--port", type=port(), default=DEFAULT_PORT,
                       help=f"loopback port for the redirect (default: {DEFAULT_PORT})")
    login.add_argument("--timeout", type=positive_seconds, default=300.0, help="seconds to wait for the sign-in (default: 300)")
    login.add_argument("--session-only", action="store_true",
                       help="without a keyring: sign in and preflight, but save nothing")
    login.add_argument("--demo-ca", metavar="FILE",
                       help="demo mode: the CA bundle written by the demo org (allows its https://127.0.0.1 address)")
    login.set_defaults(func=run_login)

    logout = subparsers.add_parser(
        "logout", help="revoke a saved sign-in and forget the alias",
        description="Revoke the alias's sign-in at Salesforce, delete its refresh token from the system keyring "
        "and forget the alias. If Salesforce can't be reached, nothing is removed unless --forget is given.")
    logout.add_argument("alias", help="the saved alias to sign out of (as given to login --alias; 'eci-wizard orgs' lists them)")
    logout.add_argument("--forget", action="store_true",
                        help="remove it from this computer even if Salesforce can't be reached")
    logout.set_defaults(func=run_logout)

    orgs = subparsers.add_parser(
        "orgs", help="list saved connections",
        description="List the saved aliases: environment (PRODUCTION marked), user, org id, My Domain, and whether "
        "a sign-in is still kept for each. Nothing is sent to Salesforce.")
    orgs.set_defaults(func=run_orgs)


#: Nothing could be done (the message says why): 1 is kept for "something failed a check".
EXIT_NOT_DONE = 2


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_NOT_DONE


def print_preflight(preflight: ConnectionPreflight, out: Any = None) -> None:
    """The preflight as text: one line per item, status shown by word and icon."""
    out = out or sys.stdout
    facts = preflight.facts
    if not preflight.environment_known:  # never PRODUCTION on a guess: said as not identified
        banner, name = "*** ORG NOT IDENTIFIED ***", "its name and environment could not be read"
    else:
        banner, name = ("SANDBOX" if facts.is_sandbox else "*** PRODUCTION ***"), facts.name
    print(f"\n{banner}  {name} ({facts.org_id})  {facts.my_domain_url}", file=out)
    for item in preflight.items:
        line = f"  {item.status.icon} {item.status.label:<15} {item.name}: {item.observed}"
        print(line.rstrip(": "), file=out)
        if item.message:
            print(f"      {item.message}", file=out)


def run_login(args: argparse.Namespace) -> int:
    import webbrowser
    from pathlib import Path

    from wizard.salesforce.auth import login_hosts
    from wizard.salesforce.auth.connections import ConnectionStore
    from wizard.salesforce.auth.errors import NoKeyring, SignInError, seconds_text
    from wizard.salesforce.auth.flow import OAuthClient
    from wizard.salesforce.auth.signin import SignInTarget, check_alias, sign_in_with_loopback
    from wizard.salesforce.auth.vault import default_vault
    from wizard.salesforce.connection import trust_ca_bundle_for_process

    try:
        check_alias(args.alias)
        demo_ca = Path(args.demo_ca) if args.demo_ca else None
        if demo_ca is not None and not demo_ca.is_file():
            raise SignInError(f"The demo CA bundle {demo_ca} does not exist.",
                              "The ca-bundle.pem the running demo org wrote.",
                              "Start the demo org and pass the bundle path it prints.")
        if args.my_domain:
            host = login_hosts.resolve_login_host(args.my_domain, demo_mode=demo_ca is not None)
            if host.explanation:
                print(host.explanation)
        else:
            host = login_hosts.sandbox() if args.sandbox else login_hosts.production()
        try:
            vault = default_vault(session_only=args.session_only)
        except NoKeyring as exc:
            raise SignInError(exc.seen, exc.expected, exc.todo + " (add --session-only to sign in without saving)") from None
        store = ConnectionStore(in_memory=args.session_only)
        if demo_ca is not None:
            trust_ca_bundle_for_process(demo_ca)
        target = SignInTarget(host, OAuthClient(client_id=args.client_id, port=args.port), ca_bundle=demo_ca)

        def open_url(url: str) -> None:
            print(f"Sign in to Salesforce at {host.url} with this address:\n\n  {url}\n")
            if args.browser and not webbrowser.open(url):
                print("(No browser could be opened here; open the address above in any browser on this computer.)")
            print(f"Waiting up to {seconds_text(args.timeout)} for the sign-in "
                  f"(answer expected at {target.client.redirect_uri}) ...", flush=True)

        signed = sign_in_with_loopback(target, alias=args.alias, store=store, vault=vault,
                                       open_url=open_url, timeout=args.timeout)
    except KeyboardInterrupt:
        return _fail("Sign-in cancelled; nothing was saved.")
    except SignInError as exc:
        return _fail(exc.message)
    print_preflight(signed.preflight)
    if not signed.persistent:
        print(f"\nSigned in as {signed.saved.username} for this session only: nothing was saved.")
    elif signed.saved.alias in {c.alias for c in store.all()}:
        print(f"\nSaved as '{signed.saved.alias}'. Use it with --org {signed.saved.alias}.")
    else:
        print("\nSalesforce granted no refresh token (the app did not allow the 'refresh_token' scope), "
              "so the connection was not saved. Allow that scope in the app's OAuth settings.")
    return 0


def run_logout(args: argparse.Namespace) -> int:
    from wizard import secrets
    from wizard.salesforce.auth.connections import ConnectionStore, logout
    from wizard.salesforce.auth.errors import SignInError
    from wizard.salesforce.auth.vault import KeyringVault, SessionVault

    vault = KeyringVault() if secrets.keyring_available() else SessionVault()
    try:
        result = logout(args.alias, ConnectionStore(), vault, forget_if_unreachable=args.forget)
    except SignInError as exc:
        return _fail(exc.message)
    if result.demo_org_gone:
        print(f"Signed out of '{args.alias}': the demo org it was made with is no longer running, so there was "
              "nothing to revoke; its sign-in and the alias were removed from this computer.")
    elif result.revoked:
        print(f"Signed out of '{args.alias}': Salesforce revoked the sign-in and it was removed from the keyring.")
    elif result.already_invalid:
        print(f"Signed out of '{args.alias}': Salesforce had already revoked it; removed from the keyring.")
    else:
        print(f"Forgot '{args.alias}' on this computer (no token was stored, or Salesforce could not be reached).")
    if result.shared_with:
        print(f"These aliases used the same sign-in and need a new one: {', '.join(result.shared_with)}")
    return 0


def run_orgs(args: argparse.Namespace) -> int:
    from wizard import secrets
    from wizard.salesforce.auth.connections import ConnectionStore, demo_org_gone
    from wizard.salesforce.auth.errors import SignInError
    from wizard.salesforce.auth.vault import KeyringVault

    try:
        saved = ConnectionStore().all()
    except SignInError as exc:
        return _fail(exc.message)
    if not saved:
        print("No saved connections. Sign in with: eci-wizard login --alias NAME [--sandbox | --my-domain URL]")
        return 0
    has_keyring = secrets.keyring_available()
    vault = KeyringVault()
    rows = [("ALIAS", "ENVIRONMENT", "USER", "ORG ID", "MY DOMAIN", "SIGNED IN")]
    for c in saved:
        stored = has_keyring and vault.load(c.org_id, c.user_id) is not None
        state = "no: its demo org stopped" if demo_org_gone(c) else "yes" if stored else "no: sign in again"
        rows.append((c.alias, c.environment + (" (demo)" if c.demo else ""), c.username, c.org_id,
                     c.my_domain_url or c.instance_url, state))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def connect(alias: str) -> OrgConnection:
    """A live connection for a saved alias, refreshing the access token as needed.

    Raises `SignInRequired` (a `SignInError`) when the saved sign-in no longer works, with the
    command to run; headless commands print ``exc.message`` and exit.
    """
    from wizard import secrets
    from wizard.salesforce.auth.connections import ConnectionStore, demo_org_gone, open_connection
    from wizard.salesforce.auth.errors import DemoOrgNotRunning, SavedSignInNeedsKeyring
    from wizard.salesforce.auth.vault import KeyringVault
    from wizard.salesforce.connection import trust_ca_bundle_for_process

    saved = ConnectionStore().get(alias)
    if demo_org_gone(saved):  # before trusting a CA bundle that no longer exists
        raise DemoOrgNotRunning(alias)
    if not secrets.keyring_available():
        raise SavedSignInNeedsKeyring(alias, secrets.backend_name())
    if saved.ca_bundle:
        trust_ca_bundle_for_process(saved.ca_bundle)
    return open_connection(saved, KeyringVault())
