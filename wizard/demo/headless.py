"""Sign in to the demo org without a person: the real PKCE flow, with a scripted browser.

Headless commands (``verify --demo``, ``apply --demo``) and the self-check use this. The app side
is the wizard's own `AuthorizationFlow` (state, PKCE, code exchange); only the person's part —
typing the demo user's password on the login page and clicking Allow — is scripted, by filling
the demo org's HTML forms. Nothing here works against a real org: the demo credentials exist only
in the scenario.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

import lxml.html

from wizard.salesforce.auth.flow import AuthorizationFlow, OAuthClient
from wizard.salesforce.auth.login_hosts import resolve_login_host
from wizard.salesforce.auth.tokens import TokenGrant
from wizard.salesforce.http import make_session

if TYPE_CHECKING:
    from wizard.demo.server import DemoOrgServer

#: Any free loopback port works for PlatformCLI in the demo org; nothing listens on it here.
HEADLESS_PORT = 1717
MAX_STEPS = 6


class DemoSignInError(RuntimeError):
    """The scripted sign-in did not reach the loopback redirect (the page it stopped on is named)."""


def sign_in_grant(server: DemoOrgServer, username: str | None = None, password: str | None = None) -> TokenGrant:
    """A token grant for the demo org's default (or given) user, through login and consent."""
    login = server.default_login
    if username is None or password is None:
        if login is None:
            raise DemoSignInError(
                "The demo scenario has no user to sign in as: give one of its users 'default_login: true' "
                "(and a password), or extend a built-in scenario."
            )
        username, password = login
    session = make_session(server.ca_bundle)
    flow = AuthorizationFlow(
        resolve_login_host(server.instance_url, demo_mode=True),
        OAuthClient(port=HEADLESS_PORT),
        session=session,
    )
    browser = make_session(server.ca_bundle)
    response = browser.get(flow.authorization_url, allow_redirects=False)
    for _ in range(MAX_STEPS):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if flow.is_redirect(location):
                return flow.complete(location)
            response = browser.get(location, allow_redirects=False)
            continue
        page = lxml.html.fromstring(response.text)
        forms = page.forms
        if not forms:
            raise DemoSignInError(f"The demo sign-in stopped on a page without a form ({response.status_code}).")
        form = forms[0]
        fields = dict(form.fields)
        if "username" in fields:
            fields.update(username=username, password=password, Login="Log In")
        elif page.get_element_by_id("allow", None) is not None:
            fields["allow"] = "Allow"
        else:
            raise DemoSignInError("The demo sign-in reached a form it does not know.")
        action = urljoin(response.url, form.action or response.url)
        response = browser.post(action, data=fields, allow_redirects=False)
    raise DemoSignInError("The demo sign-in did not finish within the expected number of pages.")


def sign_in(server: DemoOrgServer) -> str:
    """An access token for the demo org's default user."""
    return sign_in_grant(server).access_token
