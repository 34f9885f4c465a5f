"""A field for a value a fix needs (`SecretNeed`), with why a typed value is refused right under it.

"Fix it for me" and the graduation dialog both ask for such values. A value its issuer gives one
form (an AWS access key ID) is checked as it is typed: one of another form would be written to the
org as typed, and only the check after the fix would say so. Here the refusal shows beside the
field at once, and the dialog keeps its Apply or Graduate button off until it is put right, so
nothing is kept or written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from wizard.ui.pages.base import label


def add_secret_row(form: QFormLayout, need: Any, parent: QWidget, changed: Callable[[], None]) -> tuple[QLineEdit, QLabel]:
    """A password field for `need` in `form`, and under it the label that says why what is typed
    is refused (hidden while it is empty or has the need's form); `changed` runs on every key."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(need.label)
    field.setToolTip(need.where)
    refused = label(parent=parent)
    refused.setAccessibleName(f"Why this is not accepted as {need.label[:1].lower() + need.label[1:]}")
    refused.hide()

    def typed(text: str) -> None:
        said = need.refusal(text)
        refused.setText(said)
        refused.setVisible(bool(said))
        changed()

    field.textChanged.connect(typed)
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(field)
    column.addWidget(refused)
    form.addRow(label(need.label, parent=parent), box)
    return field, refused


def all_accepted(needs: dict[str, Any], fields: dict[str, QLineEdit]) -> bool:
    """Every field holds a value its need accepts (something typed, of the need's form if it has one)."""
    return all(needs[name].cleaned(field.text()) and not needs[name].refusal(field.text()) for name, field in fields.items())


def typed_values(needs: dict[str, Any], fields: dict[str, QLineEdit]) -> dict[str, str]:
    """The values to keep, as the needs keep them (without what a paste brings around a formed one)."""
    return {name: needs[name].cleaned(field.text()) for name, field in fields.items()}
