"""Choose the guide: the five vendor guides, with what each needs and what it covers."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QRadioButton, QVBoxLayout, QWidget

from wizard.flow import CHOOSE_GUIDE
from wizard.ui.pages.base import StepPage, label


def guide_details_html(guide: Any) -> str:
    """The details of one guide: summary, fit, needs, pages (the source is its own label, `source_line`)."""
    checks = sum(1 for _, s in guide.settings() if s.check)
    manual = sum(1 for _, s in guide.settings() if s.manual)
    needs = "".join(f"<li>{escape(n)}</li>" for n in guide.you_need)
    pages = "".join(f"<li>{escape(p.title)}</li>" for p in guide.pages)
    return (
        f"<h3 style='margin:0'>{escape(guide.title)}</h3>"
        f"<p>{escape(guide.summary)}</p>"
        f"<p><b>Fits when:</b> {escape(guide.fits_when)}</p>"
        f"<p><b>About {guide.minutes} minutes.</b> {checks} settings are checked live; "
        f"{manual} steps are yours to confirm.</p>"
        f"<p><b>You'll need</b></p><ul style='margin-left:-20px'>{needs}</ul>"
        f"<p><b>The pages, in the order of the vendor's guide</b></p><ol style='margin-left:-20px'>{pages}</ol>"
    )


def source_line(guide: Any) -> str:
    """'Source: <title> (<publisher>, <date>)': its own muted label, so it follows the theme."""
    return f"Source: {guide.source.title} ({guide.source.publisher}{', ' + guide.source.date if guide.source.date else ''})"


class ChooseGuidePage(StepPage):
    step_id = CHOOSE_GUIDE

    def __init__(self, guides: list[Any], on_choose: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__("STEP 1", "Choose your guide",
                         "Pick the guide of the recording provider your team uses. You can switch later; "
                         "results are kept per guide only while it is open.", parent)
        self.guides = {g.id: g for g in guides}
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        for guide in guides:
            radio = QRadioButton(f"{guide.provider} — {guide.title}", self.widget())
            radio.setAccessibleName(f"Guide: {guide.title}")
            radio.toggled.connect(lambda on, gid=guide.id: on and self._picked(gid))
            self.group.addButton(radio)
            self.buttons[guide.id] = radio
            choices.addWidget(radio)
        choices.addStretch(1)
        self.details = label("Choose a guide to see what it covers.", rich=True, selectable=True, parent=self.widget())
        self.details.setAccessibleName("About the chosen guide")
        card = QFrame(self.widget())
        card.setObjectName("Card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(18, 14, 18, 14)
        inner.addWidget(self.details)
        # The stylesheet's muted colour (4.5:1 or more in light and dark), not a fixed grey in the HTML.
        self.source = label(muted=True, selectable=True, parent=card)
        self.source.setAccessibleName("Source of the chosen guide")
        self.source.hide()
        inner.addWidget(self.source)
        row = QHBoxLayout()
        row.addLayout(choices, 2)
        row.addWidget(card, 3)
        self.body.addLayout(row)
        self.finish()
        self._on_choose = on_choose

    def _show_details(self, guide: Any) -> None:
        self.details.setText(guide_details_html(guide))
        self.source.setText(source_line(guide))
        self.source.show()

    def _picked(self, guide_id: str) -> None:
        self._show_details(self.guides[guide_id])
        self._on_choose(guide_id)

    def show_choice(self, guide_id: str | None) -> None:
        """Reflect the controller's guide without choosing it again."""
        if guide_id and guide_id in self.buttons and not self.buttons[guide_id].isChecked():
            self.buttons[guide_id].blockSignals(True)
            self.buttons[guide_id].setChecked(True)
            self.buttons[guide_id].blockSignals(False)
            self._show_details(self.guides[guide_id])
