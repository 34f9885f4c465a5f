"""A threading HTTPS server that does each TLS handshake on the request's own thread."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from http.server import ThreadingHTTPServer
from typing import Any


class TLSServer(ThreadingHTTPServer):
    """A threading HTTP server that does the TLS handshake on the request's own thread.

    Wrapping the listening socket would run every handshake on the accept loop, where one slow
    client stalls all others. Open connections are tracked so `stop` can close keep-alive ones.
    """

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type, context: ssl.SSLContext) -> None:
        super().__init__(address, handler)
        self.context = context
        self._open: set[ssl.SSLSocket] = set()
        self._open_lock = threading.Lock()

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(60)
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        with self._open_lock:
            self._open.add(tls)
        try:
            self.RequestHandlerClass(tls, client_address, self)
        except (OSError, ssl.SSLError):
            pass
        finally:
            with self._open_lock:
                self._open.discard(tls)
            with contextlib.suppress(OSError):
                tls.close()

    def close_connections(self) -> None:
        with self._open_lock:
            open_now = list(self._open)
        for tls in open_now:
            with contextlib.suppress(OSError):
                tls.shutdown(socket.SHUT_RDWR)
