"""One OAuth 2.0 authorization-code sign-in with PKCE (S256), from URL to tokens.

An `AuthorizationFlow` is made per sign-in attempt. It holds the random ``state`` and the
PKCE verifier in memory, builds the authorization URL, recognises the loopback redirect
(whichever way it arrives: caught by the embedded view or received by the loopback listener),
checks the state, turns ``error=`` answers into messages the admin can act on, and exchanges
the code once. Switching from the embedded view to the system browser keeps the same flow.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from wizard.salesforce.auth import pkce, tokens
from wizard.salesforce.auth.errors import AuthorizationDenied, SignInError, StateMismatch
from wizard.salesforce.auth.login_hosts import LoginHost
from wizard.salesforce.auth.tokens import TokenGrant

#: The Salesforce CLI's public client, usable without creating an app in the org.
DEFAULT_CLIENT_ID = "PlatformCLI"
#: The Salesforce CLI's loopback port, so its callback URL fits PlatformCLI.
DEFAULT_PORT = 1717
REDIRECT_PATH = "/OauthRedirect"
#: The CLI's default scopes: API access, a refresh token, and web (to open Setup pages signed in).
DEFAULT_SCOPES = ("refresh_token", "api", "web")
AUTHORIZE_PATH = "/services/oauth2/authorize"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


@dataclass(frozen=True)
class OAuthClient:
    """Which app signs in and where Salesforce sends the answer."""

    client_id: str = DEFAULT_CLIENT_ID
    port: int = DEFAULT_PORT
    scopes: tuple[str, ...] = DEFAULT_SCOPES

    @property
    def redirect_uri(self) -> str:
        return f"http://localhost:{self.port}{REDIRECT_PATH}"


def describe_authorization_error(error: str, description: str, client_id: str) -> AuthorizationDenied:
    """The message for an ``error=`` redirect: what was seen, what was expected, what to do."""
    said = f"{error}: {description}" if description else error
    text = description.lower()
    if error == "access_denied":
        return AuthorizationDenied(
            error,
            f"Access was not allowed on Salesforce's consent page ({said}).",
            "The Allow button on the page that asks to give the app access to your org.",
            "Sign in again and choose Allow. If you didn't see that page, your org may block "
            "this app: ask your Salesforce administrator.",
        )
    if "must be installed" in text or "not installed" in text or error == "OAUTH_APP_BLOCKED":
        ways = ("Since September 2025 only installed apps may sign in for most users. Either ask your "
                "administrator to install the app (Setup → Connected Apps OAuth Usage → Install) or "
                "to give you 'Approve Uninstalled Connected Apps', or sign in with the consumer key "
                "of your own External Client App")
        return AuthorizationDenied(
            error,
            f"Salesforce refused the app '{client_id}' because it isn't installed in this org ({said}).",
            "An installed app, or a user with the 'Approve Uninstalled Connected Apps' permission.",
            f"{ways} (--client-id).",
            in_window=f"{ways} (the Sign-in app field).",
        )
    if error in ("invalid_client_id", "invalid_client"):
        return AuthorizationDenied(
            error,
            f"Salesforce doesn't know the app '{client_id}' ({said}).",
            "The consumer key of an app that exists in (or is available to) this org.",
            "Check the consumer key (Setup → External Client App Manager → your app → OAuth "
            "Settings) or sign in with the default client.",
        )
    if error == "redirect_uri_mismatch":
        return AuthorizationDenied(
            error,
            f"Salesforce refused the callback address ({said}).",
            "The app's callback URLs include the wizard's loopback address.",
            "Add http://localhost:<port>/OauthRedirect (the port you sign in with, 1717 by "
            "default) to the app's callback URLs, wait a few minutes, and sign in again.",
        )
    return AuthorizationDenied(
        error,
        f"Salesforce stopped the sign-in ({said}).",
        "A sign-in code in Salesforce's answer.",
        "Sign in again; if it happens again, show this message to your Salesforce administrator.",
    )


class AuthorizationFlow:
    """One sign-in attempt. Thread-safe: the view and the listener may both deliver a redirect."""

    def __init__(self, login_host: LoginHost, client: OAuthClient | None = None, *,
                 session: requests.Session, prompt: str = "login", login_hint: str | None = None) -> None:
        self.login_host = login_host
        self.client = client or OAuthClient()
        self.state = pkce.new_state()
        self._verifier: str | None = pkce.new_verifier()
        self._challenge = pkce.challenge_s256(self._verifier)
        self._session = session
        self._prompt = prompt
        self._login_hint = login_hint
        self._lock = threading.Lock()

    @property
    def authorization_url(self) -> str:
        """The URL to open in the embedded view or the system browser."""
        params = {
            "response_type": "code",
            "client_id": self.client.client_id,
            "redirect_uri": self.client.redirect_uri,
            "scope": " ".join(self.client.scopes),
            "state": self.state,
            "code_challenge": self._challenge,
            "code_challenge_method": "S256",
        }
        if self._prompt:
            params["prompt"] = self._prompt
        if self._login_hint:
            params["login_hint"] = self._login_hint
        return f"{self.login_host.url}{AUTHORIZE_PATH}?{urlencode(params)}"

    def is_redirect(self, url: str) -> bool:
        """Whether a URL is Salesforce's answer to this sign-in (the loopback callback)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        try:
            port = parts.port
        except ValueError:
            return False
        return (parts.scheme == "http" and host in LOOPBACK_HOSTS and port == self.client.port
                and parts.path == REDIRECT_PATH)

    def code_from_redirect(self, url: str) -> str:
        """The authorization code in the redirect, after checking its state and error fields."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
        if not pkce.same_state(self.state, query.get("state")):
            raise StateMismatch(
                "The answer that reached the wizard does not belong to this sign-in (its 'state' "
                "value differs or is missing).",
                "The 'state' value the wizard sent when it opened the sign-in page.",
                "Close other sign-in tabs or windows and start the sign-in again. If it keeps "
                "happening, another program on this computer may be interfering.",
            )
        if query.get("error"):
            raise describe_authorization_error(query["error"], query.get("error_description", ""), self.client.client_id)
        code = query.get("code")
        if not code:
            raise SignInError(
                "Salesforce's answer carried neither a sign-in code nor an error.",
                "A 'code' value in the redirect to the wizard.",
                "Start the sign-in again.",
            )
        return code

    def complete(self, redirect_url: str) -> TokenGrant:
        """Check the redirect and exchange its code for tokens, once per flow."""
        code = self.code_from_redirect(redirect_url)
        with self._lock:
            verifier, self._verifier = self._verifier, None
        if verifier is None:
            raise SignInError(
                "This sign-in was already completed or given up.",
                "One answer per sign-in.",
                "Start a new sign-in if you need another connection.",
            )
        return tokens.exchange_code(self._session, self.login_host.url, code=code,
                                    client_id=self.client.client_id,
                                    redirect_uri=self.client.redirect_uri, code_verifier=verifier)

    def discard(self) -> None:
        """Forget the verifier: a redirect arriving later can no longer be exchanged."""
        with self._lock:
            self._verifier = None

    @property
    def finished(self) -> bool:
        return self._verifier is None
