"""A dialog that writes to the org stays open until the write has ended.

The fix and the graduation dialogs apply changes on a worker. Closing one mid-write would hide
what was written (and leave it out of the window's report), so a close asked for while
`applying` is refused with a sentence saying why and how to stop after the current step. Put it
before QDialog among the bases; the dialog sets `applying`, `writing_what` and `notice`, and
connects `_progress` to the task list's `changed` signal.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtGui import QCloseEvent


class StaysOpenWhileWriting:
    """closeEvent, done and the refusal's words, shared by the dialogs that apply changes."""

    applying: bool
    writing_what: str  # "The fix", "The graduation"
    _cancel: Any  # the apply's cancel event
    notice: Any
    controller: Any

    def _progress(self) -> None:  # overridden: the progress line of the dialog's own task
        raise NotImplementedError

    def _status_line(self) -> Any:  # overridden: the label that shows the apply's progress
        raise NotImplementedError

    def _cancel_clicked(self) -> None:
        """Cancel while writing stops after the current step (what was written is then shown and
        recorded); otherwise it closes the dialog."""
        if self.applying:
            self._cancel.set()
            self._status_line().setText(f"Stopping after the current step… This window stays open until "
                                        f"{self.writing_what[0].lower()}{self.writing_what[1:]} has stopped, so that "
                                        "what was written is shown and recorded.")
            return
        self.reject()  # type: ignore[attr-defined]

    def _hold(self) -> None:
        """Asked to close while the apply writes: say why the dialog stays open."""
        self.notice.show_text(f"{self.writing_what} is writing to the org: this window stays open until it has finished, "
                              "so that what was written is shown and recorded for the report. To stop it after the "
                              "current step, press Cancel.")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.applying:
            event.ignore()
            self._hold()
            return
        super().closeEvent(event)  # type: ignore[misc]

    def done(self, code: int) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.controller.tasks.changed.disconnect(self._progress)
        super().done(code)  # type: ignore[misc]
