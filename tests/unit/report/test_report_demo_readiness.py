"""An Aircall org set up in Salesforce, every manual step confirmed, the Aircall side never checked.

Verified over HTTPS against the demo org with the real clients, as ``verify`` does without the
provider's credentials. The API key and the users' Aircall identifiers were never looked at, so
the report may not call the setup ready: it names them "to check" (never "skipped" nor manual
steps) in the verdict, with the command that checks them, and lists them as left.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.integration.verify.support import connected
from wizard.engine.results import Status
from wizard.engine.run_record import ManualConfirmation
from wizard.guides.loader import load_guide
from wizard.report.export import export_run
from wizard.salesforce.verify import verify_guide


def test_unchecked_provider_settings_are_named_and_left_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    guide = load_guide("aircall")
    with connected("aircall-configured", monkeypatch) as org:
        run = verify_guide(org.connection, guide, org.facts)
    confirmed = tuple(ManualConfirmation(page_id=r.page_id, setting_id=r.check_id, by="auditor", at=datetime.now(UTC))
                      for r in run.results if r.status is Status.MANUAL)
    run = run.model_copy(update={"confirmations": confirmed})
    export_run(guide, run, json_path=tmp_path / "r.json", html_path=tmp_path / "r.html")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))

    skipped = {r["number"]: r["setting"] for p in report["pages"] for r in p["rows"] if r["status"] == "skipped"}
    assert skipped == {"3.1": "Aircall API key (API ID and API Token)",
                       "3.2": "Aircall User Identifier of every user with an ECI permission set"}
    verdict = report["summary"]["verdict"]
    assert not verdict["headline"].startswith("Ready")
    assert "2 settings are to check on the provider's side (run 'eci-wizard aircall check')" in verdict["text"]
    assert "everything else passes" not in verdict["text"] and "never checked" not in verdict["text"]
    assert "To check: 3.1 Aircall API key (API ID and API Token)" in verdict["text"]
    todo = {t["number"]: t for t in report["todo"]}
    assert {"3.1", "3.2"} <= set(todo)
    assert "Aircall API key" in todo["3.1"]["what_to_do"]  # the wizard's page that checks it
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "2 settings are to check on the provider" in html
    assert report["summary"]["manual_confirmed"] == len(confirmed)
