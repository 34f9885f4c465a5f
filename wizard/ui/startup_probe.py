"""A marker for the start-up benchmark: when the first window is shown and the event loop idles.

With ``ECI_WIZARD_STARTUP_PROBE`` set, the wizard prints ``ECI_WIZARD_FIRST_WINDOW <epoch>``
(wall-clock seconds) once the window is up and the event loop has gone idle twice, i.e. after
the first paint and the restore work; the benchmark subtracts its own clock at process launch.
``ECI_WIZARD_STARTUP_PROBE=exit`` also closes the window right after, so a run ends by itself.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

ENV = "ECI_WIZARD_STARTUP_PROBE"
MARKER = "ECI_WIZARD_FIRST_WINDOW"


def arm(window: QWidget) -> None:
    """Schedule the marker (no-op unless the environment asks for it)."""
    mode = os.environ.get(ENV, "")
    if not mode:
        return

    def fire() -> None:
        print(f"{MARKER} {time.time():.6f} visible={int(window.isVisible())}", flush=True)
        if mode == "exit":
            QTimer.singleShot(0, window.close)

    QTimer.singleShot(0, lambda: QTimer.singleShot(0, fire))
