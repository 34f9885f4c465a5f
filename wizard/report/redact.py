"""Keep secrets out of reports: known values first, then anything that looks like a credential.

A report is the one artefact that leaves the admin's machine (it goes to managers, onboarding
teams and auditors), so it is built on the assumption that some upstream step was careless: a
check that echoed a consumer secret as its observed value, an exception message carrying a
bearer token, a SOAP body in the evidence. Two layers catch that:

1. **Known secrets.** The builder receives the exact secret values in play (the keyring module
   hands over what it holds for the connection: consumer secret, refresh and access tokens,
   named-credential passwords, provider API tokens, AWS secret keys, SFTP passwords). Each value
   is masked wherever it appears, also in its URL-encoded, JSON-escaped and HTML-escaped forms.
2. **Patterns.** Things that are secrets by their shape, whoever forgot to declare them:
   Salesforce session ids and refresh tokens, JWTs, ``Authorization`` header values, PEM private
   keys, passwords in URLs, and the value after a secret-sounding key (``client_secret=``,
   ``"password": ``, ``<sessionId>``).

Masking replaces the value with `MASK` and counts it, so the report can say how many values it
hid without saying what they were.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

MASK = "[secret hidden]"
#: Shorter values cannot be masked without destroying ordinary text ("on", "api"); none of the
#: secrets the wizard handles is this short.
MIN_SECRET_LENGTH = 4

_HARMLESS = r"(?!(?:set|present|missing|none|null|true|false|yes|no|empty|hidden|required|\(from the keyring\)|\[secret hidden\])\b)"
_SECRET_KEY = (
    r"[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|private[_-]?key"
    r"|access[_-]?key|session[_-]?id|sessionid|signature|sid)"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # PEM private keys, whole block (or to the end when the END line was cut off). Only a marker
    # followed by key material (base64, or an encrypted key's headers) is a key: the guides' own
    # instruction "starts with -----BEGIN RSA PRIVATE KEY-----" is text an admin must read.
    (
        re.compile(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----(?=(?:\s|\\[rn])*(?:[A-Za-z0-9+/=]{16}|Proc-Type:))"
            r"(?:.*?-----END [A-Z ]*PRIVATE KEY-----|.*\Z)",
            re.S,
        ),
        MASK,
    ),
    # Salesforce access tokens / session ids: <org id>!<opaque>.
    (re.compile(r"\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{20,}"), MASK),
    # Salesforce refresh tokens.
    (re.compile(r"\b5Aep8[A-Za-z0-9._]{40,}"), MASK),
    # JSON Web Tokens.
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), MASK),
    # Authorization header values: keep the scheme, hide the credential.
    # (the value must look like a credential, with a digit or '=' in it: "OAuth policies" stays).
    (
        re.compile(r"\b(Bearer|Basic|OAuth|Token)(\s+)(?!\[secret)(?=[A-Za-z0-9._~+/!:-]*[0-9=])[A-Za-z0-9._~+/=!:-]{12,}", re.I),
        rf"\1\2{MASK}",
    ),
    # user:password@host in URLs.
    (re.compile(r"(://[^/\s:@]+:)[^@\s/]+@"), rf"\1{MASK}@"),
    # <password>…</password>, <sessionId>…</sessionId> and friends in XML/SOAP.
    (
        re.compile(rf"(?i)(<(?:\w+:)?{_SECRET_KEY}>)(?!\[secret)[^<]+(</)"),
        rf"\1{MASK}\2",
    ),
    # key=value, key: value, "key": "value" where the key sounds secret and the value looks like
    # a credential (a digit or symbol in it, or long): "Password: your Aircall API token" is a label.
    (
        re.compile(
            rf"""(?i)(\b{_SECRET_KEY}["']?\s*[:=]\s*["']?){_HARMLESS}(?!\[secret)"""
            r"""(?:(?=[^\s"'&,;<>]*[0-9!@#$%^*+/=_~.-])[^\s"'&,;<>]{4,}|[^\s"'&,;<>]{16,})"""
        ),
        rf"\1{MASK}",
    ),
)


def _variants(secret: str) -> set[str]:
    """The forms a secret takes on its way through URLs, JSON and HTML."""
    forms = {secret, secret.strip()}
    forms |= {quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1], html.escape(secret)}
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}


class Redactor:
    """Masks known secret values and credential-shaped text; counts what it masked."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if secret:
                forms |= _variants(str(secret))
        # Longest first, so a secret containing another is masked whole.
        ordered = sorted(forms, key=lambda s: (-len(s), s))
        self._known = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self.count = 0

    def text(self, value: str) -> str:
        """One string with every secret masked."""
        if not value:
            return value
        if self._known is not None:
            value, n = self._known.subn(MASK, value)
            self.count += n
        for pattern, replacement in _PATTERNS:
            value, n = pattern.subn(replacement, value)
            self.count += n
        return value

    def data(self, value: Any) -> Any:
        """A JSON-like structure (dicts, lists, strings) with every string value masked.

        Keys are left alone: they are the report's own field names, never data.
        """
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.data(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        return value


def redact_text(value: str, secrets: Iterable[str] = ()) -> str:
    """Convenience for one-off strings (log lines, error messages)."""
    return Redactor(secrets).text(value)
