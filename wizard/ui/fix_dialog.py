"""The fix preview: what will change (now → after), the values it needs, the confirmation.

Nothing is written until the admin presses Apply; a production org needs its name typed first, and
a value of the wrong form (an AWS access key ID mistyped) is refused beside its field, Apply off.
Planning and applying run on workers; the progress line shows the door's real steps, and Cancel
during an apply stops it after the current step (the backup makes that safe to resume).

While an apply runs the dialog cannot be closed (Esc, the title bar's close and Cancel only ask it
to stop): what it writes is recorded for the report (`controller.record_changes`) the moment it
finishes, and the page is checked again when the dialog closes. After a stop, "Continue" reads
the org again and previews what is left; after a stop whose way on is a new sign-in (behind this
dialog) it is off, as the stop says to close the dialog first.

A fix that needs choices first (the AWS region and Lambda function a named credential's URL is
made of) asks for them here, each checked as it is typed; "Preview with these choices" reads the
org again and shows exactly what will be written, and only that preview has an Apply button. The
choices stay with this org's fixes until the window closes (they are not secret; nothing keeps them).
Values the provider pages already hold (an Aircall API key entered this session) fill the fields
the fix asks for, and the preview says which values come from what is typed here.
"""

from __future__ import annotations

import dataclasses
import threading
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard.apply.model import ApplyInputs
from wizard.apply.preview import plural, secret_words, summary_lines
from wizard.retry_words import RetryWords, shown_in
from wizard.ui.fix_door import UNDO_MENU
from wizard.ui.pages.base import Notice, button, label
from wizard.ui.secret_rows import add_secret_row, all_accepted, typed_values
from wizard.ui.writing_dialog import StaysOpenWhileWriting

KEY = "fix"

#: How this dialog says to try again after a stop: its Continue button, which reads the org again
#: and applies what is left. A sign-in that must be renewed first cannot be, while this dialog is
#: open, so then the way on is to close it, sign in, and press "Fix it for me" on the page again.
#: A refusal before anything was written (a backup file it cannot read or write) leaves the
#: preview as it was, with its Apply button.
FIX_WORDS = RetryWords(again="press Continue", same="press Continue", resumes="nothing is done twice",
                       sign_in="Close this window and sign in", signed_in_again="press Fix it for me again",
                       undo=f"choose {UNDO_MENU} again", rerun="press the Apply button again")


def applied_html(applied: Any) -> str:
    """What was written, as recorded for the report: what, which setting, before, after."""
    rows = [f"<tr><td>{escape(a.target)}</td><td>{escape(a.setting)}</td>"
            f"<td>{escape(a.before or '—')}</td><td><b>{escape(a.after or '—')}</b></td></tr>" for a in applied]
    head = "<tr><th align='left'>What</th><th align='left'>Setting</th><th align='left'>Before</th><th align='left'>After</th></tr>"
    return f"<table cellspacing='0' cellpadding='4' width='100%'>{head}{''.join(rows)}</table>"


#: The choices this window can ask for: the `ApplyInputs` fields a plan's `InputNeed` may name.
ASKABLE = frozenset(f.name for f in dataclasses.fields(ApplyInputs))
#: The Apply button while choices are still to be made: it previews, it writes nothing.
PREVIEW_CHOICES = "&Preview with these choices"


def plan_html(plan: Any, typed: Any = (), session_only: bool = False, asked: str = "the value you type below") -> str:
    """The changes as a table: what, which setting, now, after (secrets never shown). A secret
    still to be typed is named by its field (`asked` says where), one typed or filled in there as "as entered below"."""
    rows = []
    for change_plan in plan.plans:
        rows.append(f"<tr><td colspan='4' style='padding-top:8px'><b>{escape(change_plan.title)}</b></td></tr>")
        for c in change_plan.changes:
            after = secret_words(c, plan.secrets_needed, typed=typed, session_only=session_only,
                                 asked=asked)
            rows.append(f"<tr><td>{escape(c.target)}</td><td>{escape(c.setting)}</td>"
                        f"<td>{escape(c.current or '—')}</td><td><b>{escape(after or '—')}</b></td></tr>")
    head = "<tr><th align='left'>What</th><th align='left'>Setting</th><th align='left'>Now</th><th align='left'>After</th></tr>"
    return f"<table cellspacing='0' cellpadding='4' width='100%'>{head}{''.join(rows)}</table>"


