"""The loopback listener that receives Salesforce's redirect when the system browser signs in.

RFC 8252 recommends the system browser for native apps (passkeys, hardware keys and SSO
prompts work there, not in embedded views). Salesforce sends the browser to
``http://localhost:<port>/OauthRedirect``; this listener answers that one path with a page the
admin can close and hands the URL to the flow. A busy port is reported before the browser is
opened, naming the port and what to do.

An answer and a cancel (or the end of the wait) are taken one at a time. Once an answer is being
turned into a sign-in (its code exchanged on the listener's thread), a cancel or a time-out no
longer drops it: `wait` returns what the exchange made, so the caller, who knows it was stopped,
can take the grant back (revoke it). Dropped here, a grant would live on at Salesforce with nothing
left that could revoke it.
"""

from __future__ import annotations

import contextlib
import errno
import html
import os
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from wizard.salesforce.auth.errors import PortBusy, SignInCancelled, SignInError, SignInTimeout
from wizard.salesforce.auth.flow import REDIRECT_PATH

#: The Salesforce CLI waits two minutes; admins with MFA prompts and SSO need longer.
DEFAULT_TIMEOUT_SECONDS = 300.0
#: How often the serving threads look for a stop request (stopping waits up to this long).
POLL_SECONDS = 0.05

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:4em auto;max-width:36em;color:#181818}}
h1{{font-size:1.4em}} p{{line-height:1.5}}</style></head>
<body><h1>{title}</h1><p>{text}</p></body></html>"""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Linux/macOS: reuse lets a second sign-in bind while old connections sit in TIME_WAIT, and
    # still fails when another program listens. Windows' SO_REUSEADDR would let us share a busy
    # port silently, so there we ask for exclusive use instead.
    allow_reuse_address = os.name != "nt"

    def server_bind(self) -> None:
        if os.name == "nt":  # pragma: no cover - Windows only
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)  # type: ignore[attr-defined]
        super().server_bind()


class _Server6(_Server):
    address_family = socket.AF_INET6


class LoopbackListener:
    """Listens on 127.0.0.1 (and ::1 when the machine has it) for the OAuth redirect.

    ``on_redirect(url)`` is called with the first redirect; it returns None when all is well or
    raises `SignInError`, whose text is shown on the page in the browser and raised by `wait`.
    """

    def __init__(self, port: int, on_redirect: Callable[[str], Any] | None = None, *,
                 port_option: str | None = None) -> None:
        self.port = port
        #: How the admin chooses another port where that is possible (the CLI's ``--port``), for
        #: the advice when this one can't be used; None where there is no such choice (the window).
        self.port_option = port_option
        self._on_redirect = on_redirect
        self._done = threading.Event()
        self._result: Any = None
        self._error: BaseException | None = None
        self._servers: list[ThreadingHTTPServer] = []
        # Serialises an arriving answer with cancel and the end of the wait (see the module's words).
        self._lock = threading.Lock()
        self._answering = False  # on_redirect is running: the code is being exchanged
        self._cancelled = False  # cancel was asked for, whenever

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> LoopbackListener:
        """Bind the port (raises `PortBusy`) and serve on background threads."""
        handler = self._handler_class()
        try:
            self._servers.append(_Server(("127.0.0.1", self.port), handler))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise PortBusy(self.port, self.port_option) from None
            raise SignInError(
                f"This computer did not allow the wizard to listen on port {self.port} ({exc.strerror}).",
                "A free port above 1024 on this computer's own address (127.0.0.1).",
                f"Sign in with another port ({self.port_option}), e.g. 1717, the default." if self.port_option else
                "Go on signing in in this window, or ask whoever manages this computer why it refuses local ports.",
            ) from None
        try:
            self._servers.append(_Server6(("::1", self.port), handler))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                self.stop()
                raise PortBusy(self.port, self.port_option) from None
            # no IPv6 loopback on this machine: browsers then use 127.0.0.1
        for server in self._servers:
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL_SECONDS},
                             name=f"oauth-loopback-{self.port}", daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening and free the port."""
        for server in self._servers:
            with contextlib.suppress(Exception):
                server.shutdown()
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> LoopbackListener:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def cancel(self, reason: str = "The sign-in was cancelled.") -> None:
        """The admin pressed Cancel: `wait` ends with `SignInCancelled`, and an answer arriving later
        is turned away unused. An answer already being exchanged is let finish, and `wait` returns
        what it made (see `cancelled`): the caller takes that sign-in back."""
        with self._lock:
            self._cancelled = True
            if not self._answering:
                self._finish(None, SignInCancelled(reason))

    @property
    def cancelled(self) -> bool:
        """Whether `cancel` was called (also when `wait` returned an answer exchanged meanwhile)."""
        return self._cancelled

    # -- result -------------------------------------------------------------------------------
    def wait(self, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> Any:
        """Block until the redirect has arrived; returns what ``on_redirect`` returned (or the URL).

        An answer whose exchange is under way when the time is up is waited for (its requests have
        their own time limits): the admin did sign in in time, and that sign-in must not be dropped.
        """
        if not self._done.wait(timeout):
            with self._lock:
                if not self._answering:
                    self._finish(None, SignInTimeout(timeout))  # a later answer is turned away
            self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result

    def abandon(self, reason: str = "The sign-in was stopped.") -> Any:
        """Give up the sign-in (a stop the caller can't wait out, such as Ctrl-C): cancel, then the
        result of an answer that was already being exchanged, or None when no exchange had begun."""
        self.cancel(reason)
        self._done.wait()
        return self._result if self._error is None else None

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def _finish(self, result: Any, error: BaseException | None) -> bool:
        """Keep the outcome (the first one only); called with `_lock` held."""
        if self._done.is_set():
            return False
        self._result, self._error = result, error
        self._done.set()
        return True

    def _receive(self, url: str) -> tuple[int, str, str]:
        """Handle one redirect: (HTTP status, page title, page text)."""
        with self._lock:
            if self._done.is_set() or self._answering:
                if isinstance(self._error, SignInCancelled):
                    return (409, "This sign-in was cancelled", "It was cancelled in the ECI Setup Wizard before this "
                            "answer arrived, so the answer was not used and nothing of it was kept. You can close this tab.")
                return 409, "This sign-in is already finished", "You can close this tab and return to the ECI Setup Wizard."
            self._answering = True
        error: BaseException | None = None
        try:
            result = self._on_redirect(url) if self._on_redirect is not None else url
        except BaseException as exc:  # said on the page below, and raised by wait (never left answering)
            result, error = None, exc
        with self._lock:
            self._answering = False
            cancelled = self._cancelled
            self._finish(result, error)
        if cancelled and error is None:
            return (200, "This sign-in was cancelled", "It was cancelled in the ECI Setup Wizard while Salesforce's "
                    "answer was being used, so the wizard takes back the sign-in Salesforce had just made (revokes it). "
                    "You can close this tab.")
        if cancelled:
            return 409, "This sign-in was cancelled", "It was cancelled in the ECI Setup Wizard. You can close this tab."
        if isinstance(error, SignInError):
            return 400, "Sign-in did not finish", html.escape(error.message).replace("\n", "<br>")
        if error is not None:
            return 500, "Sign-in did not finish", "Something went wrong; the wizard shows the details."
        return 200, "You're signed in", "You can close this tab and return to the ECI Setup Wizard."

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        listener = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Silent: request lines carry the sign-in code."""

            def _page(self, status: int, title: str, text: str) -> None:
                body = _PAGE.format(title=html.escape(title), text=text).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def do_GET(self) -> None:
                if urlsplit(self.path).path != REDIRECT_PATH:
                    self._page(404, "Not found", "This address only receives the Salesforce sign-in.")
                    return
                url = f"http://localhost:{listener.port}{self.path}"
                self._page(*listener._receive(url))

            def _not_allowed(self) -> None:
                self._page(405, "Not allowed", "This address only receives the Salesforce sign-in.")

            do_POST = do_PUT = do_DELETE = do_PATCH = _not_allowed

        return _Handler


def check_port_free(port: int) -> None:
    """Raise `PortBusy` when the port can't be listened on right now (before opening a browser)."""
    with LoopbackListener(port):
        pass
