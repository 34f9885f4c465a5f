"""The window cannot be made smaller than its layout fits (before, it shrank to 302 × 184, its
step list, columns and buttons piled on each other)."""

from __future__ import annotations

from typing import Any

import pytest

from wizard.ui.main_window import MINIMUM_SIZE

pytestmark = pytest.mark.slow


def test_a_tiny_resize_stops_at_the_minimum(qtbot: Any, make_window: Any) -> None:
    window = make_window(None, demo=False)
    window.resize(302, 184)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == MINIMUM_SIZE, timeout=3000)
    assert (window.minimumWidth(), window.minimumHeight()) == MINIMUM_SIZE
