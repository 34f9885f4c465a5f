"""The ExecVision panel's “Call times in names” and “Answer timeout”, against a real asyncssh SFTP server.

The command line has ``--name-tz`` and ``--timeout``; the window has these two fields instead. What
the admin types must reach the check: names in Tokyo time are judged in Tokyo time, and a server
that falls silent is given up on after the seconds typed, not after the default 15. A zone that is
none stops the check beside its field before anything connects, and keeps what was typed; both
fields are remembered (in the keyring, with the host and user) for the next window. The check's
advice names these fields, never the options.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.support.execvision_faulty_sftp import Fault, FaultySftpServer
from tests.support.execvision_files import GOOD_FIELDS, good_folder, metadata_bytes, touch
from tests.support.execvision_sftp import TEST_PASSWORD, TEST_USER, AsyncSshSftpServer
from wizard import secrets
from wizard.providers.execvision.host_keys import HostKeyStore
from wizard.providers.execvision.session import LAST_KIND
from wizard.ui.providers.execvision_panel import KEY, ZONE_REFUSED, DeliveryPanel, zone_suggestions

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

TOKYO = ZoneInfo("Asia/Tokyo")


def delivery_panel(qtbot: Any, make_window: Any) -> DeliveryPanel:
    """The panel of a window that is not in demo mode (so it remembers), once the kept entries have been read back."""
    window = make_window(None, demo=False)
    c = window.controller
    c.choose_guide("execvision")
    panel = window.guide_page("choose-delivery").panels[0]
    assert isinstance(panel, DeliveryPanel)
    qtbot.waitUntil(lambda: "execvision" in c.provider_hub.restored and not c.tasks.is_running("restore-execvision"),
                    timeout=30_000)
    return panel


def fill_in(panel: DeliveryPanel, port: int) -> None:
    panel.homegrown.setChecked(True)
    panel.host.setText("127.0.0.1")
    panel.port.setValue(port)
    panel.user.setText(TEST_USER)
    panel.password.setText(TEST_PASSWORD)


def check(qtbot: Any, panel: DeliveryPanel) -> None:
    """Press Check the delivery and wait until the check has ended (checked, or could not check)."""
    session = panel.hub.execvision
    before = session.checked_at
    panel.check_button.click()
    qtbot.waitUntil(lambda: session.checked_at is not before and not panel.controller.tasks.is_running(KEY), timeout=60_000)


def named_in_tokyo(data: Path, now: datetime) -> list[str]:
    """Two recent calls named with Tokyo's wall-clock time, each written a minute after the call."""
    names = []
    for i in range(2):
        call = now - timedelta(minutes=5 + i)
        name = f"{call.astimezone(TOKYO):%Y%m%d-%H%M%S}_agent{i}"
        written = call + timedelta(minutes=1)
        touch(data / f"{name}.wav", b"RIFF\x00\x00\x00\x00WAVEfmt ", written)
        touch(data / f"{name}.json", metadata_bytes("json", GOOD_FIELDS), written)
        names.append(name)
    return names


def test_names_are_judged_in_the_time_zone_typed_and_the_advice_names_the_field(qtbot: Any, make_window: Any,
                                                                                tmp_path: Path) -> None:
    root = tmp_path / "upload"
    names = named_in_tokyo(root / "data", datetime.now(UTC))
    panel = delivery_panel(qtbot, make_window)
    assert panel.name_tz.currentText() == "UTC" and panel.name_tz.isEditable()
    assert [panel.name_tz.itemText(i) for i in range(panel.name_tz.count())] == zone_suggestions()
    with AsyncSshSftpServer(root, passwords={TEST_USER: TEST_PASSWORD}) as server:
        HostKeyStore().pin("127.0.0.1", server.port, server.host_key)  # accepted before: no question
        fill_in(panel, server.port)
        check(qtbot, panel)  # read as UTC, the default: 9 hours in the future
        outcome = panel.hub.execvision.outcome
        ahead = [f for f in outcome.findings if f.rule == "recording-name"]
        assert {f.file for f in ahead} == {f"{n}.wav" for n in names}, outcome.findings
        assert all("probably written in UTC+09:00" in f.observed for f in ahead)
        fix = ahead[0].fix
        assert "Enter that zone in “Call times in names”" in fix and "as the offset +09:00, then check again" in fix
        assert "--name-tz" not in fix and "command line" not in fix
        assert "Call times in names" in panel.findings.text()

        panel.name_tz.setCurrentText("Asia/Tokyo")
        check(qtbot, panel)
        outcome = panel.hub.execvision.outcome
        assert outcome.findings == [], outcome.findings  # read in Tokyo time, the calls were minutes ago
        assert "everything checked follows the guide" in panel.status.text()


