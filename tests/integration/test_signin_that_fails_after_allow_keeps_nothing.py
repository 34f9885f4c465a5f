"""A sign-in that fails after Salesforce's Allow keeps nothing: no refresh token left in the keyring
with no alias naming it, and no grant left live at Salesforce.

Real sign-ins to the demo org (login and consent pages, PKCE code exchange), finished by the same
`finish_sign_in` the window and ``eci-wizard login`` use. The failure is a real one: the saved
connections file is damaged while the preflight runs (another copy of the wizard, a sync tool), so
the alias can't be chosen; or the keyring refuses the token. A preflight that *returns* with
blockers (a user without API access) is a sign-in the admin keeps, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import keyring
import pytest

from tests.support import signin as support
from tests.support.memory_keyring import LockedKeyring, MemoryKeyring
from wizard.demo.headless import sign_in_grant
from wizard.demo.server import DemoOrgServer
from wizard.salesforce.auth import tokens
from wizard.salesforce.auth.connections import ConnectionStore
from wizard.salesforce.auth.errors import NoKeyring, SignInError, TokenRequestFailed
from wizard.salesforce.auth.signin import SignedIn, finish_sign_in
from wizard.salesforce.auth.vault import KeyringVault
from wizard.salesforce.http import make_session

LATENCY_MS = 400  # each request of the preflight takes this long: time to damage the file between two


def _sign_in(server: DemoOrgServer, alias: str | None, grant: Any = None) -> SignedIn:
    return finish_sign_in(grant or sign_in_grant(server), alias=alias, target=support.demo_target(server),
                          store=ConnectionStore(), vault=KeyringVault())


def _still_live(server: DemoOrgServer, refresh_token: str) -> bool:
    """Whether Salesforce still renews with this refresh token (it was not revoked)."""
    try:
        tokens.refresh(make_session(server.ca_bundle), server.instance_url, client_id="PlatformCLI",
                       refresh_token=refresh_token)
    except TokenRequestFailed as exc:
        assert exc.error == "invalid_grant", exc.message
        return False
    return True


@contextmanager
def connections_file_damaged_during_the_preflight(server: DemoOrgServer) -> Iterator[None]:
    """While the preflight reads the org (its one composite request answered), another program
    leaves ``connections.json`` half written."""
    path = ConnectionStore().path
    assert path is not None
    server.faults.set(latency_ms=LATENCY_MS)

    def damage() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"connections": {"acme": {', encoding="utf-8")

    server.log.clear()
    try:
        with support.acting_when(lambda: any(e.family.startswith("composite") for e in server.log.entries()), damage):
            yield
    finally:
        server.faults.set(latency_ms=0)


@pytest.fixture
def isolated(memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> None:
    """The in-memory keyring and the test's own config folder (connections.json)."""


@pytest.mark.usefixtures("isolated")
def test_a_sign_in_whose_preflight_fails_leaves_no_token_and_no_live_grant(demo_org: Any) -> None:
    server = demo_org("fresh")
    grant = sign_in_grant(server)
    with connections_file_damaged_during_the_preflight(server), pytest.raises(SignInError) as failed:
        _sign_in(server, None, grant)
    assert "could not be read" in failed.value.seen, failed.value.message
    assert MemoryKeyring._store == {}, "a refresh token was left in the keyring with no alias naming it"
    assert not _still_live(server, grant.refresh_token), "the grant of a sign-in that was not kept is still live"


@pytest.mark.usefixtures("isolated")
def test_a_failed_sign_in_again_keeps_the_saved_sign_in_of_the_same_user(demo_org: Any) -> None:
    server = demo_org("fresh")
    first = _sign_in(server, "acme")
    saved_token = KeyringVault().load(first.saved.org_id, first.saved.user_id)
    assert saved_token

    again = sign_in_grant(server)  # the same user signs in again; this one fails after Allow
    with connections_file_damaged_during_the_preflight(server), pytest.raises(SignInError):
        _sign_in(server, None, again)

    assert KeyringVault().load(first.saved.org_id, first.saved.user_id) == saved_token  # not replaced
    assert _still_live(server, saved_token)  # 'acme' still works once its file is fixed
    assert not _still_live(server, again.refresh_token)


@pytest.mark.usefixtures("isolated")
def test_a_keyring_that_refuses_the_token_leaves_no_live_grant(demo_org: Any) -> None:
    server = demo_org("fresh")
    grant = sign_in_grant(server)
    keyring.set_keyring(LockedKeyring())  # there, but locked: it refuses to store (the fixture puts it back)
    with pytest.raises(NoKeyring):
        _sign_in(server, "acme", grant)
    assert ConnectionStore().all() == []
    assert not _still_live(server, grant.refresh_token)


@pytest.mark.usefixtures("isolated")
def test_a_preflight_blocked_by_missing_api_access_is_still_a_sign_in_that_is_kept(demo_org: Any,
                                                                                    tmp_path: Path) -> None:
    server = demo_org(str(support.without_api_access(tmp_path)))
    signed = _sign_in(server, None)
    assert signed.preflight.blocked  # said by the window and the commands, not taken back
    assert [c.alias for c in ConnectionStore().all()] == [signed.saved.alias]
    token = KeyringVault().load(signed.saved.org_id, signed.saved.user_id)
    assert token and _still_live(server, token)
