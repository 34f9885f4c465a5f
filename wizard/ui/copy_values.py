"""Values the admin pastes elsewhere (callback URLs, scopes, endpoints, templates), each with a Copy button.

The org's addresses in a guide's value are filled from the connected org (`wizard.guides.copy_fill`);
before sign-in, or when the org cannot give one, the placeholder stays visible with a note that says
why, never a wrong guess.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QWidget

from wizard.guides.copy_fill import fill_copy_value
from wizard.ui import theme
from wizard.ui.pages.base import button, label

WAITING_FOR_SIGN_IN = "Values in {braces} are filled in once you are signed in."


class CopyValues(QFrame):
    """A small table: label, the value (selectable), Copy."""

    def __init__(self, values: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.values = values
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setColumnStretch(1, 1)
        self.fields: list[QLineEdit] = []
        self.buttons = []
        for row, item in enumerate(values):
            grid.addWidget(label(item.label, parent=self), row, 0)
            field = QLineEdit(item.value, self)
            field.setObjectName("CopyValue")
            field.setReadOnly(True)
            field.setFont(theme.mono_font())
            field.setAccessibleName(item.label)
            copy = button("Copy", f"Copy {item.label}", parent=self)
            copy.clicked.connect(lambda _=False, f=field, b=copy: self._copy(f, b))
            grid.addWidget(field, row, 1)
            grid.addWidget(copy, row, 2)
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

    def _copy(self, field: QLineEdit, copy: Any) -> None:
        QGuiApplication.clipboard().setText(field.text())
        copy.setText("Copied ✔")
        # Tied to the button, so a page closed within the 1.5 s takes the timer with it.
        QTimer.singleShot(1500, copy, lambda: copy.setText("Copy"))
