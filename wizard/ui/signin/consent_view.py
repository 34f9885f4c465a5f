"""The embedded sign-in: Salesforce's login and consent pages in a private web view.

The view shows the `AuthorizationFlow`'s URL in a dedicated off-the-record profile (no cookies
or cache outlive it) and catches the redirect to the loopback address before it leaves the
view, both as a request (interceptor) and as a navigation, whichever Chromium reports first.
"Use my browser instead" continues the same flow (same state and PKCE verifier) in the system
browser through the loopback listener, for passkeys, hardware keys and SSO prompts that an
embedded view can't handle. The token exchange runs on a worker thread; the window never waits.

QtWebEngine is imported when the view is first shown, not when this module is imported: it
costs ~0.1 s and ~70 MB, and most starts of the wizard don't sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wizard.salesforce.auth.errors import PortBusy, SignInCancelled, SignInError, SignInTimeout
from wizard.salesforce.auth.flow import AuthorizationFlow
from wizard.salesforce.auth.loopback import LoopbackListener

DEFAULT_TIMEOUT_SECONDS = 600.0


def prepare_application() -> None:
    """Call before the QApplication exists: QtWebEngine, imported later, shares OpenGL contexts.

    Without it the lazy import of QtWebEngine after start-up warns and may render blank pages.
    """
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@cache
def _web_classes() -> tuple[type, type, type, type]:
    """Import QtWebEngine and define the classes that need it (once, on first use)."""
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEngineProfile,
        QWebEngineUrlRequestInterceptor,
    )
    from PySide6.QtWebEngineWidgets import QWebEngineView

    class RedirectInterceptor(QWebEngineUrlRequestInterceptor):
        """Blocks the request to the loopback redirect and reports its URL (runs off the UI thread)."""

        caught = Signal(str)

        def __init__(self, is_redirect: Callable[[str], bool], parent: Any = None) -> None:
            super().__init__(parent)
            self._is_redirect = is_redirect

        def interceptRequest(self, info: Any) -> None:
            url = info.requestUrl().toString()
            if self._is_redirect(url):
                info.block(True)
                self.caught.emit(url)

    class ConsentPage(QWebEnginePage):
        """Refuses navigation to the loopback redirect and reports it instead."""

        caught = Signal(str)

        def __init__(self, profile: Any, is_redirect: Callable[[str], bool], parent: Any = None) -> None:
            super().__init__(profile, parent)
            self._is_redirect = is_redirect

        def acceptNavigationRequest(self, url: Any, nav_type: Any, is_main_frame: bool) -> bool:
            if self._is_redirect(url.toString()):
                self.caught.emit(url.toString())
                return False
            return super().acceptNavigationRequest(url, nav_type, is_main_frame)

    return QWebEngineProfile, ConsentPage, RedirectInterceptor, QWebEngineView


class ConsentView(QWidget):
    """Sign-in pages plus "Use my browser instead" and Cancel; emits `succeeded` or `failed` once.

    ``finish(grant)`` runs on the worker thread right after the code exchange (e.g. saving the
    connection and the preflight); `succeeded` carries its result. ``demo_ca`` is the demo
    org's CA file: only with it, and only for its own certificate, is a certificate error
    accepted. Shown as a window, closing it cancels; embedded in another window, the owner calls
    `cancel` and `dispose` when it goes away.
    """

    succeeded = Signal(object)
    failed = Signal(object)  # a SignInError

    def __init__(self, flow: AuthorizationFlow, *, finish: Callable[[Any], Any] | None = None,
                 demo_ca: Path | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                 open_browser: Callable[[str], Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self._finish = finish or (lambda grant: grant)
        self._demo_ca = demo_ca
        self._open_browser = open_browser or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self._done = False
        self._busy = False  # a redirect is being exchanged
        self._listener: LoopbackListener | None = None
        self._workers: list[Any] = []
        self.web: Any = None
        self._page: Any = None
        self._profile: Any = None

        self.setWindowTitle("Sign in to Salesforce")
        self.status = QLabel(f"Sign in at {flow.login_host.url}", self)
        self.status.setWordWrap(True)
        self.browser_button = QPushButton("Use my browser instead", self)
        self.browser_button.setToolTip("For passkeys, security keys or single sign-on that this window can't show.")
        self.browser_button.clicked.connect(self.use_system_browser)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(lambda: self.cancel())
        buttons = QHBoxLayout()
        buttons.addWidget(self.browser_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.status)
        self._layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._fail(SignInTimeout(timeout)))
        self._timeout_ms = int(timeout * 1000)

    # -- the embedded pages -------------------------------------------------------------------
    def start(self) -> None:
        """Build the web view (first QtWebEngine import) and open the sign-in page."""
        if self.web is not None or self._done:
            return
        profile_cls, page_cls, interceptor_cls, view_cls = _web_classes()
        self.web = view_cls(self)
        self._profile = profile_cls(self)  # no storage name: off the record
        interceptor = interceptor_cls(self.flow.is_redirect, self._profile)
        # Queued: handling the redirect (stopping the page) inside Chromium's callback crashes it.
        queued = Qt.ConnectionType.QueuedConnection
        interceptor.caught.connect(self._on_redirect, queued)
        self._profile.setUrlRequestInterceptor(interceptor)
        self._page = page_cls(self._profile, self.flow.is_redirect, self.web)
        self._page.caught.connect(self._on_redirect, queued)
        self._page.certificateError.connect(self._on_certificate_error)
        self.web.setPage(self._page)
        self._layout.insertWidget(1, self.web, 1)
        self.web.load(QUrl(self.flow.authorization_url))
        self._timer.start(self._timeout_ms)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.start()

    def _on_certificate_error(self, error: Any) -> None:
        # Imported here: cryptography is only needed when a certificate is questioned.
        from wizard.salesforce.auth.demo_trust import is_demo_certificate

        url = error.url()
        chain = error.certificateChain()
        leaf = bytes(chain[0].toDer().data()) if chain else b""
        if self._demo_ca is not None and is_demo_certificate(leaf, url.host(), self._demo_ca):
            error.acceptCertificate()
            return
        error.rejectCertificate()
        problem = SignInError(
            f"The certificate of {url.host()} was not accepted: {error.description()}",
            f"A certificate for {url.host()} from an authority this computer trusts.",
            "Check the login address. If your network inspects HTTPS traffic, add your company's "
            "root certificate to the system, or use your browser instead.",
        )
        QTimer.singleShot(0, lambda: self._fail(problem))  # not inside Chromium's callback

    # -- the system browser ----------------------------------------------------------------
    def use_system_browser(self) -> None:
        """Continue this sign-in in the system browser; the loopback listener receives the answer."""
        if self._done or self._listener is not None:
            return
        try:
            self._listener = LoopbackListener(self.flow.client.port, on_redirect=self.flow.complete).start()
        except PortBusy as exc:
            self.status.setText(f"{exc.seen}\n{exc.todo}\nYou can go on signing in here.")
            return
        except SignInError as exc:
            self.status.setText(f"{exc.seen}\n{exc.todo}")
            return
        if self.web is not None:
            self.web.stop()
            self.web.setHtml("<p style='font-family:sans-serif'>Continue the sign-in in your browser, then come back here.</p>")
        self.browser_button.setEnabled(False)
        self.status.setText("Continue in your browser. This window finishes by itself once you have "
                            "signed in there and chosen Allow.")
        listener = self._listener
        self._run(lambda: self._finish(listener.wait(24 * 3600)))  # the view's own timer ends it sooner
        self._open_browser(self.flow.authorization_url)

    # -- results ----------------------------------------------------------------------------
    def _on_redirect(self, url: str) -> None:
        if self._done or self._busy:
            return
        self._busy = True
        self.status.setText("Signed in at Salesforce; finishing the connection…")
        if self.web is not None:
            self.web.stop()
        self._run(lambda: self._finish(self.flow.complete(url)))

    def _run(self, job: Callable[[], Any]) -> None:
        from superqt.utils import create_worker  # superqt imports all its widgets: not at start-up

        worker = create_worker(job, _connect={"returned": self._succeed, "errored": self._on_error},
                               _ignore_errors=True)
        self._workers.append(worker)

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, SignInError):
            self._fail(exc)
        else:
            self._fail(SignInError(f"The sign-in could not be finished ({type(exc).__name__}: {exc}).",
                                   "A completed sign-in.", "Try again; if it keeps failing, use your browser instead."))

    def _succeed(self, result: Any) -> None:
        if self._done:
            return
        self._end("Signed in.")
        self.succeeded.emit(result)

    def _fail(self, error: SignInError) -> None:
        if self._done:
            return
        self._end(error.message)
        self.failed.emit(error)

    def _end(self, text: str) -> None:
        self._done = True
        self._timer.stop()
        self.flow.discard()
        if self._listener is not None:
            self._listener.cancel()
            self._listener.stop()
        self.status.setText(text)
        self.browser_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        if self.web is not None:
            QTimer.singleShot(0, self._stop_web)

    def _stop_web(self) -> None:
        if self.web is not None:
            self.web.stop()

    def cancel(self, reason: str = "The sign-in was cancelled.") -> None:
        """Stop the sign-in (Cancel button, closed window); nothing is saved."""
        self._fail(SignInCancelled(reason))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel("The sign-in window was closed before the sign-in finished.")
        self.dispose()
        super().closeEvent(event)

    def dispose(self) -> None:
        """Release the web view (and its page) before the profile: Qt crashes the other way round."""
        if self.web is None or self._profile is None:
            return
        web, profile = self.web, self._profile
        self.web = self._page = self._profile = None
        self._layout.removeWidget(web)
        web.destroyed.connect(profile.deleteLater)
        web.deleteLater()
