"""The side panel: every step of the wizard with its status (icon and word), one click to jump.

Each entry has two lines: the step's name, and its status in words with the status icon (the
colour repeats what the words say). Steps that need a signed-in org say so instead of being
silently disabled. Keyboard: arrows move, Enter or Space opens the step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from wizard.engine.results import Status
from wizard.flow import CHOOSE_GUIDE, SIGN_IN, SUMMARY, WELCOME, page_of
from wizard.guides.schema import PageSpec
from wizard.report.standing import WORDS, Standing, standing
from wizard.ui import theme
from wizard.ui.counting import confirmed_by_hand, left_parts
from wizard.ui.status_badge import status_text

STEP_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3


def page_status_line(status: Status | None, results: list[Any], checking: bool, page: PageSpec | None = None) -> str:
    """'✖ Fail · 2 to fix, 1 to review', '✋ Manual step · 1 to check', '✔ Pass'...: the page's counts.

    The same things left as the page's own counts line (`wizard.ui.counting`): a warning is "to
    review", and a manual-status row of a setting the wizard checks (given `page`) is "to check",
    as it has no "I've done this". A page that passes only with steps confirmed by hand says so
    ('✔ Pass · 1 confirmed by hand'), as the report names those steps rather than counting them as
    verified. `results` are the page's `CheckResult`s, or the report's rows left to do (the
    Summary's list, never confirmed).
    """
    if checking:
        return "⟳ Checking…"
    if status is None:
        return status_text(None)
    if status is Status.SKIPPED and results and all(
            standing(r.status, message=getattr(r, "message", "")) is Standing.OTHER_CASE for r in results):
        words = WORDS[Standing.OTHER_CASE]
        return f"{words.icon} {words.label}"  # the other case of the guide: as its rows and the Summary say
    parts = left_parts(results, page, "not checked")
    by_hand = confirmed_by_hand(results)
    parts += [f"{by_hand} confirmed by hand"] if by_hand and status is Status.PASS else []
    return status_text(status) + (" · " + ", ".join(parts) if parts else "")


def line_color(status_value: str | None) -> QColor:
    """The colour of a step's second line: its status colour, or the theme's muted ink with no status.

    Not the palette's placeholder colour: Qt draws that lighter than the theme's muted colour (about
    3:1 on the side panel), below the 4.5:1 that small text needs; muted reads at 4.5:1 or more in
    both themes.
    """
    current = theme.current()
    return QColor(current.status_color(Status(status_value)) if status_value else current.colors["muted"])


class _StepDelegate(QStyledItemDelegate):
    """Two lines per step: the name, then the status in its colour (with icon and word)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        enabled = bool(index.flags() & Qt.ItemFlag.ItemIsEnabled)
        palette = opt.palette
        ink = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(10, 6, -8, -6)
        painter.save()
        title_font = QFont(opt.font)
        title_font.setBold(selected)
        painter.setFont(title_font)
        painter.setPen(ink if enabled else palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        line_height = opt.fontMetrics.height()
        # Shortened with the metrics of the font it is drawn in: the selected step's title is bold, wider.
        title = QFontMetrics(title_font).elidedText(index.data(TITLE_ROLE) or "", Qt.TextElideMode.ElideRight,
                                                    rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line_height), Qt.AlignmentFlag.AlignLeft, title)
        small = QFont(opt.font)
        small.setPointSizeF(max(opt.font.pointSizeF() * 0.9, 7.0))
        painter.setFont(small)
        painter.setPen(ink if selected else line_color(index.data(STATUS_ROLE)))
        line = QFontMetrics(small).elidedText(index.data(LINE_ROLE) or "", Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + line_height + 2, rect.width(), line_height),
                         Qt.AlignmentFlag.AlignLeft, line)
        painter.restore()


class StepList(QFrame):
    """The panel; `jump_requested(step)` when the admin picks a step."""

    jump_requested = Signal(str)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("SidePanel")
        self.setMinimumWidth(230)
        self.setMaximumWidth(320)
        title = QLabel("Your progress", self)
        title.setObjectName("SideTitle")
        self.list = QListWidget(self)
        self.list.setObjectName("StepList")
        self.list.setAccessibleName("Steps of the guide")
        self.list.setAccessibleDescription("Every step with its status. Press Enter to open a step.")
        self.list.setItemDelegate(_StepDelegate(self.list))
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        self._refreshing = False

    def _activated(self, item: QListWidgetItem) -> None:
        if not self._refreshing and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.jump_requested.emit(item.data(STEP_ROLE))

    def entries(self) -> list[tuple[str, str, str, Status | None]]:
        """(step, title, status line, status) for every step, as the panel shows them."""
        c = self.controller
        flow = c.flow
        out: list[tuple[str, str, str, Status | None]] = []
        guide = c.guide
        out.append((WELCOME, "Welcome", "What you'll need", None))
        out.append((CHOOSE_GUIDE, "Choose your guide", f"✔ {guide.title}" if guide else "○ Not chosen yet",
                    Status.PASS if guide else None))
        if c.signed is not None:
            facts = c.facts
            kind = facts.environment if c.signed.preflight.environment_known else "not identified"
            out.append((SIGN_IN, "Sign in", f"✔ {facts.name or facts.username} ({kind})", Status.PASS))
        else:
            out.append((SIGN_IN, "Sign in", "○ Not signed in", None))
        if guide is not None:
            for number, page in enumerate(guide.pages, start=1):
                step = "page:" + page.id
                if not flow.signed_in:
                    line, status = "Sign in first", None
                else:
                    status = flow.page_status(page.id)
                    line = page_status_line(status, c.results(page.id), page.id in c.checking, page)
                out.append((step, f"{number}. {page.title}", line, status))
        out.append((SUMMARY, "Summary and report", "Sign in first" if not flow.signed_in else "Counts, verdict, export",
                    None))
        return out

    def refresh(self) -> None:
        """Rebuild the entries from the controller (cheap: a dozen items)."""
        self._refreshing = True
        flow = self.controller.flow
        entries = self.entries()
        if self.list.count() != len(entries):
            self.list.clear()
            for _ in entries:
                self.list.addItem(QListWidgetItem())
        for row, (step, title, line, status) in enumerate(entries):
            item = self.list.item(row)
            item.setData(STEP_ROLE, step)
            item.setData(TITLE_ROLE, title)
            item.setData(LINE_ROLE, line)
            item.setData(STATUS_ROLE, status.value if status is not None else None)
            item.setText(f"{title}. {line.lstrip('✔✖▲✋?–○⟳ ')}")  # what screen readers read
            item.setToolTip(f"{title}\n{line}")
            enabled = flow.can_jump(step) or step == flow.current
            flags = Qt.ItemFlag.ItemIsSelectable | (Qt.ItemFlag.ItemIsEnabled if enabled else Qt.ItemFlag.NoItemFlags)
            item.setFlags(flags)
            if step == flow.current:
                self.list.setCurrentItem(item)
        self._refreshing = False
        self.list.viewport().update()

    def step_line(self, step: str) -> str:
        """The status line shown for a step (tests and screen readers use the same words)."""
        return next((line for s, _t, line, _st in self.entries() if s == step), "")

    def page_of_current(self) -> str | None:
        return page_of(self.controller.flow.current)
