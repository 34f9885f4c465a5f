"""Step 2 of a graduation: only what must (or may) differ in this org, each with its suggestion.

Everything else is copied from the profile or read from this org; these are the values no org can
tell the wizard (RingCentral sandbox or production, the AWS region and Lambda name). A value with
fixed choices is a drop-down; a free one (an AWS name) can be typed over its suggestion.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from wizard.ui.pages.base import label


class ChoicesStep(QWidget):
    """One combo box per `Question`, set to its suggested value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = label("Choose the values this org gets where they differ from the sandbox. Everything else is "
                           "copied from the profile or read from this org.", parent=self)
        self.form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def show_questions(self, questions: list[Any], source: str = "the sandbox") -> None:
        """A row per question; `source` names the org the profile came from ("the sandbox")."""
        self.intro.setText(f"Choose the values this org gets where they differ from {source}. Everything else is copied "
                           "from the profile or read from this org.")
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes.clear()
        for q in questions:
            box = QComboBox(self)
            box.setEditable(not q.choices)  # a free value (an AWS name): typed over the suggestion
            box.addItems(list(q.choices) or ([q.suggested] if q.suggested else []))
            if q.suggested:
                box.setCurrentText(q.suggested)
            box.setAccessibleName(q.label)
            help_text = label(f"{q.how} {source[:1].upper()}{source[1:]} has: {q.source_value or 'nothing'}.", muted=True,
                              parent=self)
            column = QVBoxLayout()
            column.addWidget(box)
            column.addWidget(help_text)
            holder = QWidget(self)
            holder.setLayout(column)
            column.setContentsMargins(0, 0, 0, 0)
            self.form.addRow(label(q.label, parent=self), holder)
            self.boxes[q.key] = box

    def answers(self) -> dict[str, str]:
        """The values chosen (an emptied free field means "none", as a blank --set would)."""
        return {key: box.currentText().strip() for key, box in self.boxes.items() if box.currentText().strip()}
