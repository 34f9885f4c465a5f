"""Welcome: what the wizard does, what the admin needs, how long it takes, which guide fits."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from wizard.flow import WELCOME
from wizard.paths import resource
from wizard.ui.pages.base import StepPage, button, label

INTRO = (
    "This wizard walks you through your recording provider's deployment guide for Einstein "
    "Conversation Insights, page by page. On every page it reads the settings in your org, shows "
    "what is already right and what is not, and opens the exact Setup page for anything you need "
    "to change. You finish with a report that shows the state of the org, setting by setting."
)
NEEDS = (
    "A Salesforce admin login to the org you are setting up (trying a sandbox first is wise).",
    "An admin login to your recording provider's console (Aircall, RingCentral, Natterbox, "
    "ExecVision or Amazon Connect).",
    "Time: each guide says how long it takes. You can stop at any page; the wizard reopens where "
    "you left off.",
    "Nothing to install in the org: the wizard signs in through Salesforce's own login page and "
    "keeps the sign-in in your system keyring, never in a file.",
)


def _bullets(items: list[str] | tuple[str, ...]) -> str:
    return "<ul style='margin-left:-20px'>" + "".join(f"<li style='margin-bottom:4px'>{escape(i)}</li>" for i in items) + "</ul>"


class GuideCard(QFrame):
    """One guide as the Welcome page lists it: title, time, who it fits; a button to start it."""

    def __init__(self, guide: Any, pages: int, on_start: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.guide_id = guide.id
        title = label(guide.title, name="SectionTitle", parent=self)
        title.setStyleSheet("margin-top:0")
        meta = label(f"About {guide.minutes} minutes · {pages} pages · source: {guide.source.title} "
                     f"({guide.source.publisher})", muted=True, parent=self)
        fits = label(f"Fits when: {guide.fits_when}", parent=self)
        self.needs = label(_bullets(guide.you_need), rich=True, parent=self)
        self.needs.setAccessibleName(f"What {guide.title} needs")
        self.needs.hide()
        self.needs_toggle = button(f"▸ What you'll need for {guide.provider}", f"Show what {guide.title} needs",
                                   link=True, parent=self)
        self.needs_toggle.setCheckable(True)
        self.needs_toggle.toggled.connect(self._toggle_needs)
        self.start = button(f"Start with {guide.provider}", f"Start with the guide {guide.title}", parent=self)
        self.start.clicked.connect(lambda: on_start(guide.id))
        self._provider = guide.provider
        text = QVBoxLayout()
        for widget in (title, meta, fits):
            text.addWidget(widget)
        text.addWidget(self.needs_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(self.needs)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(text, 1)
        layout.addWidget(self.start)


    def _toggle_needs(self, shown: bool) -> None:
        self.needs.setVisible(shown)
        self.needs_toggle.setText(f"{'▾' if shown else '▸'} What you'll need for {self._provider}")


class WelcomePage(StepPage):
    step_id = WELCOME

    def __init__(self, guides: list[Any], on_start: Callable[[str], None], demo: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__("ECI SETUP WIZARD", "Set up Einstein Conversation Insights, checked live in your org",
                         INTRO, parent)
        self._add_logo()
        if demo:
            self.body.addWidget(label(
                "You are in demo mode: the wizard runs a small Salesforce org on this computer, so you "
                "can walk a whole guide without touching a real org.", name="PageSummary", parent=self.widget()))
        self.section("What you'll need")
        self.needs = label(_bullets(NEEDS), rich=True, parent=self.widget())
        self.body.addWidget(self.needs)
        self.section("Which guide fits you")
        self.cards = [GuideCard(g, len(g.pages), on_start, self.widget()) for g in guides]
        for card in self.cards:
            self.body.addWidget(card)
        self.finish()

    def _add_logo(self) -> None:
        """The product's mark beside the heading, drawn from the SVG at the screen's pixel ratio."""
        from PySide6.QtGui import QIcon

        path = resource("logo.svg")
        if not path.is_file():
            return
        logo = QLabel(self.widget())
        logo.setPixmap(QIcon(str(path)).pixmap(QSize(56, 56), self.devicePixelRatioF()))
        logo.setAccessibleName("ECI Setup Wizard logo")
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        for widget in (self.kicker, self.title):
            self.body.removeWidget(widget)
            heading.addWidget(widget)
        row.addLayout(heading, 1)
        self.body.insertLayout(0, row)