def test_a_server_that_stalls_is_given_up_on_after_the_seconds_typed(qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    root = tmp_path / "upload"
    good_folder(root / "data", datetime.now(UTC), 2)
    panel = delivery_panel(qtbot, make_window)
    assert panel.timeout.value() == 15 and panel.timeout.isVisibleTo(panel)
    silent = Fault("silent-listing")
    with FaultySftpServer(root, silent, passwords={TEST_USER: TEST_PASSWORD}) as server:
        HostKeyStore().pin("127.0.0.1", server.port, server.host_key)
        fill_in(panel, server.port)
        panel.timeout.setValue(2)
        panel.check_button.click()
        qtbot.waitUntil(silent.reached.is_set, timeout=15_000)  # signed in, listing data: no answer will come
        asked = time.monotonic()
        qtbot.waitUntil(lambda: not panel.controller.tasks.is_running(KEY), timeout=14_000)  # well before 15 s
        waited = time.monotonic() - asked
    assert 1.5 <= waited <= 8, waited
    notice = panel.notice.text.text()
    assert "stopped answering while listing data after 2 s" in notice, notice
    assert "“Answer timeout”" in notice and "--timeout" not in notice and "command line" not in notice
    assert "could not be checked" in panel.status.text()


def test_a_time_zone_that_is_none_stops_the_check_beside_its_field_and_keeps_what_was_typed(qtbot: Any, make_window: Any,
                                                                                           tmp_path: Path) -> None:
    root = tmp_path / "upload"
    good_folder(root / "data", datetime.now(UTC), 2)
    panel = delivery_panel(qtbot, make_window)
    watched = Fault("none")
    with FaultySftpServer(root, watched, passwords={TEST_USER: TEST_PASSWORD}) as server:
        HostKeyStore().pin("127.0.0.1", server.port, server.host_key)
        fill_in(panel, server.port)
        panel.name_tz.setCurrentText("Mars/Olympus")
        panel.check_button.click()
        assert not panel.controller.tasks.is_running(KEY)  # nothing started
        problem = panel.name_tz_problem
        assert problem.isVisibleTo(panel) and not panel.notice.isVisibleTo(panel)
        said = problem.text.text()
        assert said.startswith("“Mars/Olympus” is not a time zone this computer knows.") and "America/New_York" in said
        assert "What to do:" in said and "--name-tz" not in said
        assert panel.status.text() == ZONE_REFUSED
        qtbot.wait(500)
        assert not watched.signed_in.is_set()  # nothing connected
        assert panel.password.text() == TEST_PASSWORD and panel.name_tz.currentText() == "Mars/Olympus"  # nothing lost
        assert secrets.get_secret(LAST_KIND, "entries") is None  # nor remembered

        panel.name_tz.setCurrentText("+09:00")
        assert not problem.isVisibleTo(panel)  # the note answered what was typed then
        check(qtbot, panel)
        assert watched.signed_in.is_set() and panel.hub.execvision.outcome is not None


def test_the_zone_and_the_timeout_are_remembered_for_the_next_window(qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    root = tmp_path / "upload"
    good_folder(root / "data", datetime.now(UTC), 2)
    first = delivery_panel(qtbot, make_window)
    with AsyncSshSftpServer(root, passwords={TEST_USER: TEST_PASSWORD}) as server:
        HostKeyStore().pin("127.0.0.1", server.port, server.host_key)
        fill_in(first, server.port)
        first.name_tz.setCurrentText("America/Chicago")
        first.timeout.setValue(40)
        check(qtbot, first)
    stored = secrets.get_secret(LAST_KIND, "entries")
    assert stored is not None and TEST_PASSWORD not in stored  # with the host and user, never a secret

    again = delivery_panel(qtbot, make_window)
    qtbot.waitUntil(lambda: again.host.text() == "127.0.0.1", timeout=10_000)
    assert again.name_tz.currentText() == "America/Chicago" and again.timeout.value() == 40
    assert again.user.text() == TEST_USER and again.password.text() == ""
