"""A real local HTTP endpoint on loopback that answers every AWS request one fixed way.

moto answers as AWS does when things work; it cannot throttle, expire a token or deny one call. This
endpoint answers each request with one AWS error in the exact shape AWS sends it (the XML
``<ErrorResponse>`` of the query and REST-XML services, or the JSON ``__type`` document of the JSON
services), a proxy's HTML page, or nothing at all. boto3 reaches it through ``--endpoint-url`` (for
every service, or ``SERVICE=URL`` for one) exactly as it reaches AWS; nothing in botocore is patched.
It counts what arrives, so a test can prove that nothing was sent.
"""

from __future__ import annotations

import http.server
import json
import threading
from typing import Any, Literal

Shape = Literal["xml", "json", "html", "silent"]


class AwsErrorEndpoint:
    """``with AwsErrorEndpoint("AccessDenied", 403, "User ... is not authorized") as endpoint: endpoint.url``."""

    def __init__(self, code: str = "", status: int = 400, message: str = "", *, shape: Shape = "xml") -> None:
        self.code, self.status, self.message, self.shape = code, status, message, shape
        self.hits = 0
        self.tokens_seen: list[str] = []  # X-Amz-Security-Token values that arrived (in clear)
        self._released = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                with outer._lock:
                    outer.hits += 1
                    if self.headers.get("X-Amz-Security-Token"):
                        outer.tokens_seen.append(self.headers["X-Amz-Security-Token"])
                if outer.shape == "silent":
                    outer._released.wait(120)  # connected, never answered
                    self.close_connection = True
                    return
                body, content_type = outer._body()
                self.send_response(outer.status)
                if outer.code and outer.shape != "html":
                    self.send_header("x-amzn-ErrorType", outer.code)
                self.send_header("x-amzn-RequestId", "0c9f1c7e-0000-4000-8000-000000000001")
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _body(self) -> tuple[bytes, str]:
        if self.shape == "json":
            document = {"__type": self.code, "message": self.message}
            return json.dumps(document).encode(), "application/x-amz-json-1.1"
        if self.shape == "html":
            page = f"<html><head><title>{self.status} Forbidden</title></head><body><h1>Blocked by proxy</h1></body></html>"
            return page.encode(), "text/html"
        error = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{self.code}</Code><Message>{self.message}</Message>"
                 "</Error><RequestId>0c9f1c7e-0000-4000-8000-000000000001</RequestId></ErrorResponse>")
        return error.encode(), "text/xml"

    def start(self) -> AwsErrorEndpoint:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> AwsErrorEndpoint:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
