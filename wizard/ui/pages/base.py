"""What every page has: a heading block (kicker, title, summary), a scrolling body, a notice line.

Pages are built from data (the guide files); this base keeps their look and their keyboard
behaviour the same.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard.ui.wrap import wrap_label

MARGIN = 28


def label(text: str = "", *, name: str = "", muted: bool = False, wrap: bool = True, rich: bool = False,
          selectable: bool = False, parent: QWidget | None = None) -> QLabel:
    """A QLabel set up the way the wizard's text needs (wrapping, selectable where useful).

    A wrapping plain-text label is a `WrapLabel`, so a long name or URL in it breaks inside the
    view instead of making the page scroll sideways (rich text: escape `breakable(text)` yourself).
    """
    widget = wrap_label(text, parent) if wrap and not rich else QLabel(text, parent)
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    if muted:
        widget.setProperty("muted", True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if rich:
        widget.setOpenExternalLinks(True)
    flags = Qt.TextInteractionFlag.NoTextInteraction
    if selectable:
        flags |= Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    if rich:
        flags |= Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    widget.setTextInteractionFlags(flags)
    return widget


def button(text: str, accessible: str = "", *, primary: bool = False, link: bool = False,
           parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    if primary:
        widget.setProperty("primary", True)
    if link:
        widget.setProperty("link", True)
        widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


class Notice(QFrame):
    """A sentence about something that went wrong, with what to do; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Notice")
        self.text = label(selectable=True, parent=self)
        self.text.setAccessibleName("Problem")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_text(self, text: str) -> None:
        self.text.setText(text)
        self.setVisible(bool(text))


class StepPage(QScrollArea):
    """A page: heading, then whatever the page adds to `body`."""

    step_id = ""

    def __init__(self, kicker: str, title: str, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(self)
        inner.setObjectName("PageBody")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(MARGIN, 22, MARGIN, 22)
        self.body.setSpacing(10)
        self.kicker = label(kicker, name="PageKicker", parent=inner)
        self.title = label(title, name="PageTitle", parent=inner)
        self.title.setAccessibleName(f"Page: {title}")
        self.summary = label(summary, name="PageSummary", parent=inner)
        self.summary.setVisible(bool(summary))
        self.notice = Notice(inner)
        for widget in (self.kicker, self.title, self.summary, self.notice):
            self.body.addWidget(widget)
        self.setWidget(inner)

    def finish(self) -> None:
        """Push the content up (call once the page has added its widgets)."""
        self.body.addStretch(1)

    def entered(self) -> None:
        """Called each time the page is shown."""

    def section(self, text: str) -> QLabel:
        heading = label(text, name="SectionTitle", parent=self.widget())
        self.body.addWidget(heading)
        return heading
