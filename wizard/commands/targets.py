"""Open the org a headless command works on: the demo org, a saved connection, or URL + token."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wizard.engine.org_facts import OrgFacts
from wizard.engine.run_record import PreflightItem
from wizard.salesforce.auth.login_hosts import PRODUCTION_URL, SANDBOX_URL, page_host
from wizard.salesforce.connection import OrgConnection
from wizard.secrets import remember
from wizard.shown_address import shown_address

if TYPE_CHECKING:
    from wizard.salesforce.auth.preflight import ConnectionPreflight

#: Where admins sign in; an API call there never reaches their org.
_LOGIN_HOSTS = frozenset(urlsplit(url).hostname for url in (PRODUCTION_URL, SANDBOX_URL))


class TargetError(Exception):
    """The command was not told (or could not open) an org; the message says what to pass."""


#: Where ``--instance-url`` finds the access token unless ``--token-env`` says otherwise.
DEFAULT_TOKEN_ENV = "SF_ACCESS_TOKEN"


@dataclass
class Target:
    """A connected org, ready for reads and writes."""

    connection: OrgConnection
    facts: OrgFacts
    preflight: tuple[PreflightItem, ...] = ()
    demo_server: object | None = field(default=None, repr=False)

    @property
    def outlives_command(self) -> bool:
        """False for a demo org whose scenario names no organization id: it ends with the command,
        and so do its backups (`forget_stopped_demo_org`), so no later ``undo`` can reach them."""
        org = getattr(self.demo_server, "org", None)
        return org is None or bool(getattr(org, "id_is_fixed", True))

    def undo_hint(self, text: str) -> str:
        """`text` with its undo advice made true for this org."""
        from wizard.apply.preview import DEMO_UNDO_HINT, UNDO_HINT

        return text if self.outlives_command else text.replace(UNDO_HINT, DEMO_UNDO_HINT)


@contextmanager
def open_target(args: argparse.Namespace) -> Iterator[Target]:
    """Connect as the arguments say; the demo org (if started here) stops when the block ends."""
    options = {"--demo": bool(getattr(args, "demo", False)), "--org": bool(getattr(args, "org", None)),
               "--instance-url": bool(getattr(args, "instance_url", None))}
    given = [name for name, on in options.items() if on]
    if len(given) > 1:
        raise TargetError(f"Give one org only: {' and '.join(given)} were both given. Keep one of --demo, --org ALIAS "
                          "or --instance-url URL.")
    if not given:
        raise TargetError("Say which org to use: --demo, --org ALIAS, or --instance-url URL (with the token in $SF_ACCESS_TOKEN).")
    _refuse_unused(args, getattr(args, "option_names", {}).get(given[0], given[0]))
    if args.demo:
        with _demo_target(getattr(args, "scenario", None) or "fresh") as target:
            yield target
        return
    if args.org:
        yield _saved_target(args.org)
        return
    yield _url_target(args.instance_url, args.token_env)


@contextmanager
def _demo_target(scenario: str) -> Iterator[Target]:
    from wizard.apply.backup import forget_stopped_demo_org
    from wizard.demo import start_demo_org
    from wizard.demo.headless import DemoSignInError, sign_in_grant
    from wizard.salesforce.auth.preflight import run_preflight
    from wizard.salesforce.connection import trust_ca_bundle_for_process
    from wizard.salesforce.http import make_session

    try:
        server = start_demo_org(scenario)
    except Exception as exc:  # a bad scenario file explains itself
        raise TargetError(f"The demo org could not start: {exc}") from exc
    try:
        trust_ca_bundle_for_process(server.ca_bundle)
        try:
            grant = sign_in_grant(server)
        except DemoSignInError as exc:
            raise TargetError(f"The demo org started, but signing in to it failed: {exc}") from exc
        conn = OrgConnection(server.instance_url, grant.access_token, ca_bundle=server.ca_bundle)
        checked = run_preflight(
            conn, org_id=grant.org_id, user_id=grant.user_id, client_id="PlatformCLI",
            session=make_session(server.ca_bundle),
        )
        refuse_blocked(checked)
        yield Target(checked.connection, checked.facts, checked.items, demo_server=server)
    finally:
        server.stop()
        forget_stopped_demo_org(server.org)


def _refuse_unused(args: argparse.Namespace, chosen: str) -> None:
    """An option that belongs to another way of opening an org would be ignored: say so instead.

    `chosen` is the option the admin typed (graduate's ``--to`` where other commands have ``--org``).

    ``--scenario`` chooses the demo org's contents and ``--token-env`` where the token for
    ``--instance-url`` is; given with another org they would do nothing, and the admin would
    believe the run used them.
    """
    if getattr(args, "scenario", None) and "demo" not in chosen:
        raise TargetError(f"--scenario chooses the demo org's scenario, but the org is given with {chosen}, which has none. "
                          "Drop --scenario, or use the demo org instead. Nothing was read.")
    token_env = getattr(args, "token_env", DEFAULT_TOKEN_ENV)
    if token_env not in (None, DEFAULT_TOKEN_ENV) and "instance-url" not in chosen:
        raise TargetError(f"--token-env names where the token for --instance-url is, but the org is given with {chosen}. "
                          "Drop --token-env, or give the org by its instance URL. Nothing was read.")


def _saved_target(alias: str) -> Target:
    from wizard.commands.login import connect
    from wizard.salesforce.auth.connections import ConnectionStore
    from wizard.salesforce.auth.errors import SignInError
    from wizard.salesforce.auth.preflight import run_preflight
    from wizard.salesforce.http import make_session

    try:
        saved = ConnectionStore().get(alias)
        conn = connect(alias)
    except (SignInError, KeyError) as exc:
        raise TargetError(getattr(exc, "message", None) or f"No saved connection named {alias!r}; see 'eci-wizard orgs'.") from exc
    checked = run_preflight(
        conn, org_id=saved.org_id, user_id=saved.user_id, client_id=saved.client_id,
        session=make_session(conn.ca_bundle), sandbox_hint=saved.sandbox_hint,
    )
    refuse_blocked(checked)
    return Target(checked.connection, checked.facts, checked.items)


def refuse_blocked(checked: ConnectionPreflight) -> None:
    """Stop a command whose connection preflight found a blocker, as the window does.

    Without the org's own record (a dropped connection, a refused read) the facts every command
    relies on are unknown: its name (which a production change must be confirmed with), whether it
    is a sandbox, its edition. Going on would verify "unknown" and could write to a production
    org confirmed by an empty name, so nothing is read or written and the blockers are listed.
    """
    if not checked.blockers:
        return
    lines = [f"- {item.name}: {item.observed or 'no answer'}" + (f". {item.message}" if item.message else "")
             for item in checked.blockers]
    raise TargetError(
        "The connection check found what stops the wizard from working on this org:\n"
        + "\n".join(lines)
        + "\nExpected: the org's own record readable and API access allowed. Nothing was read or changed; "
        "fix what is listed (or wait for the connection to come back) and run the command again."
    )


def _url_target(instance_url: str, token_env: str) -> Target:
    from wizard.salesforce.org_facts import read_org_facts

    origin = instance_origin(instance_url)
    token = access_token_from_env(token_env)
    remember(token)  # before the first request: any message that quotes it is masked
    conn = OrgConnection(origin, token)
    facts = read_org_facts(conn)
    conn.api_version = facts.api_version
    return Target(conn, facts)


def instance_origin(url: str) -> str:
    """``https://host[:port]`` from what the admin passed, or a `TargetError` saying what is wrong.

    The REST paths are the wizard's to add: a pasted Setup or Lightning page would make every
    call land on an HTML page, so an address with a path is refused with the part to keep. A
    Lightning, Setup, Visualforce or Experience Cloud host serves no API at all: it is refused with
    the org's My Domain address, found by sign-in's own mapping (`page_host`), as are the login hosts.
    """
    typed = url.strip()
    shown = shown_address(typed)  # a pasted front-door link carries a session id: never repeated
    try:
        parts = urlsplit(typed)
        host, _port = parts.hostname, parts.port  # .port raises on a malformed port
    except ValueError:
        raise TargetError(f"The instance URL {shown!r} is not a valid web address; pass https://<your org's host>.") from None
    if parts.scheme.lower() != "https":
        raise TargetError(f"The instance URL must start with https:// (got {shown!r}).")
    if not host:
        raise TargetError(f"The instance URL {shown!r} has no host name; pass e.g. https://acme.my.salesforce.com.")
    if parts.username or parts.password:
        raise TargetError("The instance URL contains a user name or password; pass only https://<host> (the token comes from the environment).")
    if page := page_host(host):
        raise TargetError(
            f"The instance URL {shown!r} is the address of {page.what} ({page.host}), not the address the org's "
            f"APIs answer on; pass its My Domain address, {page.my_domain_url}."
        )
    if host in _LOGIN_HOSTS:
        raise TargetError(
            f"The instance URL {shown!r} is Salesforce's sign-in page, not your org's address; pass the org's My Domain "
            "address (Setup → My Domain), e.g. https://acme.my.salesforce.com."
        )
    origin = f"https://{parts.netloc.rsplit('@', 1)[-1]}"
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise TargetError(
            f"The instance URL {shown!r} points at a page; pass only the org's address, {origin} "
            f"(the wizard adds the API paths itself)."
        )
    return origin


def access_token_from_env(var: str) -> str:
    """The access token held in ``var``, trimmed; a `TargetError` that never shows the value.

    Tokens are never taken as arguments (shell history). A value copied from a Windows file or a
    terminal often carries a line ending; surrounding spaces are dropped, but a token with
    spaces or control characters inside is refused rather than sent.
    """
    raw = os.environ.get(var, "")
    token = raw.strip()
    if not token:
        raise TargetError(f"Put the access token in the environment variable {var} (it is never taken as an argument).")
    remember(token)
    odd = sum(1 for ch in token if ch.isspace() or not ch.isprintable() or not ch.isascii())
    if odd:
        raise TargetError(
            f"The access token in {var} contains {odd} space, control or non-ASCII character(s) inside it "
            f"(its {len(token)} characters are not shown); an access token is one unbroken word. Copy it again."
        )
    return token
