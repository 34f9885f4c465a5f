"""The Amazon Connect AWS side from the window, against a seeded ``moto_server`` on loopback.

Demo mode starts the local AWS and seeds a configured account through the real AWS APIs (boto3,
unpatched; moto keeps no Lambda@Edge associations, so that one call is answered through botocore's
Stubber, see `wizard.providers.aws.demo`). The panel signs in, the AWS rows pass; then the bucket's
CORS rule is broken, its row fails, and "Fix it for me" previews and applies the merged rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.provider_support import checks_done, open_guide, panel, result, row
from tests.ui.wizard_support import when_shown
from wizard.engine.results import Status
from wizard.providers.aws.checks import GUIDE_SETTINGS
from wizard.providers.demo_sides import moto_available
from wizard.ui.providers.aws_fix_dialog import AwsFixDialog
from wizard.ui.providers.aws_panel import AwsPanel

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not moto_available(), reason="moto[server] is not installed")]

OTHER_RULE = {"ID": "uploads", "AllowedMethods": ["PUT"], "AllowedOrigins": ["https://uploads.example.com"]}


def test_the_aws_side_passes_then_a_broken_cors_rule_is_fixed(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("amazon-connect-configured")
    window = open_guide(qtbot, make_window, server, "amazon-connect", "aws")
    c = window.controller
    demo = c.provider_hub.demo_side("aws")
    aws_panel = panel(window, "cloudformation")
    assert isinstance(aws_panel, AwsPanel) and aws_panel.demo_radio.isChecked()
    assert result(window, "recordings-bucket-cors", "aws.s3.cors").status is Status.MANUAL  # AWS not connected yet

    before = len(c.checks)
    aws_panel.check_button.click()
    checks_done(qtbot, window, before)
    qtbot.waitUntil(lambda: "read from the demo's local AWS account" in aws_panel.status.text(), timeout=10_000)
    aws_rows = {(r.page_id, r.check_id): r for p in c.guide.pages for r in c.results(p.id) if r.check_id in GUIDE_SETTINGS}
    assert len(aws_rows) == len(GUIDE_SETTINGS)
    assert {k: r.status for k, r in aws_rows.items() if r.status is not Status.PASS} == {}
    assert any(e.source for e in aws_rows[("recordings-bucket-cors", "aws.s3.cors")].evidence)

    # Someone replaces the CORS rules: playback breaks, and the row says so.
    demo.access.call("s3", "put_bucket_cors", Bucket=demo.account.bucket, CORSConfiguration={"CORSRules": [OTHER_RULE]})
    c.go("page:recordings-bucket-cors")
    before = len(c.checks)
    window.guide_pages["recordings-bucket-cors"].check_button.click()
    checks_done(qtbot, window, before)
    cors_row = row(window, "recordings-bucket-cors", "aws.s3.cors")
    strip = window.guide_pages["recordings-bucket-cors"].panels[0]
    assert cors_row.badge.text() == "✖ Fail" and strip.fix_button.isVisible()
    assert "No rule lets" in cors_row.message.text()
    seen: dict[str, Any] = {}

    def drive(dialog: AwsFixDialog) -> None:
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
        seen["preview"] = dialog.preview.text()
        seen["changes"] = len(dialog.plan.changes)
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
        seen["status"] = dialog.status.text()
        seen["undo_offered"] = dialog.undo_button.isVisible()
        dialog.close_button.click()

    when_shown(AwsFixDialog, drive)
    before = len(c.checks)
    strip.fix_button.click()  # modal until drive() closes it
    checks_done(qtbot, window, before)
    assert seen["changes"] == 1 and "uploads.example.com" in seen["preview"]  # the other rule is kept
    assert all(o in seen["preview"] for o in demo.origins)
    assert seen["status"].startswith("Done: CORS rule written") and seen["undo_offered"]
    assert cors_row.badge.text() == "✔ Pass" and not strip.fix_button.isVisible()
    rules = demo.access.call("s3", "get_bucket_cors", Bucket=demo.account.bucket)["CORSRules"]
    assert rules[0]["AllowedOrigins"] == ["https://uploads.example.com"] and len(rules) == 2
    run = c.run_record()
    assert run is not None and any(a.setting == "CORS configuration" for a in run.changes)


def test_without_moto_the_panel_says_what_to_install(qtbot: Any, demo_org: Any, make_window: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard.providers import demo_sides

    monkeypatch.setattr(demo_sides, "moto_available", lambda: False)  # as on a machine without the demo extra
    window = make_window(demo_org("fresh"))
    c = window.controller
    c.choose_guide("amazon-connect")
    qtbot.waitUntil(lambda: "aws" in c.provider_hub.demo_notes, timeout=30_000)
    aws_panel = window.guide_page("cloudformation").panels[0]
    assert "moto[server]" in aws_panel.notice.text.text() and "pip install" in aws_panel.notice.text.text()
    assert not aws_panel.demo_radio.isEnabled() and aws_panel.profile_radio.isChecked()


def test_keys_typed_in_demo_mode_are_checked_but_never_kept(qtbot: Any, demo_org: Any, make_window: Any,
                                                            monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    from tests.support.memory_keyring import MemoryKeyring
    from wizard.providers.aws.access import save_keys
    from wizard.ui.providers.aws_panel import KEY

    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))
    window = open_guide(qtbot, make_window, demo_org("amazon-connect-configured"), "amazon-connect", "aws")
    c = window.controller
    aws_panel = panel(window, "cloudformation")
    save_keys("amazon-connect", "AKIAEXAMPLEEXAMPLE01", "saved-outside-the-demo-0001")  # keys an admin saved earlier
    assert c.provider_hub.aws.look_up_keys("amazon-connect")
    before = dict(MemoryKeyring._store)
    assert not aws_panel.keep.isEnabled() and not aws_panel.keep.isChecked()

    def check(region: str) -> str:
        aws_panel.region.setCurrentText(region)
        aws_panel.key_id.setText("AKIAIOSFODNN7EXAMPLE")
        aws_panel.secret_key.setText("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        aws_panel.check_button.click()
        qtbot.waitUntil(lambda: not c.tasks.is_running(KEY) and not c.tasks.is_running("check"), timeout=60_000)
        return aws_panel.notice.text.text()

    aws_panel.keys_radio.setChecked(True)
    assert not aws_panel.forget_button.isVisibleTo(aws_panel)  # never offered in demo mode
    assert "'mars-north-9' is not an AWS region" in check("mars-north-9")
    assert aws_panel.secret_key.text()  # refused: the typed key is not lost
    c.provider_hub.aws.endpoints = {"*": c.provider_hub.demo_side("aws").local.url}  # the demo's AWS accepts any key
    aws_panel.keep.setChecked(True)  # even ticked by force
    before_check = len(c.checks)
    check("us-west-2")
    checks_done(qtbot, window, before_check)
    qtbot.waitUntil(lambda: "AWS settings read from AWS account" in aws_panel.status.text(), timeout=10_000)
    assert {k: v for k, v in MemoryKeyring._store.items() if k not in before} == {}  # nothing typed in demo mode is kept

    aws_panel.profile_radio.setChecked(True)
    aws_panel.profile.setText("nosuchprofile")
    aws_panel.check_button.click()
    qtbot.waitUntil(lambda: not c.tasks.is_running(KEY), timeout=60_000)
    notice = aws_panel.notice.text.text()
    assert "There is no AWS profile named 'nosuchprofile'" in notice and "Profile field" in notice and "--" not in notice
