"""A whole sign-in, from the chosen login host to a saved, preflighted connection.

The window (embedded consent view) and the CLI (system browser or a printed URL) differ only
in how the redirect reaches the `AuthorizationFlow`; after that both call `finish_sign_in`:
the preflight (the tokens kept in memory meanwhile), then the refresh token into the vault and
the alias saved (no secrets) so headless commands can use ``--org ALIAS``. A sign-in that fails
on the way keeps nothing and is revoked at Salesforce.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wizard.salesforce.auth.connections import (
    ConnectionStore,
    SavedConnection,
    demo_org_gone,
    describe,
    make_refresher,
    retire,
)
from wizard.salesforce.auth.errors import AliasTaken, SignInError
from wizard.salesforce.auth.flow import AuthorizationFlow, OAuthClient
from wizard.salesforce.auth.login_hosts import HostKind, LoginHost
from wizard.salesforce.auth.loopback import DEFAULT_TIMEOUT_SECONDS, LoopbackListener
from wizard.salesforce.auth.preflight import ConnectionPreflight, run_preflight
from wizard.salesforce.auth.tokens import TokenGrant, revoke
from wizard.salesforce.auth.vault import SessionVault, TokenVault
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.http import make_session

log = logging.getLogger(__name__)

_ALIAS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def check_alias(alias: str) -> str:
    """An alias is a short name typed in commands: letters, digits, '.', '_' and '-'."""
    if not _ALIAS.match(alias or ""):
        raise SignInError(
            f"The alias '{alias}' can't be used.",
            "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. acme-uat).",
            "Choose another alias.",
        )
    return alias


@dataclass(frozen=True)
class SignInTarget:
    """Where and with which app to sign in; `ca_bundle` only for the demo org."""

    login_host: LoginHost
    client: OAuthClient = field(default_factory=OAuthClient)
    ca_bundle: Path | None = None

    @property
    def demo(self) -> bool:
        return self.login_host.kind is HostKind.DEMO

    def new_flow(self) -> AuthorizationFlow:
        """A fresh sign-in attempt (new state and verifier)."""
        return AuthorizationFlow(self.login_host, self.client, session=make_session(self.ca_bundle))


@dataclass(frozen=True)
class SignedIn:
    """The result of a sign-in: the saved alias, a live connection and the preflight."""

    saved: SavedConnection
    connection: OrgConnection
    preflight: ConnectionPreflight
    persistent: bool  # False for a session-only sign-in (nothing saved)
    #: What the sign-in did besides, for the admin: the sign-in an alias named before it was reused.
    note: str = ""


def finish_sign_in(grant: TokenGrant, *, alias: str | None, target: SignInTarget, store: ConnectionStore,
                   vault: TokenVault, replace_other: bool = True) -> SignedIn:
    """Keep the refresh token, preflight the connection and save the alias.

    The connections file is read first: one that cannot be read (or written) would otherwise leave
    a refresh token in the keyring that no alias names, which `logout` could never revoke. Whatever
    ends the sign-in before it is kept (that file, a failed preflight, Ctrl-C) revokes the new grant.

    ``alias`` None names the sign-in after the org once the preflight has read it (`default_alias`):
    two orgs signed in without an alias typed get two aliases, not one that silently replaces the
    other. An alias that already names another org or user is never simply re-pointed (its token
    would stay in the keyring with nothing naming it): with ``replace_other`` (the window, which
    asked the admin first) the old sign-in is retired, revoked and deleted, and `SignedIn.note`
    says so; without it (``login --alias``) nothing of the new sign-in is kept and `AliasTaken`
    says what to do. A demo alias whose demo org stopped is always replaced (nothing is left of it).

    The refresh token stays in memory until the preflight has read the org and the alias is chosen:
    a preflight that raises (or an alias that can't be chosen or saved) leaves nothing in the vault
    and revokes the new grant, and a sign-in of the same user saved before keeps its own token. A
    preflight that *returns*, blockers and all, is a sign-in: it is kept, and the window and the
    commands say what blocks.
    """
    try:
        if alias is not None:
            check_alias(alias)
        store.all()  # SignInError, saying what to do, before anything is kept
        old = store.find(alias) if alias is not None else None
    except BaseException:  # nothing is kept: the grant must not live on at Salesforce either
        _take_back(grant, target)
        raise
    if old is not None and (old.org_id, old.user_id) == (grant.org_id, grant.user_id):
        old = None  # the same sign-in again: the alias keeps naming it
    if old is not None and not replace_other and not demo_org_gone(old):
        raise AliasTaken(alias or "", describe(old), _newcomer(grant, old), revoked=_take_back(grant, target))
    ca = str(target.ca_bundle) if target.ca_bundle else None
    provisional = SavedConnection(
        alias=alias or target.login_host.host.split(".")[0] or "org", org_id=grant.org_id, user_id=grant.user_id,
        instance_url=grant.instance_url, is_sandbox=bool(target.login_host.sandbox), login_url=target.login_host.url,
        client_id=target.client.client_id, ca_bundle=ca, demo=target.demo,
    )
    # Until the alias is saved the refresh token lives here only (a renewal during the preflight,
    # rotated or not, stays here too): nothing is in the vault that a failure would have to undo.
    pending = SessionVault()
    refresher = None
    if grant.refresh_token:
        pending.save(grant.org_id, grant.user_id, grant.refresh_token)
        refresher = make_refresher(provisional, pending)

    def latest_token() -> str:
        return pending.load(grant.org_id, grant.user_id) or grant.refresh_token or grant.access_token

    connection = OrgConnection(instance_url=grant.instance_url, access_token=grant.access_token,
                               ca_bundle=target.ca_bundle, refresher=refresher)
    try:
        preflight = run_preflight(connection, org_id=grant.org_id, user_id=grant.user_id,
                                  client_id=target.client.client_id, session=make_session(target.ca_bundle),
                                  sandbox_hint=target.login_host.sandbox)
        facts = preflight.facts
        chosen = alias if alias is not None else default_alias(facts, store, grant.org_id, grant.user_id,
                                                               fallback=provisional.alias)
        saved = provisional.model_copy(update={
            "alias": chosen, "username": facts.username, "display_name": facts.user_display_name,
            "org_name": facts.name, "my_domain_url": facts.my_domain_url, "is_sandbox": facts.is_sandbox,
            "api_version": facts.api_version,
        })
    except BaseException:  # nothing was kept (a failure, or Ctrl-C): the grant must not live on at Salesforce either
        _revoke_quietly(latest_token(), target)
        raise
    note = ""
    if grant.refresh_token:
        token = latest_token()
        try:
            vault.save(grant.org_id, grant.user_id, token)
        except BaseException:  # NoKeyring, most often: nowhere to keep it, so it is not kept at Salesforce either
            _revoke_quietly(token, target)
            raise
        try:
            store.save(saved, replacing=old)
        except BaseException:  # the alias was not saved: take back the token only it would have named
            with contextlib.suppress(Exception):
                if not store.others_using(grant.org_id, grant.user_id, chosen):
                    vault.delete(grant.org_id, grant.user_id)
                    _revoke_quietly(token, target)
            raise
        if old is not None:
            note = retire(old, store, vault)
        # Renewals from now on name the org and its alias, should Salesforce refuse one.
        preflight.connection.refresher = make_refresher(saved, vault)
    log.info("Signed in to org %s (%s) as %s; alias %r, %s", facts.org_id, facts.environment, facts.username,
             chosen, "kept in the keyring" if vault.persistent else "for this session only")
    return SignedIn(saved=saved, connection=preflight.connection, preflight=preflight, persistent=vault.persistent,
                    note=note)


def default_alias(facts: Any, store: ConnectionStore, org_id: str, user_id: str, *, fallback: str) -> str:
    """The alias of a sign-in for which none was typed: the one this user in this org already has,
    else the My Domain name (``acme``, ``acme--uat``) or the org's name (``acme-corp``), with ``-2``,
    ``-3``... when another org or user has it."""
    saved = store.all()
    mine = [c.alias for c in saved if (c.org_id, c.user_id) == (org_id, user_id)]
    if mine:
        return mine[0]
    base = _alias_base(facts, fallback)
    taken = {c.alias for c in saved}
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base[:60]}-{number}"
    return candidate


def _alias_base(facts: Any, fallback: str) -> str:
    host = urlsplit(facts.my_domain_url or "").hostname or ""
    if facts.has_my_domain and host.endswith((".salesforce.com", ".force.com")) and _ALIAS.match(host.split(".")[0]):
        return host.split(".")[0]
    slug = re.sub(r"[^a-z0-9]+", "-", (facts.name or "").lower()).strip("-")[:40].strip("-")
    if slug and _ALIAS.match(slug):
        return slug
    return fallback if _ALIAS.match(fallback) else "org"


def _newcomer(grant: TokenGrant, old: SavedConnection) -> str:
    """The new sign-in in words, before its preflight has named the org: its address and ids."""
    if grant.org_id == old.org_id:
        return f"another user of that org (user {grant.user_id})"
    return f"the org {grant.org_id} at {urlsplit(grant.instance_url).netloc}"


def _take_back(grant: TokenGrant, target: SignInTarget) -> bool:
    """Revoke a grant the wizard will not keep (True when Salesforce confirmed it)."""
    return _revoke_quietly(grant.refresh_token or grant.access_token, target)


def _revoke_quietly(token: str, target: SignInTarget) -> bool:
    """Revoke a token of a sign-in that is not kept; True when Salesforce confirmed it.

    Never raises: it runs while another failure is on its way to the admin, and that failure is
    the one to tell (a grant Salesforce could not be reached to revoke ends when it expires).
    """
    try:
        return revoke(make_session(target.ca_bundle), target.login_host.url, token)
    except Exception:
        log.info("A sign-in that was not kept could not be revoked at %s", target.login_host.url)
        return False


def sign_in_with_loopback(target: SignInTarget, *, alias: str | None, store: ConnectionStore, vault: TokenVault,
                          open_url: Callable[[str], Any], timeout: float = DEFAULT_TIMEOUT_SECONDS,
                          flow: AuthorizationFlow | None = None, replace_other: bool = False,
                          port_option: str | None = "--port") -> SignedIn:
    """Sign in through the system browser (or any browser the admin opens the URL in).

    The port is bound before the URL is handed to ``open_url``, so a busy port is reported
    before a browser opens. The code is exchanged while the browser waits, so the page it
    shows says whether the sign-in really worked. A stop (Ctrl-C) while the code is exchanged,
    or before `finish_sign_in` has the grant, waits for that exchange and revokes what it made.
    This is ``eci-wizard login``'s way in: an alias of another org is refused rather than replaced
    (see `finish_sign_in`), and a busy port names ``port_option`` as the way round it.
    """
    if alias is not None:
        check_alias(alias)
    store.all()  # an unreadable connections file is said before the admin signs in, not after
    flow = flow or target.new_flow()
    grant: TokenGrant | None = None
    try:
        with LoopbackListener(target.client.port, on_redirect=flow.complete, port_option=port_option) as listener:
            open_url(flow.authorization_url)
            try:
                grant = listener.wait(timeout)
            except BaseException:  # Ctrl-C, most often: what an exchange already under way made is taken back below
                grant = listener.abandon("The sign-in was stopped.")
                raise
            finally:
                flow.discard()
    except BaseException:
        if isinstance(grant, TokenGrant):  # stopped between the exchange and `finish_sign_in`, which would keep it
            _take_back(grant, target)
        raise
    return finish_sign_in(grant, alias=alias, target=target, store=store, vault=vault, replace_other=replace_other)
