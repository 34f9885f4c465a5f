"""The optional RingCentral sign-in: authorize, redirect to the Salesforce callback, exchange the code.

The guide sets the app's OAuth Redirect URI to the Salesforce auth provider's callback URL
(``{My Domain}/services/authcallback/Ring_Central``). Signing in once with exactly that redirect
URI proves RingCentral has it registered (the grant keeps the address it proves, so the
checks can tell it from the org's callback URL), and the token's scope proves the app holds
``ReadCallRecording`` (and the other permissions). The wizard catches the redirect before it
reaches Salesforce (in the embedded view), so Salesforce never sees the code; the code is
exchanged here with the client credentials. `RingCentralSignIn` has the shape the embedded
consent view drives (``authorization_url``, ``is_redirect``, ``complete``, ``discard``).
"""

from __future__ import annotations

import secrets as random
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from wizard import secrets
from wizard.providers.ringcentral.answers import CONSOLE, PROVIDER, rate_limited, read_error, said
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.problems import (
    ProviderProblem,
    json_body,
    mask,
    send,
    unexpected_answer,
)

AUTHORIZE_PATH = "/restapi/oauth/authorize"
TOKEN_PATH = "/restapi/oauth/token"
REDIRECT_NOT_REGISTERED = ("OAU-109", "OAU-113")
#: The redirect URI's owner when the sign-in used the org's callback URL (the window, and the CLI without --redirect-uri).
CALLBACK_SOURCE = "the Salesforce callback URL"


@dataclass(frozen=True)
class RingCentralGrant:
    """What the token endpoint issued; tokens stay out of ``repr`` and are masked in outputs."""

    environment: str
    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    scope: tuple[str, ...] = ()
    expires_in: int = 0
    owner_id: str = ""
    #: The redirect URI the sign-in used: RingCentral proved it has *this* address registered, and no other.
    redirect_uri: str = ""
    #: Whose address that was (the org's callback URL, or one the admin gave with --redirect-uri).
    redirect_source: str = CALLBACK_SOURCE

    @property
    def issued_refresh_token(self) -> bool:
        return bool(self.refresh_token)


@dataclass(frozen=True)
class SignInStart:
    """Where the sign-in starts: shown by the embedded view's status line."""

    url: str


