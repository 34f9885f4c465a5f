""""Map users…" on the voice panels: disabled, saying what to do first, until mapping can work.

Mapping needs the identifier field on User (the Voice Connector package), someone holding an ECI
permission set, and the provider's users (an Aircall key Aircall accepted, or a RingCentral
sign-in). The window is the real one on the demo org, beside the demo's Aircall and RingCentral;
the button must turn on by itself once the key check, the sign-in or a new check of the page has
shown that everything is there, and the line under it must wrap and read in full at 1024×700.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.provider_support import checks_done, log_in_to_ringcentral, open_guide, panel
from tests.ui.scenarios import derive_scenario
from tests.ui.wizard_support import run_js, when_shown
from wizard.ui.providers.mapping_dialog import MappingDialog

pytestmark = pytest.mark.slow

SHOTS = Path("/tmp")


def small_window(qtbot: Any, window: Any) -> None:
    """The smallest window the wizard supports, laid out."""
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() <= 1024, timeout=5_000)
    QApplication.processEvents()


def note_reads_in_full(key_panel: Any) -> None:
    """The line under the buttons wraps inside the panel and shows every line of its text."""
    note = key_panel.map_gate.note
    QApplication.processEvents()
    assert note.isVisible() and note.wordWrap()
    assert note.height() >= note.heightForWidth(note.width())  # no line cut off at the bottom
    right = note.mapTo(key_panel, note.rect().topRight()).x()
    assert right <= key_panel.width()  # nor at the side


def clicked_opens_nothing(qtbot: Any, key_panel: Any) -> None:
    """A click on the disabled button opens no dialog (it used to open one that only then said why)."""
    qtbot.mouseClick(key_panel.map_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MappingDialog) and w.isVisible()]


def dialog_lists_users(qtbot: Any, key_panel: Any) -> list[str]:
    """Open "Map users…" and return the ECI users it lists (the dialog is then closed)."""
    seen: list[str] = []

    def look(dialog: MappingDialog) -> None:
        qtbot.waitUntil(lambda: bool(dialog.matches), timeout=30_000)
        seen.extend(m.user.name for m in dialog.matches)
        dialog.close_button.click()

    when_shown(MappingDialog, look)
    key_panel.map_button.click()  # modal until look() closes it
    return seen


def dialog_explains(qtbot: Any, window: Any, provider: str) -> str:
    """The dialog's own explanation, for the ways in that do not pass the button (a stale page)."""
    c = window.controller
    dialog = MappingDialog(c, c.provider_hub.voice, provider, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.gathered is not None, timeout=30_000)
    said = f"{dialog.status.text()} {dialog.notice.text.text()}"
    dialog.close_button.click()
    return said


def test_aircall_map_users_waits_for_the_voice_connector_field_on_a_fresh_org(qtbot: Any, demo_org: Any,
                                                                                make_window: Any) -> None:
    window = open_guide(qtbot, make_window, demo_org("fresh"), "aircall", "voice")
    small_window(qtbot, window)
    key_panel = panel(window, "aircall-api-key")
    button = key_panel.map_button
    assert not button.isEnabled()
    note = key_panel.map_gate.note
    assert "no User field labelled 'Aircall User Identifier'" in note.text()
    assert "install the Voice Connector package" in note.text() and "“Check the key”" in note.text()
    assert button.toolTip() == note.text()
    note_reads_in_full(key_panel)
    key_panel.grab().save(str(SHOTS / "mapusers-aircall-fresh.png"))
    clicked_opens_nothing(qtbot, key_panel)

    before = len(window.controller.checks)
    key_panel.check_button.click()  # Aircall accepts the key: the field is still missing
    checks_done(qtbot, window, before)
    assert not button.isEnabled()
    assert "Voice Connector package" in note.text() and "Check the key" not in note.text()
    note_reads_in_full(key_panel)
    assert "can't be mapped yet" in dialog_explains(qtbot, window, "aircall")
    key_panel.grab().save(str(SHOTS / "mapusers-aircall-fresh-key-checked.png"))


