"""Wizard → "Graduate from a profile…": the window's ``eci-wizard graduate``, one step at a time.

Profile → choices (only when the profile asks any) → preview → confirm → result, in one dialog,
in the command line's order: the profile is read and its guide settled before this org is read;
the preview reads and plans but writes nothing; secrets and the production org's typed name come
last, just before the write. Every slow step runs on a worker; the apply runs under the window's
writing key, so neither this dialog nor the window closes while it writes (what it writes must
end recorded for the report and checked again, as with "Fix it for me").
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.flow import PAGE_PREFIX
from wizard.ui.graduation import words
from wizard.ui.graduation.choices_step import ChoicesStep
from wizard.ui.graduation.confirm_step import ConfirmStep
from wizard.ui.graduation.preview_step import PreviewStep
from wizard.ui.graduation.profile_step import ProfileStep
from wizard.ui.graduation.result_step import ResultStep
from wizard.ui.pages.base import Notice, button, label
from wizard.ui.writing_dialog import StaysOpenWhileWriting

PROFILE, CHOICES, PREVIEW, CONFIRM, RESULT = range(5)
STEP_NAMES = ("Profile", "Choices", "Preview", "Confirm", "Result")
READ_KEY, PREVIEW_KEY, REPORT_KEY = "graduate-read", "graduate-preview", "graduate-report"
#: The controller's key for tasks that write to the org (`WizardController.WRITING_KEYS`): while it
#: runs the window refuses to close, as for a fix. A graduation is a fix of many settings at once.
APPLY_KEY = "fix"
NEXT_TEXT = {PROFILE: "&Next >", CHOICES: "&Preview >", PREVIEW: "&Next >", CONFIRM: "&Graduate"}
#: Next on the preview step after the preview could not read the org: it reads again.
RETRY_TEXT = "&Try again"
#: The size the dialog asks for: the preview table's four columns need the width. A smaller
#: screen gets what it has room for, less the window frame and title bar (`fit_to_screen`).
SIZE = (1080, 740)
FRAME_ROOM = (24, 64)


def fit_to_screen(dialog: QWidget, parent: QWidget | None) -> None:
    """Size the dialog to SIZE, or to the screen it opens on when that is smaller (a 1024x700
    laptop screen must show its buttons, not put Cancel and Graduate below the screen's edge)."""
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    width, height = SIZE
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, area.width() - FRAME_ROOM[0]), min(height, area.height() - FRAME_ROOM[1])
    dialog.resize(width, height)


