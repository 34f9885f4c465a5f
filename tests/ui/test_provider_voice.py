"""The voice providers from the window: the Aircall key entered in its panel, users mapped and unmapped.

The demo org runs beside the Aircall and RingCentral HTTPS emulators that demo mode starts for the
voice guides; everything goes over real HTTPS with the product's own clients.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.integration.providers.support import AIRCALL_MAPPING
from tests.ui.provider_support import (
    checks_done,
    log_in_to_ringcentral,
    open_guide,
    panel,
    result,
    row,
)
from tests.ui.wizard_support import when_shown
from wizard import secrets
from wizard.apply.secret_source import SecretSource
from wizard.engine.results import Status
from wizard.ui.providers.aircall_panel import AircallPanel
from wizard.ui.providers.mapping_dialog import MappingDialog, gather

pytestmark = pytest.mark.slow

MAPPING = AIRCALL_MAPPING


def test_the_aircall_key_entered_in_the_panel_turns_the_provider_rows_green(qtbot: Any, demo_org: Any,
                                                                             make_window: Any, tmp_path: Path) -> None:
    server = demo_org("aircall-configured")
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    c = window.controller
    key_panel = panel(window, "aircall-api-key")
    assert isinstance(key_panel, AircallPanel)
    api_key = row(window, "aircall-api-key", "aircall.api-key")
    assert api_key.badge.text() == "○ To check" and "Enter the API ID and API token" in api_key.message.text()
    assert key_panel.api_id.text() == "demo-aircall-api-id" and key_panel.token.text()  # demo: filled in

    before = len(c.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    assert api_key.badge.text() == "✔ Pass" and api_key.observed.text().startswith("accepted (API ID")
    assert result(window, "aircall-api-key", "aircall.user-identifiers").status is Status.PASS
    assert result(window, "aircall-named-credential", "aircall-nc.username").status is Status.PASS
    assert key_panel.token.text() == ""  # the token left the field for the keyring
    assert secrets.get_secret("aircall-api-token", "demo-aircall-api-id") is None  # demo keys: this session only
    assert SecretSource(c.facts.org_id).get("Aircall/password") == "demo-only-aircall-api-token"  # for "Fix it for me"
    assert "✔" in key_panel.status.text()

    run = c.run_record()
    assert run is not None
    statuses = {r.check_id: r.status for r in run.results}
    assert statuses["aircall.api-key"] is Status.PASS and statuses["aircall.user-identifiers"] is Status.PASS
    assert window.steps.step_line("page:aircall-api-key").startswith("✔")
    c.go("summary")
    target = tmp_path / "report.json"
    window.summary.export_to(target, "json")
    qtbot.waitUntil(lambda: window.summary.saved.text().startswith("Saved:"), timeout=30_000)
    report = target.read_text(encoding="utf-8")
    assert '"aircall.api-key"' in report and "Aircall accepted the API key" in report
    assert "demo-only-aircall-api-token" not in report


def test_a_wrong_token_fails_the_key_row_with_aircalls_answer(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("aircall-configured")
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    key_panel = panel(window, "aircall-api-key")
    key_panel.token.setText("not-the-token")
    before = len(window.controller.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    api_key = result(window, "aircall-api-key", "aircall.api-key")
    assert api_key.status is Status.FAIL and "401" in (api_key.message + api_key.observed)


def test_mapping_users_applies_through_the_door_and_undoes(qtbot: Any, demo_org: Any, make_window: Any,
                                                           tmp_path: Path) -> None:
    server = demo_org(str(MAPPING))
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    c = window.controller
    key_panel = panel(window, "aircall-api-key")
    before = len(c.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    identifiers = row(window, "aircall-api-key", "aircall.user-identifiers")
    assert identifiers.badge.text() == "▲ Warning" and "0 of 4" in identifiers.observed.text()
    assert identifiers.fix_button.isVisible()  # "Fix it for me" opens the mapping
    seen: dict[str, Any] = {}

    def apply(dialog: MappingDialog) -> None:
        qtbot.waitUntil(lambda: bool(dialog.matches), timeout=30_000)
        seen["kinds"] = {m.user.name: m.kind for m in dialog.matches}
        rita = next(m.user.id for m in dialog.matches if m.user.name == "Rita Rep")
        combo = dialog.choices[rita]
        combo.setCurrentIndex(combo.findData("1003"))  # the admin picks the Rita whose id is 1003
        dialog.preview_button.click()
        seen["preview"] = dialog.preview.text()
        seen["ready_before_typing"] = dialog.apply_button.isEnabled()
        dialog.confirm.setText("Acme Demo")  # a production org: its name, typed
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
        seen["applied"] = [(a.target, a.after) for a in dialog.result.applied]
        dialog.close_button.click()

    when_shown(MappingDialog, apply)
    before = len(c.checks)
    identifiers.fix_button.click()  # modal until apply() closes it
    checks_done(qtbot, window, before)
    assert seen["kinds"] == {"Ada Admin": "exact", "Sam Seller": "exact", "Rita Rep": "ambiguous", "Mo Missing": "missing"}
    assert "Aircall User Identifier of Rita Rep" in seen["preview"] and not seen["ready_before_typing"]
    assert sorted(after for _target, after in seen["applied"]) == ["1001", "1002", "1003"]
    assert "3 of 4" in identifiers.observed.text()  # Mo has nobody at Aircall: still a warning
    run = c.run_record()
    assert run is not None and {a.after for a in run.changes} >= {"1001", "1002", "1003"}
    # The undo offered is Aircall's own: the RingCentral dialog of this org has nothing to undo.
    assert gather(c.connection, c.facts, c.provider_hub.voice, "aircall")[1]
    assert not gather(c.connection, c.facts, c.provider_hub.voice, "ringcentral")[1]

    def undo(dialog: MappingDialog) -> None:
        qtbot.waitUntil(lambda: dialog.undo_button.isVisible(), timeout=30_000)
        dialog.undo_button.click()
        qtbot.waitUntil(lambda: dialog.undone is not None, timeout=30_000)
        seen["restored"] = list(dialog.undone.restored)
        dialog.close_button.click()

    when_shown(MappingDialog, undo)
    before = len(c.checks)
    key_panel.map_button.click()
    checks_done(qtbot, window, before)
    assert len(seen["restored"]) == 3
    assert "0 of 4" in identifiers.observed.text()


def test_a_typed_id_that_names_no_aircall_user_is_refused_before_the_preview(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org(str(MAPPING))
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    key_panel = panel(window, "aircall-api-key")
    before = len(window.controller.checks)
    key_panel.check_button.click()  # the key is known, so Aircall's users can be read
    checks_done(qtbot, window, before)
    seen: dict[str, Any] = {}

    def type_ids(dialog: MappingDialog) -> None:
        qtbot.waitUntil(lambda: bool(dialog.matches), timeout=30_000)
        mo = next(m.user.id for m in dialog.matches if m.user.name == "Mo Missing")
        dialog.choices[mo].setText("9999")  # no Aircall user has this id
        dialog.preview_button.click()
        seen["refused"] = (dialog.plan, dialog.notice.text.text(), dialog.apply_button.isEnabled())
        dialog.choices[mo].setText("1001")  # Ada Admin's, proposed for her by e-mail
        dialog.preview_button.click()
        seen["shared"] = (dialog.plan, dialog.notice.text.text())
        dialog.choices[mo].setText("1004")  # Pat Porter at Aircall: a real user, Mo's choice to make
        dialog.preview_button.click()
        seen["accepted"] = (dialog.plan is not None and not dialog.plan.empty, dialog.notice.isVisible(), dialog.preview.text())
        dialog.close_button.click()

    when_shown(MappingDialog, type_ids)
    key_panel.map_button.click()  # modal until type_ids() closes it
    plan, notice, can_apply = seen["refused"]
    assert plan is None and not can_apply  # once previewed and written like a real id
    assert notice.startswith("Aircall has no user with the id '9999', so it would map no calls to Mo Missing.")
    assert "1004 (Pat Porter" in notice
    plan, notice = seen["shared"]
    assert plan is None and "More than one person holds the same Aircall user: 1001 by " in notice and "Mo Missing" in notice
    ready, notice_shown, preview = seen["accepted"]
    assert ready and not notice_shown and "Aircall User Identifier of Mo Missing" in preview


def test_the_ringcentral_app_is_proven_by_its_panel_and_the_embedded_sign_in(qtbot: Any, demo_org: Any,
                                                                              make_window: Any) -> None:
    from tests.ui.wizard_support import run_js
    from wizard.ui.providers.ringcentral_panel import RedirectUriPanel, RingCentralPanel

    server = demo_org("ringcentral-configured")
    window = open_guide(qtbot, make_window, server, "ringcentral", "voice")
    c = window.controller
    emulators = c.provider_hub.demo_side("voice")
    app_panel = panel(window, "ringcentral-app")
    assert isinstance(app_panel, RingCentralPanel) and app_panel.sandbox.isChecked()
    assert app_panel.callback.text() == f"{server.instance_url}/services/authcallback/Ring_Central"
    before = len(c.checks)
    app_panel.check_button.click()
    checks_done(qtbot, window, before)
    assert result(window, "ringcentral-app", "ringcentral.client-credentials").status is Status.PASS
    assert result(window, "ringcentral-auth-provider", "rc-auth-provider.consumer-key").status is Status.PASS
    assert result(window, "ringcentral-auth-provider", "ringcentral.redirect-uri").status is Status.MANUAL

    # Confirmed by hand (who and when recorded), then taken back.
    redirect = panel(window, "ringcentral-auth-provider")
    assert isinstance(redirect, RedirectUriPanel)
    before = len(c.checks)
    redirect.done_button.click()
    checks_done(qtbot, window, before)
    confirmed = result(window, "ringcentral-auth-provider", "ringcentral.redirect-uri")
    assert confirmed.status is Status.PASS and confirmed.observed.startswith(f"confirmed by {server.default_login[0]}")
    before = len(c.checks)
    redirect.undo_button.click()
    checks_done(qtbot, window, before)
    assert result(window, "ringcentral-auth-provider", "ringcentral.redirect-uri").status is Status.MANUAL

    # Signed in to RingCentral in the embedded view: the redirect URI and the permissions are proven.
    redirect.signin_button.click()
    qtbot.waitUntil(lambda: redirect.consent is not None, timeout=30_000)  # after RingCentral's page answered
    view = redirect.consent
    log_in_to_ringcentral(qtbot, view, emulators.demo_credentials().ringcentral_login)
    before = len(c.checks)
    run_js(qtbot, view, "document.getElementById('allow').click(); true")
    qtbot.waitUntil(lambda: c.provider_hub.voice.grant is not None, timeout=30_000)
    checks_done(qtbot, window, before)
    proven = result(window, "ringcentral-auth-provider", "ringcentral.redirect-uri")
    assert proven.status is Status.PASS and "redirected" in proven.observed
    assert result(window, "ringcentral-app", "ringcentral.permissions").status is Status.PASS


def test_an_unregistered_redirect_uri_is_named_before_any_password(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")  # the app still has the guide's dummy redirect URI
    window = open_guide(qtbot, make_window, server, "ringcentral", "voice")
    c = window.controller
    app_panel = panel(window, "ringcentral-app")
    before = len(c.checks)
    app_panel.check_button.click()
    checks_done(qtbot, window, before)
    before = len(c.checks)
    app_panel.signin_button.click()
    checks_done(qtbot, window, before)
    assert app_panel.consent is None  # no sign-in page was opened
    redirect = result(window, "ringcentral-auth-provider", "ringcentral.redirect-uri")
    assert redirect.status is Status.FAIL and app_panel.notice.isVisible()


def test_a_refused_token_replaces_nothing_that_fix_it_for_me_uses(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("aircall-configured")
    window = open_guide(qtbot, make_window, server, "aircall", "voice")
    c = window.controller
    key_panel = panel(window, "aircall-api-key")
    good = key_panel.token.text()
    before = len(c.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    source = SecretSource(c.facts.org_id)
    assert source.get("Aircall/password") == good

    key_panel.token.setText("TYPO-" + good)
    key_panel.keep.setChecked(True)  # even ticked by force, demo mode keeps nothing in the keyring
    before = len(c.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    api_key = result(window, "aircall-api-key", "aircall.api-key")
    assert api_key.status is Status.FAIL and "401" in api_key.observed
    assert source.get("Aircall/password") == good  # the named-credential fix still writes the accepted token
    assert c.provider_hub.voice.aircall_accepted.api_token == good
    notice = key_panel.notice.text.text()
    assert "did not accept" in notice and "Copy the API ID again" in notice  # observed, what to do
    assert "The earlier key" in notice and "nothing was replaced" in notice
    assert key_panel.token.text() == "TYPO-" + good  # the typed value is not lost
    assert secrets.get_secret("aircall-api-token", "demo-aircall-api-id") is None


def test_ringcentral_refusals_say_what_to_do_and_stop_the_sign_in(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("ringcentral-configured")
    window = open_guide(qtbot, make_window, server, "ringcentral", "voice")
    c = window.controller
    app_panel = panel(window, "ringcentral-app")
    good_id, good_secret = app_panel.client_id.text(), app_panel.secret.text()
    before = len(c.checks)
    app_panel.check_button.click()
    checks_done(qtbot, window, before)
    assert SecretSource(c.facts.org_id).get("Ring_Central/consumer_secret") == good_secret

    app_panel.secret.setText("wrong-secret")
    before = len(c.checks)
    app_panel.check_button.click()
    checks_done(qtbot, window, before)
    assert result(window, "ringcentral-app", "ringcentral.client-credentials").status is Status.FAIL
    status, notice = app_panel.status.text(), app_panel.notice.text.text()
    assert "Checking" not in status and "did not accept the client secret" in status
    assert "Credentials in the RingCentral developer console" in status
    assert "Credentials in the RingCentral developer console" in notice and "The earlier credentials" in notice
    assert SecretSource(c.facts.org_id).get("Ring_Central/consumer_secret") == good_secret

    before = len(c.checks)
    app_panel.signin_button.click()  # the secret was refused: no RingCentral password is asked for
    qtbot.waitUntil(lambda: not c.tasks.is_running("ringcentral-sign-in"), timeout=30_000)
    assert app_panel.consent is None
    assert "The sign-in was not opened" in app_panel.notice.text.text()
    assert "Copy the client secret again" in app_panel.notice.text.text()
    assert result(window, "ringcentral-auth-provider", "ringcentral.redirect-uri").status is not Status.FAIL

    app_panel.secret.setText(good_secret)
    app_panel.production.setChecked(True)  # a sandbox app checked against production
    before = len(c.checks)
    app_panel.check_button.click()
    checks_done(qtbot, window, before)
    assert "Checking" not in app_panel.status.text() and "does not know the client ID" in app_panel.status.text()
    assert "Sandbox" in app_panel.status.text()

    app_panel.client_id.setText("")
    app_panel.secret.setText("")
    app_panel.check_button.click()
    assert "Checking" not in app_panel.status.text() and "Nothing was checked" in app_panel.notice.text.text()
    assert app_panel.client_id.text() == "" and good_id
