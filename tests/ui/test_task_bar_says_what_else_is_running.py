"""The task bar names the newest task and says how many others are running, with their names on hover.

Before, it read "Starting the demo's Aircall and RingCentral… (and 1 more)": the elapsed seconds
then belonged to no task in particular, and nothing said what the other one was."""

from __future__ import annotations

import threading
from typing import Any

from wizard.ui.task_bar import TaskBar
from wizard.ui.tasks import TaskRunner


def test_two_tasks_read_as_the_newest_and_one_more_running(qtbot: Any) -> None:
    runner = TaskRunner()
    bar = TaskBar(runner)
    qtbot.addWidget(bar)
    release = threading.Event()
    try:
        runner.run("Starting the demo's local AWS…", lambda: release.wait(10), key="aws")
        runner.run("Checking the org…", lambda: release.wait(10), key="check")
        text = bar.label.text()
        assert text.startswith("Checking the org… · ") and text.endswith(" s · 1 more task running"), text
        assert bar.label.toolTip() == "Checking the org…\nStarting the demo's local AWS…"
        runner.cancel("check")
        assert bar.label.text().startswith("Starting the demo's local AWS… · ") and "more" not in bar.label.text()
        assert bar.label.toolTip() == ""
    finally:
        release.set()
        runner.wait_for_threads()
