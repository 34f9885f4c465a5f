"""No page scrolls sideways at 1024x700: long names and URLs wrap inside the view.

The whole window is walked against the demo org, every page of every guide (fresh and configured
scenarios, so both the "to do" and the filled-in values show), each page's content measured
against its view once the checks have landed. A page wider than its view would show a horizontal
scroll bar and cut its right edge (the cards' borders, the Copy buttons, the STATUS column).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.wizard_support import sign_in_demo, wait_checked

pytestmark = pytest.mark.slow
GUIDES = ("aircall", "ringcentral", "natterbox", "execvision", "amazon-connect")
SIZE = (1024, 700)
#: Set to a folder to keep a screenshot of every page walked (for a look by eye).
SHOTS = os.environ.get("ECI_WIZARD_TEST_SHOTS", "")


def _too_wide(page: Any) -> str:
    """'' when the page fits its view, else how much wider its content is."""
    QApplication.processEvents()
    content, view = page.widget(), page.viewport()
    need = max(content.width(), content.minimumSizeHint().width())
    if need <= view.width() and page.horizontalScrollBar().maximum() == 0:
        return ""
    return f"content {need} px in a {view.width()} px view"


@pytest.mark.parametrize("scenario", ["fresh", "configured"])
@pytest.mark.parametrize("guide_id", GUIDES)
def test_no_page_scrolls_sideways_at_1024x700(qtbot: Any, demo_org: Any, make_window: Any, guide_id: str,
                                             scenario: str) -> None:
    server = demo_org("fresh" if scenario == "fresh" else f"{guide_id}-configured")
    window = make_window(server)
    window.resize(*SIZE)
    c = window.controller
    c.choose_guide(guide_id)
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    too_wide = {}
    steps = ["welcome", "choose-guide", "sign-in"] + [f"page:{p.id}" for p in c.guide.pages] + ["summary"]
    for step in steps:
        c.go(step)
        wait_checked(qtbot, window)
        qtbot.wait(50)
        page = window.stack.currentWidget()
        if problem := _too_wide(page):
            too_wide[step] = problem
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            window.grab().save(str(Path(SHOTS) / f"{guide_id}-{scenario}-{step.replace(':', '-')}.png"))
    assert not too_wide, too_wide
