"""The ExecVision delivery from the window, against the demo's in-process SFTP server (asyncssh).

The demo has an account for each of the guide's two cases, each holding good recordings and one
file for each of several mistakes: a homegrown dialer's (the data subdirectory) and a Five9 push
account's (the recording subdirectory). The panel's check asks about the unknown host key, pins it
only when accepted, and the rows of the chosen case's pages fail exactly where a rule is broken,
while the other case's pages read "Not your case".
"""

from __future__ import annotations

from typing import Any

import asyncssh
import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.provider_support import checks_done, open_guide, panel, result
from tests.ui.wizard_support import when_shown
from wizard import secrets
from wizard.engine.results import Status
from wizard.providers.execvision.host_keys import HostKeyStore
from wizard.providers.execvision.sftp import PASSWORD_KIND
from wizard.ui.providers.execvision_panel import DeliveryPanel
from wizard.ui.providers.side_status import SideStatus

pytestmark = pytest.mark.slow

FAILING = {
    ("upload-folder", "execvision.upload.formats"),  # an .aac export (and a .txt note beside the recordings)
    ("recording-names", "execvision.names.pattern"),  # month 13
    ("metadata-files", "execvision.metadata.one-per-recording"),  # a recording without metadata
    ("metadata-files", "execvision.metadata.flat"),  # a nested field
}
#: The month-13 recording's metadata for the 48-hour rule (no call time in its name or its fields) is said, never counted as passing.
NOT_EXAMINED = {("metadata-updates", "execvision.metadata.updates")}
PASSING = {
    ("upload-folder", "execvision.upload.account"), ("upload-folder", "execvision.upload.data-subdirectory"),
    ("upload-folder", "execvision.upload.no-folders"), ("upload-folder", "execvision.upload.max-size"),
    ("upload-folder", "execvision.upload.frequency"),
}


def delivery_panel(qtbot: Any, window: Any) -> DeliveryPanel:
    """The first page's panel, once the demo's choice of case (homegrown) has re-judged the pages."""
    delivery = panel(window, "choose-delivery")
    assert isinstance(delivery, DeliveryPanel)
    c = window.controller
    qtbot.waitUntil(lambda: c.provider_hub.execvision.dialer_chosen and not c.tasks.is_running("check"), timeout=30_000)
    return delivery


def _answer(name: str, accept: bool, seen: dict[str, Any]) -> None:
    def act(box: QMessageBox) -> None:
        seen[name] = box.text()
        box.button(QMessageBox.StandardButton.Yes if accept else QMessageBox.StandardButton.No).click()

    when_shown(QMessageBox, act, "HostKeyQuestion")


