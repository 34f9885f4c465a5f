"""Capture the Aircall setup in a sandbox demo org, graduate it to a fresh production demo org.

Two demo orgs over HTTPS, the real clients, the real apply door: the profile is written and read
back, the production org is set up through the door with its production gate, the parity report
(JSON and PDF) shows no unexplained difference, and graduating again makes no writes at all.
"""

from __future__ import annotations

import json
import logging

import jsonschema
import pypdf
import pytest

from tests.integration.profiles.support import (
    AIRCALL_ANSWERS,
    DEMO_SECRETS,
    assert_no_secret,
    files_under,
    org_writes,
    two_orgs,
)
from wizard import secrets as keyring_secrets
from wizard.apply.errors import ConfirmationRequired
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.profiles.capture import capture_profile
from wizard.profiles.files import read_profile, write_profile
from wizard.profiles.graduate import Graduation
from wizard.profiles.report import export_graduation
from wizard.profiles.text import preview_text, result_text
from wizard.report.parity import from_json, json_schema

pytestmark = pytest.mark.timeout(240)


def test_aircall_sandbox_graduates_to_production_at_parity(monkeypatch, tmp_path, caplog, data_dir) -> None:
    caplog.set_level(logging.DEBUG)
    guide = load_guide("aircall")
    with two_orgs("aircall-sandbox-configured", "voice-connector-production", monkeypatch, tmp_path) as (sandbox, production):
        assert sandbox.facts.is_sandbox and not production.facts.is_sandbox
        captured = capture_profile(sandbox.connection, sandbox.facts, guide, sign_in_app="PlatformCLI")
        profile_path = write_profile(captured.profile, tmp_path / "aircall.profile.yaml")
        profile = read_profile(profile_path)
        assert profile == captured.profile
        assert profile.source.environment == "Sandbox" and profile.source.org_id == sandbox.facts.org_id
        url = profile.setting("eci-named-credential.url")
        assert url is not None and url.value == sandbox.facts.my_domain_url and url.portable == "{my_domain_url}"
        assert url.depends_on == ["my_domain_url"]
        assert profile.env("my_domain_url").value == sandbox.facts.my_domain_url  # type: ignore[union-attr]
        assert profile.inventory.eci_app_kind == "Connected App"
        assert "Voice Connector" in profile.inventory.packages
        assert any(i.name == "ConversationInsightsPsl" for i in profile.inventory.permission_set_licenses)

        graduation = Graduation(profile, production.connection, production.facts, client_id="PlatformCLI")
        assert graduation.questions() == []  # Aircall has nothing the admin must choose
        preview = graduation.preview()
        rows = {r.setting_id: r for r in preview.rows}
        assert rows["eci-named-credential.url"].source == sandbox.facts.my_domain_url
        assert rows["eci-named-credential.url"].target_now == "(missing)"
        assert rows["eci-named-credential.url"].target_will_get == production.facts.my_domain_url
        assert rows["org.eci-enabled"].action == "change" and rows["org.edition"].action == "keep"
        assert rows["guest-user.active"].action == "change"  # follows from the new site
        assert {n.name for n in preview.secrets_needed} == {"Aircall/username", "Aircall/password"}
        assert any("exists only in the sandbox" in f.title for f in preview.findings)
        assert not preview.blockers
        assert production.server.log.count() and not org_writes(production.server.log)  # the preview wrote nothing
        text = preview_text(preview)
        assert "Target will get" in text and production.facts.my_domain_url in text

        for need in preview.secrets_needed:
            graduation.provide_secret(need.name, AIRCALL_ANSWERS[need.name])
        with pytest.raises(ConfirmationRequired):  # the production gate: the org's name, exactly
            graduation.apply(preview, confirmation="acme demo")
        assert not org_writes(production.server.log)

        result = graduation.apply(preview, confirmation=production.facts.name)
        assert result.applied.error is None and result.applied.writes > 0
        assert result.unexplained == [], [(c.setting_id, c.explanation) for c in result.unexplained]
        by_id = {c.setting_id: c for c in result.comparisons}
        assert by_id["eci-named-credential.url"].category == "environment"
        assert by_id["eci-named-credential.url"].target_value == production.facts.my_domain_url
        assert by_id["eci-app.callback-url"].category == "environment"
        assert by_id["eci-app.exists"].category == "environment"  # Connected App in the sandbox, ECA now
        assert by_id["aircall-nc.url"].category == "same"
        assert by_id["eci-named-credential.authenticated"].category == "manual"
        # The Aircall side was connected in neither org: never checked, so not compared (never "same").
        for unchecked in ("aircall.api-key", "aircall.user-identifiers"):
            assert by_id[unchecked].source_status == by_id[unchecked].target_status == Status.SKIPPED
            assert by_id[unchecked].category == "not_checked" and "Checked in neither org" in by_id[unchecked].explanation
        assert all(r.status not in (Status.FAIL, Status.ERROR) for r in result.run.results)
        assert "Parity:" in result_text(result)

        json_path, pdf_path = tmp_path / "parity.json", tmp_path / "parity.pdf"
        report, files = export_graduation(profile, result, json_path=json_path, pdf_path=pdf_path)
        assert report.summary.unexplained == 0 and report.summary.not_checked == 2 and not report.summary.at_parity
        assert report.summary.headline == "Parity not confirmed" and "At parity" not in report.summary.text
        assert "3.1 Aircall API key" in report.summary.text and "3.2 Aircall User Identifier" in report.summary.text
        data = json.loads(json_path.read_text())
        jsonschema.validate(data, json_schema())
        assert from_json(json_path.read_bytes()) == report
        assert data["source"]["org_id"] == sandbox.facts.org_id and data["target"]["org_id"] == production.facts.org_id
        assert len(data["rows"]) == len(profile.settings)
        pdf_text = "".join(page.extract_text() for page in pypdf.PdfReader(str(pdf_path)).pages)
        assert "Parity report" in pdf_text and "Parity not confirmed" in pdf_text and files.json_sha256[:16] in pdf_text
        assert "At parity" not in pdf_text and "Not checked" in pdf_text

        # Graduating again: nothing planned, not one write, still at parity.
        production.server.log.clear()
        again = Graduation(read_profile(profile_path), production.connection, production.facts, client_id="PlatformCLI")
        second = again.preview()
        assert second.plan.empty and second.writes_planned == 0 and second.secrets_needed == []
        repeat = again.apply(second)  # an empty plan needs no confirmation
        assert repeat.applied.writes == 0 and repeat.unexplained == []
        assert org_writes(production.server.log) == []
        assert production.server.log.count() > 0

        secrets = {*DEMO_SECRETS, *keyring_secrets.redaction_values(), *result.secrets_seen}
        assert_no_secret([("profile", profile_path.read_bytes()), ("parity JSON", json_path.read_bytes()),
                          ("parity PDF text", pdf_text), ("log", caplog.text), ("preview", text), ("result", result_text(result)),
                          *files_under(data_dir)], secrets)
