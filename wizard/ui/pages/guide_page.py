"""One page of a guide, generated from the guide file: instructions, values to copy, settings.

Nothing here is written per guide: the page title, our instructions, the Setup path, the
values to copy and the settings all come from the `PageSpec`. Results arrive from the
controller; the page never calls the network itself.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from wizard.engine.results import Status
from wizard.flow import page_step
from wizard.guides.schema import Guide, PageSpec
from wizard.ui.copy_values import CopyValues
from wizard.ui.counting import left_parts
from wizard.ui.help_links import help_html
from wizard.ui.pages.base import StepPage, button, label
from wizard.ui.setting_row import SettingRow, column_header
from wizard.ui.wrap import breakable

SIDES = {"salesforce": "SALESFORCE", "provider": "PROVIDER CONSOLE", "aws": "AWS", "sftp": "SFTP"}


def counts_line(results: list[Any], total: int, page: PageSpec | None = None) -> str:
    """'3 of 8 done (1 confirmed by hand) · 4 to fix · 1 to review · 1 to check · 1 to confirm · 1 could not be checked'.

    Words, not colours. A manual step confirmed by hand is done (the report leaves it off its
    to-do list too), but it is named as such: the admin's word, not something the wizard read.
    A checked setting still waiting for its check (given `page`) is "to check", never "to confirm":
    it has no "I've done this" (`wizard.ui.counting`). The side list and the Summary count the same.
    """
    if not results:
        return f"{total} settings, not checked yet"
    passed = sum(1 for r in results if r.ok)
    by_hand = sum(1 for r in results if r.confirmed_by_hand)
    parts = [f"{passed} of {len(results)} done" + (f" ({by_hand} confirmed by hand)" if by_hand else "")]
    return " · ".join(parts + left_parts(results, page, "could not be checked"))


class GuidePage(StepPage):
    def __init__(self, controller: Any, guide: Guide, page: PageSpec, number: int, *, on_open_setup: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"PAGE {number} OF {len(guide.pages)} · {SIDES.get(page.side, page.side.upper())}",
                         page.title, page.summary, parent)
        self.step_id = page_step(page.id)
        self.controller = controller
        self.guide = guide
        self.page = page
        inner = self.widget()
        self.help = label(help_html(guide, page), name="HelpLink", rich=True, parent=inner)
        self.help.setAccessibleName("Help: the matching section of the source guide")
        self.body.insertWidget(self.body.indexOf(self.notice), self.help)

        self.steps_heading = self.section("What to do")
        # The card is always wide enough for a name of up to 30 characters: a line breaks before it.
        steps = "".join(f"<li style='margin-bottom:6px'>{escape(breakable(s, tight=False))}</li>"
                        for s in page.instructions)
        card = QFrame(inner)
        card.setObjectName("Instructions")
        box = QVBoxLayout(card)
        box.setContentsMargins(14, 10, 14, 10)
        self.instructions = label(f"<ol style='margin-left:-14px'>{steps}</ol>", rich=True, selectable=True, parent=card)
        self.instructions.setAccessibleName("Instructions")
        # Selectable by mouse (to copy a name from it) but not a Tab stop: it has no link or control,
        # and a stop there put a block of text between the page's help link and its buttons.
        self.instructions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.instructions.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        box.addWidget(self.instructions)
        self.body.addWidget(card)

        self.panels = [w for factory in controller.page_panels if (w := factory(controller, guide, page, inner)) is not None]
        for panel in self.panels:  # e.g. a provider's credential fields (wizard.ui.extensions)
            self.body.addWidget(panel)
            if hasattr(panel, "leads") and hasattr(panel, "hub"):  # the case can change without a new check
                panel.hub.changed.connect(self._place_leading_panels)  # a method: gone with the page

        self.copy_values: CopyValues | None = None
        if page.copy_values:
            self.section("Values to copy")
            self.copy_values = CopyValues(list(page.copy_values), inner)
            self.body.addWidget(self.copy_values)

        self.section("Settings in your org" if page.side == "salesforce" else "Settings")
        actions = QHBoxLayout()
        self.check_button = button("Check &again", f"Check the settings of {page.title} again", primary=True, parent=inner)
        self.check_button.setToolTip("Read these settings from the org again (Ctrl+R)")
        self.check_button.clicked.connect(lambda: controller.check([page.id]))
        actions.addWidget(self.check_button)
        self.open_button = None
        if page.setup_page:
            self.open_button = button("Open in Salesforce", f"Open the Setup page for {page.title} in Salesforce", parent=inner)
            self.open_button.setToolTip(f"Opens {page.setup_page} signed in; the page is checked again when you come back.")
            self.open_button.clicked.connect(lambda: on_open_setup(page))
            actions.addWidget(self.open_button)
        if page.console_url:
            console = button("Open the provider's console", f"Open {page.console_url} in your browser", parent=inner)
            console.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(page.console_url)))
            actions.addWidget(console)
        # Wraps (right-aligned) rather than widening the page when the buttons and counts are long.
        self.counts = label(muted=True, parent=inner)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counts.setAccessibleName("Settings on this page")
        actions.addWidget(self.counts, 1)
        self.body.addLayout(actions)
        self.body.addWidget(column_header(inner, page.side))
        check_name = next((p.check_button.text().replace("&", "") for p in self.panels if hasattr(p, "check_button")), "")
        self.rows: list[SettingRow] = []
        self._last_check: Any = None  # the newest check that read this page (a new one clears the notice)
        for setting in page.settings:
            row = SettingRow(setting, controller.fixer, inner, side=page.side, check_name=check_name)
            row.confirm_toggled.connect(self._confirm)
            row.fix_requested.connect(self._fix)
            row.open_requested.connect(lambda path, open_setup=on_open_setup: open_setup(page, path))
            self.rows.append(row)
            self.body.addWidget(row)
        self.finish()
        self.refresh()

    def _point_repeats_up(self) -> None:
        """Rows failing with one message and one fix (every setting of a component that is missing)
        say it once: the first row keeps the message and its Fix it for me, the others point to it."""
        first: dict[tuple[str, str], str] = {}
        for row in self.rows:
            result = row.result
            offered = not row.fix_button.isHidden()  # the wizard can make this fix here
            if result is None or result.status is not Status.FAIL or result.fix is None or not result.fix.fix_name or not offered:
                continue
            key = (result.message, result.fix.fix_name)
            if key in first:
                row.same_as_above(first[key])
            else:
                first[key] = row.setting.label

    def _place_leading_panels(self, *_: Any) -> None:
        """A panel that must be read before the steps (`leads`: "Not your case", which says they do
        not apply) stands above "What to do"; otherwise it stays after them, where it was built."""
        for panel in self.panels:
            if not hasattr(panel, "leads"):
                continue
            above = self.body.indexOf(panel) < self.body.indexOf(self.steps_heading)
            if bool(panel.leads) == above:
                continue
            self.body.removeWidget(panel)
            if panel.leads:
                self.body.insertWidget(self.body.indexOf(self.steps_heading), panel)
            else:
                self.body.insertWidget(self.body.indexOf(self.steps_heading) + 2, panel)  # after the steps' card

    def refresh(self) -> None:
        """Show the controller's newest results for this page."""
        self._place_leading_panels()
        c = self.controller
        newest = next((check for check in reversed(c.checks) if self.page.id in check.page_ids), None)
        if newest is not self._last_check:  # a check went through since: an older problem no longer holds
            self._last_check = newest
            self.notice.show_text(c.unfinished_fix_notice(self.page.id))  # a half-done fix outlasts a re-check
        results = {r.check_id: r for r in c.results(self.page.id)}
        checking = self.page.id in c.checking
        for row in self.rows:
            row.show_result(results.get(row.setting.id), checking)
        self._point_repeats_up()
        line = counts_line(list(results.values()), len(self.rows), self.page)
        self.counts.setText(("Checking… · " if checking else "") + line)
        self.check_button.setEnabled(c.signed is not None and c.flow.signed_in)
        if self.open_button is not None:
            self.open_button.setEnabled(c.signed is not None)
        if self.copy_values is not None:
            self.copy_values.update_org(c.facts)

    def _confirm(self, setting_id: str, done: bool) -> None:
        if done:
            self.controller.confirm(self.page.id, setting_id)
        else:
            self.controller.unconfirm(self.page.id, setting_id)

    def _fix(self, result: Any) -> None:
        fixer = self.controller.fixer
        if fixer is not None and fixer.fix(self.window(), [result], self.controller):
            self.controller.check([self.page.id])

    def row(self, setting_id: str) -> SettingRow:
        return next(r for r in self.rows if r.setting.id == setting_id)
