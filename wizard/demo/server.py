"""The demo org's HTTPS server on loopback.

A real TLS server (a CA and a certificate minted at start with trustme) so the real clients run
unchanged: simple-salesforce always builds ``https://`` URLs. Clients trust it through the CA
bundle it writes (system CAs plus the demo CA), never by turning verification off.

Requests are parsed into `DemoRequest`s and dispatched by path to the handler of their API
family; faults (latency, expiry, limits, drops, maintenance) are applied before dispatch; every
request is logged for tests and benchmarks. ``/_demo/`` is the loopback control endpoint
(faults and counters) for out-of-process users such as benchmarks; it is never faulted.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
import shutil
import socket
import ssl
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import trustme
from pydantic import ValidationError

from wizard.demo.faults import Faults
from wizard.demo.protocol import DemoRequest, DemoResponse, DropConnection, rest_error
from wizard.demo.request_log import LoggedRequest, RequestLog
from wizard.demo.state import OrgState
from wizard.demo.tls_server import DemoRequestHandler, TLSServer

__all__ = ["ROUTES", "DemoOrgServer", "DropConnection", "LoggedRequest", "RequestLog", "api_family"]

Handler = Callable[[OrgState, DemoRequest], DemoResponse]

#: Path prefix -> (API family, module whose ``handle`` serves it). Longest prefix wins.
ROUTES: tuple[tuple[str, str, str], ...] = (
    ("/services/data/", "rest", "wizard.demo.rest_api"),
    ("/services/Soap/m/", "metadata", "wizard.demo.metadata_api"),
    ("/services/oauth2/", "oauth", "wizard.demo.oauth"),
    ("/id/", "oauth", "wizard.demo.oauth"),
    ("/secur/", "ui", "wizard.demo.oauth"),
    ("/lightning/", "ui", "wizard.demo.setup_pages"),
    ("/", "ui", "wizard.demo.setup_pages"),
)
CONTROL_PREFIX = "/_demo/"
#: Metadata API operations that only read (the log and the high-assurance fault tell them apart).
_METADATA_READS = (b"readMetadata", b"listMetadata", b"describeMetadata", b"describeValueType", b"checkRetrieveStatus", b"checkDeployStatus")
_SESSION_HEADER = re.compile(rb"<(?:[\w-]+:)?sessionId>\s*([^<\s]+)\s*</(?:[\w-]+:)?sessionId>")


def _only_reads(body: bytes) -> bool:
    """Whether a composite or batch request holds only GET subrequests (it changes nothing)."""
    try:
        payload = json.loads(body or b"{}")
    except ValueError:
        return False
    subrequests = payload.get("compositeRequest") or payload.get("batchRequests") if isinstance(payload, dict) else None
    return bool(subrequests) and all(str(r.get("method", "")).upper() == "GET" for r in subrequests if isinstance(r, dict))


def api_family(path: str, method: str, body: bytes) -> str:
    """Classify a request for the log: rest, tooling, composite, metadata-read, metadata, oauth, ui."""
    if path.startswith(CONTROL_PREFIX):
        return "control"
    for prefix, family, _module in ROUTES:
        if path.startswith(prefix):
            if family == "rest":
                if path.endswith(("/composite", "/composite/batch")) and _only_reads(body):
                    return "composite-read"
                if "/tooling/" in path:
                    return "tooling"
                if "/composite" in path:
                    return "composite"
            if family == "metadata":
                return "metadata-read" if any(op in body for op in _METADATA_READS) else "metadata"
            return family
    return "ui"


class DemoOrgServer:
    """The demo org: start it, point a client at `instance_url` trusting `ca_bundle`, stop it.

    ``with DemoOrgServer(org) as server:`` starts and stops it. `org` is the `OrgState` (see
    `wizard.demo.scenario` to build one from a scenario file). `faults` is a `Faults` (built from
    the scenario's fault settings unless given); change it at run time with
    ``server.faults.set(latency_ms=100)``. `errors` keeps the traceback of any handler crash.
    """

    def __init__(self, org: OrgState, port: int = 0, faults: Any = None, host: str = "127.0.0.1") -> None:
        self.org = org
        self.faults = faults if faults is not None else Faults(org, **org.fault_settings)
        self.log = RequestLog()
        self.errors: list[str] = []
        self._host = host
        self._port = port
        self._httpd: TLSServer | None = None
        self._thread: threading.Thread | None = None
        self._dir = Path(tempfile.mkdtemp(prefix="eci-demo-org-"))
        self._ca = trustme.CA(organization_name="ECI Wizard Demo Org CA")
        self.ca_path = self._dir / "demo-ca.pem"
        self.ca_bundle = self._dir / "ca-bundle.pem"
        self._ca.cert_pem.write_to_path(str(self.ca_path))
        self._write_bundle()

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> DemoOrgServer:
        """Bind, resolve the scenario's ``{instance_url}`` placeholders, and serve on a thread."""
        cert = self._ca.issue_cert("127.0.0.1", "localhost", "::1")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cert.configure_cert(context)
        server = self

        class _Handler(_RequestHandler):
            demo = server

        httpd = TLSServer((self._host, self._port), _Handler, context)
        self._httpd = httpd
        self._port = httpd.server_address[1]
        self.org.bind_instance_url(self.instance_url)
        self._thread = httpd.serve_in_background("demo-org")
        return self

    def stop(self) -> None:
        """Stop serving, close open connections and remove the certificate files."""
        if self._httpd is not None:
            self._httpd.stop_serving(self._thread)
            self._httpd = None
        self._thread = None
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> DemoOrgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._port

    @property
    def instance_url(self) -> str:
        """The org's instance (and My Domain) URL, e.g. https://127.0.0.1:51234."""
        return f"https://{self._host}:{self._port}"

    @property
    def instance_host(self) -> str:
        """host:port, the form simple-salesforce's ``instance=`` takes."""
        return f"{self._host}:{self._port}"

    @property
    def default_login(self) -> tuple[str, str] | None:
        """(username, password) of the scenario's default login user, for people and tests."""
        username = self.org.default_username
        if not username:
            return None
        return username, self.org.passwords.get(username.lower(), "")

    def _write_bundle(self) -> None:
        system = Path(ssl.get_default_verify_paths().cafile or "/etc/ssl/certs/ca-certificates.crt")
        parts = [system.read_text()] if system.is_file() else []
        parts.append(self.ca_path.read_text())
        self.ca_bundle.write_text("\n".join(parts))

    # -- dispatch ----------------------------------------------------------------------------------
    def dispatch(self, request: DemoRequest) -> DemoResponse:
        """Resolve the session, apply faults, and call the family's handler."""
        if request.path.startswith(CONTROL_PREFIX):
            return self._control(request)
        family = api_family(request.path, request.method, request.body)
        request.session = self._resolve_session(family, request)
        faulted = self.faults.intercept(family, request)
        if faulted is not None:
            return faulted
        for prefix, _family, module_name in ROUTES:
            if request.path.startswith(prefix):
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name != module_name:
                        raise
                    return rest_error(404, "NOT_FOUND", f"The requested resource does not exist: {request.path}")
                handle: Handler = module.handle
                return handle(self.org, request)
        return rest_error(404, "NOT_FOUND", "The requested resource does not exist")

    def _resolve_session(self, family: str, request: DemoRequest) -> Any:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith(("bearer ", "oauth ")):
            return self.org.session(auth.split(None, 1)[1].strip())
        if family in ("metadata", "metadata-read"):
            found = _SESSION_HEADER.search(request.body)
            if found:
                return self.org.session(found.group(1).decode("utf-8", "replace"))
        return None

    def _control(self, request: DemoRequest) -> DemoResponse:
        """``/_demo/faults`` (GET, POST JSON settings, DELETE = clear) and ``/_demo/log`` (GET)."""
        path = request.path.rstrip("/")
        if path == "/_demo/faults":
            try:
                if request.method == "POST":
                    self.faults.set(**(request.json() or {}))
                elif request.method == "DELETE":
                    self.faults.clear()
                elif request.method != "GET":
                    return DemoResponse.json({"error": "use GET, POST or DELETE"}, 405)
            except ValidationError as exc:
                problems = [f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()]
                return DemoResponse.json({"error": "invalid fault settings", "problems": problems}, 400)
            except (ValueError, TypeError) as exc:
                return DemoResponse.json({"error": f"expected a JSON object of fault settings: {exc}"}, 400)
            return DemoResponse.json(self.faults.status())
        if path == "/_demo/log" and request.method == "GET":
            entries = [asdict(e) for e in self.log.entries()]
            return DemoResponse.json({"counters": dict(self.log.counters()), "requests": entries})
        return DemoResponse.json({"error": f"no control resource {request.path}"}, 404)


class _RequestHandler(DemoRequestHandler):
    demo: DemoOrgServer

    def _serve(self) -> None:
        started = time.monotonic()
        wall = time.time()
        request = self.read_request(self.demo.instance_url)
        family = api_family(request.path, request.method, request.body)
        try:
            response = self.demo.dispatch(request)
        except DropConnection:
            self.close_connection = True
            self.demo.log.add(LoggedRequest(self.command, request.path, family, 0, wall, time.monotonic() - started, None))
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        except Exception as exc:  # a bug in a handler must not kill the server thread
            self.demo.errors.append(traceback.format_exc())
            response = rest_error(500, "UNKNOWN_EXCEPTION", f"An unexpected error occurred: {type(exc).__name__}: {exc}")
        # Logged before the answer leaves, so a client that has its answer always finds it logged.
        user = request.session.user_id if request.session else None
        self.demo.log.add(LoggedRequest(self.command, request.path, family, response.status, wall, time.monotonic() - started, user))
        self.write_response(response)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = _serve

