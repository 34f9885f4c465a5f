"""Step 3 of a graduation: the side-by-side preview, and what is worth knowing before any write.

Per setting: the sandbox's value, this org's value now, and what this org will get, grouped by the
guide's pages as the command line prints them. Values are shown whole (wrapped, and in full as a
tooltip), since a cut URL is the one detail an admin needs to compare. The findings follow with
blockers first; while a blocker stands, the next step is refused unless "Graduate anyway" is
ticked: the admin then says, in so many words, that what is missing will be there.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.ui.graduation import words
from wizard.ui.pages.base import label
from wizard.ui.wrap import breakable

#: Space between two rows of the table, in pixels.
ROW_PADDING = 6
#: The tallest the findings get before they scroll (the table needs the room more).
MAX_FINDINGS = 170
SEVERITY_HEADINGS = {"block": "Blocks graduation", "warn": "Worth knowing before you graduate", "info": "Good to know"}


class WrappingDelegate(QStyledItemDelegate):
    """Row heights from the text wrapped at its column's width.

    A tree view asks for an item's size without telling the delegate how wide its column is, so a
    wrapped value is given one line and drawn cut short ("https://acme--uat.sandbox.my…"). This
    delegate measures at the column's real width (less the indentation of the first column).
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self.tree.header().sectionSize(index.column())
        if index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.tree.indentation() * depth
        measured = QStyleOptionViewItem(option)
        measured.rect = QRect(0, 0, max(width, 40), 1)
        size = super().sizeHint(measured, index)
        return QSize(size.width(), size.height() + ROW_PADDING)  # rows of several lines must not run together


class SideBySideTree(QTreeWidget):
    """The preview table: four columns, one group per guide page, long values wrapped in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setAccessibleName("Each setting: the sandbox's value, this org's value now, and what this org will get")
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(WrappingDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.doItemsLayout)  # row heights follow the new column widths
        header.sectionResized.connect(lambda *_: self._relayout.start())


def side_by_side_tree(parent: QWidget) -> QTreeWidget:
    return SideBySideTree(parent)


def fill_tree(tree: QTreeWidget, rows: list[Any], source_label: str) -> None:
    """One top-level item per guide page, one child per setting (its action mark and words)."""
    tree.clear()
    tree.setHeaderLabels(["Setting", source_label, "This org now", "Will get"])
    group: QTreeWidgetItem | None = None
    page = None
    for row in rows:
        if row.page_title != page or group is None:
            page = row.page_title
            group = QTreeWidgetItem(tree, [row.page_title])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
        mark = words.ACTION_MARKS.get(row.action, " ") + ("*" if row.environment_dependent else "")
        cells = [f"{mark} {row.label}", row.source, row.target_now, row.target_will_get]
        item = QTreeWidgetItem(group, [breakable(text) for text in cells])
        action = words.ACTION_WORDS.get(row.action, "")
        for column, text in enumerate(cells):
            item.setToolTip(column, text)
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)  # read across a row
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{row.label}: {action}")
        item.setData(3, Qt.ItemDataRole.AccessibleTextRole, f"Will get: {row.target_will_get}")
        item.setData(0, Qt.ItemDataRole.UserRole, row.setting_id)
    tree.expandAll()


def findings_html(findings: list[Any]) -> str:
    """The findings under one heading per severity, blockers first."""
    parts: list[str] = []
    severity = None
    for finding in words.findings_in_order(findings):
        if finding.severity != severity:
            severity = finding.severity
            parts.append(f"<p style='margin-top:6px'><b>{escape(SEVERITY_HEADINGS.get(severity, severity))}</b></p>")
        todo = f" {escape(finding.todo)}" if finding.todo else ""
        mark = "✖ " if finding.severity == "block" else "▲ " if finding.severity == "warn" else ""
        parts.append(f"<p>{mark}<b>{escape(finding.title)}</b>: {escape(breakable(finding.detail))}{todo}</p>")
    return "".join(parts)


class PreviewStep(QWidget):
    """The summary line, the table, its legend, the findings and "Graduate anyway"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = label(selectable=True, parent=self)
        self.summary.setAccessibleName("What graduation will do")
        self.tree = side_by_side_tree(self)
        self.legend = label(words.LEGEND, muted=True, parent=self)
        self.findings = label(rich=True, selectable=True)
        self.findings.setAccessibleName("Ahead of trouble: what this org lacks or should know")
        self.findings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.findings_area = QScrollArea(self)
        self.findings_area.setWidgetResizable(True)
        self.findings_area.setWidget(self.findings)
        self.findings_area.setMaximumHeight(0)  # sized to its text (`_fit_findings`), up to MAX_FINDINGS
        self.anyway = QCheckBox("Graduate &anyway: I know this org lacks what blocks graduation, and it will be there in time",
                                self)
        self.anyway.setAccessibleName("Graduate anyway, although this org lacks what blocks graduation")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.findings_area)
        layout.addWidget(self.anyway)
        self.clear()

    def clear(self, text: str = "") -> None:
        self.summary.setText(text)
        self.tree.clear()
        self.findings.clear()
        self.findings_area.hide()
        self.anyway.setChecked(False)
        self.anyway.hide()

    def show_preview(self, preview: Any, source_label: str) -> None:
        fill_tree(self.tree, preview.rows, source_label)
        self.findings.setText(findings_html(preview.findings))
        self.findings_area.setVisible(bool(preview.findings))
        self.anyway.setChecked(False)
        self.anyway.setVisible(bool(preview.blockers))
        self._fit_findings()

    def _fit_findings(self) -> None:
        """As tall as the findings need, up to MAX_FINDINGS (then it scrolls): no empty band under a
        short finding, and the table keeps most of the room."""
        width = self.findings_area.viewport().width() or self.width()
        needed = self.findings.heightForWidth(max(width - 4, 100)) + 2 * self.findings_area.frameWidth() + 4
        self.findings_area.setMaximumHeight(min(needed, MAX_FINDINGS))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.findings_area.isVisible():
            self._fit_findings()
