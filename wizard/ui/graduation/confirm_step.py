"""Step 4 of a graduation: the secrets the plan needs, the steps left by hand, the confirmation.

Secrets are typed into password fields and handed to the graduation (`provide_secret`: the
keyring, or this run only for the demo org) when Graduate is pressed; the fields are cleared at
once, so a value is never shown again and never sits in the dialog. A production org needs its
name typed exactly, as "Fix it for me" asks: the door refuses anything else. A value of the wrong
form (an AWS access key ID mistyped) is refused beside its field, and Graduate stays off.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from wizard.ui.graduation import words
from wizard.ui.pages.base import label
from wizard.ui.secret_rows import add_secret_row, all_accepted, typed_values
from wizard.ui.wrap import breakable


class ConfirmStep(QWidget):
    """Password fields per missing secret, the manual steps, and the typed org name."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = label(selectable=True, parent=self)
        self.summary.setAccessibleName("What graduating will do")
        self.secret_form = QFormLayout()
        self.secret_fields: dict[str, QLineEdit] = {}
        self.secret_needs: dict[str, Any] = {}  # name -> SecretNeed, whose form a typed value must have
        self.secret_refusals: dict[str, Any] = {}  # name -> the label beside its field that says why it is refused
        self.manual = label(rich=True, selectable=True, parent=self)
        self.manual.setAccessibleName("Steps left to do by hand")
        self.confirm_label = label(parent=self)
        self.confirm = QLineEdit(self)
        self.confirm.setAccessibleName("Type the org's name to confirm")
        self.confirm.textChanged.connect(lambda *_: self._typed_name())
        # Why Graduate stays greyed out while the name typed is not the org's (said, not guessed at).
        self.name_hint = label(parent=self)
        self.name_hint.setAccessibleName("Why Graduate is not available yet")
        self.name_hint.hide()
        self._name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(self.secret_form)
        layout.addWidget(self.manual)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.name_hint)
        layout.addStretch(1)

    def show_plan(self, preview: Any, summary: str) -> None:
        self.summary.setText(summary)
        self.clear_secrets()
        while self.secret_form.rowCount():
            self.secret_form.removeRow(0)
        self.secret_fields.clear()
        self.secret_needs.clear()
        self.secret_refusals.clear()
        for need in preview.secrets_needed:
            field, refused = add_secret_row(self.secret_form, need, self, self.changed.emit)
            self.secret_fields[need.name], self.secret_needs[need.name] = field, need
            self.secret_refusals[need.name] = refused
        steps = [f"<li><b>{escape(m.title)}</b>: {escape(breakable(m.do))}</li>" for m in preview.manual]
        self.manual.setText(f"<p>Afterwards, by hand (no API can do these):</p><ul>{''.join(steps)}</ul>" if steps else "")
        self.manual.setVisible(bool(steps))
        facts = preview.facts
        production = bool(preview.plan.production) and not preview.plan.empty
        self._name = facts.name
        self.confirm.clear()
        self.confirm.setPlaceholderText(facts.name)
        self.confirm_label.setText(f"{facts.name} is a PRODUCTION org: type its name ({facts.name}) to confirm." if production else "")
        self.confirm_label.setVisible(production)
        self.confirm.setVisible(production)

    def in_tab_order(self) -> list[QWidget]:
        """The step's fields top to bottom: the secret fields are made after the name's field, so
        Qt's own order would visit them last, after the dialog's buttons."""
        return [*self.secret_fields.values(), self.manual, self.confirm]

    def first_field(self) -> QWidget | None:
        """Where typing starts: the first secret, else the org's name (None: nothing to type)."""
        if self.secret_fields:
            return next(iter(self.secret_fields.values()))
        return self.confirm if not self.confirm.isHidden() else None

    def _typed_name(self) -> None:
        hint = words.confirm_name_hint(self.confirm.text(), self._name)
        self.name_hint.setText(hint)
        self.name_hint.setVisible(bool(hint))
        self.changed.emit()

    def ready(self, preview: Any) -> bool:
        """Every secret typed (of its form, if it has one), and a production org's name typed exactly."""
        if not all_accepted(self.secret_needs, self.secret_fields):  # each refusal is said beside its field
            return False
        if preview.plan.production and not preview.plan.empty:
            return self.confirm.text().strip() == preview.facts.name
        return True

    def take_secrets(self) -> dict[str, str]:
        """The typed values, once: the fields are emptied as they are read."""
        values = typed_values(self.secret_needs, self.secret_fields)
        self.clear_secrets()
        return values

    def clear_secrets(self) -> None:
        for field in self.secret_fields.values():
            field.clear()
