"""The connection preflight, shown right after sign-in: who, where, which rights, what blocks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QWidget

from wizard.ui.pages.base import label
from wizard.ui.status_badge import StatusBadge


def connected_heading(preflight: Any) -> str:
    """The line above the preflight: connected (or blocked), to which org, as whom.

    Only what was found is stated: an org whose own record could not be read is named by its id,
    and its environment (unknown then, though treated as production) is left out rather than
    shown as "(Production)".
    """
    facts = preflight.facts
    state = "Connected" if not preflight.blocked else "Connected, but something blocks the checks (see below)"
    org = facts.name if preflight.org_known and facts.name else f"org {facts.org_id} (its name could not be read)"
    environment = f" ({facts.environment})" if preflight.environment_known else ""
    who = f" as {facts.username}" if facts.username else ""
    return f"{state}: {org}{environment}{who}"


class PreflightView(QFrame):
    """One line per preflight item: status badge, name, what was found, and what it means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(16, 12, 16, 12)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(2, 1)
        self.lines: list[tuple[str, str]] = []  # (name, status label): what tests and readers check

    def show_items(self, items: tuple[Any, ...] | list[Any]) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.lines = []
        for row, item in enumerate(items):
            badge = StatusBadge(item.status, self)
            name = label(item.name, name="SettingName", parent=self)
            text = item.observed + (f"\n{item.message}" if item.message else "")
            detail = label(text, selectable=True, parent=self)
            detail.setAccessibleName(f"{item.name}: {text}")
            top = Qt.AlignmentFlag.AlignTop
            self.grid.addWidget(badge, row, 0, top)
            self.grid.addWidget(name, row, 1, top)
            self.grid.addWidget(detail, row, 2, top)
            self.lines.append((item.name, item.status.label))
