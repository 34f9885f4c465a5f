"""The connection banner: which org the window is working on, impossible to miss in production.

Production gets a deep red bar with the word PRODUCTION and the org's name and id, on every
page, for as long as the connection lasts. A sandbox gets a calm teal bar. An org whose own record
could not be read is "not identified" (on the same red: the wizard treats it as production), never
called PRODUCTION when nothing read from it says so. The text is the signal (icon and words); the
colour only repeats it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from wizard.ui.status_badge import repolish


def banner_texts(facts: Any, demo: bool) -> tuple[str, str, str]:
    """(kind, title, detail) for the connected org: kind is "production", "sandbox" or "unknown".

    An org whose own record could not be read (its Organization query refused or unanswered) has
    no name, and nothing read from it says whether it is a sandbox: the banner says so, names it by
    what is known (id, address, user), and says what the wizard does meanwhile and what to do,
    rather than calling it PRODUCTION with an edition of "unknown".
    """
    where = "the built-in demo org on this computer" if demo else facts.my_domain_url
    who = f"signed in as {facts.username}" if facts.username else ""
    edition = facts.edition if facts.edition and facts.edition != "unknown" else ""
    if not (facts.name or "").strip():
        return _unread_texts(facts, demo, where, who)
    detail = " · ".join(x for x in (f"{facts.name} ({facts.org_id})", edition, where, who) if x)
    if facts.is_sandbox:
        return "sandbox", "Sandbox", detail
    return "production", "⚠ PRODUCTION org", detail + (" · changes here reach real users" if not demo else
                                                        " · a demo org set up as production")


def _unread_texts(facts: Any, demo: bool, where: str, who: str) -> tuple[str, str, str]:
    """The banner of an org whose record could not be read. A sandbox is known only from its login
    address then (test.salesforce.com, a sandbox's My Domain); anything else is not known."""
    org = f"org {facts.org_id} (its name could not be read)"
    if facts.is_sandbox:
        return "sandbox", "Sandbox", " · ".join(x for x in (org, where, who) if x)
    if demo:
        again = "sign in again"
    elif getattr(facts, "has_my_domain", False):
        again = "sign in again at this My Domain URL, which signs in to a sandbox and to production alike"
    else:
        again = "sign in again, choosing Production or Sandbox on the Sign in page as the org is"
    said = ("Its name, and whether it is a sandbox or production, could not be read from the org, so the wizard "
            "treats it as production and changes nothing in it. The Sign in page says what stopped the read: fix "
            f"that, then {again}.")
    return "unknown", "⚠ Org not identified", " · ".join(x for x in (f"org {facts.org_id}", where, who) if x) + f". {said}"


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
        # An org not identified is styled as production: that is how the wizard treats it.
        self.setProperty("kind", "production" if self.kind == "unknown" else self.kind)
        self.setAccessibleName(f"{title}: {detail}")
        repolish(self)
        self.show()

    @property
    def text(self) -> str:
        return f"{self.title.text()} {self.detail.text()}" if not self.isHidden() else ""
