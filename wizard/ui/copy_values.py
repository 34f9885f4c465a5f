"""Values the admin pastes elsewhere (callback URLs, scopes, endpoints, templates), each with a Copy button.

The org's addresses in a guide's value are filled from the connected org (`wizard.guides.copy_fill`);
before sign-in, or when the org cannot give one, the placeholder stays visible with a note that says
why, never a wrong guess.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QPlainTextEdit, QWidget

from wizard.guides.copy_fill import fill_copy_value
from wizard.ui import theme
from wizard.ui.pages.base import button, label

WAITING_FOR_SIGN_IN = "Values in {braces} are filled in once you are signed in."


class TemplateField(QPlainTextEdit):
    """A read-only value of several lines (a JSON template), shown as lines rather than squeezed
    into one; it answers `text()` like the one-line fields, so the table treats both alike."""

    MAX_LINES = 12

    def __init__(self, value: str, parent: QWidget | None = None) -> None:
        super().__init__(value, parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFont(theme.mono_font())
        lines = min(value.count("\n") + 1, self.MAX_LINES)
        if value.count("\n") < self.MAX_LINES:  # it all shows: no scroll bar beside it
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        margins = self.contentsMargins().top() + self.contentsMargins().bottom() + 2 * int(self.document().documentMargin())
        # Room for a horizontal scroll bar too: a long origin must not hide the last line.
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + margins + self.horizontalScrollBar().sizeHint().height())

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(position)
        self.setTextCursor(cursor)


class CopyLine(QLineEdit):
    """A read-only one-line value that says so when it is longer than the field.

    Its tooltip is always its whole text (kept current as the org's values are filled in), and
    while the end is out of sight an ellipsis is drawn over the right edge, so a cut-off callback
    URL never passes for the whole one. The text itself is never shortened: Copy and a selection
    take all of it.
    """

    ELLIPSIS = "…"

    def __init__(self, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(theme.mono_font())
        self.setText(value)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setCursorPosition(0)

    def _text_room(self) -> QRect:
        """Where the text is drawn: the contents less the text margins and QLineEdit's own 2 px a side."""
        room = self.contentsRect().marginsRemoved(self.textMargins())
        return room.adjusted(2, 0, -2, 0)

    def is_cut(self) -> bool:
        """True while the end of the value is out of sight (the cursor at its start, the text too long)."""
        fits = self.fontMetrics().horizontalAdvance(self.text()) <= self._text_room().width()
        return not fits and self.cursorPosition() < len(self.text()) and not self.hasSelectedText()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.is_cut():
            return
        room = self._text_room()
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance(self.ELLIPSIS) + 6
        mark = QRect(room.right() - width + 1, room.top(), width, room.height())
        painter = QPainter(self)
        painter.fillRect(mark, self.palette().base())
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(mark, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, self.ELLIPSIS)
        painter.end()


class CopyValues(QFrame):
    """A small table: label, the value (selectable), Copy."""

    def __init__(self, values: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.values = values
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setColumnStretch(1, 1)
        self.fields: list[CopyLine | TemplateField] = []
        self.buttons = []
        for row, item in enumerate(values):
            name = label(item.label, parent=self)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop if "\n" in item.value else Qt.AlignmentFlag.AlignVCenter)
            field: CopyLine | TemplateField
            if "\n" in item.value:
                field = TemplateField(item.value, self)
            else:
                field = CopyLine(item.value, self)
            field.setObjectName("CopyValue")
            field.setAccessibleName(item.label)
            copy = button("Copy", f"Copy {item.label}", parent=self)
            copy.clicked.connect(lambda _=False, f=field, b=copy: self._copy(f, b))
            grid.addWidget(field, row, 1)
            grid.addWidget(copy, row, 2, Qt.AlignmentFlag.AlignTop if "\n" in item.value else Qt.AlignmentFlag.AlignVCenter)
            self.fields.append(field)
            self.buttons.append(copy)
        self.note = label(muted=True, parent=self)
        grid.addWidget(self.note, len(values), 0, 1, 3)

    def update_org(self, facts: Any) -> None:
        """Fill in the org's addresses; say why any placeholder is left (signed out, or the org's reason)."""
        notes: list[str] = []
        for item, field in zip(self.values, self.fields, strict=True):
            filled = fill_copy_value(item.value, facts)
            field.setText(filled.text)
            field.setCursorPosition(0)
            if filled.unfilled:
                names = ", ".join("{" + name + "}" for name in filled.unfilled)
                notes.append(f"Not filled in: {names}, because {filled.reason}." if filled.reason else WAITING_FOR_SIGN_IN)
        text = " ".join(dict.fromkeys(notes))
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _copy(self, field: CopyLine | TemplateField, copy: Any) -> None:
        QGuiApplication.clipboard().setText(field.text())
        copy.setText("Copied ✔")
        # Tied to the button, so a page closed within the 1.5 s takes the timer with it.
        QTimer.singleShot(1500, copy, lambda: copy.setText("Copy"))
