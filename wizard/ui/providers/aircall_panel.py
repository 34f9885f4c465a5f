"""The Aircall API key on its guide page: API ID, API token, keep it in the keyring, check it.

Once Aircall has accepted it, the token goes to the keyring (never a file; only when the admin asks,
never in demo mode) and is handed to "Fix it for me", so the Aircall named credential can be
written with it; a refused token replaces nothing. Checking the key runs the page's normal check, which
pings Aircall with the key and compares the users' Aircall User Identifier; "Map users…" opens
the mapping of ECI users to Aircall users once it can work (`MapUsersGate` says what is missing).
In demo mode the demo Aircall account's key is filled in, so a newcomer only clicks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from wizard.providers.voice.problems import mask
from wizard.ui.providers.hub import VOICE
from wizard.ui.providers.map_users import MapUsersGate
from wizard.ui.providers.panel_base import ProviderPanel, line_edit

KEY = "aircall-key"
STORED = "kept in the keyring: leave empty to use it"


def refused_note(accepted: Any, keep: bool, link: bool) -> str:
    """What happened to the earlier key when Aircall refused (or could not check) the one typed."""
    if accepted is None:
        return "Nothing was saved: the wizard keeps a key only once Aircall accepts it."
    kept = [w for w, on in (("in the keyring", keep), ("for “Fix it for me”", link)) if on] or ["for this session"]
    return (f"The earlier key (API ID {mask(accepted.api_id)}), which Aircall accepted, is kept {' and '.join(kept)}; "
            "nothing was replaced.")


class AircallPanel(ProviderPanel):
    def __init__(self, controller: Any, hub: Any, guide: Any, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, hub, "Your Aircall API key",
                         "Paste the API ID and API token of the key you generated. The wizard checks them with Aircall; "
                         "the token is kept in your system keyring only.", parent)
        self.guide, self.page = guide, page
        self.api_id = self.add_row("API ID", line_edit(self, "Aircall API ID"))
        self.token = self.add_row("API token", line_edit(self, "Aircall API token", secret=True))
        self.keep = self.add_full_row(QCheckBox("Save in the &keyring (so the wizard and its fixes don't ask again)", self))
        self.keep.setChecked(not controller.demo)
        self.keep.setEnabled(not controller.demo)  # demo keys are for this session (and the demo org's fixes) only
        self.check_button = self.add_button("Check the &key", "Check the Aircall API key with Aircall", self.check, primary=True)
        self.map_button = self.add_button("Map &users…", "Map ECI users to Aircall users", self.map_users)
        self.finish_actions()
        self.map_gate = MapUsersGate(self, self.map_button, "aircall", (KEY,))
        controller.results_changed.connect(self._results)
        self.hub_changed(VOICE)

    # -- filling in ------------------------------------------------------------------------------------
    def hub_changed(self, side: str) -> None:
        if side != VOICE:
            return
        session = self.hub.made(VOICE)
        if session is not None and session.aircall_accepted is not None and not self.api_id.text():
            self.api_id.setText(session.aircall_accepted.api_id)
            self.token.setPlaceholderText(STORED)
        emulators = self.hub.demo_side(VOICE)
        if emulators is not None and not self.api_id.text():
            demo = emulators.demo_credentials()
            self.api_id.setText(demo.aircall_api_id or "")
            self.token.setText(demo.aircall_api_token or "")
            self.say("Demo: the demo Aircall account's key is filled in. Click “Check the key”.")
        if VOICE in self.hub.demo_notes:
            self.problem(self.hub.demo_notes[VOICE])
        self.busy_changed()

    def busy_changed(self) -> None:
        busy = self.controller.tasks.is_running(KEY)
        self.check_button.setEnabled(not busy)
        if hasattr(self, "map_gate"):  # a task may finish while the panel is being built
            self.map_gate.refresh()

    # -- checking ----------------------------------------------------------------------------------------
    def check(self) -> None:
        api_id, token = self.api_id.text().strip(), self.token.text().strip()
        keep = self.keep.isChecked() and not self.controller.demo  # nothing typed in demo mode is kept
        session = self.hub.voice
        known = session.aircall_accepted
        if not token and known is not None and known.api_id == api_id:
            token = known.api_token  # the accepted key, unchanged
        if not api_id or not token:
            self.problem("Enter both the API ID and the API token: Aircall shows the token once, when the key is generated "
                         "(Integrations & API > API Keys). Nothing was checked.")
            return
        facts = self.controller.facts
        link = keep or self.controller.demo

        def attempt() -> Any:
            problem = session.try_aircall(api_id, token, keep=keep)  # kept only if Aircall accepts it
            if problem is None and facts is not None and link:
                session.link_for_fixes(facts)  # "Fix it for me" writes the named credential with it
            return problem

        def answered(problem: Any) -> None:
            if problem is None:
                self.token.clear()
                self.token.setPlaceholderText(STORED if keep else "used for this session only")
                self.say("Aircall accepted the key. Checking the pages…")
            else:
                self.say("")
                self.problem(f"{problem.message} {refused_note(session.aircall_accepted, keep, link)}")
            self.check_pages(self.hub.pages_for(VOICE))

        self.run("Checking the Aircall key with Aircall…", attempt, answered, key=KEY)

    def _results(self, page_ids: Any = None) -> None:
        result = next((r for r in self.controller.results(self.page.id) if r.check_id == "aircall.api-key"), None)
        if result is not None and self.hub.made(VOICE) is not None and self.hub.voice.aircall is not None:
            self.say(f"{result.status.icon} {result.message or result.observed}")

    def map_users(self) -> None:
        from wizard.ui.providers.mapping_dialog import open_mapping

        if open_mapping(self.window(), self.controller, self.hub, "aircall"):
            self.check_pages([self.page.id])
