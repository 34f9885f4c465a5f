"""What every provider panel shares: a card with a title, fields, a status line and its actions.

A panel collects what only the admin can give (credentials, choices), runs its slow work on the
window's `TaskRunner` (progress in the task strip, Cancel that always answers) and, when the
provider side has been checked, asks the controller to check the pages that show it: the results
travel as ``extra`` results through the normal verification, so rows, side panel, Summary and
report stay one truth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.ui.pages.base import Notice, button, label


def line_edit(parent: QWidget, accessible: str, *, secret: bool = False, placeholder: str = "") -> QLineEdit:
    """A field with an accessible name; a secret one never echoes and is never pre-filled from disk."""
    field = QLineEdit(parent)
    field.setAccessibleName(accessible)
    field.setPlaceholderText(placeholder)
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText)
    return field


class ProviderPanel(QFrame):
    """A card: title, intro, a form grid, a status line, a notice, a row of buttons."""

    def __init__(self, controller: Any, hub: Any, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.controller = controller
        self.hub = hub
        self.title = label(title, name="SectionTitle", parent=self)
        self.title.setAccessibleName(title)
        self.intro = label(intro, muted=True, parent=self)
        self.intro.setVisible(bool(intro))
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(6)
        self.form.setColumnStretch(1, 1)
        self.status = label(muted=True, selectable=True, parent=self)
        self.status.setAccessibleName(f"{title}: status")
        self.status.hide()
        self.notice = Notice(self)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 8, 16, 12)
        for widget in (self.title, self.intro):
            box.addWidget(widget)
        box.addLayout(self.form)
        box.addLayout(self.actions)
        box.addWidget(self.status)
        box.addWidget(self.notice)
        self._rows = 0
        self._row_parts: dict[int, list[Any]] = {}
        hub.changed.connect(self._hub_changed)

    # -- building ----------------------------------------------------------------------------------
    def add_row(self, text: str, widget: Any, extra: Any = None) -> Any:
        caption = label(text, parent=self)
        if isinstance(widget, QWidget):
            caption.setBuddy(widget)
        self.form.addWidget(caption, self._rows, 0)
        if isinstance(widget, QWidget):
            self.form.addWidget(widget, self._rows, 1, 1, 1 if extra is not None else 2)
        else:
            self.form.addLayout(widget, self._rows, 1, 1, 1 if extra is not None else 2)
        if extra is not None:
            self.form.addWidget(extra, self._rows, 2)
        self._row_parts[id(widget)] = [caption, widget, extra]
        self._rows += 1
        return widget

    def show_row(self, widget: Any, visible: bool) -> None:
        """Show or hide a row of the form (its caption, field and button) by its field."""
        for part in self._row_parts.get(id(widget), []):
            if isinstance(part, QWidget):
                part.setVisible(visible)
            elif part is not None:  # a layout of widgets
                for i in range(part.count()):
                    item = part.itemAt(i).widget()
                    if item is not None:
                        item.setVisible(visible)

    def add_full_row(self, widget: QWidget) -> QWidget:
        self.form.addWidget(widget, self._rows, 0, 1, 3)
        self._rows += 1
        return widget

    def add_button(self, text: str, accessible: str, slot: Callable[[], None], *, primary: bool = False) -> QPushButton:
        widget = button(text, accessible, primary=primary, parent=self)
        widget.clicked.connect(lambda *_: slot())
        self.actions.addWidget(widget)
        return widget

    def finish_actions(self) -> None:
        self.actions.addStretch(1)

    # -- telling the admin -----------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def problem(self, text: str) -> None:
        self.notice.show_text(text)

    # -- running ---------------------------------------------------------------------------------------
    def run(self, label_text: str, fn: Callable[..., Any], on_done: Callable[[Any], None], *, key: str,
            with_progress: bool = False, on_cancel: Callable[[], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fn`` on a worker; errors land in the notice in the admin's words (or in ``on_error``)."""
        self.problem("")

        def failed(exc: BaseException) -> None:
            if on_error is not None:
                on_error(exc)
            else:
                self.say("")
                self.problem(str(exc) or type(exc).__name__)
            self.busy_changed()

        def cancelled() -> None:
            if on_cancel is not None:
                on_cancel()
            self.say("Cancelled. Nothing was changed; the rows show the last complete check.")
            self.busy_changed()

        def done(result: Any) -> None:
            on_done(result)
            self.busy_changed()

        self.controller.tasks.run(label_text, fn, on_done=done, on_error=failed, on_cancel=cancelled, key=key,
                                  with_progress=with_progress)
        self.busy_changed()

    def busy_changed(self) -> None:
        """Enable or disable buttons while a task runs (panels override)."""

    def check_pages(self, page_ids: list[str]) -> None:
        """Let the normal verification pick up the provider results on these pages."""
        c = self.controller
        guide = c.guide
        if guide is None or c.signed is None or not c.flow.signed_in:
            self.say(self.status.text() + " Sign in to the org to see the results on the guide's pages.")
            return
        known = [p.id for p in guide.pages]
        c.check([p for p in known if p in set(page_ids)])

    def _hub_changed(self, side: str) -> None:
        self.hub_changed(side)

    def hub_changed(self, side: str) -> None:
        """A demo side started, or a session changed (panels override)."""
