"""Text you can read and controls that say what they are, measured on the real window (demo org).

- The selected step's title is bold, so it is shortened with the bold font: it ends in "…" rather
  than being cut mid-letter.
- The side list's second lines with no status, and the Choose-guide card's "Source:" line, reach
  the 4.5:1 contrast small text needs, in the light and the dark theme.
- The side list's scroll bar looks like the page's (thin and light, not a solid-black handle).
- In "Map users…", every column heading reads in full before any user is listed, and a disabled
  "Preview changes" is visibly fainter than an enabled button.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from tests.ui.drawing import commonest, contrast, darkest, paint_item, strongest
from tests.ui.wizard_support import signed_in, when_shown
from wizard.ui import theme
from wizard.ui.providers.mapping_dialog import MappingDialog, open_mapping
from wizard.ui.step_list import LINE_ROLE, STATUS_ROLE, TITLE_ROLE

pytestmark = pytest.mark.slow
SMALL_TEXT = 4.5


@pytest.fixture(params=["light", "dark"])
def themed(request: Any) -> Iterator[str]:
    """The window in the light, then the dark theme (put back to the system's afterwards)."""
    app = QApplication.instance()
    theme.apply_theme(app, request.param == "dark")
    yield request.param
    theme.apply_theme(app)


def test_the_selected_steps_bold_title_is_shortened_with_an_ellipsis(qtbot: Any, demo_org: Any,
                                                                     make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "natterbox", "natterbox-s3-named-credential")
    window.resize(1024, 700)
    qtbot.wait(50)
    steps = window.steps.list
    row = steps.currentRow()
    title = steps.item(row).data(TITLE_ROLE)
    drawn_title, rect, font, _pen = paint_item(steps, row, selected=True)[0]
    assert font.bold()
    assert QFontMetrics(font).horizontalAdvance(title) > rect.width(), "the title should be too long for this test"
    assert drawn_title.endswith("…"), drawn_title
    assert QFontMetrics(font).horizontalAdvance(drawn_title) <= rect.width(), drawn_title
    window.grab().save("/tmp/ui-shots/legibility-selected-title.png")


def test_side_lines_without_status_and_the_guide_source_are_readable(qtbot: Any, demo_org: Any, make_window: Any,
                                                                    themed: str) -> None:
    window = make_window(demo_org("fresh"))
    window.controller.choose_guide("aircall")
    window.controller.go("choose-guide")
    qtbot.wait(50)
    colors = theme.current().colors
    steps = window.steps.list
    shot = window.grab().toImage()
    for row in range(steps.count()):
        item = steps.item(row)
        if item.data(STATUS_ROLE) is None and not item.isSelected():  # a second line with no status colour
            rect = steps.visualItemRect(item)
            top_left = steps.viewport().mapTo(window, rect.topLeft())
            second_line = QRect(top_left.x(), top_left.y() + rect.height() // 2, rect.width(), rect.height() // 2)
            ink = strongest(shot, second_line, colors["surface"])
            assert contrast(ink, colors["surface"]) >= SMALL_TEXT, (item.data(LINE_ROLE), ink.name(), themed)
    page = window.choose
    assert "color:" not in page.details.text()  # no fixed colour in the HTML: the theme decides
    assert page.source.text().startswith("Source: ") and page.source.isVisible()
    ink = page.source.palette().color(page.source.foregroundRole())
    assert contrast(ink, colors["surface"]) >= SMALL_TEXT, (ink.name(), themed)
    window.grab().save(f"/tmp/ui-shots/legibility-choose-{themed}.png")


def _bar_image(window: Any, bar: Any) -> tuple[Any, QRect]:
    shot = window.grab().toImage()
    top_left = bar.mapTo(window, QPoint(0, 0))
    return shot, QRect(top_left, bar.size()).adjusted(1, 1, -1, -1)


def test_the_side_lists_scroll_bar_looks_like_the_pages(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "amazon-connect", "streaming-iam-user")
    window.resize(1024, 700)
    qtbot.wait(100)
    side_bar = window.steps.list.verticalScrollBar()
    page_bar = window.stack.currentWidget().verticalScrollBar()
    assert side_bar.isVisible() and page_bar.isVisible()
    shot, side_rect = _bar_image(window, side_bar)
    _shot, page_rect = _bar_image(window, page_bar)
    side_handle, page_handle = darkest(shot, side_rect), darkest(shot, page_rect)
    assert contrast(side_handle, "#000000") > 5, side_handle.name()  # not a solid-black handle
    assert contrast(side_handle, page_handle) < 1.2, (side_handle.name(), page_handle.name())
    window.grab().save("/tmp/ui-shots/legibility-scrollbars.png")


def test_map_users_headings_read_in_full_and_a_disabled_preview_looks_disabled(qtbot: Any, demo_org: Any,
                                                                              make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window, "aircall", "aircall-api-key")
    seen: dict[str, Any] = {}
    headings: dict[str, tuple[int, int]] = {}

    def look(dialog: MappingDialog) -> None:
        qtbot.waitUntil(lambda: dialog.gathered is not None, timeout=30_000)
        header = dialog.table.horizontalHeader()
        metrics = header.fontMetrics()
        for col in range(dialog.table.columnCount()):
            text = dialog.table.horizontalHeaderItem(col).text()
            headings[text] = (header.sectionSize(col), metrics.horizontalAdvance(text))
        seen["preview enabled"] = dialog.preview_button.isEnabled()
        seen["preview"] = dialog.preview_button.grab().toImage()
        seen["close"] = dialog.close_button.grab().toImage()
        dialog.grab().save("/tmp/ui-shots/legibility-map-users.png")
        dialog.reject()

    when_shown(MappingDialog, look)
    # On a fresh org the panel's button is off (nothing can be mapped yet); the dialog, opened the
    # way a row's "Fix it for me" opens it, still explains why, with its preview disabled.
    open_mapping(window, window.controller, window.controller.provider_hub, "aircall")
    qtbot.waitUntil(lambda: "close" in seen, timeout=30_000)
    assert len(headings) == 4
    for text, (size, need) in headings.items():
        assert size >= need, f"heading {text!r} is cut: {size} px for {need} px"
    assert seen["preview enabled"] is False
    disabled, enabled = seen["preview"], seen["close"]
    whole = QRect(0, 0, disabled.width(), disabled.height()).adjusted(4, 4, -4, -4)
    faint = contrast(darkest(disabled, whole), commonest(disabled))
    clear = contrast(darkest(enabled, QRect(0, 0, enabled.width(), enabled.height()).adjusted(4, 4, -4, -4)),
                     commonest(enabled))
    assert faint < 3.2 < clear, (faint, clear)
