"""The connection banner: which org the window is working on, impossible to miss in production.

Production gets a deep red bar with the word PRODUCTION and the org's name and id, on every
page, for as long as the connection lasts. A sandbox gets a calm teal bar. The text is the
signal (icon and words); the colour only repeats it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from wizard.ui.status_badge import repolish


def banner_texts(facts: Any, demo: bool) -> tuple[str, str, str]:
    """(kind, title, detail) for the connected org."""
    where = "the built-in demo org on this computer" if demo else facts.my_domain_url
    who = f"signed in as {facts.username}" if facts.username else ""
    detail = " · ".join(x for x in (f"{facts.name} ({facts.org_id})", facts.edition, where, who) if x)
    if facts.is_sandbox:
        return "sandbox", "Sandbox", detail
    return "production", "⚠ PRODUCTION org", detail + (" · changes here reach real users" if not demo else
                                                        " · a demo org set up as production")


class ConnectionBanner(QFrame):
    """Hidden until an org is connected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.title = QLabel(self)
        self.title.setObjectName("BannerTitle")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.detail, 1)
        self.kind = ""
        self.hide()

    def show_org(self, facts: Any, demo: bool) -> None:
        if facts is None:
            self.kind = ""
            self.hide()
            return
        self.kind, title, detail = banner_texts(facts, demo)
        self.title.setText(title)
        self.detail.setText(detail)
        self.setProperty("kind", self.kind)
        self.setAccessibleName(f"{title}: {detail}")
        repolish(self)
        self.show()

    @property
    def text(self) -> str:
        return f"{self.title.text()} {self.detail.text()}" if not self.isHidden() else ""
