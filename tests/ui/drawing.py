"""What the window draws, measured: colours' contrast, the text a delegate paints, pixels of a grab.

Helpers of the legibility tests. `TextRecorder` is a real QPainter on a real image that also notes
each `drawText` call (the text, its rectangle, the font and the pen), so a test reads what an item
delegate drew without guessing from pixels.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class TextRecorder(QPainter):
    """A painter on an image that keeps (text, rect, font, pen colour) for every drawText."""

    def __init__(self, width: int, height: int) -> None:
        self.image = QImage(width, height, QImage.Format.Format_ARGB32)
        self.image.fill(0)
        super().__init__(self.image)
        self.drawn: list[tuple[str, QRect, QFont, QColor]] = []

    def drawText(self, *args: Any) -> None:
        rect, _flags, text = args
        self.drawn.append((text, QRect(rect), QFont(self.font()), QColor(self.pen().color())))
        super().drawText(*args)


def paint_item(widget: Any, row: int, selected: bool) -> list[tuple[str, QRect, QFont, QColor]]:
    """What the list's delegate draws for one row, as it would on screen."""
    item_rect = widget.visualRect(widget.model().index(row, 0))
    option = QStyleOptionViewItem()
    option.initFrom(widget)
    option.rect = QRect(0, 0, item_rect.width(), item_rect.height())
    option.state |= QStyle.StateFlag.State_Enabled
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    painter = TextRecorder(item_rect.width(), item_rect.height())
    try:
        widget.itemDelegate().paint(painter, option, widget.model().index(row, 0))
    finally:
        painter.end()
    return painter.drawn


def darkest(image: QImage, rect: QRect) -> QColor:
    """The darkest pixel of `rect` in `image` (a handle, a glyph's stem)."""
    best, best_l = QColor("white"), 2.0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            color = image.pixelColor(x, y)
            if (lum := luminance(color)) < best_l:
                best, best_l = color, lum
    return best


def strongest(image: QImage, rect: QRect, background: QColor | str) -> QColor:
    """The pixel of `rect` that stands out most from `background` (text's ink, light or dark theme)."""
    best, best_c = QColor(background), 1.0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            color = image.pixelColor(x, y)
            if (c := contrast(color, background)) > best_c:
                best, best_c = color, c
    return best


def commonest(image: QImage) -> QColor:
    """The most frequent colour of an image (its background)."""
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    return QColor.fromRgb(max(counts, key=counts.__getitem__))
