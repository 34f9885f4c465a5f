"""One place per window for the provider sides: their sessions, the demo's servers, the pages.

The hub is made at start-up (cheaply: every provider module is imported on first use) and gives
the panels the Qt-free sessions (`VoiceSession`, `ExecVisionSession`, `AwsSession`). In demo mode
it starts, on a worker and only for the guide being walked, what that guide's provider side needs
beside the demo org (`wizard.providers.demo_sides`), and stops all of it when the window closes.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

VOICE, EXECVISION, AWS = "voice", "execvision", "aws"
SIDE_OF_GUIDE = {"aircall": VOICE, "ringcentral": VOICE, "execvision": EXECVISION, "amazon-connect": AWS}
DEMO_LABELS = {VOICE: "Starting the demo's Aircall and RingCentral…", EXECVISION: "Starting the demo's SFTP server…",
               AWS: "Starting the demo's local AWS…"}


def one_page(guide: Any, page_id: str) -> Any:
    return guide.model_copy(update={"pages": [guide.page(page_id)]})


class ProviderHub(QObject):
    """Sessions and demo sides for one window; `changed(side)` tells the panels to refresh."""

    changed = Signal(str)

    def __init__(self, controller: Any) -> None:
        super().__init__(controller)
        self.controller = controller
        self._lock = threading.Lock()
        self._sessions: dict[str, Any] = {}
        self.demo: Any = None  # DemoSides, once the demo org runs
        self.demo_notes: dict[str, str] = {}  # side -> why its demo could not start
        self.restored: set[str] = set()

    # -- sessions (made on first use, from any thread) ---------------------------------------------------
    def session(self, side: str) -> Any:
        with self._lock:
            if side not in self._sessions:
                self._sessions[side] = self._make(side)
            return self._sessions[side]

    @staticmethod
    def _make(side: str) -> Any:
        if side == VOICE:
            from wizard.providers.voice.endpoints import ProviderEndpoints
            from wizard.providers.voice.session import VoiceSession

            return VoiceSession(ProviderEndpoints.from_env())
        if side == EXECVISION:
            from wizard.providers.execvision.session import ExecVisionSession

            return ExecVisionSession()
        from wizard.providers.aws.session import AwsSession

        return AwsSession()

    @property
    def voice(self) -> Any:
        return self.session(VOICE)

    @property
    def execvision(self) -> Any:
        return self.session(EXECVISION)

    @property
    def aws(self) -> Any:
        return self.session(AWS)

    def made(self, side: str) -> Any:
        """The session if it exists (hooks must not create one just to say "nothing to check")."""
        return self._sessions.get(side)

    # -- the guide being walked ---------------------------------------------------------------------------
    def guide_chosen(self) -> None:
        """Take back the side's saved entries (keyring, on a worker) and start its demo side."""
        guide = self.controller.guide
        side = SIDE_OF_GUIDE.get(guide.id) if guide is not None else None
        if side is None:
            return
        if side not in self.restored:
            self.restored.add(side)

            def restore() -> None:
                session = self.session(side)
                if side != VOICE or (session.aircall is None and session.ringcentral is None):
                    session.restore()

            self.controller.tasks.run("Reading your saved provider settings…", restore, on_done=lambda _: self.changed.emit(side),
                                      on_error=lambda _exc: self.changed.emit(side), key=f"restore-{side}", cancellable=False)
        self.start_demo_side(side)

    def pages_for(self, side: str) -> list[str]:
        """The pages of the open guide whose rows a side's results land on."""
        guide = self.controller.guide
        if guide is None:
            return []
        if side == VOICE:
            from wizard.providers.voice.window_checks import needs_voice

            return [p.id for p in guide.pages if needs_voice(one_page(guide, p.id))]
        from wizard.providers.guide_fold import mapped_pages

        if side == EXECVISION:
            from wizard.providers.execvision.guide_results import setting_map

            return mapped_pages(guide, setting_map(self.execvision.entries.mode))
        from wizard.providers.aws.checks import GUIDE_SETTINGS

        return mapped_pages(guide, GUIDE_SETTINGS)

    # -- demo mode ------------------------------------------------------------------------------------------
    def start_demo_side(self, side: str) -> None:
        c = self.controller
        if not c.demo or c.demo_server is None or side in self.demo_notes or self._demo_running(side):
            return
        if c.tasks.is_running(f"demo-{side}"):
            return
        if self.demo is None:
            from wizard.providers.demo_sides import DemoSides, demo_my_domain

            server = c.demo_server
            self.demo = DemoSides(getattr(server.org, "source", "") or c.scenario or "fresh", server.instance_url,
                                  demo_my_domain(server.org))
        demo = self.demo

        def start_voice() -> Any:
            emulators = demo.start_voice()
            self.voice.endpoints = emulators.endpoints  # before anyone can see the emulators running
            return emulators

        start = {VOICE: start_voice, EXECVISION: demo.start_sftp, AWS: demo.start_aws}[side]

        def started(_value: Any) -> None:
            self.changed.emit(side)

        def failed(exc: BaseException) -> None:
            self.demo_notes[side] = str(exc)
            self.changed.emit(side)

        c.tasks.run(DEMO_LABELS[side], start, on_done=started, on_error=failed, key=f"demo-{side}", cancellable=False)

    def _demo_running(self, side: str) -> bool:
        demo = self.demo
        return demo is not None and {VOICE: demo.emulators, EXECVISION: demo.sftp, AWS: demo.aws}[side] is not None

    def demo_side(self, side: str) -> Any:
        """The running demo server of a side (None outside demo mode or until it has started)."""
        demo = self.demo
        if demo is None:
            return None
        return {VOICE: demo.emulators, EXECVISION: demo.sftp, AWS: demo.aws}[side]

    def stop(self) -> None:
        """Stop every demo server (the window is closing)."""
        if self.demo is not None:
            self.demo.stop()
