"""Shared fixtures: the demo org, a real OAuth sign-in, and real clients that trust its CA.

- ``demo_org(scenario="fresh", **faults)`` starts a demo org (stopped at teardown).
- ``demo_http(server)`` is a ``requests.Session`` that trusts the org's CA bundle even though
  the environment sets ``REQUESTS_CA_BUNDLE`` (which would otherwise override ``verify``).
- ``demo_oauth(server)`` drives the login and consent pages with plain HTTP, as a browser would,
  and exchanges the code with PKCE; ``demo_login(server)`` does all of it and returns the token
  response.
- ``demo_sf(server, token=None)`` builds an unmodified ``simple_salesforce.Salesforce`` on that
  session (signing in first when no token is given).
- ``memory_keyring``, ``data_dir`` and ``wizard_dirs`` (an in-memory keyring, the test's own
  folders) come from `tests.support.isolation`, registered below as a plugin; none is autouse.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

from wizard.demo import start_demo_org
from wizard.demo.server import DemoOrgServer
from wizard.salesforce.http import make_session

#: Only the root conftest may register plugins; these fixtures are then visible to every test.
pytest_plugins = ["tests.support.isolation"]

CLI_REDIRECT = "http://localhost:1717/OauthRedirect"


def trusting_session(server: DemoOrgServer) -> requests.Session:
    """A session that trusts the demo org (system CAs plus the demo CA) and nothing less."""
    return make_session(server.ca_bundle)


@dataclass
class HtmlForm:
    """One form of an HTML page: where it posts, its hidden fields and the ids of its inputs."""

    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[HtmlForm] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(HtmlForm(a.get("action", "")))
        elif tag == "input" and self.forms:
            if a.get("id"):
                self.forms[-1].ids.append(a["id"])
            if a.get("type") == "hidden":
                self.forms[-1].hidden[a["name"]] = a.get("value", "")


def only_form(html: str) -> HtmlForm:
    """The single form of a login or consent page (fails the test if there is none)."""
    parser = _FormParser()
    parser.feed(html)
    assert len(parser.forms) == 1, f"expected one form on the page, found {len(parser.forms)}"
    return parser.forms[0]


def pkce_pair(method: str = "S256") -> tuple[str, str]:
    """(verifier, challenge) as RFC 7636 defines them."""
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(64)).rstrip(b"=").decode()
    if method == "plain":
        return verifier, verifier
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class DemoOAuth:
    """A browser and an app signing in to the demo org, over real HTTPS, one step at a time."""

    def __init__(self, server: DemoOrgServer) -> None:
        self.server = server
        self.browser = trusting_session(server)
        self.app = trusting_session(server)

    def url(self, path: str) -> str:
        return urljoin(self.server.instance_url, path)

    def open_authorize(self, **params: str | None) -> requests.Response:
        """GET /services/oauth2/authorize (redirects are not followed)."""
        query = {k: v for k, v in params.items() if v is not None}
        return self.browser.get(self.url("/services/oauth2/authorize"), params=query, allow_redirects=False)

    def submit(self, page: requests.Response, **fields: str) -> requests.Response:
        """Fill in and submit the page's form (redirects inside the org are followed)."""
        form = only_form(page.text)
        response = self.browser.post(self.url(form.action), data={**form.hidden, **fields}, allow_redirects=False)
        while response.status_code in (302, 303) and response.headers["Location"].startswith(("/", self.server.instance_url)):
            response = self.browser.get(self.url(response.headers["Location"]), allow_redirects=False)
        return response

    def authorize(
        self,
        *,
        client_id: str = "PlatformCLI",
        redirect_uri: str = CLI_REDIRECT,
        method: str | None = "S256",
        scope: str | None = "api web refresh_token",
        state: str | None = "state-1",
        username: str | None = None,
        password: str | None = None,
        allow: bool = True,
    ) -> tuple[dict[str, str], str]:
        """Click through login and consent; returns (the callback's query parameters, verifier)."""
        verifier, challenge = pkce_pair(method or "S256")
        page = self.open_authorize(
            response_type="code",
            client_id=client_id,
            redirect_uri=redirect_uri,
            code_challenge=challenge,
            code_challenge_method=method,
            scope=scope,
            state=state,
        )
        if page.status_code == 200 and "username" in only_form(page.text).ids:
            login = self.server.default_login
            assert login is not None
            page = self.submit(page, username=username or login[0], password=password or login[1])
        if page.status_code == 200 and "allow" in only_form(page.text).ids:
            page = self.submit(page, **({"allow": "Allow"} if allow else {"deny": "Deny"}))
        assert page.status_code == 302, f"expected a redirect back to the app, got {page.status_code}: {page.text[:300]}"
        location = page.headers["Location"]
        assert location.startswith(redirect_uri), location
        return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}, verifier

    def exchange(self, code: str, verifier: str | None, *, client_id: str = "PlatformCLI", redirect_uri: str = CLI_REDIRECT) -> requests.Response:
        """POST /services/oauth2/token with grant_type=authorization_code."""
        data = {"grant_type": "authorization_code", "code": code, "client_id": client_id, "redirect_uri": redirect_uri}
        if verifier is not None:
            data["code_verifier"] = verifier
        return self.app.post(self.url("/services/oauth2/token"), data=data)

    def refresh(self, refresh_token: str, client_id: str = "PlatformCLI") -> requests.Response:
        data = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
        return self.app.post(self.url("/services/oauth2/token"), data=data)

    def login(self, **kwargs: Any) -> dict[str, Any]:
        """The whole flow; returns the token response."""
        params, verifier = self.authorize(**kwargs)
        assert "code" in params, params
        response = self.exchange(params["code"], verifier)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def demo_org() -> Iterator[Callable[..., DemoOrgServer]]:
    """Factory: ``demo_org("fresh", latency_ms=50)`` -> a started server, stopped at teardown."""
    started: list[DemoOrgServer] = []

    def start(scenario: str = "fresh", **faults: Any) -> DemoOrgServer:
        server = start_demo_org(scenario, **faults)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def demo_http() -> Callable[[DemoOrgServer], requests.Session]:
    return trusting_session


@pytest.fixture
def demo_oauth() -> Callable[[DemoOrgServer], DemoOAuth]:
    return DemoOAuth


@pytest.fixture
def demo_login() -> Callable[..., dict[str, Any]]:
    """``demo_login(server, **authorize_options)`` -> the token response of a real PKCE sign-in."""

    def login(server: DemoOrgServer, **kwargs: Any) -> dict[str, Any]:
        return DemoOAuth(server).login(**kwargs)

    return login


@pytest.fixture
def demo_sf() -> Callable[..., Any]:
    """``demo_sf(server, token=None)`` -> simple_salesforce.Salesforce on a session trusting the org."""
    from simple_salesforce import Salesforce

    def build(server: DemoOrgServer, token: str | None = None, **kwargs: Any) -> Salesforce:
        if token is None:
            token = DemoOAuth(server).login()["access_token"]
        return Salesforce(instance_url=server.instance_url, session_id=token, session=trusting_session(server), **kwargs)

    return build
