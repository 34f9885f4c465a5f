"""The demo server's request and response objects, and Salesforce's error shapes.

Handlers for each API family (OAuth, REST and Tooling, Metadata SOAP) are plain functions
``handle(org, request) -> DemoResponse``; the HTTPS server parses the wire request into a
`DemoRequest`, resolves the session, applies faults, and writes the `DemoResponse` back. Error
bodies are built here only, so every family answers in the shape Salesforce documents and the
real clients raise the exception types they raise against a real org.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from wizard.demo.state import Session

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
METADATA_NS = "http://soap.sforce.com/2006/04/metadata"


class DropConnection(Exception):
    """Raised by a fault to close the socket without answering (a dropped connection)."""


@dataclass
class DemoRequest:
    """One HTTP request as a handler sees it."""

    method: str
    path: str  # without the query string
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    session: Session | None = None  # resolved from the bearer token or SOAP SessionHeader
    base_url: str = ""  # https://127.0.0.1:PORT, the instance URL

    def json(self) -> Any:
        """The body parsed as JSON (ValueError on malformed JSON)."""
        return json.loads(self.body.decode("utf-8") or "null")

    def form(self) -> dict[str, str]:
        """The body parsed as an HTML form (first value of each field)."""
        parsed = parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        return {k: v[0] for k, v in parsed.items()}

    def arg(self, name: str, default: str | None = None) -> str | None:
        """First value of a query-string parameter."""
        values = self.query.get(name)
        return values[0] if values else default

    def cookie(self, name: str) -> str | None:
        """The value of one cookie the browser sent, or None."""
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(self.headers.get("cookie", ""))
        except CookieError:
            return None
        morsel = jar.get(name)
        return morsel.value if morsel is not None else None

    def param(self, name: str) -> str | None:
        """A parameter from the form body (POST) or else the query string, as OAuth endpoints read them."""
        if self.method == "POST" and "application/x-www-form-urlencoded" in self.headers.get("content-type", ""):
            value = self.form().get(name)
            if value is not None:
                return value
        return self.arg(name)


@dataclass
class DemoResponse:
    """One HTTP response."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> DemoResponse:
        """A JSON response."""
        hdrs = {"Content-Type": "application/json;charset=UTF-8", **(headers or {})}
        return cls(status, json.dumps(payload).encode("utf-8"), hdrs)

    @classmethod
    def empty(cls, status: int = 204) -> DemoResponse:
        """A response without a body (204 after PATCH and DELETE)."""
        return cls(status, b"", {})

    @classmethod
    def html(cls, text: str, status: int = 200) -> DemoResponse:
        """An HTML page (login, consent, Setup pages)."""
        return cls(status, text.encode("utf-8"), {"Content-Type": "text/html;charset=UTF-8"})

    @classmethod
    def text(cls, text: str, status: int = 200) -> DemoResponse:
        """A plain-text response (the identity service answers bad tokens this way)."""
        return cls(status, text.encode("utf-8"), {"Content-Type": "text/plain;charset=UTF-8"})

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> DemoResponse:
        """A redirect."""
        return cls(status, b"", {"Location": location})

    @classmethod
    def xml(cls, text: str, status: int = 200) -> DemoResponse:
        """A SOAP/XML response."""
        return cls(status, text.encode("utf-8"), {"Content-Type": "text/xml;charset=UTF-8"})


def rest_error(status: int, error_code: str, message: str, fields: list[str] | None = None) -> DemoResponse:
    """Salesforce's REST error body: a JSON array of {message, errorCode, fields}."""
    return DemoResponse.json([{"message": message, "errorCode": error_code, "fields": fields or []}], status)


def oauth_error(status: int, error: str, description: str) -> DemoResponse:
    """The OAuth endpoints' error body: {"error", "error_description"}."""
    return DemoResponse.json({"error": error, "error_description": description}, status)


def soap_fault(code: str, message: str, status: int = 500) -> DemoResponse:
    """A Metadata API SOAP fault, e.g. ``soap_fault("INVALID_SESSION_ID", "Invalid Session ID ...")``."""
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}" xmlns:sf="{METADATA_NS}">'
        f"<soapenv:Body><soapenv:Fault><faultcode>sf:{escape(code)}</faultcode>"
        f"<faultstring>{escape(code)}: {escape(message)}</faultstring>"
        f"</soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    )
    return DemoResponse.xml(body, status)
