"""Cancel on the ExecVision panel stops a delivery check that waits on a silent server, for real.

Hiding the task is not enough: the worker thread must return (the window has a small pool of
them) and the SSH connection must close, or each Cancel leaves a session open on the customer's
server. The server is a real asyncssh one that signs the account in, then never answers the
listing of ``data``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.execvision_faulty_sftp import Fault, FaultySftpServer
from tests.support.execvision_files import good_folder
from tests.support.execvision_sftp import TEST_PASSWORD, TEST_USER
from tests.ui.provider_support import open_guide, panel
from wizard.providers.execvision.host_keys import HostKeyStore
from wizard.ui.providers.execvision_panel import KEY

pytestmark = pytest.mark.slow


def test_cancel_stops_a_check_waiting_on_a_silent_server_and_closes_its_connection(qtbot: Any, demo_org: Any, make_window: Any,
                                                                                    tmp_path: Path) -> None:
    root = tmp_path / "upload"
    good_folder(root / "data", datetime.now(UTC), 2)
    window = open_guide(qtbot, make_window, demo_org("fresh"), "execvision", "execvision")
    c = window.controller
    silent = Fault("silent-listing")
    with FaultySftpServer(root, silent, passwords={TEST_USER: TEST_PASSWORD}) as server:
        HostKeyStore().pin("127.0.0.1", server.port, server.host_key)  # accepted before: no question
        delivery = panel(window, "choose-delivery")
        delivery.host.setText("127.0.0.1")
        delivery.port.setValue(server.port)
        delivery.user.setText(TEST_USER)
        delivery.password.setText(TEST_PASSWORD)
        delivery.check_button.click()
        qtbot.waitUntil(silent.reached.is_set, timeout=15_000)  # signed in, listing data: no answer will come
        assert c.tasks.is_running(KEY)
        delivery.cancel_button.click()
        assert "Cancelled" in delivery.status.text() and delivery.check_button.isEnabled()
        assert c.tasks.wait_for_threads(3_000), "the worker still waits on the silent server after Cancel"
        assert silent.closed.wait(3), "the check stopped, but its SSH connection was left open"
