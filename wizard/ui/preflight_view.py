"""The connection preflight, shown right after sign-in: who, where, which rights, what blocks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

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


#: The share of a row's width the name and the finding get (the badge takes what it needs).
NAME_SHARE, FINDING_SHARE = 1, 2


class PreflightView(QFrame):
    """One line per preflight item: status badge, name, what was found, and what it means.

    Names and findings both wrap, and they share the row by a fixed proportion: a column sized to
    its longest name in one line ("Permission: View Setup and Configuration", a permission set's
    long name) left the finding, the longer text, a narrow strip at the window's smallest size or
    with larger text, where a reason such as "Needed for turning on ECI..." broke after every word
    or two. So a name wraps within its third of the row, and the finding has the rest.

    A wrapped label is also never shorter than its text at the width it was given: the grid was
    seen to give a row the height its finding needs at another width (three lines where four were
    needed), cutting off the last line. Each label's minimum height follows its width
    (`eventFilter`), so no layout can make a row shorter than what it says.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(16, 12, 16, 12)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, NAME_SHARE)
        self.grid.setColumnStretch(2, FINDING_SHARE)
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
            name.setAccessibleName(item.name)
            text = item.observed + (f"\n{item.message}" if item.message else "")
            detail = label(text, selectable=True, parent=self)
            detail.setAccessibleName(f"{item.name}: {text}")
            for part in (name, detail):
                part.installEventFilter(self)
            top = Qt.AlignmentFlag.AlignTop
            self.grid.addWidget(badge, row, 0, top)
            self.grid.addWidget(name, row, 1, top)
            self.grid.addWidget(detail, row, 2, top)
            self.lines.append((item.name, item.status.label))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A wrapped label given a new width asks for the height its text needs there (see the class)."""
        if event.type() == QEvent.Type.Resize and isinstance(watched, QLabel) and watched.wordWrap():
            needed = watched.heightForWidth(watched.width())
            if needed > 0 and needed != watched.minimumHeight():
                watched.setMinimumHeight(needed)
        return super().eventFilter(watched, event)