def provider_values(controller: Any) -> tuple[dict[str, str], str]:
    """Values the provider pages hold for the door's fixes (secret name -> value), and how to say
    where they came from: a key Aircall or RingCentral accepted this session, else, in the demo,
    the demo accounts' keys the pages fill in. A refused key is never handed over."""
    hub = getattr(controller, "provider_hub", None)
    if hub is None:
        return {}, ""
    from wizard.providers.voice.apply_link import door_values

    voice = hub.made("voice")
    if voice is not None and (voice.aircall_accepted is not None or voice.ringcentral_accepted is not None):
        return (door_values(voice.aircall_accepted, voice.ringcentral_accepted),
                "Filled in from the key you entered on the provider's page this session (the API ID is the user "
                "name, the API token the password).")
    emulators = hub.demo_side("voice")
    if emulators is None:
        return {}, ""
    from wizard.providers.aircall.credentials import AircallCredentials

    demo = emulators.demo_credentials()
    if not (demo.aircall_api_id and demo.aircall_api_token):
        return {}, ""
    return (door_values(AircallCredentials(demo.aircall_api_id, demo.aircall_api_token)),
            "Demo: the demo Aircall account's API ID (the user name) and API token (the password) are filled in, "
            "as on the Aircall API key page.")


def signs_in_first(error: str) -> bool:
    """Whether a stop's advice is to close this dialog and sign in (`FIX_WORDS.sign_in`): Continue
    would read the org with the sign-in that just failed, so it is not offered then."""
    return FIX_WORDS.sign_in.casefold() in error.casefold()


def stop_text(error: str, resumable: bool) -> str:
    """Why the fix stopped and the way on, said once: the stop's own advice names this dialog's
    button where trying again is the way (`FIX_WORDS`); otherwise Continue is offered after it."""
    if FIX_WORDS.names_a_way_on(error):
        return error
    return f"{error} Press Continue to read the org again and apply what is left" + (
        " (nothing is done twice)." if resumable else ".")


