"""Every setting row's columns sit under the header's, whatever buttons the row shows, and Tab
takes the page in the order it is seen.

Before, a row with both "Open its Setup page" and "Fix it for me" put the two buttons in its Status
column, which widened it and pushed that row's Expected, In your org and Status 35-80 px left of
their headings; Tab reached "Fix it for me" before "Open its Setup page" (the reverse of the
screen), every "Evidence" after all the rows' buttons, and stopped on the block of instructions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.ui.wizard_support import signed_in, wait_checked

pytestmark = pytest.mark.slow
SIZES = ((1024, 700), (1280, 860))
#: Set to a folder to keep a screenshot of the page at each size (for a look by eye).
SHOTS = os.environ.get("ECI_WIZARD_TEST_SHOTS", "")


def _x(widget: QWidget, page: Any) -> int:
    return widget.mapTo(page.widget(), widget.rect().topLeft()).x()


BUTTONS = ("open_button", "console_button", "fix_button", "done_button", "undo_button")


def _buttons(row: Any) -> list[Any]:
    """The row's buttons on screen."""
    return [b for name in BUTTONS if (b := getattr(row, name, None)) is not None and b.isVisible()]


def test_each_rows_columns_sit_under_the_headings_with_no_one_or_two_buttons(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _, window = signed_in(qtbot, demo_org, make_window, page_id="before-you-start")
    c = window.controller
    seen_buttons: set[int] = set()
    off: dict[str, Any] = {}
    for size in SIZES:
        window.resize(*size)
        for page_id in ("before-you-start", "integration-user"):  # 0 and 2 buttons; "I've done this"
            c.go(f"page:{page_id}")
            wait_checked(qtbot, window)
            qtbot.wait(50)
            QApplication.processEvents()
            page = window.guide_page(page_id)
            headings = page.widget().findChildren(QLabel, "ColumnHeader")
            xs = [_x(h, page) for h in headings]
            for row in page.rows:
                seen_buttons.add(len(_buttons(row)))
                cells = [_x(w, page) for w in (row.name, row.expected, row.observed, row.badge)]
                if any(abs(a - b) > 1 for a, b in zip(cells, xs, strict=True)):
                    off[f"{size} {row.setting.label} ({len(_buttons(row))} buttons)"] = (cells, xs)
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.ensureWidgetVisible(max(page.rows, key=lambda r: len(_buttons(r))), 0, 0)
                qtbot.wait(20)
                window.grab().save(str(Path(SHOTS) / f"rows-{page_id}-{size[0]}.png"))
    assert {0, 1, 2} <= seen_buttons, seen_buttons
    assert not off, off


def _tab_stops(window: Any, page: Any) -> list[QWidget]:
    """The page's Tab stops, in the order Tab takes them, from its first one round to it again."""
    stops: list[QWidget] = []
    widget: QWidget = page.widget()
    for _ in range(2000):
        widget = widget.nextInFocusChain()
        if widget is page.widget() or widget in stops:
            break
        if (page.widget().isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            stops.append(widget)
    return stops


def test_tab_takes_each_rows_evidence_and_buttons_in_the_order_seen_and_skips_the_instructions(
        qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _, window = signed_in(qtbot, demo_org, make_window, page_id="before-you-start")
    page = window.guide_page("before-you-start")
    QApplication.processEvents()
    stops = _tab_stops(window, page)
    assert page.instructions not in stops
    assert page.instructions.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    row = page.row("org.eci-enabled")
    assert row.open_button.isVisible() and row.fix_button.isVisible()
    # Top to bottom, then left to right: what Tab does must be what the eye does.
    where = [(w.mapTo(page.widget(), w.rect().topLeft()).y() // 8, w.mapTo(page.widget(), w.rect().topLeft()).x())
             for w in stops]
    names = [w.accessibleName() or w.text() for w in stops]
    assert where == sorted(where), names
    mine = [w for w in stops if row.isAncestorOf(w)]
    assert mine[-2:] == [row.open_button, row.fix_button], [w.accessibleName() for w in mine]
    assert mine[0] is row.evidence.toggleButton()