def test_a_mixed_folder_fails_exactly_the_broken_rules(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("execvision-configured")
    window = open_guide(qtbot, make_window, server, "execvision", "execvision")
    c = window.controller
    sftp = c.provider_hub.demo_side("execvision")
    delivery = delivery_panel(qtbot, window)
    assert (delivery.host.text(), delivery.port.value(), delivery.user.text()) == (sftp.host, sftp.port, sftp.username)
    assert result(window, "upload-folder", "execvision.upload.formats").status is Status.MANUAL  # not checked yet
    assert delivery.homegrown.isChecked()  # the demo starts on the homegrown account; its Five9 pages say so at once
    assert result(window, "sftp-push", "execvision.push.file-names").status is Status.SKIPPED
    assert not delivery.consent.isChecked()  # writing needs the admin's consent

    seen: dict[str, Any] = {}
    _answer("refused", False, seen)
    before = len(c.checks)
    delivery.check_button.click()
    checks_done(qtbot, window, before)
    assert sftp.fingerprint in seen["refused"]
    assert HostKeyStore().keys_for(sftp.host, sftp.port) == []  # not accepted: not pinned
    assert result(window, "upload-folder", "execvision.upload.account").status is Status.MANUAL

    _answer("accepted", True, seen)
    before = len(c.checks)
    delivery.check_button.click()
    checks_done(qtbot, window, before)
    assert [k.get_fingerprint("sha256") for k in HostKeyStore().keys_for(sftp.host, sftp.port)] == [sftp.fingerprint]
    pages = ("upload-folder", "recording-names", "metadata-files", "metadata-updates")
    statuses = {(r.page_id, r.check_id): r.status for p in pages for r in c.results(p)}
    assert {k for k in FAILING if statuses[k] is Status.FAIL} == FAILING
    assert {k for k in PASSING if statuses[k] is Status.PASS} == PASSING
    assert {k for k in NOT_EXAMINED if statuses[k] is Status.ERROR} == NOT_EXAMINED
    five9_rows = [r for p in ("sftp-push", "sftp-pull", "salesforce-link") for r in c.results(p)]
    assert five9_rows and {r.status for r in five9_rows} == {Status.SKIPPED}  # Five9's pages: not your case
    assert all(r.observed.startswith("not your case: this page is for Five9") for r in five9_rows)
    assert statuses[("recording-names", "execvision.names.time-zone")] is Status.MANUAL  # no API can know it
    c.go("page:upload-folder")
    formats = window.guide_pages["upload-folder"].row("execvision.upload.formats")
    assert formats.badge.text() == "✖ Fail" and "_aac_export.aac" in formats.observed.text()
    for bad in sftp.expected:
        assert bad in delivery.findings.text()
    assert secrets.get_secret(PASSWORD_KIND, f"{sftp.username}@{sftp.host}:{sftp.port}") is None  # demo: not kept
    assert delivery.password.text() == ""
    run = c.run_record()
    assert run is not None
    report = {r.check_id: r.status for r in run.results}
    assert report["execvision.names.pattern"] is Status.FAIL and report["execvision.upload.account"] is Status.PASS
    assert report["execvision.push.file-names"] is Status.SKIPPED

    # Cancel: the admin stops a check; nothing changes, the rows keep the last complete check.
    c.go("page:choose-delivery")
    before = len(c.checks)
    delivery.check_button.click()
    assert delivery.cancel_button.isVisible()
    delivery.cancel_button.click()
    assert "Cancelled" in delivery.status.text() and not delivery.cancel_button.isVisible()
    qtbot.wait(500)
    assert len(c.checks) == before and result(window, "recording-names", "execvision.names.pattern").status is Status.FAIL


def test_a_changed_host_key_is_refused_loudly(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server = demo_org("fresh")
    window = open_guide(qtbot, make_window, server, "execvision", "execvision")
    c = window.controller
    sftp = c.provider_hub.demo_side("execvision")
    HostKeyStore().pin(sftp.host, sftp.port, asyncssh.generate_private_key("ssh-ed25519"))  # accepted before: another key
    delivery = delivery_panel(qtbot, window)
    before = len(c.checks)
    delivery.check_button.click()
    checks_done(qtbot, window, before)
    credentials = result(window, "upload-folder", "execvision.upload.account")
    assert credentials.status is Status.FAIL and "CHANGED" in credentials.observed
    assert delivery.notice.isVisible() and delivery.notice.text.text().startswith("⚠")
    assert result(window, "upload-folder", "execvision.upload.formats").status is Status.MANUAL  # nothing was read


def test_the_demo_servers_stop_when_the_window_closes(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    import socket

    window = make_window(demo_org("fresh"))
    c = window.controller
    c.choose_guide("execvision")
    hub = c.provider_hub
    qtbot.waitUntil(lambda: hub.demo_side("execvision") is not None, timeout=30_000)
    sftp = hub.demo_side("execvision")
    address = (sftp.host, sftp.port)
    with socket.create_connection(address, timeout=5):
        pass  # listening
    window.close()
    assert hub.demo_side("execvision") is None and not sftp.root.exists()
    with pytest.raises(OSError), socket.create_connection(address, timeout=5):
        pass


def test_failures_and_an_empty_folder_end_the_connecting_status(qtbot: Any, demo_org: Any, make_window: Any,
                                                               tmp_path: Any) -> None:
    from wizard.ui.providers.execvision_panel import KEY

    window = open_guide(qtbot, make_window, demo_org("execvision-configured"), "execvision", "execvision")
    c = window.controller
    sftp = c.provider_hub.demo_side("execvision")
    delivery = delivery_panel(qtbot, window)
    HostKeyStore().pin(sftp.host, sftp.port, sftp.host_key)  # accepted before
    delivery.password.setText("wrong-password")
    before = len(c.checks)
    delivery.check_button.click()
    checks_done(qtbot, window, before)
    assert delivery.notice.isVisible() and "Connecting" not in delivery.status.text()
    assert "could not be checked" in delivery.status.text()

    empty = tmp_path / "export"
    empty.mkdir()
    delivery.local.setChecked(True)
    delivery.local_dir.setText(str(empty))
    before = len(c.checks)
    delivery.check_button.click()
    checks_done(qtbot, window, before)
    assert not c.tasks.is_running(KEY)
    assert "everything follows the guide" not in delivery.status.text() and "1 finding" in delivery.status.text()
    assert str(empty) in delivery.findings.text() and "no recordings were found" in delivery.findings.text()
    formats = result(window, "upload-folder", "execvision.upload.formats")
    assert formats.status is Status.WARN and str(empty) in formats.observed


def test_a_five9_admin_gets_the_five9_rules_and_the_homegrown_pages_say_not_your_case(qtbot: Any, demo_org: Any,
                                                                                       make_window: Any) -> None:
    """Choosing Five9 switches the demo to its Five9 account (the recording subdirectory, names in an agreed layout):
    the Five9 pages are judged by the six items and the one-metadata-file rule, the homegrown pages are skipped."""
    window = open_guide(qtbot, make_window, demo_org("execvision-configured"), "execvision", "execvision")
    c = window.controller
    sftp = c.provider_hub.demo_side("execvision")
    delivery = delivery_panel(qtbot, window)
    before = len(c.checks)
    delivery.five9.click()
    checks_done(qtbot, window, before)  # the choice alone re-judges the pages of both cases
    assert delivery.user.text() == sftp.five9_username and delivery.layout_field.text() == sftp.five9_layout
    assert "to the “recording” subfolder" in delivery.consent.text()
    assert result(window, "upload-folder", "execvision.upload.formats").status is Status.SKIPPED
    assert result(window, "sftp-push", "execvision.push.file-names").status is Status.MANUAL  # not checked yet

    HostKeyStore().pin(sftp.host, sftp.port, sftp.host_key)  # accepted before: no question
    before = len(c.checks)
    delivery.check_button.click()
    checks_done(qtbot, window, before)
    push = {r.check_id: r for r in c.results("sftp-push")}
    assert push["execvision.push.credentials"].status is Status.PASS
    assert push["execvision.push.recording-folder"].status is Status.PASS
    assert push["execvision.push.schedule"].status is Status.PASS
    names = push["execvision.push.file-names"]
    assert names.status is Status.FAIL and next(f for f, rules in sftp.five9_expected.items() if "five9-info" in rules) in names.observed
    assert push["execvision.push.metadata-files"].status is Status.FAIL  # two metadata files for one recording; a nested field
    homegrown = [r for p in ("upload-folder", "recording-names", "metadata-files", "metadata-updates") for r in c.results(p)]
    assert homegrown and {r.status for r in homegrown} == {Status.SKIPPED}
    assert all("not your case: this page is for a homegrown or rarer dialer or CRM" in r.observed for r in homegrown)
    for bad in sftp.five9_expected:
        assert bad in delivery.findings.text()
    c.go("page:upload-folder")
    badge = window.guide_pages["upload-folder"].row("execvision.upload.formats").badge.text()
    assert badge == "– Not your case", badge  # as the Summary and the report say
    assert window.steps.step_line("page:upload-folder") == "– Not your case"  # the side list too
    page = window.guide_pages["upload-folder"]
    side = next(p for p in page.panels if isinstance(p, SideStatus))
    # Read before the steps it says do not apply, not after them.
    assert page.body.indexOf(side) < page.body.indexOf(page.steps_heading)
    strip = side.text.text()
    assert strip.startswith("Not your case: this page is for a homegrown or rarer dialer or CRM, and your recordings "
                            "come from Five9.") and "Fix the files" not in strip, strip
    window.grab().save("/tmp/ui-shots/execvision-five9-homegrown-page.png")
    c.go("page:sftp-push")
    push_side = next(p for p in window.guide_pages["sftp-push"].panels if isinstance(p, SideStatus))
    push_strip = push_side.text.text()
    assert "Not your case" not in push_strip and "Fix the files" in push_strip, push_strip
    assert window.guide_pages["sftp-push"].body.indexOf(push_side) > window.guide_pages["sftp-push"].body.indexOf(
        window.guide_pages["sftp-push"].steps_heading)  # after its steps, as every panel
    window.grab().save("/tmp/ui-shots/execvision-five9-push-page.png")
    c.go("page:choose-delivery")
    window.grab().save("/tmp/ui-shots/execvision-five9-choice.png")


def test_nothing_is_checked_until_the_admin_says_where_recordings_come_from(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    window = open_guide(qtbot, make_window, demo_org("fresh"), "execvision", "execvision")
    delivery = delivery_panel(qtbot, window)
    delivery.dialer_group.setExclusive(False)
    delivery.homegrown.setChecked(False)  # as outside the demo, before the admin chose
    delivery.dialer_group.setExclusive(True)
    delivery.check_button.click()
    assert not window.controller.tasks.is_running("execvision-check")
    assert "Choose where your recordings come from first" in delivery.status.text()
