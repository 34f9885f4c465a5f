"""A step confirmed by hand is not drawn exactly as a verified pass: its badge has a dashed edge
in the pass colour, at the same size, so a glance at a column of badges tells the two apart."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QHBoxLayout, QWidget

from wizard.engine.results import Status
from wizard.ui.status_badge import StatusBadge
from wizard.ui.theme import make_theme, stylesheet


def _edge_pixels_darker(image: QImage, tint: QColor, ring: int = 2) -> int:
    """Pixels of the outer ``ring`` px of the badge clearly lighter or darker than its ``tint`` (an edge drawn
    there; the text sits further in)."""
    near = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if ring <= x < image.width() - ring and ring <= y < image.height() - ring:
                continue
            if abs(image.pixelColor(x, y).lightness() - tint.lightness()) > 40:
                near += 1
    return near


@pytest.mark.parametrize("dark", [False, True])
def test_the_confirmed_badge_has_a_dashed_edge_a_pass_badge_does_not(qtbot: Any, dark: bool) -> None:
    theme = make_theme(dark)
    host = QWidget()
    host.setStyleSheet(stylesheet(theme))
    layout = QHBoxLayout(host)
    verified, by_hand = StatusBadge(Status.PASS), StatusBadge()
    by_hand.set_confirmed()
    verified.setText(by_hand.text())  # the same words, so only the drawing can differ
    layout.addWidget(verified)
    layout.addWidget(by_hand)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    assert by_hand.property("confirmed") is True and verified.property("confirmed") is False
    assert by_hand.sizeHint() == verified.sizeHint()
    tint = QColor(theme.status_tint(Status.PASS))
    plain = _edge_pixels_darker(verified.grab().toImage(), tint)
    dashed = _edge_pixels_darker(by_hand.grab().toImage(), tint)
    assert dashed > 20 and dashed > 5 * max(plain, 1), (plain, dashed)
    # Shown as a pass again, the edge goes: the property is reset with every status.
    by_hand.set_status(Status.PASS)
    assert by_hand.property("confirmed") is False
