"""Sign-in against the demo org over HTTPS: PKCE, the loopback listener, refresh, logout.

An HTTP client plays the admin's browser (login page, consent page, redirect to the
listener); everything else is the wizard's real code talking to the demo org.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support import signin as support
from wizard.demo.server import DemoOrgServer
from wizard.engine.results import Status
from wizard.salesforce.auth import tokens
from wizard.salesforce.auth.connections import ConnectionStore, logout, open_connection
from wizard.salesforce.auth.errors import (
    AuthorizationDenied,
    SignInError,
    SignInRequired,
    TokenRequestFailed,
)
from wizard.salesforce.auth.flow import OAuthClient
from wizard.salesforce.auth.login_hosts import resolve_login_host
from wizard.salesforce.auth.loopback import LoopbackListener
from wizard.salesforce.auth.signin import SignedIn, SignInTarget, sign_in_with_loopback
from wizard.salesforce.auth.vault import KeyringVault
from wizard.salesforce.http import make_session


def _target(server: DemoOrgServer, client_id: str = "PlatformCLI") -> SignInTarget:
    host = resolve_login_host(server.instance_url, demo_mode=True)
    return SignInTarget(host, OAuthClient(client_id=client_id, port=support.free_port()), ca_bundle=server.ca_bundle)


def _sign_in(server: DemoOrgServer, oauth: Any, *, alias: str = "demo", username: str | None = None,
             password: str | None = None, allow: bool = True, client_id: str = "PlatformCLI",
             pages: list[requests.Response] | None = None) -> SignedIn:
    login = server.default_login
    assert login is not None

    def browser(url: str) -> None:
        page = support.play_browser(oauth, url, username=username or login[0], password=password or login[1], allow=allow)
        if pages is not None:
            pages.append(page)

    return sign_in_with_loopback(_target(server, client_id), alias=alias, store=ConnectionStore(),
                                 vault=KeyringVault(), open_url=browser, timeout=30)


@pytest.fixture
def server(demo_org: Callable[..., DemoOrgServer], memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> DemoOrgServer:
    return demo_org("fresh")


def test_system_browser_path_signs_in_with_pkce_and_saves_no_secret(server: DemoOrgServer, demo_oauth: Any,
                                                                   wizard_dirs: tuple[Path, Path]) -> None:
    pages: list[requests.Response] = []
    signed = _sign_in(server, demo_oauth(server), pages=pages)

    assert pages[0].status_code == 200 and "close this tab" in pages[0].text
    facts = signed.preflight.facts
    assert facts.org_id == server.org.org_id and facts.username == server.default_login[0]
    # The connection works: a real query through simple-salesforce.
    rows = signed.connection.call(lambda sf: sf.query("SELECT Id, Name FROM Organization"))["records"]
    assert rows[0]["Name"] == "Acme Demo"
    # Refresh token in the keyring under org id and user id; the alias file has none.
    refresh_token = KeyringVault().load(facts.org_id, facts.user_id)
    assert refresh_token and server.org.refresh_tokens.get(refresh_token) is not None
    saved = ConnectionStore().get("demo")
    assert (saved.org_id, saved.user_id, saved.username) == (facts.org_id, facts.user_id, facts.username)
    secrets = [refresh_token, signed.connection.access_token, *server.org.sessions]
    assert support.files_containing(wizard_dirs, secrets) == []


def test_preflight_reports_org_user_permissions_and_production(server: DemoOrgServer, demo_oauth: Any) -> None:
    server.log.clear()
    signed = _sign_in(server, demo_oauth(server))
    preflight = signed.preflight
    items = {i.name: i for i in preflight.items}
    assert preflight.facts.edition == "Enterprise Edition" and not preflight.facts.is_sandbox
    assert items["Environment"].observed == "PRODUCTION"
    # ECI can exist in Enterprise with ECI licences, and whether this org holds them is for the
    # guide's first page to show, with evidence.
    assert items["Edition"].status is Status.PASS and "ECI licences" in items["Edition"].message
    assert "first page checks" in items["Edition"].message
    assert items["API version"].observed == preflight.facts.api_version == "63.0"
    assert signed.connection.api_version == "63.0"
    assert items["My Domain"].status is Status.PASS
    assert items["Permission: Manage Connected Apps"].status is Status.PASS
    assert items["API access"].status is Status.PASS
    assert items["Uninstalled-app restriction"].status is Status.PASS
    assert not preflight.blocked
    # Versions + one composite + userinfo.
    assert preflight.requests_made == 3
    assert server.log.count("composite-read") == 1  # one composite, only reads


def test_a_missing_or_wrong_verifier_is_refused_by_the_demo_org(server: DemoOrgServer, demo_oauth: Any) -> None:
    login = server.default_login
    target = _target(server)
    session = make_session(server.ca_bundle)
    for verifier, expected_error in (("W" * 64, "invalid_request"), (None, "invalid_grant")):
        flow = target.new_flow()
        with LoopbackListener(target.client.port, on_redirect=flow.code_from_redirect) as listener:
            support.play_browser(demo_oauth(server), flow.authorization_url, username=login[0], password=login[1])
            code = listener.wait(10)
        form = {"grant_type": "authorization_code", "code": code, "client_id": "PlatformCLI",
                "redirect_uri": target.client.redirect_uri}
        if verifier is not None:
            form["code_verifier"] = verifier
        with pytest.raises(TokenRequestFailed) as caught:
            tokens.post_token(session, target.login_host.url, form, "sign-in code exchange")
        assert caught.value.error == expected_error
        assert "Start the sign-in again" in caught.value.todo
        assert code not in caught.value.message


def test_an_expired_access_token_is_refreshed_once_and_the_call_succeeds(server: DemoOrgServer, demo_oauth: Any) -> None:
    signed = _sign_in(server, demo_oauth(server))
    connection = open_connection(signed.saved, KeyringVault())
    first_token = connection.access_token
    server.org.revoke_token(first_token)  # the session expires in the org
    token_calls = _token_requests(server)

    rows = connection.call(lambda sf: sf.query("SELECT Id FROM Organization"))["records"]

    assert len(rows) == 1
    assert _token_requests(server) == token_calls + 1
    assert connection.access_token != first_token


def _token_requests(server: DemoOrgServer) -> int:
    return sum(1 for e in server.log.entries() if e.path == "/services/oauth2/token")


def test_a_revoked_refresh_token_asks_to_sign_in_again(server: DemoOrgServer, demo_oauth: Any) -> None:
    signed = _sign_in(server, demo_oauth(server))
    refresh_token = KeyringVault().load(signed.saved.org_id, signed.saved.user_id)
    assert refresh_token
    assert tokens.revoke(make_session(server.ca_bundle), server.instance_url, refresh_token)
    with pytest.raises(SignInRequired) as caught:
        signed.connection.call(lambda sf: sf.query("SELECT Id FROM Organization"))
    assert "eci-wizard login --alias demo" in caught.value.todo
    assert refresh_token not in caught.value.message


def test_access_denied_gives_its_message_in_the_wizard_and_the_browser(server: DemoOrgServer, demo_oauth: Any) -> None:
    pages: list[requests.Response] = []
    with pytest.raises(AuthorizationDenied) as caught:
        _sign_in(server, demo_oauth(server), allow=False, pages=pages)
    assert caught.value.error == "access_denied" and "Allow" in caught.value.todo
    assert pages[0].status_code == 400 and "consent page" in pages[0].text
    assert ConnectionStore().all() == []


def test_an_uninstalled_app_gives_the_restriction_message(server: DemoOrgServer, demo_oauth: Any) -> None:
    server.org.oauth_clients["3MVG9DemoUninstalledApp"] = {
        "client_id": "3MVG9DemoUninstalledApp", "name": "Not Installed", "installed": False,
        "callback_urls": ["http://localhost:1717/OauthRedirect"], "loopback_any_port": True,
    }
    seller = "sam.seller@acme-demo.example"
    with pytest.raises(AuthorizationDenied) as caught:
        _sign_in(server, demo_oauth(server), username=seller, password=server.org.passwords[seller],
                 client_id="3MVG9DemoUninstalledApp")
    error = caught.value
    assert error.error == "invalid_client"
    assert "isn't installed" in error.seen and "app must be installed into org" in error.seen
    assert "Approve Uninstalled Connected Apps" in error.todo


def test_logout_revokes_at_salesforce_and_deletes_the_keyring_entry(server: DemoOrgServer, demo_oauth: Any) -> None:
    signed = _sign_in(server, demo_oauth(server))
    vault = KeyringVault()
    refresh_token = vault.load(signed.saved.org_id, signed.saved.user_id)
    assert refresh_token in server.org.refresh_tokens

    result = logout("demo", ConnectionStore(), vault)

    assert result.revoked and result.token_deleted
    assert refresh_token not in server.org.refresh_tokens
    assert vault.load(signed.saved.org_id, signed.saved.user_id) is None
    assert ConnectionStore().all() == []
    with pytest.raises(TokenRequestFailed) as caught:
        tokens.refresh(make_session(server.ca_bundle), server.instance_url, client_id="PlatformCLI",
                       refresh_token=refresh_token)
    assert caught.value.error == "invalid_grant"
    with pytest.raises(SignInError, match="no saved connection"):
        ConnectionStore().get("demo")


def test_preflight_names_api_access_disabled_as_a_blocker(server: DemoOrgServer, demo_oauth: Any) -> None:
    profile = server.org.find("Profile", Name="Standard User")[0]
    server.org.update("Profile", profile["Id"], {"PermissionsApiEnabled": False})
    seller = "sam.seller@acme-demo.example"
    signed = _sign_in(server, demo_oauth(server), username=seller, password=server.org.passwords[seller])
    items = {i.name: i for i in signed.preflight.items}
    assert items["API access"].status is Status.FAIL
    assert "API_CURRENTLY_DISABLED" in items["API access"].observed
    assert items["Permission: API Enabled"].status is Status.ERROR
    assert signed.preflight.blocked


def test_preflight_names_a_required_high_assurance_session(demo_org: Callable[..., DemoOrgServer], demo_oauth: Any,
                                                           memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> None:
    server = demo_org("fresh", high_assurance="all")
    signed = _sign_in(server, demo_oauth(server))
    items = {i.name: i for i in signed.preflight.items}
    assert items["High-assurance session"].status is Status.FAIL
    assert "multi-factor" in items["High-assurance session"].message
    assert items["API access"].status is Status.SKIPPED
    assert signed.preflight.blocked


def test_a_dropped_preflight_read_is_shown_not_raised(server: DemoOrgServer, demo_oauth: Any) -> None:
    server.faults.set(drop_path="/composite")
    signed = _sign_in(server, demo_oauth(server))
    items = {i.name: i for i in signed.preflight.items}
    assert items["Org"].status is Status.ERROR
    assert items["API access"].status is Status.ERROR
    assert items["API access"].observed.startswith("the org did not answer")
    assert "NO_ANSWER" not in items["API access"].observed  # the wizard's own word, not a code
    assert signed.preflight.blocked
    server.faults.clear()
    assert signed.connection.call(lambda sf: sf.query("SELECT Id FROM Organization"))["totalSize"] == 1


def test_the_metadata_api_path_is_refreshed_too(server: DemoOrgServer, demo_oauth: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))  # zeep's own session (as trust_ca_bundle_for_process)
    signed = _sign_in(server, demo_oauth(server))
    connection = open_connection(signed.saved, KeyringVault())
    server.org.revoke_token(connection.access_token)
    token_calls = _token_requests(server)
    settings = connection.metadata_call(lambda sf: sf.mdapi.ConversationalIntelligenceSettings.read("ConversationalIntelligence"))
    assert settings.enableCallCoaching is False
    assert _token_requests(server) == token_calls + 1


def test_a_session_only_sign_in_works_and_saves_nothing(server: DemoOrgServer, demo_oauth: Any,
                                                        wizard_dirs: tuple[Path, Path]) -> None:
    from wizard.salesforce.auth.vault import SessionVault

    login = server.default_login
    vault, store = SessionVault(), ConnectionStore(in_memory=True)
    signed = sign_in_with_loopback(
        _target(server), alias="demo", store=store, vault=vault, timeout=30,
        open_url=lambda url: support.play_browser(demo_oauth(server), url, username=login[0], password=login[1]))
    assert not signed.persistent
    server.org.revoke_token(signed.connection.access_token)
    assert signed.connection.call(lambda sf: sf.query("SELECT Id FROM Organization"))["totalSize"] == 1
    assert store.get("demo").org_id == server.org.org_id
    assert not any(p.is_file() for p in wizard_dirs[0].rglob("*"))
    assert not any(p.is_file() for p in wizard_dirs[1].rglob("*"))


def test_an_unreadable_connections_file_is_said_before_the_browser_opens(server: DemoOrgServer, demo_oauth: Any,
                                                                         wizard_dirs: tuple[Path, Path],
                                                                         memory_keyring: type) -> None:
    """Said after the sign-in, the refresh token would already be in the keyring with no alias
    naming it, beyond `logout`'s reach. Nothing is opened, nothing kept."""
    (wizard_dirs[0] / "connections.json").mkdir(parents=True)
    opened: list[str] = []
    with pytest.raises(SignInError, match="it is a folder, not a file"):
        sign_in_with_loopback(_target(server), alias="demo", store=ConnectionStore(), vault=KeyringVault(),
                              open_url=opened.append, timeout=30)
    assert opened == [] and memory_keyring._store == {}


class _FullDiskStore(ConnectionStore):
    """A connections file that reads but cannot be written (the disk filled up during the sign-in)."""

    def _write(self, entries: dict) -> None:  # type: ignore[type-arg]
        raise OSError(errno.ENOSPC, "No space left on device")


def test_an_alias_that_cannot_be_saved_takes_its_refresh_token_back(server: DemoOrgServer, demo_oauth: Any,
                                                                    wizard_dirs: tuple[Path, Path],
                                                                    memory_keyring: type) -> None:
    """The write of the alias fails at the very end: the refresh token it would have named is removed."""
    login = server.default_login
    with pytest.raises(OSError, match="No space left"):
        sign_in_with_loopback(_target(server), alias="demo", store=_FullDiskStore(), vault=KeyringVault(), timeout=30,
                              open_url=lambda url: support.play_browser(demo_oauth(server), url,
                                                                        username=login[0], password=login[1]))
    assert memory_keyring._store == {}
