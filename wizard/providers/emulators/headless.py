"""Sign in to the RingCentral emulator without a person: the person's part scripted.

The app side is the wizard's own `RingCentralSignIn` (state, authorize URL, redirect check, code
exchange). Only what a person does on RingCentral's pages (typing the demo user's e-mail and
password, clicking Authorize) is done here by filling the emulator's HTML forms. Headless demo
commands and tests use it; it cannot work against RingCentral itself.
"""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

from wizard.providers.ringcentral.signin import RingCentralSignIn
from wizard.providers.voice.problems import ProviderProblem, json_body

MAX_STEPS = 6


def demo_redirect(signin: RingCentralSignIn, username: str, password: str, allow: bool = True) -> str:
    """Click through login and consent; returns the URL RingCentral redirects the browser to."""
    browser = signin.endpoints.session()
    response = browser.get(signin.authorization_url, allow_redirects=False, timeout=30)
    for _ in range(MAX_STEPS):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if signin.is_redirect(location):
                return location
            response = browser.get(location, allow_redirects=False, timeout=30)
            continue
        if response.status_code != 200 or "html" not in response.headers.get("Content-Type", ""):
            body = json_body(response) or {}
            raise ProviderProblem("credentials", f"RingCentral's sign-in page refused the request (HTTP {response.status_code}): "
                                  f"{body.get('error_description') or body.get('message') or ''}".strip(),
                                  "RingCentral's sign-in page.", "Check the app's client ID and redirect URI.", status=response.status_code)
        page = lxml.html.fromstring(response.text)
        if not page.forms:
            raise ProviderProblem("answer", "The demo sign-in stopped on a page without a form.", "A login or consent form.", "Start again.")
        form = page.forms[0]
        fields = {i.name: i.value or "" for i in form.inputs if i.name and i.get("type") == "hidden"}
        if form.get("id") == "login-form":
            fields.update(username=username, password=password)
        else:
            fields["decision"] = "allow" if allow else "deny"
        response = browser.post(urljoin(response.url, form.action), data=fields, allow_redirects=False, timeout=30)
        if response.status_code == 200 and 'id="error"' in response.text.replace("'", '"'):
            raise ProviderProblem("credentials", "The demo RingCentral login was refused.", "The scenario's demo login.", "Check the e-mail and password.")
    raise ProviderProblem("answer", "The demo sign-in did not reach the redirect.", "A redirect to the callback URL.", "Start again.")
