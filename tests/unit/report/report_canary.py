"""Known secrets and the search for them in every view of a report's files (canary tests)."""

from __future__ import annotations

import html
import json
import zlib
from pathlib import Path
from urllib.parse import quote, quote_plus

from pypdf import PdfReader
from report_samples import squash

CONSUMER_SECRET = "8C1F0E4B7A9D2E6F3A5B8C0D1E2F4A6B8C0D2E4F6A8B0C2D4E6F8A0B2C4D6E8F"
NC_PASSWORD = "Tr0ub4dor&3-horse/battery+staple"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9canary1"
REFRESH_TOKEN = "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJ9cAnArY.8KsKo2hJFwyQ9PzJmXK"
ACCESS_TOKEN = "00D5g000004ABCD!AQ0AQCanaryAccessTokenValue.2b9f7c1e3d"
AIRCALL_TOKEN = "c4n4ry41rc4llt0k3n9f8e7d6c"
SFTP_PASSWORD = "sftp-Canary-Pa55"
SECRETS = (CONSUMER_SECRET, NC_PASSWORD, AWS_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, AIRCALL_TOKEN, SFTP_PASSWORD)
#: Secrets that only the list of known values can catch (no tell-tale shape or key).
SHAPELESS = (CONSUMER_SECRET, AIRCALL_TOKEN)


def pdf_views(path: Path) -> dict[str, str | bytes]:
    """Every way to look at a PDF for a secret: raw bytes, inflated streams, extracted text."""
    raw = path.read_bytes()
    reader = PdfReader(str(path))
    streams = b"".join(page.get_contents().get_data() for page in reader.pages)
    inflated = []
    for chunk in raw.split(b"stream\r\n" if b"stream\r\n" in raw else b"stream\n")[1:]:
        try:
            inflated.append(zlib.decompress(chunk.split(b"endstream")[0].strip(b"\r\n")))
        except zlib.error:
            continue
    text = "\n".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return {"raw": raw, "streams": streams, "inflated": b"".join(inflated), "text": text, "squashed": squash(text), "meta": meta}


def variants(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), quote_plus(secret), html.escape(secret), json.dumps(secret)[1:-1]}


def leaks(files: dict[str, Path], secrets=SECRETS) -> list[str]:
    found = []
    views: dict[str, str | bytes] = {"json": files["json"].read_text(encoding="utf-8"), "html": files["html"].read_text(encoding="utf-8")}
    views |= {f"pdf {k}": v for k, v in pdf_views(files["pdf"]).items()}
    for secret in secrets:
        for variant in variants(secret):
            for name, view in views.items():
                needle = variant.encode() if isinstance(view, bytes) else variant
                if needle in view:
                    found.append(f"{secret[:6]}… in {name}")
    return found


