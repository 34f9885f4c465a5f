"""A threading HTTPS server that does each TLS handshake on the request's own thread, and the
request handler base that turns its HTTP requests into `DemoRequest` and answers `DemoResponse`."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from wizard.demo.protocol import DemoRequest, DemoResponse


class TLSServer(ThreadingHTTPServer):
    """A threading HTTP server that does the TLS handshake on the request's own thread.

    Wrapping the listening socket would run every handshake on the accept loop, where one slow
    client stalls all others. Open connections are tracked so `stop` can close keep-alive ones.
    """

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type, context: ssl.SSLContext) -> None:
        super().__init__(address, handler)
        self.context = context
        self._open: dict[ssl.SSLSocket, threading.Thread] = {}
        self._open_lock = threading.Lock()

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(60)
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        with self._open_lock:
            self._open[tls] = threading.current_thread()
        try:
            self.RequestHandlerClass(tls, client_address, self)
        except (OSError, ssl.SSLError):
            pass
        finally:
            with self._open_lock:
                self._open.pop(tls, None)
            with contextlib.suppress(OSError):
                tls.close()

    def close_connections(self, wait: float = 5.0) -> None:
        """End keep-alive connections and wait for their handler threads to finish.

        Only the file descriptor is shut down (the plain socket's ``shutdown``): the handler
        thread, blocked reading, then sees end-of-file and closes its own TLS state. Calling
        ``SSLSocket.shutdown`` here would drop the TLS object under the reading thread's feet,
        which crashes OpenSSL at random.
        """
        with self._open_lock:
            open_now = list(self._open.items())
        for tls, _thread in open_now:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(tls, socket.SHUT_RDWR)
        for _tls, thread in open_now:
            if thread is not threading.current_thread():
                thread.join(timeout=wait)

    def serve_in_background(self, name: str) -> threading.Thread:
        """Serve on a daemon thread (polling every 50 ms so `stop_serving` returns quickly)."""
        thread = threading.Thread(target=self.serve_forever, args=(0.05,), name=name, daemon=True)
        thread.start()
        return thread

    def stop_serving(self, thread: threading.Thread | None) -> None:
        """Stop accepting, close the socket and open connections, and wait for the serving thread."""
        self.shutdown()
        self.server_close()
        self.close_connections()
        if thread is not None:
            thread.join(timeout=5)


class DemoRequestHandler(BaseHTTPRequestHandler):
    """Reads one HTTP request as a `DemoRequest` and writes a `DemoResponse` back (keep-alive).

    The demo org and the provider emulators differ only in what they do between the two.
    """

    protocol_version = "HTTP/1.1"
    #: Answer small keep-alive requests at once instead of waiting ~40 ms for Nagle's algorithm.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: requests are counted or logged by the server, never printed (they carry credentials)."""

    def read_request(self, base_url: str) -> DemoRequest:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        return DemoRequest(
            method=self.command,
            path=url.path,
            query=parse_qs(url.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
            base_url=base_url,
        )

    def write_response(self, response: DemoResponse) -> None:
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)
