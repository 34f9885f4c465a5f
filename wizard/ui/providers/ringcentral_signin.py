"""The optional RingCentral sign-in, in the same private embedded view as the Salesforce sign-in.

RingCentral sends the browser to the Salesforce auth provider's callback URL; the view catches
that redirect before it leaves (as it catches the loopback redirect of the Salesforce sign-in),
so Salesforce never sees the code, and the wizard exchanges it on a worker thread. There is no
"use my browser instead" here: the redirect goes to Salesforce, not to the wizard, so only the
embedded view can catch it. ``demo_ca`` is the provider emulators' CA in demo mode.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from wizard.providers.ringcentral.signin import RingCentralSignIn
from wizard.providers.voice.problems import ProviderProblem
from wizard.salesforce.auth.errors import SignInError
from wizard.ui.signin.consent_view import DEFAULT_TIMEOUT_SECONDS, ConsentView


class RingCentralConsentView(ConsentView):
    """Emits `succeeded` with ``finish(grant)`` (a `RingCentralGrant` by default) or `failed`."""

    def __init__(self, signin: RingCentralSignIn, *, finish: Callable[[Any], Any] | None = None,
                 demo_ca: Path | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS, parent: QWidget | None = None) -> None:
        super().__init__(signin, finish=finish, demo_ca=demo_ca, timeout=timeout, parent=parent)  # type: ignore[arg-type]
        self.setWindowTitle("Sign in to RingCentral")
        self.status.setText(f"Sign in to RingCentral ({signin.app.environment}) and allow access. The wizard catches "
                            "the answer at your org's callback URL.")
        self.browser_button.hide()
        self.browser_button.setEnabled(False)

    def use_system_browser(self) -> None:
        """Not offered: RingCentral answers at Salesforce's callback URL, which only this view catches."""

    def _on_redirect(self, url: str) -> None:
        super()._on_redirect(url)
        if not self._done:
            self.status.setText("RingCentral sent you back to the callback URL; exchanging the code…")

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, ProviderProblem):
            self._fail(SignInError(exc.seen, exc.expected, exc.todo))
            return
        super()._on_error(exc)
