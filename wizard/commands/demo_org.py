"""``eci-wizard demo-org``: run the demo org until Ctrl-C.

Prints what a client needs, one ``KEY=value`` line each so scripts can read them: the instance
URL, the demo CA certificate (enough for a client that trusts only it), the CA bundle (system CAs
plus the demo CA, for ``REQUESTS_CA_BUNDLE``), and the demo admin's username and password for
the login page. ``--print-token`` adds a ready access token for that user, so scripts and other
commands can call the APIs without a browser.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from wizard.commands.arg_types import port


def register(subparsers: Any) -> None:
    """Add the ``demo-org`` subcommand."""
    parser = subparsers.add_parser(
        "demo-org",
        help="run the built-in demo org (a local Salesforce stand-in over HTTPS)",
        description="Run the demo org on 127.0.0.1 until Ctrl-C, printing its URL, CA and login.",
    )
    parser.add_argument("--scenario", metavar="NAME|FILE", default="fresh", help="scenario name or YAML file (default: fresh)")
    parser.add_argument("--port", type=port(any_free=True), default=0, help="port to listen on (default: any free port)")
    parser.add_argument(
        "--print-token", action="store_true", help="also print an access token for the demo admin (for scripts)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the demo org, print its coordinates, and serve until SIGINT or SIGTERM."""
    from wizard.demo.scenario import ScenarioError, load_scenario
    from wizard.demo.server import DemoOrgServer

    try:
        org = load_scenario(args.scenario)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 2
    server = DemoOrgServer(org, port=args.port)
    try:
        server.start()
    except OSError as exc:
        server.stop()
        print(
            f"The demo org cannot listen on port {args.port}: {exc.strerror or exc}. "
            "Choose another port with --port, or --port 0 for any free port.",
            file=sys.stderr,
        )
        return 1
    stop = threading.Event()

    def _request_stop(signum: int, _frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        _print_banner(server, args)
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
    print("Demo org stopped.", flush=True)
    return 0


def _print_banner(server: Any, args: argparse.Namespace) -> None:
    org = server.org
    name = org.organization.get("Name", "Demo org")
    kind = "sandbox" if org.organization.get("IsSandbox") else "production"
    lines = [
        f"# Demo org {name!r} ({org.organization.get('OrganizationType')}, {kind}) from {org.source}",
        f"INSTANCE_URL={server.instance_url}",
        f"CA_PATH={server.ca_path}",
        f"CA_BUNDLE={server.ca_bundle}",
    ]
    login = server.default_login
    if login:
        lines += [f"USERNAME={login[0]}", f"PASSWORD={login[1]}"]
    if args.print_token and login:
        user = org.user_by_username(login[0])
        session = org.new_session(user["Id"], "PlatformCLI", ("api", "web", "refresh_token"), with_refresh=False)
        lines.append(f"ACCESS_TOKEN={session.access_token}")
    lines.append("# Sign in at INSTANCE_URL, or point a client at it trusting CA_PATH. Ctrl-C stops the org.")
    print("\n".join(lines), flush=True)