class GraduationDialog(StaysOpenWhileWriting, QDialog):
    """The whole graduation onto the window's signed-in org."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.opened: Any = None  # work.Opened: the profile and its graduation
        self.preview: Any = None
        self.graduated: Any = None  # work.Graduated
        self.stopped: Any = None  # GraduationStopped
        self.applying = False
        self.writing_what = "The graduation"  # named when a close is refused while it writes
        self.changed = False
        self.nothing_written = False  # the apply was refused before any write: Back previews again
        self._typed = False  # secrets were typed for the last apply (kept by then, so not asked again)
        self.preview_failed = False  # the last preview could not read the org: Next reads again
        self._asked_for: Any = None  # the opened profile the choices step was built for (answers kept)
        self._cancel = threading.Event()
        facts = controller.facts
        self.setWindowTitle("Graduate from a setup profile")
        fit_to_screen(self, parent)
        heading = label("Graduate from a setup profile", name="SectionTitle", parent=self)
        self.target = label(f"Into {facts.name} ({facts.environment}, {facts.my_domain_url}): the org this window is signed in "
                            "to.", muted=True, parent=self)
        self.steps_line = label(rich=True, parent=self)
        self.steps_line.setAccessibleName("Steps of the graduation")
        # Where the admin is, not a place to go: no Tab stop, so the keyboard starts in the step.
        self.steps_line.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.steps_line.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status = label(muted=True, selectable=True, parent=self)
        self.status.setAccessibleName("What the wizard is doing")
        self.notice = Notice(self)
        self.profile_step = ProfileStep(self)
        self.choices_step = ChoicesStep(self)
        self.preview_step = PreviewStep(self)
        self.confirm_step = ConfirmStep(self)
        self.result_step = ResultStep(self)
        self.stack = QStackedWidget(self)
        for step in (self.profile_step, self.choices_step, self.preview_step, self.confirm_step, self.result_step):
            self.stack.addWidget(step)
        self.back_button = button("< &Back", "Back", parent=self)
        self.report_button = button("&Save the parity report…", "Save the parity report (JSON and PDF)", parent=self)
        self.next_button = button("&Next >", "Next", primary=True, parent=self)
        self.cancel_button = button("Cancel", "Cancel", parent=self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for widget in (self.report_button, self.next_button, self.cancel_button):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        for widget in (heading, self.target, self.steps_line, self.status, self.notice):
            layout.addWidget(widget)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.profile_step.chosen.connect(self.read_profile)
        self.profile_step.entered.connect(self._path_entered)
        self.profile_step.switch_requested.connect(self.switch_guide)
        self.preview_step.anyway.toggled.connect(lambda *_: self._update())
        self.confirm_step.changed.connect(self._update)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.report_button.clicked.connect(self.ask_report_path)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        controller.tasks.changed.connect(self._progress)
        self.next_button.setDefault(True)  # Enter goes on, once the step allows it
        self._go(PROFILE)
        self.profile_step.path.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Placed over the window, then moved as little as needed to be whole on the screen (a
        window larger than its screen would otherwise centre the dialog past the screen's edge)."""
        super().showEvent(event)
        screen = self.screen()
        if screen is None:
            return
        area, frame = screen.availableGeometry(), self.frameGeometry()
        dx = max(area.left() - frame.left(), min(0, area.right() - frame.right()))
        dy = max(area.top() - frame.top(), min(0, area.bottom() - frame.bottom()))
        if dx or dy:
            self.move(self.x() + dx, self.y() + dy)

    # -- moving between the steps --------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def _questions(self) -> list[Any]:
        return self.opened.graduation.questions() if self.opened is not None else []

    def _go(self, step: int) -> None:
        if step != self.step:
            self.status.clear()  # what the last step said ("The window now shows…") belongs to it
        self.stack.setCurrentIndex(step)
        shown = [i for i in range(len(STEP_NAMES)) if i != CHOICES or self._questions()]
        parts = [f"<b>{n}. {STEP_NAMES[i]}</b>" if i == step else f"{n}. {STEP_NAMES[i]}" for n, i in enumerate(shown, 1)]
        self.steps_line.setText("  ›  ".join(parts))
        self._update()
        self._focus_step(step)

    def _focus_step(self, step: int) -> None:
        """The keyboard starts where the step asks something: the first field, else the table."""
        if step == PROFILE:
            return  # stays where it was (the path field, or Choose…)
        if step == CHOICES and self.choices_step.boxes:
            next(iter(self.choices_step.boxes.values())).setFocus()
        elif step == PREVIEW:
            self.preview_step.tree.setFocus()
        elif step == CONFIRM:
            (self.confirm_step.first_field() or self.next_button).setFocus()
        elif step == RESULT:
            self.result_step.details.setFocus()  # never Cancel: Enter must not stop the graduation

    def _busy(self) -> bool:
        tasks = self.controller.tasks
        return self.applying or any(tasks.is_running(key) for key in (READ_KEY, PREVIEW_KEY, REPORT_KEY))

    def _fits(self) -> bool:
        """The profile is read and the window shows its guide."""
        guide = self.controller.guide
        return self.opened is not None and guide is not None and guide.id == self.opened.profile.guide

    def _ready(self) -> bool:
        step, preview = self.step, self.preview
        if step == PROFILE:
            return self._fits()
        if step == CHOICES:
            return True
        if step == PREVIEW:
            if self.preview_failed:
                return True  # Try again
            return preview is not None and (not preview.blockers or self.preview_step.anyway.isChecked())
        if step == CONFIRM:
            return preview is not None and self.confirm_step.ready(preview)
        return False

    def _update(self) -> None:
        busy, step = self._busy(), self.step
        self.back_button.setVisible(step in (CHOICES, PREVIEW, CONFIRM) or (step == RESULT and self.nothing_written))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(step != RESULT)
        self.next_button.setText(RETRY_TEXT if step == PREVIEW and self.preview_failed else NEXT_TEXT.get(step, "&Next >"))
        self.next_button.setEnabled(not busy and self._ready())
        self.report_button.setVisible(step == RESULT and self._reportable())
        self.report_button.setEnabled(not busy)
        self.cancel_button.setText("Close" if step == RESULT and not self.applying else "Cancel")
        self.profile_step.browse.setEnabled(not busy)

    def _reportable(self) -> bool:
        """A parity report can be saved: the graduation ran to its comparison and wrote, or was meant
        to write (a cancel before the first write graduated nothing, so there is nothing to report)."""
        return self.graduated is not None and self.graduated.report is not None and not self.nothing_written

    def next(self) -> None:
        if not self._ready() or self._busy():
            return
        if self.step == PROFILE:
            if self._questions():
                if self._asked_for is not self.opened:  # the same profile again keeps what was chosen
                    self.choices_step.show_questions(self._questions(), words.source_name(self.opened.profile))
                    self._asked_for = self.opened
                self._go(CHOICES)
            else:
                self.run_preview()
        elif self.step == CHOICES or (self.step == PREVIEW and self.preview_failed):  # a failed preview: Try again
            self.run_preview()
        elif self.step == PREVIEW:
            self.confirm_step.show_plan(self.preview, words.confirm_summary(
                self.preview, self.opened.graduation.secrets.session_only))
            self.notice.show_text("")
            chain = [*self.confirm_step.in_tab_order(), self.back_button, self.next_button, self.cancel_button]
            for before, after in itertools.pairwise(chain):
                QWidget.setTabOrder(before, after)
            self._go(CONFIRM)
        elif self.step == CONFIRM:
            self.graduate()

    def back(self) -> None:
        if self._busy():
            return
        self.notice.show_text("")
        self.preview_failed = False
        if self.step == CHOICES:
            self._go(PROFILE)
        elif self.step == PREVIEW:
            self._go(CHOICES if self._questions() else PROFILE)
        elif self.step == CONFIRM:
            self.confirm_step.clear_secrets()
            self._go(PREVIEW)
            self._show_blockers()
        elif self.step == RESULT and self.nothing_written:
            self.nothing_written = False
            self.run_preview()  # what was refused may have been put right: read this org again

    # -- 1. the profile ------------------------------------------------------------------------------
    def read_profile(self, text: str) -> None:
        """Read and check the file on a worker, and set up its graduation onto this org."""
        from wizard.ui.graduation import work

        if not text or self._busy():
            return
        path = Path(text).expanduser()
        self.profile_step.path.setText(str(path))
        self.opened, self.preview = None, None
        self.profile_step.show_profile("", None)
        self.notice.show_text("")
        self.status.setText(f"Reading {path.name}…")
        c = self.controller
        conn, facts, signed = c.connection, c.facts, c.signed
        self.controller.tasks.run(
            "Reading the setup profile…",
            lambda: work.open_profile(path, conn, facts, signed.saved.client_id, signed.preflight.items),
            on_done=self._opened, on_error=self._open_failed, key=READ_KEY)
        self._update()

    def _path_entered(self, text: str) -> None:
        """Enter in the path field: a new path is read; the file already read is left to Next (the
        dialog's default button, which the same Enter presses), so Enter, Enter goes on."""
        if self.opened is not None and text and Path(text).expanduser() == self.opened.path:
            return
        self.read_profile(text)

    def _opened(self, opened: Any) -> None:
        self.opened = opened
        self.status.setText("")
        self._show_guide_fit()
        self._go(PROFILE)

    def _show_guide_fit(self) -> None:
        opened, c = self.opened, self.controller
        about = words.profile_summary(opened.profile)
        if self._fits():
            same = words.same_org(opened.profile, c.facts)
            self.profile_step.show_profile(about, words.same_org_text(opened.profile, c.facts) if same else None)
            return
        window_guide = c.guide.id if c.guide is not None else None
        mismatch = words.guide_mismatch_text(opened.profile.guide, window_guide, c.facts.name, len(c.changes))
        self.profile_step.show_profile(about, mismatch, opened.graduation.guide.title)

    def _open_failed(self, exc: BaseException) -> None:
        from wizard.profiles.files import ProfileError

        self.status.setText("")
        org = self.controller.facts.name
        if isinstance(exc, ProfileError):
            self.notice.show_text(words.profile_refused_text(exc, org))
        else:
            self.notice.show_text(f"The profile could not be opened: {words.unexpected(exc)}. Nothing was read from {org}.")
        self._update()

    def switch_guide(self) -> None:
        """Show the profile's guide in the window (the admin pressed the button that says so)."""
        c = self.controller
        if self.opened is None or self._busy():
            return
        c.choose_guide(self.opened.profile.guide)
        if c.flow.current not in c.flow.steps and c.guide is not None:  # a page of the guide shown before
            c.go(PAGE_PREFIX + c.guide.pages[0].id)
        self._show_guide_fit()
        self.status.setText(f"The window now shows {c.guide.title}.")
        self._update()

    # -- 3. the preview --------------------------------------------------------------------------------
    def run_preview(self) -> None:
        """Read this org and plan on a worker: nothing is written."""
        answers = self.choices_step.answers() if self._questions() else {}
        graduation, facts = self.opened.graduation, self.controller.facts
        self.preview, self.preview_failed = None, False
        self.notice.show_text("")
        self.preview_step.clear(f"Reading {facts.name} to compare it with the profile… Nothing is written.")
        self._go(PREVIEW)
        self.controller.tasks.run(f"Reading {facts.name} for the graduation preview…", lambda: graduation.preview(answers),
                                  on_done=self._previewed, on_error=self._preview_failed, key=PREVIEW_KEY)
        self._update()

    def _previewed(self, preview: Any) -> None:
        self.preview = preview
        labels = {q.key: q.label for q in self._questions()}
        self.preview_step.summary.setText(words.preview_summary(preview, labels))
        source = words.source_name(self.opened.profile).removeprefix("the ")
        self.preview_step.show_preview(preview, source[:1].upper() + source[1:])  # "Sandbox", or "Source org"
        self._show_blockers()
        self._update()

    def _show_blockers(self) -> None:
        preview = self.preview
        self.notice.show_text(words.blocked_text(preview.blockers, preview.facts.name) if preview and preview.blockers else "")

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview_step.clear("")
        self.preview_failed = True  # Next reads again ("Try again"), nothing to go back for
        self.notice.show_text(words.read_failure_text(exc, self.controller.facts.name))
        self._update()
        self.next_button.setFocus()

    # -- 4. and 5. graduate ------------------------------------------------------------------------------
    def graduate(self) -> None:
        """Secrets into the graduation, then apply, verify and compare on a worker."""
        from wizard.ui.graduation import work

        preview, c = self.preview, self.controller
        if preview is None or not self.confirm_step.ready(preview) or self._busy():
            return
        secrets = self.confirm_step.take_secrets()  # the fields are empty from here on
        self._typed = bool(secrets)
        confirmation = self.confirm_step.confirm.text().strip() or None
        allow = self.preview_step.anyway.isChecked()
        self._cancel = threading.Event()
        cancel, graduation = self._cancel, self.opened.graduation
        extra = [c.connection.access_token]

        def job(report: Any) -> Any:
            return work.graduate(graduation, preview, secrets, confirmation, allow_blockers=allow, cancel=cancel,
                                 report=report, extra_secrets=extra)

        self.applying = True
        self.notice.show_text("")
        self.result_step.show_progress("Backing up what will change, then writing…")
        self._go(RESULT)
        c.tasks.run(f"Graduating {preview.facts.name}…", job, on_done=self._graduated, on_error=self._graduate_failed,
                    key=APPLY_KEY, cancellable=False, with_progress=True)
        self._update()

    def _graduated(self, graduated: Any) -> None:
        self.applying = False
        self.notice.show_text("")  # "stays open while it writes" is over
        self.graduated = graduated
        applied = graduated.result.applied
        self.controller.record_changes(list(applied.applied))  # in the report, however the dialog ends
        self.changed = self.changed or bool(applied.applied)
        # Cancelled before the first write: the org is as it was; Back previews it again.
        self.nothing_written = graduated.cancelled and not applied.applied and not applied.backup_id
        self.result_step.show_result(graduated)
        if self.nothing_written and self._typed:  # kept before the apply began, as `graduate` keeps them
            self.result_step.status.setText(self.result_step.status.text() + " The values you typed were kept, and are "
                                            "not asked again.")
        if not self.nothing_written:
            self.controller.check(None)  # the window's pages: this org as it is now
        self._update()
        self._focus_step(RESULT)

    def _graduate_failed(self, exc: BaseException) -> None:
        from wizard.profiles.graduate import GraduationStopped

        self.applying = False
        self.notice.show_text("")  # "stays open while it writes" is over
        c, org = self.controller, self.preview.facts.name
        if isinstance(exc, GraduationStopped):
            self.stopped = exc
            c.record_changes(list(exc.applied.applied))
            self.changed = self.changed or bool(exc.applied.applied)
            self.result_step.show_stopped(exc, org)
            c.check(None)
        elif _before_any_write(exc):
            self.nothing_written = True
            explained = getattr(exc, "explained", None)
            text = (f"{org} could not be read before the first write: {explained.window_message}"
                    if explained is not None else words.unexpected(exc))
            kept = " The values you typed were kept, and are not asked again." if self._typed else ""
            # A refusal that already ends with the way on (Back, `RETRY_WORDS.rerun`) is not given a second one.
            way_on = "" if words.RETRY_WORDS.names_a_way_on(text) else f" Press Back to preview {org} again once that is put right."
            self.result_step.show_failure("Nothing was written", f"{text}{way_on}{kept}")
        else:
            self.result_step.show_failure("✖ The graduation stopped", (
                f"It stopped with an unexpected problem ({words.unexpected(exc)}). The window's pages show {org} checked again; "
                f"{words.UNDO_MENU} takes back whatever the wizard wrote."))
            c.check(None)
        self._update()
        self._focus_step(RESULT)

    # -- the parity report ---------------------------------------------------------------------------------
    def ask_report_path(self) -> None:
        """The system's save dialog for the JSON record; the PDF goes beside it, same name."""
        if self.graduated is None:
            return
        default = words.default_report_path(self.opened.path)
        # Replacing is asked by `save_report_to`, of both files: the system dialog would ask about
        # the JSON only, and the PDF beside it would be replaced unasked.
        path, _ = QFileDialog.getSaveFileName(self, "Save the parity report (a JSON record and a PDF beside it)",
                                              str(default), "Parity report (*.json);;All files (*)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.save_report_to(Path(path))

    def save_report_to(self, chosen: Path) -> None:
        """Check both places first (as the command line does), ask before replacing either file,
        then write on a worker. A folder chosen gets the report under its usual name inside it."""
        from wizard.output_files import OutputFileError, check_output_files
        from wizard.ui.graduation import work

        if chosen.is_dir():
            chosen = chosen / words.default_report_path(self.opened.path).name
        json_path, pdf_path = words.report_paths(chosen)
        saved = self.result_step.saved
        try:
            check_output_files((("The report file", json_path), ("The report file", pdf_path)))
        except OutputFileError as exc:
            saved.setText(f"The parity report was not saved: {words.in_window(str(exc))}")
            return
        if self.opened.path.resolve() in (json_path.resolve(), pdf_path.resolve()):
            saved.setText(f"The parity report was not saved: {self.opened.path} is the profile itself. Choose another name.")
            return
        existing = [p for p in (json_path, pdf_path) if p.exists()]
        if existing and not self._replace_files(existing):
            saved.setText(f"The parity report was not saved: {' and '.join(str(p) for p in existing)} "
                          f"{'was' if len(existing) == 1 else 'were'} kept as {'it was' if len(existing) == 1 else 'they were'}. "
                          "Save it again under another name.")
            return
        profile, result = self.opened.profile, self.graduated.result
        extra = [self.controller.connection.access_token]

        def done(files: Any) -> None:
            saved.setText(f"Parity report saved: {files.json_path} and {files.pdf_path} (the PDF's footer carries the "
                          f"record's SHA-256, {files.json_sha256[:16]}…).")
            self._update()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                from wizard.output_files import refused_target, write_advice

                where = refused_target(exc, (json_path, pdf_path), json_path)
                saved.setText(f"The parity report was not saved: {where} could not be written "
                              f"({exc.strerror or 'refused'}){write_advice(exc, where.parent)}.")
            else:
                saved.setText(f"The parity report was not saved: {words.unexpected(exc)}")
            self._update()

        saved.setText(f"Writing {json_path.name} and {pdf_path.name}…")
        self.controller.tasks.run("Writing the parity report…",
                                  lambda: work.save_report(profile, result, json_path, pdf_path, extra),
                                  on_done=done, on_error=failed, key=REPORT_KEY)
        self._update()

    def _replace_files(self, existing: list[Path]) -> bool:
        """Ask before the report replaces files already there ("Keep them" is the default)."""
        from wizard.ui.graduation.capture import ask

        names = " and ".join(str(p) for p in existing)
        one = len(existing) == 1
        text = (f"{names} already {'exists' if one else 'exist'}. The parity report is saved as a JSON record with a PDF "
                f"beside it, so saving it here replaces {'that file' if one else 'both'}. Replace, or keep "
                f"{'it' if one else 'them'} and choose another name.")
        return ask(self, "Replace the files?" if not one else "Replace the file?", text,
                   "Replace" if one else "Replace them", "Keep it" if one else "Keep them")

    # -- progress, cancel and closing ----------------------------------------------------------------------
    def _progress(self) -> None:
        task = next((t for t in self.controller.tasks.active() if t.key == APPLY_KEY), None)
        if self.applying and task is not None and task.progress:
            self.result_step.status.setText(task.progress)
        self._update()

    def _status_line(self) -> Any:
        return self.result_step.status

    def reject(self) -> None:
        """Cancel, Esc and the title bar's close: never while the apply writes."""
        if self.applying:
            self._hold()
            return
        for key in (READ_KEY, PREVIEW_KEY):
            if self.controller.tasks.is_running(key):
                self.controller.tasks.cancel(key)  # only reads: their answers are dropped
        self.confirm_step.clear_secrets()
        if self.changed:
            self.accept()
        else:
            super().reject()


def _before_any_write(exc: BaseException) -> bool:
    """Refusals the door and the graduation raise before their first write (nothing to record)."""
    from wizard.apply.backup import BackupUnreadable, BackupUnwritable, SecretInBackup
    from wizard.apply.errors import ConfirmationRequired, MissingInputs, MissingSecrets
    from wizard.profiles.graduate import GraduationBlocked

    kinds = (GraduationBlocked, ConfirmationRequired, MissingSecrets, MissingInputs, BackupUnreadable, BackupUnwritable,
             SecretInBackup)
    return isinstance(exc, kinds) or getattr(exc, "explained", None) is not None  # a read before the writes
