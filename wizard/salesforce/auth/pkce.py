"""PKCE (RFC 7636) values and the OAuth ``state``, made with the OS's secure random source.

Salesforce requires PKCE for public clients such as a desktop app: the wizard sends the
S256 challenge with the authorization request and proves it holds the verifier at the token
exchange, so a code caught by another program on the machine is useless. The verifier only
ever lives in memory.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

#: 96 random bytes give a 128-character verifier, the longest RFC 7636 allows (43..128).
VERIFIER_BYTES = 96
STATE_BYTES = 32


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def new_verifier() -> str:
    """A fresh code_verifier: base64url of random bytes, no padding."""
    return _b64url(secrets.token_bytes(VERIFIER_BYTES))


def challenge_s256(verifier: str) -> str:
    """code_challenge = BASE64URL(SHA256(ASCII(code_verifier))), no padding (RFC 7636 §4.2)."""
    if not 43 <= len(verifier) <= 128:
        raise ValueError("a PKCE code_verifier must be 43 to 128 characters long (RFC 7636 §4.1)")
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def new_state() -> str:
    """A fresh, unguessable ``state`` that ties the redirect to this sign-in."""
    return secrets.token_urlsafe(STATE_BYTES)


def same_state(expected: str, received: str | None) -> bool:
    """Compare states in constant time."""
    return received is not None and hmac.compare_digest(expected.encode(), received.encode())
