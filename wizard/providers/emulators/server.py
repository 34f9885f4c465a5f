"""One emulator on loopback over real HTTPS, the way the demo org is served.

The emulators reuse the demo org's request and response types (`wizard.demo.protocol`) and its
threading TLS server; each one is a plain ``handle(request) -> response`` function behind a
certificate issued by the emulators' own test CA. Clients trust that CA by adding it, never by
turning verification off. Every request is counted, for tests and benchmarks.
"""

from __future__ import annotations

import ssl
import threading
import traceback
from collections import Counter
from collections.abc import Callable

import trustme

from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.demo.tls_server import DemoRequestHandler, TLSServer

Handler = Callable[[DemoRequest], DemoResponse]


class EmulatorServer:
    """A handler served at ``https://127.0.0.1:<port>`` with a certificate from `ca`."""

    def __init__(self, name: str, handler: Handler, ca: trustme.CA, host: str = "127.0.0.1") -> None:
        self.name = name
        self.handler = handler
        self.ca = ca
        self.host = host
        self.port = 0
        self.counts: Counter[str] = Counter()
        self.errors: list[str] = []
        self._httpd: TLSServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}"

    def start(self) -> EmulatorServer:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ca.issue_cert("127.0.0.1", "localhost", "::1").configure_cert(context)
        server = self

        class _Handler(_RequestHandler):
            emulator = server

        self._httpd = TLSServer((self.host, 0), _Handler, context)
        self.port = self._httpd.server_address[1]
        self._thread = self._httpd.serve_in_background(f"emulator-{self.name}")
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.stop_serving(self._thread)
            self._httpd = None
        self._thread = None


class _RequestHandler(DemoRequestHandler):
    emulator: EmulatorServer

    def _serve(self) -> None:
        request = self.read_request(self.emulator.url)
        self.emulator.counts[f"{self.command} {request.path}"] += 1
        try:
            response = self.emulator.handler(request)
        except Exception:  # a bug in a handler must not kill the server thread
            self.emulator.errors.append(traceback.format_exc())
            response = DemoResponse.json({"error": "internal", "message": "The emulator failed; see its errors."}, 500)
        self.write_response(response)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = _serve
