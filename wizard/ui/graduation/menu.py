"""The two Wizard menu entries, and when each can be used.

"Save a setup profile…" needs an org and a guide (a profile is one guide's settings in one org);
"Graduate from a profile…" needs only an org: the profile names its guide, and the dialog offers
to switch the window to it. Both follow the controller's signals, so an entry is never offered
when it could only say "sign in first". Nothing heavy is imported here: the window starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget


@dataclass(frozen=True)
class GraduationActions:
    save_profile: QAction
    graduate: QAction


def signed_in(controller: Any) -> bool:
    """An org is signed in and usable (its preflight did not block it)."""
    return controller.signed is not None and controller.flow.signed_in


def add_graduation_actions(window: QWidget, menu: QMenu) -> GraduationActions:
    """Add both entries to `menu` and keep them enabled exactly when they can run."""
    controller = window.controller  # type: ignore[attr-defined]
    save = QAction("Save a setup &profile…", window)
    save.setStatusTip("Save this org's setup of the chosen guide as a profile, to graduate it to another org")
    save.triggered.connect(lambda *_: save_profile(window, controller))
    graduate = QAction("&Graduate from a profile…", window)
    graduate.setStatusTip("Carry a setup profile saved in a sandbox to this org, with a preview and a parity report")
    graduate.triggered.connect(lambda *_: graduate_from_profile(window, controller))
    menu.addAction(save)
    menu.addAction(graduate)

    def refresh() -> None:
        save.setEnabled(signed_in(controller) and controller.guide is not None)
        graduate.setEnabled(signed_in(controller))

    controller.org_changed.connect(refresh)
    controller.guide_changed.connect(refresh)
    refresh()
    return GraduationActions(save, graduate)


def save_profile(window: QWidget, controller: Any) -> None:
    from wizard.ui.graduation.capture import ProfileSaver

    ProfileSaver(window, controller).ask_path()


def graduate_from_profile(window: QWidget, controller: Any) -> None:
    from wizard.ui.graduation.dialog import GraduationDialog

    if not signed_in(controller):
        return
    GraduationDialog(controller, window).exec()
