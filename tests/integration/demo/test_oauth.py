"""OAuth 2.0 of the demo org over real HTTPS, driven with plain HTTP as a browser and an app would."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import CLI_REDIRECT, DemoOAuth, only_form

SCENARIO_WITH_CLIENTS = """
organization: {name: Client Test Org}
users:
  - {username: admin@client.example, last_name: Admin, email: admin@client.example,
     profile: System Administrator, password: pw-admin, default_login: true}
  - {username: rep@client.example, last_name: Rep, email: rep@client.example,
     profile: Standard User, password: pw-rep}
oauth_clients:
  - client_id: UninstalledApp
    name: Not Installed App
    callback_urls: ["http://localhost:7788/callback"]
    installed: false
  - client_id: ConfidentialApp
    callback_urls: ["http://127.0.0.1:7789/cb"]
    secret: s3cret
    scopes: [api, refresh_token]
"""


@pytest.fixture
def server(demo_org):
    return demo_org("fresh")


@pytest.fixture
def client_org(demo_org, tmp_path: Path):
    path = tmp_path / "clients.yaml"
    path.write_text(SCENARIO_WITH_CLIENTS)
    return demo_org(str(path))


@pytest.mark.parametrize("method", ["S256", "plain", None])
def test_pkce_sign_in_gives_a_salesforce_token_response(server, method) -> None:
    oauth = DemoOAuth(server)
    params, verifier = oauth.authorize(method=method, state="abc-123")
    assert params["state"] == "abc-123"
    response = oauth.exchange(params["code"], verifier)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"access_token", "refresh_token", "instance_url", "id", "issued_at", "signature", "token_type", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["instance_url"] == server.instance_url
    assert re.fullmatch(r"\d{13}", body["issued_at"]), "issued_at is epoch milliseconds as a string"
    org_id, user_id = body["id"].rsplit("/", 2)[-2:]
    assert org_id == server.org.org_id
    assert server.org.get("User", user_id)["Username"] == "admin@acme-demo.example"
    # A public client has no secret: the signature is keyed with the empty string.
    expected = base64.b64encode(hmac.new(b"", (body["id"] + body["issued_at"]).encode(), hashlib.sha256).digest()).decode()
    assert body["signature"] == expected
    assert body["scope"].split() == ["api", "web", "refresh_token"]


def test_wrong_or_missing_verifier_is_refused(server) -> None:
    oauth = DemoOAuth(server)
    params, _verifier = oauth.authorize()
    wrong = oauth.exchange(params["code"], "not-the-verifier-" + "x" * 40)
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_request"
    params, _verifier = oauth.authorize()
    missing = oauth.exchange(params["code"], None)
    assert missing.status_code == 400
    assert missing.json() == {"error": "invalid_grant", "error_description": "code verifier is required"}


def test_a_code_redeems_once_and_reuse_revokes_its_tokens(server) -> None:
    oauth = DemoOAuth(server)
    params, verifier = oauth.authorize()
    first = oauth.exchange(params["code"], verifier)
    assert first.status_code == 200
    token = first.json()["access_token"]
    again = oauth.exchange(params["code"], verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    info = oauth.app.get(oauth.url("/services/oauth2/userinfo"), headers={"Authorization": f"Bearer {token}"})
    assert (info.status_code, info.text) == (403, "Bad_OAuth_Token")


def test_redirect_uri_must_match_at_token_time(server) -> None:
    oauth = DemoOAuth(server)
    params, verifier = oauth.authorize()
    response = oauth.exchange(params["code"], verifier, redirect_uri="http://localhost:1717/Elsewhere")
    assert response.status_code == 400
    assert response.json()["error"] == "redirect_uri_mismatch"


def test_any_loopback_port_works_for_the_cli_client(server) -> None:
    oauth = DemoOAuth(server)
    for uri in ("http://localhost:53682/OauthRedirect", "http://127.0.0.1:40111/OauthRedirect"):
        params, verifier = oauth.authorize(redirect_uri=uri)
        assert oauth.exchange(params["code"], verifier, redirect_uri=uri).status_code == 200


@pytest.mark.parametrize(
    "redirect_uri",
    ["https://attacker.example/OauthRedirect", "http://localhost:1717/Other", "http://192.168.1.5:1717/OauthRedirect"],
)
def test_unregistered_redirect_gets_an_error_page_never_a_redirect(server, redirect_uri) -> None:
    page = DemoOAuth(server).open_authorize(response_type="code", client_id="PlatformCLI", redirect_uri=redirect_uri, state="s")
    assert page.status_code == 400
    assert "Location" not in page.headers
    assert "redirect_uri_mismatch" in page.text


def test_unknown_client_gets_an_error_page(server) -> None:
    page = DemoOAuth(server).open_authorize(response_type="code", client_id="NoSuchApp", redirect_uri=CLI_REDIRECT)
    assert page.status_code == 400
    assert "invalid_client_id" in page.text
    assert "Location" not in page.headers


def test_deny_returns_access_denied_with_state(server) -> None:
    params, _ = DemoOAuth(server).authorize(allow=False, state="keep-me")
    assert params == {"error": "access_denied", "error_description": "end-user denied authorization", "state": "keep-me"}


def test_wrong_password_shows_the_login_page_again(server) -> None:
    oauth = DemoOAuth(server)
    page = oauth.open_authorize(response_type="code", client_id="PlatformCLI", redirect_uri=CLI_REDIRECT, code_challenge="c" * 43)
    assert only_form(page.text).ids[-3:] == ["username", "password", "Login"]
    again = oauth.submit(page, username="admin@acme-demo.example", password="wrong")
    assert again.status_code == 200
    assert 'id="error"' in again.text
    assert "sid=" not in again.headers.get("Set-Cookie", "")


def test_signed_in_browser_skips_the_login_page(server) -> None:
    oauth = DemoOAuth(server)
    oauth.login()
    page = oauth.open_authorize(response_type="code", client_id="PlatformCLI", redirect_uri=CLI_REDIRECT, code_challenge="c" * 43)
    assert only_form(page.text).ids[-2:] == ["allow", "deny"]
    forced = oauth.open_authorize(
        response_type="code", client_id="PlatformCLI", redirect_uri=CLI_REDIRECT, code_challenge="c" * 43, prompt="login"
    )
    assert "username" in only_form(forced.text).ids


def test_refresh_then_revoke_then_refresh_fails(server) -> None:
    oauth = DemoOAuth(server)
    tokens = oauth.login()
    refreshed = oauth.refresh(tokens["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    body = refreshed.json()
    assert body["access_token"] != tokens["access_token"]
    assert "refresh_token" not in body  # Salesforce keeps the refresh token unless rotation is on
    assert {"instance_url", "id", "issued_at", "signature", "token_type", "scope"} <= set(body)
    revoked = oauth.app.post(oauth.url("/services/oauth2/revoke"), data={"token": tokens["refresh_token"]})
    assert revoked.status_code == 200
    after = oauth.refresh(tokens["refresh_token"])
    assert after.status_code == 400
    assert after.json()["error"] == "invalid_grant"
    for access in (tokens["access_token"], body["access_token"]):  # revoking the refresh token ends its sessions
        info = oauth.app.get(oauth.url("/services/oauth2/userinfo"), headers={"Authorization": f"Bearer {access}"})
        assert info.status_code == 403


def test_revoke_by_get_and_unknown_token(server) -> None:
    oauth = DemoOAuth(server)
    tokens = oauth.login()
    assert oauth.app.get(oauth.url("/services/oauth2/revoke"), params={"token": tokens["access_token"]}).status_code == 200
    unknown = oauth.app.post(oauth.url("/services/oauth2/revoke"), data={"token": "nope"})
    assert unknown.status_code == 400
    assert unknown.json()["error"] == "invalid_token"


def test_userinfo_and_identity_url_describe_the_user_and_custom_domain(server) -> None:
    oauth = DemoOAuth(server)
    tokens = oauth.login()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    info = oauth.app.get(oauth.url("/services/oauth2/userinfo"), headers=auth).json()
    assert info["urls"]["custom_domain"] == server.instance_url
    assert info["organization_id"] == server.org.org_id
    assert info["preferred_username"] == "admin@acme-demo.example"
    assert info["name"] == "Ada Admin"
    assert info["email"] == "admin@acme-demo.example"
    assert info["user_id"] == tokens["id"].rsplit("/", 1)[-1]
    ident = oauth.app.get(tokens["id"], headers=auth).json()
    assert ident["id"] == tokens["id"]
    assert ident["username"] == "admin@acme-demo.example"
    assert ident["display_name"] == "Ada Admin"
    assert ident["asserted_user"] is True
    urls = ident["urls"]
    assert urls["custom_domain"] == server.instance_url
    assert urls["rest"] == f"{server.instance_url}/services/data/v{{version}}/"
    assert urls["metadata"].startswith(f"{server.instance_url}/services/Soap/m/{{version}}/")
    assert urls["tooling_rest"].endswith("/tooling/")
    missing = oauth.app.get(oauth.url("/services/oauth2/userinfo"))
    assert (missing.status_code, missing.text) == (403, "Missing_OAuth_Token")


def test_single_access_link_opens_setup_once(server) -> None:
    oauth = DemoOAuth(server)
    tokens = oauth.login()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    bridge = oauth.app.get(
        oauth.url("/services/oauth2/singleaccess"), params={"redirect_uri": "/lightning/setup/NamedCredential/home"}, headers=auth
    )
    assert bridge.status_code == 200, bridge.text
    link = bridge.json()["frontdoor_uri"]
    assert link.startswith(f"{server.instance_url}/secur/frontdoor.jsp?otp=")
    fresh_browser = DemoOAuth(server).browser
    page = fresh_browser.get(link)
    assert page.status_code == 200
    assert urlsplit(page.url).path == "/lightning/setup/NamedCredential/home"
    assert "Setup › Named Credentials" in page.text
    assert "admin@acme-demo.example" in page.text
    second_browser = DemoOAuth(server).browser
    reused = second_browser.get(link)
    assert "username" in only_form(reused.text).ids, "a used link leads to the login page"
    assert "Setup › Named Credentials" not in reused.text
    posted = oauth.app.post(oauth.url("/services/oauth2/singleaccess"), data={"redirect_uri": "/lightning/setup/PermSets/home"}, headers=auth)
    assert posted.status_code == 200
    absolute = oauth.app.get(oauth.url("/services/oauth2/singleaccess"), params={"redirect_uri": "https://evil.example/"}, headers=auth)
    assert absolute.status_code == 400


def test_single_access_link_expires(server, monkeypatch) -> None:
    from wizard.demo import oauth_identity

    oauth = DemoOAuth(server)
    tokens = oauth.login()
    monkeypatch.setattr(oauth_identity, "ONE_TIME_SECONDS", 0.2)
    bridge = oauth.app.get(oauth.url("/services/oauth2/singleaccess"), headers={"Authorization": f"Bearer {tokens['access_token']}"})
    time.sleep(0.4)
    page = DemoOAuth(server).browser.get(bridge.json()["frontdoor_uri"])
    assert "username" in only_form(page.text).ids


def test_setup_pages_need_a_browser_session(server, demo_http) -> None:
    page = demo_http(server).get(f"{server.instance_url}/lightning/setup/NamedCredential/home")
    assert "username" in only_form(page.text).ids
    oauth = DemoOAuth(server)
    login = server.default_login
    page = oauth.submit(page, username=login[0], password=login[1])
    assert page.status_code == 200
    assert "Setup › Named Credentials" in page.text


def test_uninstalled_app_needs_a_user_who_may_approve_it(client_org) -> None:
    params, _ = DemoOAuth(client_org).authorize(
        client_id="UninstalledApp", redirect_uri="http://localhost:7788/callback", username="rep@client.example", password="pw-rep", scope=None
    )
    assert params == {"error": "invalid_client", "error_description": "app must be installed into org", "state": "state-1"}
    admin_params, _verifier = DemoOAuth(client_org).authorize(
        client_id="UninstalledApp", redirect_uri="http://localhost:7788/callback", scope=None
    )
    assert "code" in admin_params, "a System Administrator holds CanApproveUninstalledApps"


def test_confidential_client_needs_its_secret_and_allowed_scopes(client_org) -> None:
    oauth = DemoOAuth(client_org)
    uri = "http://127.0.0.1:7789/cb"
    denied_scope, _ = oauth.authorize(client_id="ConfidentialApp", redirect_uri=uri, scope="api full")
    assert denied_scope["error"] == "invalid_scope"
    params, verifier = oauth.authorize(client_id="ConfidentialApp", redirect_uri=uri, scope="api refresh_token")
    data = {"grant_type": "authorization_code", "code": params["code"], "client_id": "ConfidentialApp", "redirect_uri": uri, "code_verifier": verifier}
    no_secret = oauth.app.post(oauth.url("/services/oauth2/token"), data=data)
    assert no_secret.json()["error"] == "invalid_client"
    params, verifier = oauth.authorize(client_id="ConfidentialApp", redirect_uri=uri, scope="api refresh_token")
    data.update(code=params["code"], code_verifier=verifier, client_secret="s3cret")
    ok = oauth.app.post(oauth.url("/services/oauth2/token"), data=data)
    assert ok.status_code == 200, ok.text
    body = ok.json()
    expected = base64.b64encode(hmac.new(b"s3cret", (body["id"] + body["issued_at"]).encode(), hashlib.sha256).digest()).decode()
    assert body["signature"] == expected

