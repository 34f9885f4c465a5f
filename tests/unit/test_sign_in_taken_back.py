"""A sign-in stopped after Allow is taken back: revoked at Salesforce, and what it saved put back as it was."""

from __future__ import annotations

from typing import Any

import pytest

from wizard.salesforce.auth.connections import ConnectionStore, SavedConnection
from wizard.salesforce.auth.tokens import TokenGrant
from wizard.salesforce.auth.vault import SessionVault
from wizard.ui.signin.take_back import TakeBack, TakeBackFailed

WHY = "The sign-in was cancelled."


def _saved(server: Any, grant: TokenGrant, alias: str) -> SavedConnection:
    return SavedConnection(alias=alias, org_id=grant.org_id, user_id=grant.user_id, instance_url=grant.instance_url,
                           is_sandbox=False, login_url=server.instance_url, client_id="PlatformCLI", demo=True)


def _sign_in(server: Any, demo_login: Any, take: TakeBack, store: ConnectionStore, vault: SessionVault,
             alias: str) -> TokenGrant:
    """What a sign-in keeps, in the order it keeps it, with `remember` first as the window calls it."""
    grant = TokenGrant.from_response(demo_login(server))
    take.remember(grant)
    vault.save(grant.org_id, grant.user_id, grant.refresh_token or "")
    store.save(_saved(server, grant, alias))
    return grant


@pytest.fixture
def kept() -> tuple[ConnectionStore, SessionVault]:
    return ConnectionStore(in_memory=True), SessionVault()


def _take_back(server: Any, store: ConnectionStore, vault: SessionVault) -> TakeBack:
    return TakeBack(login_url=server.instance_url, client_id="PlatformCLI", ca_bundle=server.ca_bundle,
                    store=store, vault=vault)


def test_a_first_sign_in_leaves_nothing(demo_org: Any, demo_login: Any, kept: Any) -> None:
    server = demo_org("fresh")
    store, vault = kept
    take = _take_back(server, store, vault)
    grant = _sign_in(server, demo_login, take, store, vault, "acme")
    assert take(grant, WHY) == ""
    assert store.all() == [] and vault.load(grant.org_id, grant.user_id) is None
    assert grant.refresh_token not in server.org.refresh_tokens


def test_a_sign_in_again_puts_the_first_one_back(demo_org: Any, demo_login: Any, kept: Any) -> None:
    server = demo_org("fresh")
    store, vault = kept
    first = _sign_in(server, demo_login, _take_back(server, store, vault), store, vault, "acme")
    before = store.all()
    take = _take_back(server, store, vault)
    second = _sign_in(server, demo_login, take, store, vault, "acme")
    take(second, WHY)
    assert store.all() == before
    assert vault.load(first.org_id, first.user_id) == first.refresh_token
    assert first.refresh_token in server.org.refresh_tokens and second.refresh_token not in server.org.refresh_tokens


def test_salesforce_out_of_reach_is_said_and_nothing_is_kept_here(demo_org: Any, demo_login: Any, kept: Any) -> None:
    server = demo_org("fresh")
    store, vault = kept
    take = _take_back(server, store, vault)
    grant = _sign_in(server, demo_login, take, store, vault, "acme")
    server.stop()
    with pytest.raises(TakeBackFailed) as caught:
        take(grant, WHY)
    error = caught.value
    assert error.seen.startswith(f"{WHY} Salesforce had already signed you in. The wizard removed that sign-in from "
                                 "this computer, but Salesforce did not confirm revoking it:")
    assert "revoke 'PlatformCLI'" in error.todo
    assert store.all() == [] and vault.load(grant.org_id, grant.user_id) is None


def test_a_refresh_token_renewed_before_the_stop_is_revoked_too(demo_org: Any, demo_login: Any, kept: Any) -> None:
    """An app that rotates refresh tokens hands out a new one when the preflight renews the session:
    the token the grant came with no longer keeps the sign-in alive, the one saved does."""
    from wizard.demo.oauth_clients import PLATFORM_CLI
    from wizard.salesforce.auth import tokens
    from wizard.salesforce.http import make_session

    server = demo_org("fresh")
    with server.org.lock:
        server.org.oauth_clients["PlatformCLI"] = {**PLATFORM_CLI, "rotate_refresh_tokens": True}
    store, vault = kept
    take = _take_back(server, store, vault)
    grant = TokenGrant.from_response(demo_login(server))
    take.remember(grant)
    renewed = tokens.refresh(make_session(server.ca_bundle), server.instance_url, client_id="PlatformCLI",
                             refresh_token=grant.refresh_token or "")
    assert renewed.refresh_token and renewed.refresh_token != grant.refresh_token
    vault.save(grant.org_id, grant.user_id, renewed.refresh_token)
    store.save(_saved(server, grant, "acme"))

    assert take(grant, WHY) == ""
    assert server.org.refresh_tokens == {}  # no grant left alive at Salesforce
    assert store.all() == [] and vault.load(grant.org_id, grant.user_id) is None