class FixDialog(StaysOpenWhileWriting, QDialog):
    def __init__(self, controller: Any, session: Any, selection: tuple[str, str], setting: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.session, self.selection = controller, session, selection
        self.plan: Any = None
        self.result: Any = None
        self.changed = False
        self.applying = False  # an apply runs on a worker: the dialog stays open until it ends
        self.writing_what = "The fix"  # named when a close is refused while it writes
        self._cancel = threading.Event()
        self.setWindowTitle(f"Fix it for me: {setting}")
        self.resize(820, 560)
        self.heading = label(f"Fix it for me: {setting}", name="SectionTitle")
        self.status = label("Reading the org to plan the fix…", muted=True)
        self.notice = Notice(self)
        self.changes = label(rich=True, selectable=True)
        self.changes.setAccessibleName("The changes the fix will make")
        self.changes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.changes)
        self.extra = label(rich=True, selectable=True)
        self.secret_form = QFormLayout()
        self.secret_fields: dict[str, QLineEdit] = {}
        self.secret_needs: dict[str, Any] = {}  # name -> SecretNeed, whose form a typed value must have
        self.secret_refusals: dict[str, Any] = {}  # name -> the label beside its field that says why it is refused
        self.input_fields: dict[str, QLineEdit | QComboBox] = {}  # choices the plan needs, asked before its preview
        self.input_needs: dict[str, Any] = {}  # name -> InputNeed
        self.input_refusals: dict[str, Any] = {}
        self.confirm = QLineEdit(self)
        self.confirm.setAccessibleName("Type the org's name to confirm")
        self.confirm.textChanged.connect(self._update_buttons)
        self.confirm.hide()
        self.apply_button = button("Apply", "Apply the changes", primary=True, parent=self)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button = button("Cancel", "Cancel", parent=self)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.status, self.notice):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.extra)
        layout.addLayout(self.secret_form)
        layout.addWidget(self.confirm)
        layout.addLayout(buttons)
        controller.tasks.changed.connect(self._progress)
        self._plan()

    # -- planning ----------------------------------------------------------------------------------
    def _plan(self) -> None:
        """Read the org and plan the fix (again after a stop: the plan then holds what is left)."""
        session, selection = self.session, self.selection

        def job() -> Any:
            with shown_in(FIX_WORDS):
                return session.plan_for(selection)

        self.controller.tasks.run("Planning the fix…", job, on_done=self._planned, on_error=self._failed, key=KEY)

    def _planned(self, plan: Any) -> None:
        self.plan = plan
        facts = plan.org
        self.changes.clear()
        self.extra.clear()
        self.notice.show_text("")
        while self.secret_form.rowCount():
            self.secret_form.removeRow(0)
        for kept in (self.secret_fields, self.secret_needs, self.secret_refusals,
                     self.input_fields, self.input_needs, self.input_refusals):
            kept.clear()
        self.confirm.hide()
        if plan.empty and not plan.inputs_needed:
            self.status.setText("Nothing to change: the org already matches the guide here.")
            self.cancel_button.setText("Close")
            self.apply_button.setText("Apply")
            self._update_buttons()
            return
        if plan.inputs_needed:
            self._ask_choices(plan)
            return
        count = plural(plan.change_count(), "change")
        self.status.setText(f"{count} in {facts.name} ({facts.environment}). The current "
                            "state is backed up first, so you can undo this fix.")
        notes = [escape(n) for n in plan.notes] + [f"Only you can do this: <b>{escape(m.title)}</b> — {escape(m.do)}"
                                                   for m in plan.manual]
        for need in plan.secrets_needed:
            field, refused = add_secret_row(self.secret_form, need, self, self._update_buttons)
            self.secret_fields[need.name], self.secret_needs[need.name] = field, need
            self.secret_refusals[need.name] = refused
        values, said = provider_values(self.controller)
        filled = [name for name in self.secret_fields if values.get(name)]
        for name in filled:
            self.secret_fields[name].setText(values[name])
        if filled:
            notes.append(escape(said))
        self.extra.setText("<br>".join(notes))
        self._show_changes()
        if plan.production:
            self.confirm.setPlaceholderText(f"{facts.name} is a PRODUCTION org: type its name to confirm")
            self.confirm.show()
        self.apply_button.setText(f"Apply {count}")
        self._update_buttons()

    def _ask_choices(self, plan: Any) -> None:
        """The choices the fix needs, asked before its preview: a list when the need has choices,
        else a line checked as it is typed. Apply is not offered until they make a full preview."""
        facts = plan.org
        unaskable = [n for n in plan.inputs_needed if n.name not in ASKABLE]
        if unaskable:  # no field of this window takes it: say so, and offer no way to apply
            self.status.setText("Nothing was changed.")
            self.notice.show_text("This fix needs a choice the window does not take ("
                                  + "; ".join(n.label for n in unaskable) + "), so it is not applied from here. "
                                  "Follow the page's steps in Setup instead.")
            self.apply_button.hide()
            self.cancel_button.setText("Close")
            return
        self.status.setText(f"First, the fix needs {plural(len(plan.inputs_needed), 'choice')} in {facts.name} "
                            f"({facts.environment}). Press “Preview with these choices” to read the org again and "
                            "see exactly what will change; nothing is written before you apply that preview.")
        self.changes.setText(plan_html(plan, asked="the value asked for after these choices"))
        for need in plan.inputs_needed:
            self._add_choice_row(need, getattr(self.session.inputs, need.name, None))
        self.apply_button.setText(PREVIEW_CHOICES)
        self._update_buttons()

    def _add_choice_row(self, need: Any, current: Any) -> None:
        """One choice: a list of `need.choices`, or a line whose refusal shows under it."""
        refused = label(parent=self)
        refused.hide()
        if need.choices:
            field: QLineEdit | QComboBox = QComboBox(self)
            field.addItems(list(need.choices))
            if current in need.choices:
                field.setCurrentText(str(current))
            field.currentTextChanged.connect(self._update_buttons)
        else:
            field = QLineEdit(self)
            field.setText(str(current) if isinstance(current, str) else "")

            def typed(text: str) -> None:
                said = need.refusal(text)
                refused.setText(said)
                refused.setVisible(bool(said))
                self._update_buttons()

            field.textChanged.connect(typed)
            typed(field.text())
        field.setAccessibleName(need.label)
        refused.setAccessibleName(f"Why this is not accepted as {need.label[:1].lower() + need.label[1:]}")
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(field)
        column.addWidget(refused)
        self.secret_form.addRow(label(need.label, parent=self), box)
        self.input_fields[need.name], self.input_needs[need.name], self.input_refusals[need.name] = field, need, refused

    def _choices(self) -> dict[str, str] | None:
        """The choices as typed or picked, or None while any is empty or refused."""
        values = {}
        for name, field in self.input_fields.items():
            need = self.input_needs[name]
            text = field.currentText() if isinstance(field, QComboBox) else field.text()
            if not need.cleaned(text) or need.refusal(text):
                return None
            values[name] = need.cleaned(text)
        return values

    def _show_changes(self) -> None:
        """The preview, its secrets said as typed below or still to be typed."""
        if self.plan is None or self.result is not None or self.applying:
            return
        typed = [name for name, field in self.secret_fields.items()
                 if self.secret_needs[name].cleaned(field.text()) and not self.secret_needs[name].refusal(field.text())]
        secrets = getattr(self.session, "secrets", None)
        self.changes.setText(plan_html(self.plan, typed, bool(getattr(secrets, "session_only", False))))

    def _ready(self) -> bool:
        if self.plan is None or self.plan.empty or self.plan.inputs_needed:
            return False
        if not all_accepted(self.secret_needs, self.secret_fields):  # each refusal is said beside its field
            return False
        return not self.plan.production or self.confirm.text().strip() == self.plan.org.name

    def _update_buttons(self, *_: Any) -> None:
        if self.result is not None and not self.controller.tasks.is_running(KEY):
            # "Continue" after a stop, unless the stop says to close this dialog and sign in first
            self.apply_button.setEnabled(self.result.error is not None and not signs_in_first(self.result.error))
            return
        if self.plan is not None and self.plan.inputs_needed:
            self.apply_button.setEnabled(self._choices() is not None and not self.controller.tasks.is_running(KEY))
            return
        self.apply_button.setEnabled(self._ready() and not self.controller.tasks.is_running(KEY))
        if self.secret_fields:
            self._show_changes()

    def _preview_choices(self) -> None:
        """Keep the choices for this org's fixes and plan again with them: the preview that follows
        shows the URL and region they make, and only it can be applied."""
        values = self._choices()
        if values is None or self.controller.tasks.is_running(KEY):
            return
        self.session.inputs = dataclasses.replace(self.session.inputs, **values)
        self.plan = None
        self.apply_button.setEnabled(False)
        self.status.setText("Reading the org again to preview the fix with your choices…")
        self._plan()

    # -- applying ------------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.result is not None:  # "Continue" after a stop: read the org again, preview what is left
            if (self.result.error is not None and not signs_in_first(self.result.error)
                    and not self.controller.tasks.is_running(KEY)):
                self.result, self.plan = None, None
                self._cancel = threading.Event()
                self.notice.show_text("")
                self.apply_button.setEnabled(False)
                self.status.setText("Reading the org again to plan what is left…")
                self._plan()
            return
        if self.plan is not None and self.plan.inputs_needed:
            self._preview_choices()
            return
        if not self._ready():
            return
        plan, session = self.plan, self.session
        secrets = typed_values(self.secret_needs, self.secret_fields)
        confirmation = self.confirm.text().strip() or None
        cancel = self._cancel

        def job(report: Any) -> Any:
            for name, value in secrets.items():
                session.store_secret(name, value)
            with shown_in(FIX_WORDS):  # a stop says to press Continue, never to run an apply
                return session.apply(plan, confirmation=confirmation, cancel=cancel,
                                     progress=lambda title, done, total: report(f"{title} ({done} of {total})"))

        self.applying = True  # before the fields empty: the preview keeps saying the values were typed
        for field in self.secret_fields.values():
            field.clear()  # the values are in the keyring (or this session) now, not in the dialog
        self.apply_button.setEnabled(False)
        self.status.setText("Applying…")
        self.controller.tasks.run("Applying the fix…", job, on_done=self._applied, on_error=self._failed,
                                  key=KEY, cancellable=False, with_progress=True)

    def _applied(self, result: Any) -> None:
        self.applying = False
        self.controller.record_changes(list(result.applied))  # in the report, however the dialog ends
        self.result = result
        self.changed = self.changed or bool(result.applied) or bool(result.writes)
        backup = f", backed up as {result.backup_id}" if result.backup_id else ""
        if result.applied:
            self.changes.setText("<p><b>Written to the org</b> (recorded for the report):</p>" + applied_html(result.applied))
        if result.error:
            # The command line's own count: only writes Salesforce accepted are called made.
            self.status.setText("The fix stopped. " + " ".join(summary_lines(result))
                                + (f" Backed up as {result.backup_id}." if result.backup_id else ""))
            self.notice.show_text(stop_text(result.error, result.resumable))
            self.apply_button.setText("&Continue")
        elif result.cancelled:  # stopped between steps as asked: what was written stays, the rest can follow
            self.status.setText("The fix was cancelled before its next step. " + " ".join(summary_lines(result))
                                + (f" Backed up as {result.backup_id}." if result.backup_id else ""))
            self.notice.show_text("Press Continue to read the org again and apply what is left (nothing is done twice).")
            self.apply_button.setText("&Continue")
        else:
            planned = plural(self.plan.change_count(), "change") if self.plan is not None else "changes"
            self.status.setText(f"Done: {planned} made as previewed, in {plural(result.made_writes, 'write')}{backup}. "
                                "The page is checked again when you close this.")
            self.apply_button.setText("Apply")
        self.cancel_button.setText("Close")
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        writing, self.applying = self.applying, False
        self.status.setText("The fix stopped before writing anything: nothing was changed."
                            if writing else "Nothing was changed.")
        self.notice.show_text(getattr(exc, "message", None) or str(exc))
        self.cancel_button.setText("Close")
        self._update_buttons()

    def _progress(self) -> None:
        task = next((t for t in self.controller.tasks.active() if t.key == KEY), None)
        if task is not None and task.progress:
            self.status.setText(task.progress)

    def _status_line(self) -> Any:
        return self.status

    def reject(self) -> None:
        """Cancel, Esc and the title bar's close: never while an apply writes."""
        if self.applying:
            self._hold()
            return
        if self.controller.tasks.is_running(KEY):
            self.controller.tasks.cancel(KEY)  # planning only reads: its answer is dropped
        if self.changed:
            self.accept()
        else:
            super().reject()


