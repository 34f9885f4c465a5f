"""RingCentral's graduation rows on a real demo org still on the sandbox platform.

The rows expect production; the org's endpoints are all sandbox. Their message must say exactly
that (observed sandbox, expected production, what to do), never that the endpoints are a mix or
match no environment, and the report's verdict must name every Skipped row the status table counts.
"""

from __future__ import annotations

import json

import pytest

from tests.integration.verify.support import connected
from wizard.guides.loader import load_guide
from wizard.report.export import export_run
from wizard.salesforce.verify import verify_guide

pytestmark = pytest.mark.timeout(240)


def test_graduation_rows_say_the_org_is_still_on_sandbox(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    guide = load_guide("ringcentral")
    with connected("ringcentral-configured", monkeypatch) as org:
        run = verify_guide(org.connection, guide, org.facts)
    export_run(guide, run, json_path=tmp_path / "r.json", html_path=tmp_path / "r.html")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    rows = {r["number"]: r for p in report["pages"] for r in p["rows"]}

    endpoints, url = rows["11.2"], rows["11.3"]
    assert "platform.devtest.ringcentral.com" in endpoints["observed"] and "platform.ringcentral.com/" in endpoints["expected"]
    assert "do not all belong to one environment" not in endpoints["message"]
    assert "The endpoints are the sandbox ones; this setting expects the production ones." in endpoints["message"]
    assert "set the authorize, token and user info endpoints to the production URLs" in endpoints["message"]
    assert url["observed"] == "https://platform.devtest.ringcentral.com/"
    assert "matches neither environment" not in url["message"]
    assert "The URL is the sandbox one (https://platform.devtest.ringcentral.com/)" in url["message"]
    assert "expects the production one (https://platform.ringcentral.com)" in url["message"]

    # Status table, verdict and to-do agree: every Skipped row is named in the verdict, the four
    # provider-side ones as "to check" with the command that checks them (all named, no "and 1 more")
    # and as to-dos, the two optional ones as left for later.
    summary = report["summary"]
    skipped = [n for n, r in rows.items() if r["status"] == "skipped"]
    assert summary["counts"]["skipped"] == len(skipped) == 6
    text = summary["verdict"]["text"]
    assert "4 settings are to check on the provider's side (run 'eci-wizard ringcentral check')" in text
    assert "never checked" not in text and "more" not in text
    for number in skipped:
        assert f"{number} {rows[number]['setting']}" in text, number
    assert "Optional, left for later (2 settings skipped): 11.2 " in text
    never_checked = {"2.6", "2.7", "4.6", "11.1"}
    assert never_checked <= {t["number"] for t in report["todo"]}
    assert not {"11.2", "11.3"} & {t["number"] for t in report["todo"]}  # optional: the guide lets them wait
    assert "Optional, left for later" in (tmp_path / "r.html").read_text(encoding="utf-8")
