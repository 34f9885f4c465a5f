"""Ahead of trouble: a target that lacks what no wizard can create is refused before any write."""

from __future__ import annotations

import pytest

from tests.integration.profiles.support import AIRCALL_ANSWERS, org_writes, two_orgs
from tests.integration.verify.support import connected
from wizard.guides.loader import load_guide
from wizard.profiles.capture import CaptureRefused, capture_profile
from wizard.profiles.graduate import Graduation, GraduationBlocked

pytestmark = pytest.mark.timeout(240)

NO_LICENCE = """
extends: voice-connector-production
description: Production where the ECI licence has lapsed.
permission_set_licenses:
  - {name: ConversationInsightsPsl, label: Einstein Conversation Insights, status: Disabled}
"""


def test_missing_package_and_licence_block_graduation(monkeypatch, tmp_path) -> None:
    guide = load_guide("aircall")
    with two_orgs("aircall-sandbox-configured", "fresh", monkeypatch, tmp_path) as (sandbox, production):
        profile = capture_profile(sandbox.connection, sandbox.facts, guide, sign_in_app="3MVG9OwnSignInApp00000000001").profile
        graduation = Graduation(profile, production.connection, production.facts, client_id="PlatformCLI")
        preview = graduation.preview()
        titles = [f.title for f in preview.blockers]
        assert titles == ["Package missing in the target: Voice Connector"]
        assert any(f.title == "Sign-in app only in the sandbox" and "3MVG9O…0001" in f.detail for f in preview.findings)
        for name, value in AIRCALL_ANSWERS.items():
            graduation.provide_secret(name, value)
        with pytest.raises(GraduationBlocked, match="Voice Connector"):
            graduation.apply(preview, confirmation=production.facts.name)
        assert org_writes(production.server.log) == []
        assert next(r for r in preview.rows if r.setting_id == "voice-connector.installed").action == "cannot"


def test_lapsed_licence_is_named_before_graduation(monkeypatch, tmp_path) -> None:
    target = tmp_path / "no-licence.yaml"
    target.write_text(NO_LICENCE, encoding="utf-8")
    with two_orgs("aircall-sandbox-configured", target, monkeypatch, tmp_path) as (sandbox, production):
        profile = capture_profile(sandbox.connection, sandbox.facts, load_guide("aircall")).profile
        preview = Graduation(profile, production.connection, production.facts).preview()
        assert [f.title for f in preview.blockers] == ["Licence missing in the target: Einstein Conversation Insights"]


def test_capture_refuses_an_org_where_the_guide_fails(monkeypatch, tmp_path) -> None:
    with connected("fresh", monkeypatch) as org:
        with pytest.raises(CaptureRefused) as caught:
            capture_profile(org.connection, org.facts, load_guide("aircall"))
        assert "does not verify in this org yet" in str(caught.value) and "--allow-incomplete" in str(caught.value)
        assert caught.value.failing
        incomplete = capture_profile(org.connection, org.facts, load_guide("aircall"), allow_incomplete=True).profile
        assert incomplete.notes and incomplete.notes[0].startswith("Captured with")