def _same_place(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    try:
        ports = (pa.port or 443, pb.port or 443)
    except ValueError:
        return False
    return (pa.scheme, (pa.hostname or "").lower(), ports[0], pa.path.rstrip("/")) == (
        pb.scheme, (pb.hostname or "").lower(), ports[1], pb.path.rstrip("/"))


class RingCentralSignIn:
    """One sign-in attempt; thread-safe (the view may report the redirect twice)."""

    def __init__(self, client: RingCentralClient, redirect_uri: str, endpoints: ProviderEndpoints | None = None,
                 session: requests.Session | None = None, redirect_source: str = CALLBACK_SOURCE) -> None:
        self.app = client
        self.redirect_uri = redirect_uri
        #: Whose redirect URI this is, as a refusal names it (the org's callback, or one the admin gave).
        self.redirect_source = redirect_source
        self.endpoints = endpoints or ProviderEndpoints()
        self.session = session or self.endpoints.session()
        self.base = self.endpoints.ringcentral(client.environment)
        self.login_host = SignInStart(self.base)
        self.state = random.token_urlsafe(24)
        self._open = True
        self._lock = threading.Lock()

    @property
    def authorization_url(self) -> str:
        query = {"response_type": "code", "client_id": self.app.client_id, "redirect_uri": self.redirect_uri, "state": self.state}
        return f"{self.base}{AUTHORIZE_PATH}?{urlencode(query)}"

    def is_redirect(self, url: str) -> bool:
        """Whether a URL is RingCentral sending the browser to the registered redirect URI."""
        return _same_place(url, self.redirect_uri) and "state=" in (urlsplit(url).query or "")

    def check_start(self) -> None:
        """Ask the authorize endpoint first: an unregistered redirect URI or unknown client is named
        here, before the admin types a password (`ProviderProblem`)."""
        response = send(self.session, "GET", self.authorization_url, PROVIDER, headers={"Accept": "text/html,application/json"})
        if response.status_code in (200, 302, 303):
            return
        error = read_error(response, (self.app.client_id,))
        if response.status_code == 429:
            raise rate_limited(error)
        if error.has(*REDIRECT_NOT_REGISTERED):
            raise redirect_problem(self.redirect_uri, said(error), self.redirect_source)
        if error.error in ("invalid_client", "unauthorized_client") or error.has("OAU-153"):
            raise ProviderProblem(
                "credentials",
                f"RingCentral's {self.app.environment} sign-in page does not accept the client {mask(self.app.client_id)}.{said(error)}",
                "A client ID of an app registered in this environment.",
                "Check the client ID and the environment (sandbox or production), then try again.",
                status=response.status_code,
            )
        raise unexpected_answer(PROVIDER, response, "RingCentral's sign-in page.")

    def code_from_redirect(self, url: str) -> str:
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
        if not random.compare_digest(query.get("state", ""), self.state):
            raise ProviderProblem("answer", "The redirect that reached the wizard does not belong to this sign-in (its state differs).",
                                  "The state value the wizard sent.", "Close other sign-in windows and sign in again.")
        if query.get("error"):
            text = f"{query['error']}: {query.get('error_description', '')}".strip(": ")
            denied = query["error"] == "access_denied"
            raise ProviderProblem(
                "access" if denied else "answer",
                f"RingCentral stopped the sign-in ({text}).",
                "The Authorize (Allow) button on RingCentral's consent page.",
                "Sign in again and allow access." if denied else "Sign in again; check the app's settings if it repeats.",
            )
        if not query.get("code"):
            raise ProviderProblem("answer", "RingCentral's redirect carried neither a code nor an error.",
                                  "A code in the redirect.", "Sign in again.")
        return query["code"]

    def complete(self, redirect_url: str) -> RingCentralGrant:
        """Check the redirect and exchange its code once (the code never reaches Salesforce)."""
        code = self.code_from_redirect(redirect_url)
        with self._lock:
            if not self._open:
                raise ProviderProblem("answer", "This sign-in was already finished or given up.",
                                      "One answer per sign-in.", "Start a new sign-in.")
            self._open = False
        return exchange_code(self.app, self.endpoints, self.session, code, self.redirect_uri, self.redirect_source)

    def discard(self) -> None:
        with self._lock:
            self._open = False

    @property
    def finished(self) -> bool:
        return not self._open


def redirect_problem(redirect_uri: str, words: str = "", source: str = CALLBACK_SOURCE) -> ProviderProblem:
    """RingCentral refused the redirect URI; the address is named in the advice, so it can be copied.

    `source` says whose address it is: a made-up ``--redirect-uri`` must not be blamed on the org.
    """
    if source == CALLBACK_SOURCE:
        todo = (f"In the developer console ({CONSOLE}) open the app's settings, replace the redirect URI with {redirect_uri} "
                "(the Salesforce callback URL), click Update, and sign in again.")
    else:
        todo = (f"Check {redirect_uri}: sign in again without --redirect-uri to use the org's callback URL, or register "
                f"that address in the app's settings in the developer console ({CONSOLE}).")
    return ProviderProblem(
        "credentials",
        f"RingCentral does not have {source} ({redirect_uri}) registered as the app's OAuth Redirect URI.{words}",
        f"OAuth Redirect URI: {redirect_uri}",
        todo,
    )


def exchange_code(client: RingCentralClient, endpoints: ProviderEndpoints, session: requests.Session, code: str,
                  redirect_uri: str, redirect_source: str = CALLBACK_SOURCE) -> RingCentralGrant:
    """POST the code to the token endpoint with the client's credentials."""
    url = endpoints.ringcentral(client.environment) + TOKEN_PATH
    response = send(session, "POST", url, PROVIDER,
                    data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
                    headers={"Authorization": client.basic_header, "Accept": "application/json"})
    body = json_body(response)
    if response.status_code == 200 and isinstance(body, dict) and body.get("access_token"):
        grant = RingCentralGrant(
            environment=client.environment,
            access_token=str(body["access_token"]),
            refresh_token=body.get("refresh_token") or None,
            scope=tuple(str(body.get("scope") or "").split()),
            expires_in=int(body.get("expires_in") or 0),
            owner_id=str(body.get("owner_id") or ""),
            redirect_uri=redirect_uri,
            redirect_source=redirect_source,
        )
        secrets.remember(grant.access_token)
        secrets.remember(grant.refresh_token)
        return grant
    error = read_error(response, (client.client_id,))
    if response.status_code == 429:
        raise rate_limited(error)
    if error.has(*REDIRECT_NOT_REGISTERED):
        raise redirect_problem(redirect_uri, said(error), redirect_source)
    if error.error in ("invalid_client", "unauthorized_client", "invalid_grant"):
        raise ProviderProblem(
            "credentials",
            f"RingCentral refused to exchange the sign-in code (HTTP {response.status_code}).{said(error)}",
            "Tokens for the code RingCentral just issued.",
            f"Copy the client secret again from the app's Credentials in the RingCentral developer console ({CONSOLE}) "
            f"for the {client.environment} environment, enter it again and check the app, then sign in again.",
            status=response.status_code,
        )
    raise unexpected_answer(PROVIDER, response, "Tokens from RingCentral's token endpoint.")