def test_aircall_map_users_turns_on_once_aircall_accepts_the_key(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window = open_guide(qtbot, make_window, demo_org("aircall-configured"), "aircall", "voice")
    small_window(qtbot, window)
    key_panel = panel(window, "aircall-api-key")
    button = key_panel.map_button
    assert not button.isEnabled()
    note = key_panel.map_gate.note
    assert note.text() == ("“Map users…” is not available yet. Aircall's users can't be read until Aircall accepts your "
                           "API key: click “Check the key”.")
    note_reads_in_full(key_panel)
    key_panel.grab().save(str(SHOTS / "mapusers-aircall-configured-before.png"))

    good = key_panel.token.text()
    key_panel.token.setText("TYPO-" + good)
    before = len(window.controller.checks)
    key_panel.check_button.click()  # refused: still nothing to read Aircall's users with
    checks_done(qtbot, window, before)
    assert not button.isEnabled() and "did not accept the last key" in note.text()

    key_panel.token.setText(good)
    before = len(window.controller.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    assert button.isEnabled() and not note.isVisible()  # without restarting the window
    assert "same e-mail" in button.toolTip()
    key_panel.grab().save(str(SHOTS / "mapusers-aircall-configured-after.png"))
    assert sorted(dialog_lists_users(qtbot, key_panel)) == ["Ada Admin", "Rita Rep", "Sam Seller"]


def test_aircall_map_users_turns_on_when_a_new_check_finds_someone_to_map(qtbot: Any, demo_org: Any, make_window: Any,
                                                                            tmp_path: Path) -> None:
    scenario = derive_scenario(tmp_path, "field-nobody", {"user_fields": {"sfvc__AircallUserIdentifier__c": "Aircall User Identifier"}})
    window = open_guide(qtbot, make_window, demo_org(str(scenario)), "aircall", "voice")
    c = window.controller
    key_panel = panel(window, "aircall-api-key")
    before = len(c.checks)
    key_panel.check_button.click()
    checks_done(qtbot, window, before)
    button = key_panel.map_button
    assert not button.isEnabled()
    note = key_panel.map_gate.note
    assert "Nobody holds an ECI permission set yet" in note.text() and "“Check again”" in note.text()
    assert "nobody to map" in dialog_explains(qtbot, window, "aircall")  # not an empty table

    def assign_sam(sf: Any) -> None:  # as the admin would in Setup: Sam gets the ECI permission set
        sam = sf.query("SELECT Id FROM User WHERE Username = 'sam.seller@acme-demo.example'")["records"][0]["Id"]
        ps = sf.query("SELECT Id FROM PermissionSet WHERE Name = 'ConversationInsightsForSales'")["records"][0]["Id"]
        sf.PermissionSetAssignment.create({"AssigneeId": sam, "PermissionSetId": ps})

    c.connection.call(assign_sam)
    assert not button.isEnabled()  # the wizard has not seen it yet
    before = len(c.checks)
    window.guide_pages["aircall-api-key"].check_button.click()  # "Check again"
    checks_done(qtbot, window, before)
    assert button.isEnabled() and not note.isVisible()
    assert dialog_lists_users(qtbot, key_panel) == ["Sam Seller"]


def test_ringcentral_map_users_waits_for_the_field_and_the_sign_in_on_a_fresh_org(qtbot: Any, demo_org: Any,
                                                                                   make_window: Any) -> None:
    window = open_guide(qtbot, make_window, demo_org("fresh"), "ringcentral", "voice")
    small_window(qtbot, window)
    app_panel = panel(window, "ringcentral-app")
    button = app_panel.map_button
    assert not button.isEnabled()
    note = app_panel.map_gate.note
    assert "no User field labelled 'RingCentral User Identifier'" in note.text()
    assert "click “Check the app”, then “Sign in to RingCentral…”" in note.text()
    assert button.toolTip() == note.text()
    note_reads_in_full(app_panel)
    app_panel.grab().save(str(SHOTS / "mapusers-ringcentral-fresh.png"))
    clicked_opens_nothing(qtbot, app_panel)


def test_ringcentral_map_users_turns_on_after_the_sign_in(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window = open_guide(qtbot, make_window, demo_org("ringcentral-configured"), "ringcentral", "voice")
    small_window(qtbot, window)
    c = window.controller
    app_panel = panel(window, "ringcentral-app")
    button = app_panel.map_button
    assert not button.isEnabled()
    before = len(c.checks)
    app_panel.check_button.click()  # the app is proven, but RingCentral's users need a sign-in
    checks_done(qtbot, window, before)
    assert not button.isEnabled()
    note = app_panel.map_gate.note
    assert note.text() == ("“Map users…” is not available yet. RingCentral's users can't be read until you sign in to "
                           "RingCentral: click “Sign in to RingCentral…”.")
    note_reads_in_full(app_panel)
    app_panel.grab().save(str(SHOTS / "mapusers-ringcentral-configured-before.png"))

    app_panel.signin_button.click()
    qtbot.waitUntil(lambda: app_panel.consent is not None, timeout=30_000)
    view = app_panel.consent
    log_in_to_ringcentral(qtbot, view, c.provider_hub.demo_side("voice").demo_credentials().ringcentral_login)
    before = len(c.checks)
    run_js(qtbot, view, "document.getElementById('allow').click(); true")
    qtbot.waitUntil(lambda: c.provider_hub.voice.grant is not None, timeout=30_000)
    checks_done(qtbot, window, before)
    assert button.isEnabled() and not note.isVisible()
    app_panel.grab().save(str(SHOTS / "mapusers-ringcentral-configured-after.png"))
    assert len(dialog_lists_users(qtbot, app_panel)) == 3
