"""The status badge: icon and word on a tinted pill, never colour alone.

Screen readers get the same words ("Status: Fail") through the accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from wizard.engine.results import Status

NOT_CHECKED = "Not checked yet"


def status_text(status: Status | None) -> str:
    """'✖ Fail', '✔ Pass', or '○ Not checked yet' before anything was checked."""
    return f"{status.icon} {status.label}" if status is not None else f"○ {NOT_CHECKED}"


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class StatusBadge(QLabel):
    """Shows one status (or 'not checked yet')."""

    def __init__(self, status: Status | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusBadge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.status: Status | None = None
        self.set_status(status)

    def set_status(self, status: Status | None, suffix: str = "") -> None:
        self.status = status
        text = status_text(status) + (f" · {suffix}" if suffix else "")
        self.setText(text)
        self.setProperty("status", status.value if status is not None else "none")
        self.setAccessibleName(f"Status: {text[2:]}")
        repolish(self)
