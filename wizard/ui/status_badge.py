"""The status badge: icon and word on a tinted pill, never colour alone.

Screen readers get the same words ("Status: Fail") through the accessible name. A manual step the
admin confirmed by hand gets its own badge, "✔ Confirmed": the pass colours with a dashed edge, and
never the word "Pass", because the wizard did not verify it (the report keeps it a manual step with
who and when).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from wizard.engine.results import Status
from wizard.report.standing import COLOUR_OF, WORDS, Standing

NOT_CHECKED = "Not checked yet"
#: The badge word of a manual step confirmed by hand, and what a screen reader hears instead.
CONFIRMED = "Confirmed"
CONFIRMED_SPOKEN = "Confirmed by hand"


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
        self.confirmed = False
        self.set_status(status)

    @property
    def words(self) -> str:
        """The status in words, as a screen reader hears it ("Fail", "Confirmed by hand")."""
        return self.accessibleName().removeprefix("Status: ")

    def set_status(self, status: Status | None, suffix: str = "") -> None:
        self.status = status
        self.confirmed = False
        text = status_text(status) + (f" · {suffix}" if suffix else "")
        self.setText(text)
        self.setToolTip("")
        self.setProperty("status", status.value if status is not None else "none")
        self.setProperty("confirmed", False)
        self.setAccessibleName(f"Status: {text[2:]}")
        repolish(self)

    def set_standing(self, standing: Standing, suffix: str = "") -> None:
        """A count of settings of one standing (`wizard.report.standing`): "○ To check · 1", "✋ Manual step · 5".

        The same words as the command line's headline and the report's count table; a standing
        without a status of its own (to check, not your case) takes the colours of the status it
        is recorded under."""
        words = WORDS[standing]
        self.set_status(COLOUR_OF[standing])
        text = f"{words.icon} {words.label}" + (f" · {suffix}" if suffix else "")
        self.setText(text)
        self.setAccessibleName(f"Status: {words.label}" + (f" · {suffix}" if suffix else ""))

    def set_to_check(self) -> None:
        """A setting the wizard checks itself whose provider check has not decided it: "○ To check",
        never "Manual step" (there is nothing to confirm by hand)."""
        self.set_standing(Standing.TO_CHECK)

    def set_confirmed(self) -> None:
        """A manual step the admin confirmed: the pass colours, its own word (see the module doc)."""
        self.status = Status.PASS
        self.confirmed = True
        self.setText(f"{Status.PASS.icon} {CONFIRMED}")
        self.setToolTip("Confirmed by hand: a step no API can read. The report lists who confirmed it and when.")
        self.setProperty("status", Status.PASS.value)
        self.setProperty("confirmed", True)  # the dashed edge of resources/wizard.qss
        self.setAccessibleName(f"Status: {CONFIRMED_SPOKEN}")
        repolish(self)
