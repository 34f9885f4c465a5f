"""A whole sign-in, from the chosen login host to a saved, preflighted connection.

The window (embedded consent view) and the CLI (system browser or a printed URL) differ only
in how the redirect reaches the `AuthorizationFlow`; after that both call `finish_sign_in`:
refresh token into the vault, access token kept in memory by the `OrgConnection`, preflight,
then the alias saved (no secrets) so headless commands can use ``--org ALIAS``.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.salesforce.auth.connections import ConnectionStore, SavedConnection, make_refresher
from wizard.salesforce.auth.errors import SignInError
from wizard.salesforce.auth.flow import AuthorizationFlow, OAuthClient
from wizard.salesforce.auth.login_hosts import HostKind, LoginHost
from wizard.salesforce.auth.loopback import DEFAULT_TIMEOUT_SECONDS, LoopbackListener
from wizard.salesforce.auth.preflight import ConnectionPreflight, run_preflight
from wizard.salesforce.auth.tokens import TokenGrant
from wizard.salesforce.auth.vault import TokenVault
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


def finish_sign_in(grant: TokenGrant, *, alias: str, target: SignInTarget, store: ConnectionStore,
                   vault: TokenVault) -> SignedIn:
    """Keep the refresh token, preflight the connection and save the alias.

    The connections file is read first: one that cannot be read (or written) would otherwise leave
    a refresh token in the keyring that no alias names, which `logout` could never revoke.
    """
    check_alias(alias)
    store.all()  # SignInError, saying what to do, before anything is kept
    ca = str(target.ca_bundle) if target.ca_bundle else None
    provisional = SavedConnection(
        alias=alias, org_id=grant.org_id, user_id=grant.user_id, instance_url=grant.instance_url,
        is_sandbox=bool(target.login_host.sandbox), login_url=target.login_host.url,
        client_id=target.client.client_id, ca_bundle=ca, demo=target.demo,
    )
    refresher = None
    if grant.refresh_token:
        vault.save(grant.org_id, grant.user_id, grant.refresh_token)
        refresher = make_refresher(provisional, vault)
    connection = OrgConnection(instance_url=grant.instance_url, access_token=grant.access_token,
                               ca_bundle=target.ca_bundle, refresher=refresher)
    preflight = run_preflight(connection, org_id=grant.org_id, user_id=grant.user_id,
                              client_id=target.client.client_id, session=make_session(target.ca_bundle),
                              sandbox_hint=target.login_host.sandbox)
    facts = preflight.facts
    saved = provisional.model_copy(update={
        "username": facts.username, "display_name": facts.user_display_name, "org_name": facts.name,
        "my_domain_url": facts.my_domain_url, "is_sandbox": facts.is_sandbox, "api_version": facts.api_version,
    })
    if grant.refresh_token:
        try:
            store.save(saved)
        except Exception:  # the alias was not saved: take back the token only it would have named
            with contextlib.suppress(Exception):
                if not store.others_using(grant.org_id, grant.user_id, alias):
                    vault.delete(grant.org_id, grant.user_id)
            raise
    log.info("Signed in to org %s (%s) as %s; alias %r, %s", facts.org_id, facts.environment, facts.username,
             alias, "kept in the keyring" if vault.persistent else "for this session only")
    return SignedIn(saved=saved, connection=preflight.connection, preflight=preflight, persistent=vault.persistent)


def sign_in_with_loopback(target: SignInTarget, *, alias: str, store: ConnectionStore, vault: TokenVault,
                          open_url: Callable[[str], Any], timeout: float = DEFAULT_TIMEOUT_SECONDS,
                          flow: AuthorizationFlow | None = None) -> SignedIn:
    """Sign in through the system browser (or any browser the admin opens the URL in).

    The port is bound before the URL is handed to ``open_url``, so a busy port is reported
    before a browser opens. The code is exchanged while the browser waits, so the page it
    shows says whether the sign-in really worked.
    """
    check_alias(alias)
    store.all()  # an unreadable connections file is said before the admin signs in, not after
    flow = flow or target.new_flow()
    with LoopbackListener(target.client.port, on_redirect=flow.complete) as listener:
        open_url(flow.authorization_url)
        try:
            grant: TokenGrant = listener.wait(timeout)
        finally:
            flow.discard()
    return finish_sign_in(grant, alias=alias, target=target, store=store, vault=vault)
