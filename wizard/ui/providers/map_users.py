"""When "Map users…" can work, and what the voice panel says while it cannot.

Mapping needs, in this order: the org signed in (the identifiers are written to its users), the
page's mapping check read from the org (it is what finds the field and the users), the identifier
field on User (the Voice Connector package adds it), someone holding an ECI permission set (else
there is nobody to map), and the provider's users (Aircall: a key Aircall accepted; RingCentral:
a sign-in), because the proposals are made by e-mail against that list and a typed id cannot be
told from a made-up one without it. Until all hold the button is disabled, and the line under it
and its tooltip say what is missing and what to do; it turns on by itself when the key check, the
sign-in or a new check of the page lands. The dialog keeps its own explanation for the ways in
that do not pass here ("Fix it for me" on a row).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from wizard.engine.results import CheckResult, Status
from wizard.providers.voice.mapping import NO_ECI_USERS, NO_FIELD
from wizard.providers.voice.user_fields import IDENTIFIER_LABELS, PROVIDER_NAMES
from wizard.ui.pages.base import label

AGAIN = "then click “Check again”"


def org_blocker(provider: str, *, signed_in: bool, checking: bool, result: CheckResult | None) -> str | None:
    """What the org still lacks for mapping, as the page's mapping check last saw it (None: nothing)."""
    if not signed_in:
        return "Sign in to the org first: the identifiers are written to its users."
    if result is None:
        if checking:
            return "The wizard is still reading the org's users: wait for the check of this page to finish."
        return "The org's users have not been read yet: click “Check again”."
    if result.observed.startswith(NO_FIELD):
        return (f"The org has no User field labelled '{IDENTIFIER_LABELS[provider]}': install the Voice Connector package "
                f"(it adds the field), {AGAIN}.")
    if result.status is Status.ERROR:
        return f"The last check could not read the org's users (the page's identifier row says why): fix that, {AGAIN}."
    if result.observed == NO_ECI_USERS:
        return f"Nobody holds an ECI permission set yet, so there is nobody to map: assign one to the people who call, {AGAIN}."
    return None


def provider_blocker(provider: str, session: Any, *, busy: bool) -> str | None:
    """What is missing before the provider's users can be read (None: they can be)."""
    name = PROVIDER_NAMES[provider]
    if provider == "aircall":
        ready = session.aircall is not None and session.aircall == session.aircall_accepted
    else:
        ready = session.grant is not None
    if ready:
        return None
    if busy:
        return f"Wait until {name} has answered."
    if provider == "aircall":
        if session.aircall is not None:
            return "Aircall did not accept the last key checked, so its users can't be read: correct the key and click “Check the key”."
        return "Aircall's users can't be read until Aircall accepts your API key: click “Check the key”."
    if session.ringcentral_accepted is None:
        return "RingCentral's users can't be read until you sign in to RingCentral: click “Check the app”, then “Sign in to RingCentral…”."
    return "RingCentral's users can't be read until you sign in to RingCentral: click “Sign in to RingCentral…”."


class MapUsersGate(QObject):
    """Keeps a panel's "Map users…" button, its tooltip and the line under the actions in step."""

    def __init__(self, panel: Any, button: QPushButton, provider: str, busy_keys: tuple[str, ...]) -> None:
        super().__init__(panel)  # its slots go with the panel
        self.panel, self.button, self.provider, self.busy_keys = panel, button, provider, busy_keys
        name = PROVIDER_NAMES[provider]
        self.ready_tip = f"Map ECI users to {name} users: the wizard proposes the {name} user with the same e-mail."
        self.note = label(muted=True, parent=panel)
        self.note.setAccessibleName("Why “Map users” is not available yet")
        box = panel.layout()
        box.insertWidget(box.indexOf(panel.status), self.note)  # right under the row of buttons
        self.note.hide()
        c = panel.controller
        c.results_changed.connect(self.refresh)
        c.checking_changed.connect(self.refresh)
        c.org_changed.connect(self.refresh)

    def blockers(self) -> list[str]:
        c, page = self.panel.controller, self.panel.page
        signed_in = c.signed is not None and c.flow.signed_in and c.guide is not None
        check = f"{self.provider}.user_identifiers"
        setting_ids = {s.id for s in page.settings if s.check == check}
        result = next((r for r in c.results(page.id) if r.check_id in setting_ids), None) if signed_in else None
        busy = any(c.tasks.is_running(key) for key in self.busy_keys)
        found = [org_blocker(self.provider, signed_in=signed_in, checking=page.id in c.checking, result=result),
                 provider_blocker(self.provider, self.panel.hub.voice, busy=busy)]
        return [b for b in found if b]

    def refresh(self, *_: Any) -> None:
        blockers = self.blockers()
        self.button.setEnabled(not blockers)
        text = " ".join(blockers)
        said = f"“Map users…” is not available yet. {text}" if blockers else ""
        self.button.setToolTip(said or self.ready_tip)
        self.button.setAccessibleDescription(said)
        self.note.setText(said)
        self.note.setVisible(bool(blockers))
