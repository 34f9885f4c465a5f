""""Fix it for me" in the window: the `Fixer` the guide pages ask, over `wizard.apply.session`.

The apply door is Qt-free (`FixSession`: plan → confirm → back up → write → re-check); this
module keeps one session per org and guide, answers "can this row be fixed?" and opens the
preview dialog. "Undo the last fix" restores the newest backup the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wizard.engine.results import CheckResult

if TYPE_CHECKING:
    from wizard.retry_words import RetryWords

#: The menu entry that undoes the last fix, as a message names it.
UNDO_MENU = "Wizard → Undo the last fix"


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
        result = dialog.result
        if result is not None:  # an apply ran: did it leave part of the change in the org?
            controller.fix_ended(first.page_id, bool(result.error) and not result.wrote_nothing and not result.rolled_back)
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
                                      f"({facts.environment})? If any of it was changed again since the fix, "
                                      "you are asked separately before that later change is overwritten.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run_undo(parent, controller, session, False)

    def _run_undo(self, parent: Any, controller: Any, session: Any, overwrite: Any) -> None:
        """Undo in the background; later changes found first are asked about, then the undo runs
        again agreeing to overwrite exactly those (one changed once more meanwhile is asked again)."""
        facts = controller.facts

        def work() -> Any:
            from wizard.apply.undo import undo_last
            from wizard.retry_words import shown_in

            with shown_in(undo_words()):  # a stop says to choose the menu entry again, not to run an undo
                return undo_last(session.connection, session.facts, session.guide, session.store, overwrite=overwrite)

        def done(undone: Any) -> None:
            from datetime import UTC, datetime

            from wizard.apply.undo import undo_entries

            controller.record_changes(undo_entries(undone, controller.changes, facts.username, datetime.now(UTC)))
            controller.fixes_undone()
            parts = [f"restored {', '.join(undone.restored)}" if undone.restored else "",
                     f"removed {', '.join(undone.removed)}" if undone.removed else ""]
            said = "Undone: " + ("; ".join(p for p in parts if p) or "nothing needed changing") + "."
            controller.notice.emit(" ".join([said, *undone.notes]))  # e.g. what could not be compared first
            controller.check(None)

        def failed(exc: BaseException) -> None:
            from wizard.apply.undo import LaterChanges

            if isinstance(exc, LaterChanges):
                if ask_overwrite(parent, exc):
                    self._run_undo(parent, controller, session, exc.changes)
                else:
                    controller.notice.emit(f"{exc} They were kept. Undo the rest of the fix by hand in Setup if you need to.")
                return
            controller.check_failed.emit(undo_failure(exc))

        controller.tasks.run("Undoing the last fix…", work, on_done=done, on_error=failed, key="undo", cancellable=False)


def ask_overwrite(parent: Any, exc: Any) -> bool:
    """The separate question before changes made after the fix are thrown away; No is the default."""
    from PySide6.QtWidgets import QMessageBox

    items = "\n".join(f"• {c.text()}" for c in exc.changes)
    box = QMessageBox(QMessageBox.Icon.Warning, "Overwrite later changes?",
                      f"These were changed in {exc.org} after the wizard's last fix "
                      f"({exc.fixed:%Y-%m-%d %H:%M UTC}):\n{items}\n\nUndo would put them back as they were "
                      "before the fix, and those later changes would be lost. Overwrite them?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("Overwrite them")
    box.button(QMessageBox.StandardButton.No).setText("Keep them")
    return box.exec() == QMessageBox.StandardButton.Yes


def undo_words() -> RetryWords:
    """How an undo started from the menu says to try it again: the same menu entry (`RetryWords`;
    the sign-in is in the window behind it, so "Sign in" is the window's way too)."""
    from wizard.retry_words import RetryWords

    again = f"choose {UNDO_MENU} again"
    return RetryWords(again=again, same=again, resumes="nothing is done twice", sign_in="Sign in",
                      signed_in_again=again, undo=again)


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
