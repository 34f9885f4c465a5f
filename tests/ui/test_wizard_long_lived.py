"""The window keeps what lives for the whole session out of full garbage collections.

A full collection stops the window while it walks every object; `wizard.long_lived.settle`
freezes the objects alive after start-up and after the first whole-guide check (modules, Qt
wrappers, clients) so later collections skip them. The pauses themselves are measured by
``python -m tests.benchmarks.memory``; this test shows the window settles at those two moments,
and only there.
"""

from __future__ import annotations

import gc
from typing import Any

import pytest

from tests.ui.wizard_support import signed_in, wait_checked
from wizard import long_lived


def test_the_window_settles_after_start_up_and_after_the_first_whole_check(
        qtbot: Any, demo_org: Any, make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(long_lived, "_settled", set())  # as in a new process
    frozen_before = gc.get_freeze_count()

    _server, window = signed_in(qtbot, demo_org, make_window)
    qtbot.waitUntil(lambda: long_lived.FIRST_CHECK in long_lived._settled, timeout=10_000)

    assert long_lived._settled == {long_lived.STARTED, long_lived.FIRST_CHECK}
    assert gc.get_freeze_count() > frozen_before

    settled = gc.get_freeze_count()
    window.controller.check([window.controller.flow.page_ids[0]])  # one page: nothing new is frozen
    wait_checked(qtbot, window)
    qtbot.wait(50)
    assert long_lived._settled == {long_lived.STARTED, long_lived.FIRST_CHECK}
    assert gc.get_freeze_count() <= settled

