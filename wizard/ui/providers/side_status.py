"""A line on the other pages of a provider side: when it was last checked, and the way back.

The ExecVision delivery and the AWS account are entered and checked on one page of their guide;
the pages after it show their rows from that check. This strip says so, with a button to the
page where the check is run again, and, where AWS fails a setting the wizard can write (the
bucket's CORS rule, the secret's CloudFront keys), "Fix it for me" for it: the guide marks those
settings as steps a person confirms, so their rows offer the confirmation rather than the fix.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from wizard.flow import page_step
from wizard.ui.pages.base import button, label
from wizard.ui.providers.fixer import AWS_FIXES
from wizard.ui.providers.hub import AWS, EXECVISION

WORDS = {EXECVISION: ("the ExecVision delivery", "Check the delivery…"), AWS: ("your AWS account", "Check AWS…")}


class SideStatus(QFrame):
    def __init__(self, controller: Any, hub: Any, side: str, guide: Any, home: str, page: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setObjectName("Card")
        self.controller, self.hub, self.side, self.guide, self.home = controller, hub, side, guide, home
        what, action = WORDS[side]
        self.text = label(muted=True, selectable=True, parent=self)
        self.text.setAccessibleName(f"State of {what}")
        self.go = button(action, f"Go to the page where {what} is checked", parent=self)
        self.go.clicked.connect(lambda *_: controller.go(page_step(home)))
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.addWidget(self.text, 1)
        self.fix_button = button("Fix it for me…", "Fix it for me", primary=True, parent=self)
        self.fix_button.clicked.connect(lambda *_: self.fix())
        self.fix_button.hide()
        row.addWidget(self.fix_button)
        row.addWidget(self.go)
        hub.changed.connect(self.refresh)
        controller.results_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: Any) -> None:
        what = WORDS[self.side][0]
        session = self.hub.made(self.side)
        title = self.guide.page(self.home).title
        other_case = self._other_case(session)
        if other_case is not None:
            chosen, page_case = other_case
            self.text.setText(f"Not your case: this page is for {page_case}, and your recordings come from {chosen}. "
                              f"Nothing here applies; to change the case, choose it again on “{title}”.")
        elif self.side == EXECVISION and session is not None and session.checked_at is not None:
            when = session.checked_at.astimezone().strftime("%H:%M")
            self.text.setText(f"These rows come from the check of {what} at {when} ({session.entries.mode}). "
                              f"Fix the files, then check again on “{title}”.")
        elif self.side == AWS and session is not None and session.access is not None:
            self.text.setText(f"These rows are read from {what} ({session.access.source}, {session.access.region}) with "
                              f"every check of this page.")
        else:
            self.text.setText(f"Connect {what} on “{title}” and the wizard checks these settings for you; until then "
                              "confirm them by hand.")
        fixable = self.fixable()
        self.fix_button.setVisible(fixable is not None)
        if fixable is not None:
            self.fix_button.setText(f"Fix it for me: {fixable.setting}…")
            self.fix_button.setAccessibleName(f"Fix it for me: {fixable.setting}")

    @property
    def leads(self) -> bool:
        """Whether this strip belongs above the page's steps: "Not your case" says the steps do not
        apply, so it must be read before them, not after six long steps of the other case."""
        return self._other_case(self.hub.made(self.side)) is not None

    def _other_case(self, session: Any) -> tuple[str, str] | None:
        """(the chosen case, this page's case) in words when this ExecVision page is the other case's."""
        if self.side != EXECVISION or session is None or not getattr(session, "dialer_chosen", False):
            return None
        from wizard.providers.execvision.findings import CASE_WORDS
        from wizard.providers.execvision.guide_results import CASE_PAGES

        chosen = session.entries.dialer
        page_case = next((case for case, pages in CASE_PAGES.items() if self.page.id in pages), None)
        if page_case is None or page_case == chosen:
            return None
        return CASE_WORDS[chosen], CASE_WORDS[page_case]

    def fixable(self) -> Any:
        """The first failed row of this page that the provider fixer can write, or None."""
        fixer = self.controller.fixer
        for result in self.controller.results(self.page.id):
            if not result.ok and result.fix is not None and result.fix.fix_name in AWS_FIXES and fixer.can_fix(result):
                return result
        return None

    def fix(self) -> None:
        result = self.fixable()
        if result is not None and self.controller.fixer.fix(self.window(), [result], self.controller):
            self.controller.check([self.page.id])
