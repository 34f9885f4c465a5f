""""Fix it for me" in the window: the `Fixer` the guide pages ask, over `wizard.apply.session`.

The apply door is Qt-free (`FixSession`: plan → confirm → back up → write → re-check); this
module keeps one session per org and guide, answers "can this row be fixed?" and opens the
preview dialog. "Undo the last fix" restores the newest backup the same way.
"""

from __future__ import annotations

from typing import Any

from wizard.engine.results import CheckResult


class WindowFixer:
    """The window's fixer: asks the apply door what it can fix and runs the dialog."""

    def __init__(self) -> None:
        self._sessions: dict[tuple[str, str], Any] = {}

    def can_fix(self, result: CheckResult) -> bool:
        from wizard.apply.session import can_fix

        return can_fix(result)

    def session(self, controller: Any) -> Any:
        """The `FixSession` of the connected org and the open guide (made once per pair)."""
        from wizard.apply.session import FixSession

        key = (controller.facts.org_id, controller.guide.id)
        if key not in self._sessions:
            self._sessions[key] = FixSession(controller.connection, controller.guide, controller.facts)
        return self._sessions[key]

    def fix(self, parent: Any, results: list[CheckResult], controller: Any) -> bool:
        """Preview, confirm and apply the fix of one row; True when the org was changed."""
        from wizard.ui.fix_dialog import FixDialog

        if controller.signed is None or not results:
            return False
        first = results[0]
        dialog = FixDialog(controller, self.session(controller), (first.page_id, first.check_id), first.setting, parent)
        dialog.exec()  # the dialog records what an apply wrote as soon as it finishes (and can't close before)
        return dialog.changed

    def undo_last(self, parent: Any, controller: Any) -> None:
        """Restore the newest backup of this org (after a question), then check everything again."""
        from PySide6.QtWidgets import QMessageBox

        if controller.signed is None or controller.guide is None:
            return
        session = self.session(controller)
        facts = controller.facts
        from wizard.apply.backup import BackupUnreadable

        try:
            nothing = not session.can_undo()  # no backup of this org: the wizard changed nothing here
        except BackupUnreadable:
            nothing = False  # the undo names the file and what to do (see `undo_failure`)
        if nothing:
            controller.notice.emit(nothing_to_undo(facts.name))
            return
        answer = QMessageBox.question(parent, "Undo the last fix",
                                      f"Put back what the wizard's last fix changed in {facts.name} "
                                      f"({facts.environment})? The current state is backed up first.")
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(undone: Any) -> None:
            from datetime import UTC, datetime

            from wizard.apply.undo import undo_entries

            controller.record_changes(undo_entries(undone, controller.changes, facts.username, datetime.now(UTC)))
            parts = [f"restored {', '.join(undone.restored)}" if undone.restored else "",
                     f"removed {', '.join(undone.removed)}" if undone.removed else ""]
            controller.notice.emit("Undone: " + ("; ".join(p for p in parts if p) or "nothing needed changing") + ".")
            controller.check(None)

        controller.tasks.run("Undoing the last fix…", session.undo_last, on_done=done,
                             on_error=lambda exc: controller.check_failed.emit(undo_failure(exc)),
                             key="undo", cancellable=False)


def undo_failure(exc: BaseException) -> str:
    """The window's words for an undo that did not run through, as the CLI says them: an unreadable
    backup stops it before anything is undone (and names the file); one that stopped partway says
    what it had put back and to undo again."""
    from wizard.apply.backup import BackupUnreadable
    from wizard.apply.errors import UndoStopped

    if isinstance(exc, BackupUnreadable):
        return f"Nothing was undone. {exc}"
    if isinstance(exc, UndoStopped):
        return exc.text
    if isinstance(exc, LookupError):  # the backups went between the question and the undo
        return nothing_to_undo("this org")
    return f"The undo did not finish: {exc}"


def nothing_to_undo(org: str) -> str:
    return (f"There is nothing to undo: the wizard has not changed {org} (it keeps a backup of every fix, "
            "and there is none for this org).")


def make_fixer() -> WindowFixer:
    return WindowFixer()
