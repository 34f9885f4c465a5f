"""Values the admin pastes elsewhere (callback URLs, scopes, endpoints), each with a Copy button.

``{my_domain}`` and ``{instance_url}`` in a guide's value are filled from the connected org;
before sign-in they stay visible as placeholders with a note, never as a wrong guess.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QWidget

from wizard.ui import theme
from wizard.ui.pages.base import button, label


def fill_value(value: str, facts: Any) -> str:
    """A copy value with the org's addresses filled in (unchanged when no org is connected)."""
    if facts is None:
        return value
    return value.replace("{my_domain}", facts.my_domain_url.rstrip("/")).replace("{instance_url}",
                                                                                  facts.instance_url.rstrip("/"))


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
        waiting = False
        for item, field in zip(self.values, self.fields, strict=True):
            field.setText(fill_value(item.value, facts))
            field.setCursorPosition(0)
            waiting = waiting or "{" in field.text()
        self.note.setText("Values in {braces} are filled in once you are signed in." if waiting else "")
        self.note.setVisible(waiting)

    def _copy(self, field: QLineEdit, copy: Any) -> None:
        QGuiApplication.clipboard().setText(field.text())
        copy.setText("Copied ✔")
        QTimer.singleShot(1500, lambda: copy.setText("Copy"))
