"""One setting of a guide page: the setting, what is expected, what the org has, the status.

Below that: what the result means, the evidence on demand (the query or metadata read that
showed it, so an auditor can repeat it), "I've done this" for manual steps (recorded with who
and when; the badge then reads "✔ Confirmed", never "Pass", and Undo takes it back), and "Fix it
for me" when a fixer says it can fix this setting. A setting changed on a Setup page other than
its page's own (the ECI switch on "Before you start") gets a link to that page when it needs work;
one changed in another console than its page's (a CloudFront key on the Secrets Manager page) gets
a link to that console while it needs work or waits to be confirmed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QWidget

from wizard.engine.results import CheckResult, Status
from wizard.guides.schema import SettingSpec
from wizard.report.standing import Standing, standing
from wizard.ui.pages.base import button, label
from wizard.ui.status_badge import StatusBadge, repolish

#: Column stretch of setting / expected / in your org / status: the header uses the same.
COLUMNS = (4, 3, 3, 0)
STATUS_WIDTH = 150
#: What a provider check that still waits for its input says it observed (wizard.providers.voice.results).
NOT_CHECKED_YET = "not checked yet"
ROW_MARGINS = (14, 10, 14, 10)
SPACING = 14


#: What the third column is called, by the page's side. Only a Salesforce page reads everything from
#: the org; the provider, AWS and SFTP pages show what the provider (or, on some rows, the org) has.
FOUND_HEADINGS = {"salesforce": "In your org"}
FOUND_ELSEWHERE = "Found"
#: The words of a setting's own console link (`SettingSpec.console_url`), by the page's side.
CONSOLE_WORDS = {"aws": "Open in the AWS console"}
CONSOLE_ELSEWHERE = "Open in the provider's console"


def found_heading(side: str) -> str:
    """'In your org' on a Salesforce page, 'Found' on the provider, AWS and SFTP pages."""
    return FOUND_HEADINGS.get(side, FOUND_ELSEWHERE)


def column_header(parent: QWidget, side: str = "salesforce") -> QWidget:
    """The header above the rows: Setting · Expected · In your org (or Found) · Status."""
    header = QWidget(parent)
    grid = QGridLayout(header)
    grid.setContentsMargins(ROW_MARGINS[0] + 5, 0, ROW_MARGINS[2] + 1, 0)  # + the row's borders
    grid.setHorizontalSpacing(SPACING)
    headings = ("SETTING", "EXPECTED", found_heading(side).upper(), "STATUS")
    for col, (text, stretch) in enumerate(zip(headings, COLUMNS, strict=True)):
        grid.addWidget(label(text, name="ColumnHeader", parent=header), 0, col)
        grid.setColumnStretch(col, stretch)
    grid.setColumnMinimumWidth(3, STATUS_WIDTH)
    return header


def _evidence_text(result: CheckResult) -> str:
    return "\n".join(f"{e.source}: {e.detail}" for e in result.evidence)


class SettingRow(QFrame):
    """A row; `confirm_toggled(setting_id, done)` and `fix_requested(result)` go to the page."""

    confirm_toggled = Signal(str, bool)
    fix_requested = Signal(object)
    #: The setting's own Setup path (`SettingSpec.setup_page`), to open signed in.
    open_requested = Signal(str)

    def __init__(self, setting: SettingSpec, fixer: Any = None, parent: QWidget | None = None, *,
                 side: str = "salesforce", check_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("SettingRow")
        self.setting = setting
        self.fixer = fixer
        self.found = found_heading(side)
        #: The button above the rows that checks this setting ("Check the key"), if the page has one.
        self.check_name = check_name
        self.result: CheckResult | None = None
        # An optional setting says so where it is read, as `guides show` and the report do.
        self.name = label(f"{setting.label} (optional)" if setting.optional else setting.label, name="SettingName",
                          selectable=True, parent=self)
        self.expected = label(selectable=True, parent=self)
        self.observed = label(selectable=True, parent=self)
        self.observed.setObjectName("Observed")
        self.badge = StatusBadge(None, self)
        self.message = label(muted=True, selectable=True, parent=self)
        # Made in the order they are seen (left to right), which is the order Tab takes them in.
        self.open_button = button("Open its Setup page", f"Open the Setup page of {setting.label} in Salesforce",
                                  link=True, parent=self)
        if setting.setup_page:
            self.open_button.setToolTip(f"Opens {setting.setup_page} signed in; the page is checked again when you come back.")
            self.open_button.clicked.connect(lambda: self.open_requested.emit(setting.setup_page or ""))
        console_words = CONSOLE_WORDS.get(side, CONSOLE_ELSEWHERE)
        self.console_button = button(console_words, f"{console_words}: {setting.label}", link=True, parent=self)
        if setting.console_url:
            self.console_button.setToolTip(f"Opens {setting.console_url} in your browser, where this setting is changed.")
            self.console_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(setting.console_url or "")))
        self.fix_button = button("Fix it for me", f"Fix it for me: {setting.label}", parent=self)
        self.fix_button.clicked.connect(lambda: self.result is not None and self.fix_requested.emit(self.result))
        self.done_button = button("I've &done this", f"I've done this: {setting.label}", parent=self)
        self.done_button.clicked.connect(lambda: self.confirm_toggled.emit(setting.id, True))
        self.undo_button = button("Undo", f"Undo the confirmation of {setting.label}", link=True, parent=self)
        self.undo_button.clicked.connect(lambda: self.confirm_toggled.emit(setting.id, False))
        self.evidence: Any = None  # a QCollapsible, built the first time there is evidence
        # The buttons sit on a line of their own under the message (beside "Evidence"), never in the
        # Status column: two buttons there widened it and pushed this row's columns out of line
        # with the header's.
        self.below = QHBoxLayout()
        self.below.setSpacing(6)
        self.below.addStretch(1)
        for widget in (self.open_button, self.console_button, self.fix_button, self.done_button, self.undo_button):
            self.below.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
            widget.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(*ROW_MARGINS)
        grid.setHorizontalSpacing(SPACING)
        grid.setVerticalSpacing(4)
        for col, stretch in enumerate(COLUMNS):
            grid.setColumnStretch(col, stretch)
        grid.setColumnMinimumWidth(3, STATUS_WIDTH)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.expected, 0, 1)
        grid.addWidget(self.observed, 0, 2)
        grid.addWidget(self.badge, 0, 3, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.message, 1, 0, 1, 3)
        grid.addLayout(self.below, 2, 0, 1, 4)
        self._grid = grid
        self.show_result(None)

    def show_result(self, result: CheckResult | None, checking: bool = False) -> None:
        """Fill the row from a result (None: not checked yet)."""
        self.result = result
        status = result.status if result is not None else None
        # A manual step confirmed by hand is the admin's word, not a pass the wizard verified.
        confirmed = result is not None and result.confirmed_by_hand
        if checking and result is None:
            self.badge.setText("⟳ Checking…")
            self.badge.setAccessibleName("Status: Checking…")
        elif confirmed:
            self.badge.set_confirmed()
        elif self.setting.manual is None and status is Status.MANUAL:
            self.badge.set_to_check()  # waits for a check the admin runs, as the Summary and report say
        elif status is Status.SKIPPED and standing(status, message=result.message if result else "") is Standing.OTHER_CASE:
            self.badge.set_standing(Standing.OTHER_CASE)  # the other case of the guide: nothing to do here
        else:
            self.badge.set_status(status)
        manual = self.setting.manual is not None
        if result is None:
            self.expected.setText(self.setting.manual.confirm if manual else "—")
            self.observed.setText("not checked yet")
            self.message.setText(self.setting.manual.do if manual else "")
        elif not manual and status is Status.MANUAL:  # waits for a check the admin runs: nothing to confirm
            self.expected.setText(result.expected or "—")
            self.observed.setText(self._waiting_observed(result.observed))
            self.message.setText(self._waiting_message(result.message))
        else:
            self.expected.setText(result.expected or "—")
            self.observed.setText(result.observed or "—")
            self.message.setText(result.message)
        self.message.setVisible(bool(self.message.text()))
        self.observed.setProperty("status", status.value if status else "none")
        self.setProperty("status", status.value if status else "none")
        repolish(self)
        repolish(self.observed)
        # A manual setting that a provider check judged is not "by hand": no confirm/undo buttons.
        by_hand = manual and result is not None and (result.status is Status.MANUAL or confirmed)
        self.done_button.setVisible(by_hand and not confirmed)
        self.undo_button.setVisible(by_hand and confirmed)
        # A read that failed ("Could not check") is not a setting to fix: check again first.
        can_fix = bool(self.fixer is not None and not by_hand and result is not None and not result.ok
                       and result.status is not Status.ERROR and self.fixer.can_fix(result))
        self.fix_button.setVisible(can_fix)
        needs_work = result is not None and result.status in (Status.FAIL, Status.WARN)
        self.open_button.setVisible(bool(self.setting.setup_page) and needs_work)
        # A step done by hand in the console needs it until it is confirmed, like a failed setting.
        to_do = needs_work or (result is not None and result.status is Status.MANUAL and not confirmed)
        self.console_button.setVisible(bool(self.setting.console_url) and to_do)
        self._show_evidence(result)
        words = (f"{self.setting.label}. Status: {self.badge.words}. Expected: {self.expected.text()}. "
                 f"{self.found}: {self.observed.text()}.")
        self.setAccessibleName(words)

    def same_as_above(self, first: str) -> None:
        """This row fails for the very reason, with the very fix, of the row `first` above it (a
        missing named credential fails each of its settings): its message and Fix would repeat
        that row's word for word, so the row points there instead."""
        self.message.setText(f"For the same reason as “{first}” above; its fix covers this setting too.")
        self.message.setVisible(True)
        self.fix_button.hide()

    def _where_to_check(self) -> str:
        return f"“{self.check_name}” above" if self.check_name else "the check above"

    def _waiting_observed(self, observed: str) -> str:
        """What the org column says while the check waits: never "not checked yet" beside a badge."""
        if not observed or observed == NOT_CHECKED_YET:
            return f"waiting for {self._where_to_check()}"
        return observed

    def _waiting_message(self, message: str) -> str:
        """The result's own words, then what to do: there is no "I've done this" for a checked setting."""
        todo = f"Nothing to confirm by hand: use {self._where_to_check()}, which checks this."
        return f"{message} {todo}".strip()

    def _show_evidence(self, result: CheckResult | None) -> None:
        text = _evidence_text(result) if result is not None else ""
        if not text:
            if self.evidence is not None:
                self.evidence.hide()
            return
        if self.evidence is None:
            # superqt loads all its widgets when imported: only once a page shows results.
            from superqt import QCollapsible

            self.evidence = QCollapsible("Evidence", self, expandedIcon="▾", collapsedIcon="▸")
            self.evidence.setDuration(0)
            self.evidence.layout().setContentsMargins(0, 0, 0, 0)
            self.evidence.layout().setSpacing(2)
            toggle = self.evidence.toggleButton()
            toggle.setAccessibleName(f"Show the evidence for {self.setting.label}")
            toggle.setToolTip("The query or metadata read that showed this, so anyone can repeat it")
            toggle.setStyleSheet("text-align: left; border: none; padding: 2px 0; background: transparent;")
            self.evidence_label = label(selectable=True, parent=self.evidence)
            self.evidence_label.setObjectName("Evidence")
            self.evidence.addWidget(self.evidence_label)
            self.below.insertWidget(0, self.evidence, 3, Qt.AlignmentFlag.AlignTop)
            # Built after the buttons, so Tab would reach it after them (and after the rows below):
            # put it just before this row's first button, where it is seen.
            QWidget.setTabOrder(self.open_button.previousInFocusChain(), toggle)
            QWidget.setTabOrder(toggle, self.open_button)
        self.evidence_label.setText(text)
        self.evidence.show()
