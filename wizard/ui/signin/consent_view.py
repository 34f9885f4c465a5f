"""The embedded sign-in: Salesforce's login and consent pages in a private web view.

The view shows the `AuthorizationFlow`'s URL in a dedicated off-the-record profile (no cookies
or cache outlive it) and catches the redirect to the loopback address before it leaves the
view, both as a request (interceptor) and as a navigation, whichever Chromium reports first.
"Use my browser instead" continues the same flow (same state and PKCE verifier) in the system
browser through the loopback listener, for passkeys, hardware keys and SSO prompts that an
embedded view can't handle; when no browser can be opened, the view shows the address to copy and
how long it waits. The token exchange runs on a worker thread; the window never waits.

A page that does not load (an unknown host, a refused connection, Salesforce's own error page for
an app it doesn't know) ends the sign-in at once with the wizard's own message. Stopping after
Allow (Cancel, a closed window) lets the worker finish and then takes the sign-in back (revoked,
and what it saved removed), so the message never says "nothing was saved" when something was.
A stop and the arriving answer are taken one at a time, whichever way the answer comes: a stop
before the code is taken for the exchange means the code is never exchanged; after that, the
exchange's grant always reaches the worker (the loopback listener hands it over even when Cancel
came while it was exchanging), which takes it back.

QtWebEngine is imported when the view is first shown, not when this module is imported: it
costs ~0.1 s and ~70 MB, and most starts of the wizard don't sign in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wizard.salesforce.auth.errors import SignInCancelled, SignInError, SignInTimeout
from wizard.salesforce.auth.flow import AuthorizationFlow
from wizard.salesforce.auth.login_hosts import HostKind
from wizard.salesforce.auth.loopback import LoopbackListener
from wizard.ui.signin import page_errors
from wizard.ui.signin.take_back import SignInTakenBack, TakeBackFailed

DEFAULT_TIMEOUT_SECONDS = 600.0
#: Tall enough for Salesforce's login form and its Allow page without scrolling inside the view.
WEB_MIN_HEIGHT = 440


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
    connection and the preflight); `succeeded` carries its result. A ``finish`` that keeps anything
    comes with ``take_back(grant, why)``, which undoes it when the sign-in is stopped after Allow
    (without one, a result that arrives after a stop is dropped). ``demo_ca`` is the demo org's CA
    file: only with it, and only for its own certificate, is a certificate error accepted.
    ``in_browser`` starts in the system browser without loading the embedded pages. Shown as a
    window, closing it cancels; embedded in another window, the owner calls `cancel` and `dispose`
    when it goes away. Esc cancels.
    """

    succeeded = Signal(object)
    failed = Signal(object)  # a SignInError

    def __init__(self, flow: AuthorizationFlow, *, finish: Callable[[Any], Any] | None = None,
                 take_back: Callable[[Any, str], str | None] | None = None, demo_ca: Path | None = None,
                 timeout: float = DEFAULT_TIMEOUT_SECONDS, open_browser: Callable[[str], Any] | None = None,
                 in_browser: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self._finish = finish or (lambda grant: grant)
        self._take_back = take_back
        self._demo_ca = demo_ca
        self._open_browser = open_browser or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self._in_browser = in_browser
        self._done = False
        self._busy = False  # a worker may turn an answer into a sign-in (exchange, browser wait)
        self._stopping: SignInError | None = None  # stopped while busy: why, said once the worker ends
        self._lock = threading.Lock()  # `_abandoned` and `_handed`, shared with the worker
        self._abandoned = False
        self._handed: tuple[Any, Any] | None = None  # (grant, result) the worker returned
        self._listener: LoopbackListener | None = None
        self._workers: list[Any] = []
        self.web: Any = None
        self._page: Any = None
        self._profile: Any = None

        self.setWindowTitle("Sign in to Salesforce")
        self.status = QLabel(f"Sign in at {flow.login_host.url}", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Sign-in status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.browser_button = QPushButton("&Use my browser instead", self)
        self.browser_button.setAccessibleName("Use my browser instead")
        self.browser_button.setToolTip("For passkeys, security keys or single sign-on that this window can't show.")
        self.browser_button.clicked.connect(self.use_system_browser)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the sign-in")
        self.cancel_button.setToolTip("Esc")
        self.cancel_button.clicked.connect(lambda: self.cancel())
        # The address to open by hand, shown once the sign-in goes on in the system browser.
        self.address = QLineEdit(self)
        self.address.setObjectName("CopyValue")
        self.address.setReadOnly(True)
        self.address.setAccessibleName("Sign-in address to open in a browser on this computer")
        self.copy_button = QPushButton("Cop&y the address", self)
        self.copy_button.setAccessibleName("Copy the sign-in address")
        self.copy_button.clicked.connect(self._copy_address)
        self.address_row = QWidget(self)
        address_layout = QHBoxLayout(self.address_row)
        address_layout.setContentsMargins(0, 0, 0, 0)
        address_layout.addWidget(self.address, 1)
        address_layout.addWidget(self.copy_button)
        self.address_row.hide()
        # Buttons above the pages: a long form above the view must not push them out of sight.
        buttons = QHBoxLayout()
        buttons.addWidget(self.browser_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.status)
        self._layout.addLayout(buttons)
        self._layout.addWidget(self.address_row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._stop(SignInTimeout(timeout)))
        self._timeout_ms = int(timeout * 1000)

    # -- the embedded pages -------------------------------------------------------------------
    def start(self) -> None:
        """Build the web view (first QtWebEngine import) and open the sign-in page."""
        if self.web is not None or self._done or self._in_browser or self._listener is not None:
            return
        profile_cls, page_cls, interceptor_cls, view_cls = _web_classes()
        self.web = view_cls(self)
        self.web.setMinimumHeight(WEB_MIN_HEIGHT)
        self._profile = profile_cls(self)  # no storage name: off the record
        interceptor = interceptor_cls(self.flow.is_redirect, self._profile)
        # Queued: handling the redirect (stopping the page) inside Chromium's callback crashes it.
        queued = Qt.ConnectionType.QueuedConnection
        interceptor.caught.connect(self._on_redirect, queued)
        self._profile.setUrlRequestInterceptor(interceptor)
        self._page = page_cls(self._profile, self.flow.is_redirect, self.web)
        self._page.caught.connect(self._on_redirect, queued)
        self._page.certificateError.connect(self._on_certificate_error)
        self._page.loadingChanged.connect(self._on_loading)
        self.web.setPage(self._page)
        self._layout.addWidget(self.web, 1)
        self.web.load(QUrl(self.flow.authorization_url))
        self._timer.start(self._timeout_ms)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._in_browser:
            QTimer.singleShot(0, self.use_system_browser)
        else:
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
            "Check the login address. If your network inspects HTTPS traffic, add your company's root certificate "
            "to this computer, or press 'Sign in with my browser' on the sign-in page to sign in through your "
            "browser, which may already trust it.",
        )
        QTimer.singleShot(0, lambda: self._fail(problem))  # not inside Chromium's callback

    def _on_loading(self, info: Any) -> None:
        """A page that did not load ends the sign-in with the wizard's own words (not Chromium's)."""
        if self._done or self._busy or self._stopping is not None:
            return
        url = info.url().toString()
        if self.flow.is_redirect(url):
            return
        status, domain = type(info).LoadStatus, type(info).ErrorDomain
        if info.status() == status.LoadSucceededStatus:
            self._read_error_page(url, None)
            return
        if info.status() != status.LoadFailedStatus or info.errorDomain() == domain.CertificateErrorDomain:
            return  # a certificate is judged (and said) by _on_certificate_error
        if info.errorDomain() == domain.HttpStatusCodeDomain:
            self._read_error_page(url, info.errorCode())
            return
        if info.errorCode() in page_errors.NOT_A_FAILURE:
            return
        self._fail(self._not_loaded(url, info.errorCode(), info.errorString()))

    def _not_loaded(self, url: str, code: int, what: str) -> SignInError:
        parts = urlsplit(url)
        host = parts.netloc or url
        login = self.flow.login_host
        ours = urlsplit(login.url).netloc == host
        salesforce = isinstance(self.flow, AuthorizationFlow)
        return page_errors.page_not_loaded(
            host, f"{parts.scheme}://{host}" if parts.scheme else url, code, what,
            demo=ours and getattr(login, "kind", None) is HostKind.DEMO,
            my_domain=ours and getattr(login, "kind", None) is HostKind.MY_DOMAIN, browser=salesforce)

    def _read_error_page(self, url: str, http_status: int | None) -> None:
        """Salesforce's error page for the sign-in request (``error=...``) ends the sign-in, and so does
        an HTTP error page at the sign-in address itself; pages of other sites (single sign-on) are
        left to the admin."""
        if not isinstance(self.flow, AuthorizationFlow) or self._page is None:
            return  # another provider's pages (RingCentral) say their own errors
        parts = urlsplit(url)
        host = parts.netloc
        own_page = host == urlsplit(self.flow.login_host.url).netloc
        salesforce = own_page or (parts.hostname or "").endswith((".salesforce.com", ".force.com"))
        client_id = self.flow.client.client_id
        may_say_error = "error=" in parts.query or parts.path.rstrip("/").endswith(page_errors.AUTHORIZE_PATH)
        if not ((salesforce and may_say_error) or (http_status and own_page)):
            return

        def judge(text: str) -> None:
            if self._done or self._busy or self._stopping is not None or not _alive(self):
                return
            error = page_errors.salesforce_error_page(url, text, client_id) if salesforce else None
            if error is None and http_status is not None and http_status >= 400 and own_page:
                error = page_errors.http_error_page(host, http_status)
            if error is not None:
                self._fail(error)

        self._page.toPlainText(judge)

    # -- the system browser ----------------------------------------------------------------
    def use_system_browser(self) -> None:
        """Continue this sign-in in the system browser; the loopback listener receives the answer."""
        if self._done or self._listener is not None or self._stopping is not None or self._busy:
            return
        try:
            self._listener = LoopbackListener(self.flow.client.port, on_redirect=self.flow.complete).start()
        except SignInError as exc:  # PortBusy, most often: the window's advice (it has no --port)
            worded = exc.for_window()
            self.status.setText(f"{worded.seen}\n{worded.todo}\nYou can go on signing in here, in this window.")
            if self.web is None:  # started for the browser: the sign-in goes on in this window instead
                self._in_browser = False
                self.start()
            return
        if self.web is not None:
            self.web.stop()
            self.web.hide()
        self.browser_button.setEnabled(False)
        self.browser_button.hide()  # done its work: the sign-in is in the browser now
        self._busy = True
        listener = self._listener
        self._run(lambda: self._complete(lambda: listener.wait(24 * 3600)))  # the view's own timer ends it sooner
        if not self._timer.isActive():
            self._timer.start(self._timeout_ms)
        url = self.flow.authorization_url
        try:
            opened = self._open_browser(url) is not False
        except Exception:  # no browser to hand the address to: the admin opens it by hand
            opened = False
        self._show_address(url, opened)

    def _show_address(self, url: str, opened: bool) -> None:
        """Say where the sign-in goes on and until when; the address is there to copy either way."""
        left = max(self._timer.remainingTime(), 0)
        until = (datetime.now() + timedelta(milliseconds=left)).strftime("%H:%M")
        minutes = max(1, round(left / 60000))
        waits = (f"This window waits for your sign-in until {until} (about {minutes} minute{'' if minutes == 1 else 's'}); "
                 "after that, start the sign-in again.")
        if opened:
            text = ("Continue in your browser: sign in there and choose Allow. This window finishes by itself once "
                    f"you have. {waits} If no browser window opened, copy the address below into a browser on this "
                    "computer.")
        else:
            text = ("The wizard could not open a browser on this computer. Copy the address below, open it in a "
                    "browser on this computer, sign in there and choose Allow; this window finishes by itself once "
                    f"you have. {waits}")
        self.status.setText(text)
        self.address.setText(url)
        self.address.setCursorPosition(0)
        self.address_row.show()
        self.copy_button.setFocus()

    def _copy_address(self) -> None:
        QGuiApplication.clipboard().setText(self.address.text())
        self.copy_button.setText("Copied")

    # -- results ----------------------------------------------------------------------------
    def _on_redirect(self, url: str) -> None:
        if self._done or self._busy or self._stopping is not None:
            return
        self._busy = True
        self._timer.stop()  # the answer is here; the exchange has its own time limits
        self.status.setText("Signed in at Salesforce; finishing the connection…")
        self.browser_button.setEnabled(False)
        if self.web is not None:
            self.web.stop()
        self._run(lambda: self._complete(lambda: self.flow.complete(url)))

    def _complete(self, obtain: Callable[[], Any]) -> Any:
        """On the worker: the grant, then ``finish``; taken back instead when the sign-in was stopped."""
        grant = obtain()
        result = None
        if not self._is_abandoned():
            try:
                result = self._finish(grant)
            except BaseException:
                if not self._is_abandoned():
                    raise  # stopped meanwhile: what finish left behind is taken back below
        with self._lock:
            if not self._abandoned:
                self._handed = (grant, result)
                return result
        return self._give_back(grant)

    def _is_abandoned(self) -> bool:
        with self._lock:
            return self._abandoned

    def _give_back(self, grant: Any) -> Any:
        """On a worker: undo a sign-in that was stopped after Allow, then say so (raises)."""
        with self._lock:
            stop = self._stopping
        why = stop.seen if isinstance(stop, SignInCancelled) else "The sign-in was stopped: it took longer than this window waits."
        if self._take_back is None:
            raise stop or SignInCancelled()  # nothing kept that the owner knows of: the result is dropped
        also = self._take_back(grant, why)  # TakeBackFailed when Salesforce did not confirm the revocation
        raise SignInTakenBack(why, also or "")

    def _run(self, job: Callable[[], Any]) -> None:
        from superqt.utils import create_worker  # superqt imports all its widgets: not at start-up

        worker = create_worker(job, _connect={"returned": self._succeed, "errored": self._on_error},
                               _ignore_errors=True)
        self._workers.append(worker)

    def _on_error(self, exc: BaseException) -> None:
        if not _alive(self):
            return
        if self._stopping is not None:
            # The take-back's own outcome, or else (no grant came) simply why the sign-in stopped.
            self._fail(exc if isinstance(exc, SignInTakenBack | TakeBackFailed) else self._stopping)
        elif isinstance(exc, SignInError):
            self._fail(exc)
        else:
            said = f" ({str(exc).strip()})" if str(exc).strip() else ""
            self._fail(SignInError(f"The sign-in could not be finished after Salesforce's answer arrived{said}.",
                                   "A completed sign-in.",
                                   "Try again; if it keeps failing, use your browser instead."))

    def _succeed(self, result: Any) -> None:
        if self._done or not _alive(self):
            return
        if self._stopping is not None:  # stopped just after the worker handed the sign-in over
            grant = self._handed[0] if self._handed else None
            if grant is not None:
                self._run(lambda: self._give_back(grant))
            else:
                self._fail(self._stopping)
            return
        self._end("Signed in.")
        self.succeeded.emit(result)

    def _fail(self, error: SignInError) -> None:
        """End with ``error``, worded for the window (`SignInError.for_window`): its advice names the
        window's fields and buttons, not the command line's options (``--client-id``, ``--port``).
        The owner gets the same worded error, so the page says what the view said."""
        if self._done:
            return
        worded = error.for_window() if hasattr(error, "for_window") else error
        self._end(worded.seen if isinstance(worded, SignInCancelled) else worded.message)
        self.failed.emit(worded)

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
        self.address_row.hide()
        if self.web is not None:
            QTimer.singleShot(0, self._stop_web)

    def _stop_web(self) -> None:
        if self.web is not None:
            self.web.stop()

    def _stop(self, error: SignInError) -> None:
        """End the sign-in; when an answer may be turning into a sign-in, first let the worker end."""
        if self._done or self._stopping is not None:
            return
        if not self._busy:
            self._fail(error)
            return
        with self._lock:
            self._abandoned = True
            self._stopping = error
        self._timer.stop()
        self.flow.discard()
        if self._listener is not None:
            self._listener.cancel()  # the browser's answer, if it has not come, is no longer taken
        self.status.setText("Stopping the sign-in… If Salesforce has already signed you in, the wizard takes that "
                            "sign-in back (revokes it and removes what it saved) before it says it has stopped.")
        self.browser_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.address_row.hide()

    @property
    def stopping(self) -> bool:
        """Stopped, and waiting for the worker to end (the sign-in is being taken back, if it came)."""
        return self._stopping is not None and not self._done

    def cancel(self, reason: str = "The sign-in was cancelled.") -> None:
        """Stop the sign-in (Cancel button, Esc, closed window); what it saved is taken back."""
        self._stop(SignInCancelled(reason))

    def event(self, event: QEvent) -> bool:
        # Esc cancels, wherever the focus is in the view (the page's "Cancel what is running" key).
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and not self._done and self._stopping is None):
            event.accept()
            self.cancel()
            return True
        return super().event(event)

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


def _alive(widget: QWidget) -> bool:
    """False once Qt has deleted the widget (a worker may end after its window closed)."""
    from shiboken6 import isValid

    return isValid(widget)
