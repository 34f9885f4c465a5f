"""A verification alone (no apply before it) with DEBUG logging on writes no session id: zeep logs
whole SOAP envelopes at DEBUG, and each carries the session id in its header. The lines that a
request was made stay, so the log still shows the traffic."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.integration.verify.support import connected
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide


def test_a_verification_logs_soap_requests_without_the_session_id(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("zeep.transports").filters.clear()  # as in a fresh process: no apply has run before
    caplog.set_level(logging.DEBUG)
    with connected("fresh", monkeypatch) as org:
        verify_guide(org.connection, load_guide("aircall"), org.facts)
        token = org.connection.access_token
    soap = [r.getMessage() for r in caplog.records if r.name == "zeep.transports"]
    assert any(m.startswith("HTTP Post to") for m in soap)  # the traffic is logged...
    assert all("hidden by eci-wizard" in m for m in soap if m.startswith(("HTTP Post to", "HTTP Response from")))
    assert token not in caplog.text  # ...but never the session that carried it
