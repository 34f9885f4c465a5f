"""The optional RingCentral sign-in in the embedded view (offscreen QtWebEngine, real HTTPS).

RingCentral's emulator serves the login and consent pages; its redirect to the Salesforce
auth provider's callback URL is caught in the view, the code is exchanged on a worker thread,
and the grant proves the redirect URI and the ReadCallRecording scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.ui.provider_support import log_in_to_ringcentral
from tests.ui.wizard_support import run_js
from wizard.demo.server import DemoOrgServer
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.environments import callback_url
from wizard.providers.ringcentral.signin import RingCentralGrant, RingCentralSignIn
from wizard.salesforce.auth.errors import SignInError
from wizard.ui.providers.ringcentral_signin import RingCentralConsentView

PAGE_TIMEOUT_MS = 30_000


@pytest.fixture
def demo(demo_org: Callable[..., DemoOrgServer]) -> Iterator[tuple[DemoOrgServer, ProviderEmulators]]:
    server = demo_org("ringcentral-configured")
    with start_provider_emulators("ringcentral-configured", org_url=server.instance_url) as emulators:
        yield server, emulators
        assert emulators.errors == []


def _view(server: DemoOrgServer, emulators: ProviderEmulators, *, trusted: bool = True) -> RingCentralConsentView:
    creds = emulators.demo_credentials()
    client = RingCentralClient("sandbox", str(creds.ringcentral_client_id), str(creds.ringcentral_client_secret))
    signin = RingCentralSignIn(client, callback_url(server.instance_url), emulators.endpoints)
    view = RingCentralConsentView(signin, demo_ca=emulators.ca_path if trusted else None, timeout=120.0)
    view.resize(900, 700)
    return view


def _log_in(qtbot: Any, view: RingCentralConsentView, emulators: ProviderEmulators) -> None:
    log_in_to_ringcentral(qtbot, view, emulators.demo_credentials().ringcentral_login)


def test_signing_in_proves_the_redirect_uri_and_the_scope(qtbot: Any, demo: tuple[DemoOrgServer, ProviderEmulators]) -> None:
    server, emulators = demo
    view = _view(server, emulators)
    qtbot.addWidget(view)
    view.show()
    assert not view.browser_button.isVisible()  # the answer goes to Salesforce's URL: only this view can catch it
    _log_in(qtbot, view, emulators)
    with qtbot.waitSignal(view.succeeded, timeout=PAGE_TIMEOUT_MS) as signal:
        run_js(qtbot, view, "document.getElementById('allow').click(); true")
    grant: RingCentralGrant = signal.args[0]
    assert "ReadCallRecording" in grant.scope and grant.issued_refresh_token
    assert view.flow.finished
    assert server.log.count() == 0 or all("/services/authcallback/" not in e.path for e in server.log.entries())
    view.close()


def test_cancel_on_ringcentral_page_fails_with_a_message(qtbot: Any, demo: tuple[DemoOrgServer, ProviderEmulators]) -> None:
    server, emulators = demo
    view = _view(server, emulators)
    qtbot.addWidget(view)
    view.show()
    _log_in(qtbot, view, emulators)
    with qtbot.waitSignal(view.failed, timeout=PAGE_TIMEOUT_MS) as signal:
        run_js(qtbot, view, "document.getElementById('deny').click(); true")
    error = signal.args[0]
    assert isinstance(error, SignInError) and "access_denied" in error.seen
    view.close()


def test_a_certificate_not_from_the_emulators_ca_is_refused(qtbot: Any, demo: tuple[DemoOrgServer, ProviderEmulators]) -> None:
    server, emulators = demo
    view = _view(server, emulators, trusted=False)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.failed, timeout=PAGE_TIMEOUT_MS) as signal:
        view.show()
    assert "certificate" in signal.args[0].seen
    view.close()
