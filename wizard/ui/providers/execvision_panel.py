"""The ExecVision delivery on its guide page: where the files go, as whom, and the check itself.

First the guide's case: recordings from Five9, or from a homegrown or rarer dialer or CRM (the
guide gives each its own folder and its own file-name rule). Nothing is checked until the admin
chooses; once chosen, the other case's pages read "Not your case". Then push (ExecVision's
account), pull (your server, as ExecVision will read it) or a local folder before upload; host,
port, user and a password or a private key (secrets in the keyring), the file-name layout
agreed with ExecVision (Five9 names are checked only against one), the time zone of the call
times in the names and how long to wait for each answer of the server (as the command line's
``--name-tz`` and ``--timeout``, read by the same `typed_values`; a zone that is none stops the
check beside its field, before anything connects). The
check runs on a worker with progress and a Cancel that stops it at once, even while it waits on a
silent server, and closes its connection (the worker returns; `CancelToken.when_cancelled`). An unknown
host key is shown by its fingerprint and accepted only by the admin; a changed key is refused
loudly. The results reach every ExecVision page through the normal check.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from wizard.providers.execvision.layout import UPLOAD_DIR
from wizard.providers.execvision.typed_values import (
    DEFAULT_TIMEOUT,
    DEFAULT_ZONE,
    TIMEOUT_RANGE,
    ValueRefused,
    name_time_zone,
)
from wizard.retry_words import RetryWords, shown_in
from wizard.ui.pages.base import Notice, button, label
from wizard.ui.providers.hub import EXECVISION
from wizard.ui.providers.panel_base import ProviderPanel, line_edit

KEY = "execvision-check"
MAX_FINDINGS_SHOWN = 12
#: How the delivery check's own texts say what to do here (`RetryWords.way`): this panel's fields and
#: boxes instead of the command line's options (``{offset}``: the UTC offset the time-zone warning names).
#: The window has no way to forget an accepted host key, so that aside is left out.
_CHECK_AGAIN = "press Check the delivery again"
WINDOW_WORDS = RetryWords(
    again=_CHECK_AGAIN, same=_CHECK_AGAIN, resumes="nothing is done twice", sign_in="Sign in", signed_in_again=_CHECK_AGAIN,
    undo=_CHECK_AGAIN, rerun=_CHECK_AGAIN,
    ways={"--source": " (Recordings from, in Check your delivery on the ExecVision page)",
          "--prove-write": " (tick “Prove write access” in Check your delivery)",
          "--name-tz": " Enter that zone in “Call times in names” (Check your delivery on the ExecVision page), by its "
                       "name or as the offset {offset}, then check again.",
          "--timeout": ", or allow a slow server more time in “Answer timeout” (Check your delivery on the ExecVision page)",
          "forget-host": "", "--accept-host-key": " when the wizard asks",
          "--ask-password": " in “Password or key passphrase”, with “Save the password in the keyring” ticked to replace "
                            "the saved one",
          "--remote-dir": " (the Remote folder field)"})
FIVE9, HOMEGROWN = "five9", "homegrown"
CHOOSE_FIRST = ("Choose where your recordings come from first (Five9, or a homegrown or rarer dialer or CRM): "
                "the guide checks each case by its own rules.")
ZONE_REFUSED = ("Nothing was checked: the time zone in “Call times in names” is not one the wizard can read; "
                "the note under the field says what to enter.")
#: Zones offered in “Call times in names” besides this computer's: UTC, and the US zones most dialers serve.
SUGGESTED_ZONES = (DEFAULT_ZONE, "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
_UTC_NAMES = {"UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "GREENWICH", "UNIVERSAL", "ZULU"}


def local_zone() -> str:
    """This computer's time zone as the check reads it: its name (Europe/Berlin), else its offset from UTC now."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    try:
        name_time_zone(name)
        return name
    except ValueRefused:  # a zone Python's database lacks: the offset the clock shows now
        seconds = QTimeZone.systemTimeZone().offsetFromUtc(QDateTime.currentDateTime())
        return f"{'-' if seconds < 0 else '+'}{abs(seconds) // 3600:02d}:{abs(seconds) % 3600 // 60:02d}"


def zone_suggestions() -> list[str]:
    """UTC, this computer's zone (unless it is UTC by another name), then the US zones."""
    here = local_zone()
    same_as_utc = here.rsplit("/", 1)[-1].upper() in _UTC_NAMES or here in ("+00:00", "-00:00")
    return list(dict.fromkeys([DEFAULT_ZONE, *([] if same_as_utc else [here]), *SUGGESTED_ZONES]))


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    """Every zone name this computer knows, for completing what the admin types (read once: it walks the database)."""
    from zoneinfo import available_timezones

    return tuple(sorted(available_timezones()))


def ask_host_key(parent: QWidget, problem: Any) -> bool:
    """Show the fingerprint and ask; True only when the admin accepts it."""
    box = QMessageBox(QMessageBox.Icon.Question, "Accept the server's host key?",
                      f"{problem.observed}.\n\nCompare this fingerprint with the one your SFTP provider gave you "
                      "(ExecVision for push, your server's admin for pull). Accept it only if they match; the wizard "
                      "then remembers it and refuses any other key for this server.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("HostKeyQuestion")
    box.button(QMessageBox.StandardButton.Yes).setText("Accept and remember")
    box.button(QMessageBox.StandardButton.No).setText("Don't accept")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class DeliveryPanel(ProviderPanel):
    def __init__(self, controller: Any, hub: Any, guide: Any, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, hub, "Check your delivery",
                         "The wizard signs in as ExecVision will and checks the upload folder, every recording's name, "
                         "type and size, and every metadata file. Passwords stay in your system keyring.", parent)
        self.guide, self.page = guide, page
        self.cancel_token: Any = None
        self.five9 = QRadioButton("Fi&ve9", self)
        self.homegrown = QRadioButton("A &homegrown or rarer dialer or CRM", self)
        self.dialer_group = QButtonGroup(self)  # neither is checked until the admin chooses
        for widget in (self.five9, self.homegrown):
            self.dialer_group.addButton(widget)
            widget.setAccessibleName(f"Recordings from {widget.text().replace('&', '')}")
            widget.toggled.connect(self._dialer_changed)
        self.add_row("Recordings from", self._pair(self.five9, self.homegrown))
        self.push = QRadioButton("&Push: to ExecVision's SFTP account", self)
        self.pull = QRadioButton("P&ull: ExecVision reads your server", self)
        self.push.setChecked(True)
        self.mode_group = QButtonGroup(self)
        for widget in (self.push, self.pull):
            self.mode_group.addButton(widget)
        self.add_row("Delivery model", self._pair(self.push, self.pull))
        self.sftp = QRadioButton("The &SFTP account", self)
        self.local = QRadioButton("A &local folder, before upload", self)
        self.sftp.setChecked(True)
        self.where_group = QButtonGroup(self)
        for widget in (self.sftp, self.local):
            self.where_group.addButton(widget)
            widget.toggled.connect(self._where_changed)
        self.add_row("Check", self._pair(self.sftp, self.local))
        self.host = self.add_row("Host", line_edit(self, "SFTP host", placeholder="sftp.example.com"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(22)
        self.port.setAccessibleName("SFTP port")
        self.add_row("Port", self.port)
        self.user = self.add_row("User name", line_edit(self, "SFTP user name"))
        self.password = self.add_row("Password or key passphrase", line_edit(
            self, "SFTP password or key passphrase", secret=True, placeholder="leave empty to use the one kept in the keyring"))
        self.key_file = line_edit(self, "Private key file", placeholder="optional: sign in with a private key instead")
        self.add_row("Private key", self.key_file, self._browse(self.key_file, folder=False))
        self.remote_dir = self.add_row("Remote folder", line_edit(self, "Remote folder", placeholder=". (the upload folder)"))
        self.timeout = QDoubleSpinBox(self)
        self.timeout.setRange(*TIMEOUT_RANGE)
        self.timeout.setDecimals(0)
        self.timeout.setSingleStep(5)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(DEFAULT_TIMEOUT)
        self.timeout.setAccessibleName("Answer timeout: seconds to wait for each answer from the SFTP server")
        self.timeout.setToolTip("How long to wait for each answer from the SFTP server, while signing in and after. "
                                f"{DEFAULT_TIMEOUT:g} seconds suits most servers; allow a slow one more.")
        self.add_row("Answer timeout", self.timeout)
        self.local_dir = line_edit(self, "Local folder")
        self.add_row("Local folder", self.local_dir, self._browse(self.local_dir, folder=True))
        self.layout_field = self.add_row("File name layout", line_edit(
            self, "File name layout agreed with ExecVision",
            placeholder="Five9: the layout agreed with ExecVision, e.g. {call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}_{session_id}_{ani}"))
        self.fields = self.add_row("Metadata fields", line_edit(
            self, "Metadata fields configured in ExecVision", placeholder="optional, e.g. caller_id, disposition, contact_name"))
        self.name_tz = self.add_row("Call times in names", self._zone_field())
        self.name_tz_problem = Notice(self)  # under the field: what was typed, what is expected, what to enter
        self.name_tz_problem.text.setAccessibleName("Call times in names: problem")
        self.form.addWidget(self.name_tz_problem, self._rows, 1, 1, 2)
        self._rows += 1
        self.keep = self.add_full_row(QCheckBox("Save the password in the &keyring", self))
        self.keep.setChecked(not controller.demo)
        self.keep.setEnabled(not controller.demo)  # the demo account lives as long as this window
        self.consent = self.add_full_row(QCheckBox(self))
        self._name_consent(HOMEGROWN)
        self.check_button = self.add_button("Check the &delivery", "Check the ExecVision delivery", self.check, primary=True)
        self.cancel_button = self.add_button("Cancel", "Cancel the delivery check", self.cancel)
        self.finish_actions()
        self.findings = label(selectable=True, parent=self)
        self.findings.setAccessibleName("Files with problems")
        self.findings.hide()
        self.layout().addWidget(self.findings)
        controller.tasks.changed.connect(self._progress)
        self._where_changed()
        self.hub_changed(EXECVISION)

    def _zone_field(self) -> QComboBox:
        """An editable list of zones: UTC and this computer's zone offered, any name or offset typed (completed)."""
        field = QComboBox(self)
        field.setEditable(True)
        field.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        field.addItems(zone_suggestions())
        field.setCurrentText(DEFAULT_ZONE)
        field.setAccessibleName("Time zone of the call times in recording names")
        field.setToolTip("The time zone the system that names the recordings writes the call times in: UTC, a name like "
                         "America/New_York, or an offset like +02:00. The guide asks for one zone, agreed with your "
                         "ExecVision implementations manager.")
        completer = QCompleter(list(_zone_names()), field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        field.setCompleter(completer)
        field.editTextChanged.connect(lambda *_: self.name_tz_problem.show_text(""))  # the note answers what was typed
        return field

    def _pair(self, a: QWidget, b: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(a)
        row.addWidget(b)
        row.addStretch(1)
        return row

    def _browse(self, field: Any, folder: bool) -> QWidget:
        widget = button("Browse…", f"Choose the {field.accessibleName().lower()}", parent=self)

        def choose() -> None:
            path = (QFileDialog.getExistingDirectory(self, field.accessibleName()) if folder
                    else QFileDialog.getOpenFileName(self, field.accessibleName())[0])
            if path:
                field.setText(path)

        widget.clicked.connect(lambda *_: choose())
        return widget

    def _name_consent(self, dialer: str) -> None:
        # The folder is named as a name (“data”), not read as the word: where the test file goes.
        self.consent.setText(f"Prove &write access: write a small test file to the “{UPLOAD_DIR[dialer]}” subfolder "
                             "and remove it at once (push only)")

    def dialer(self) -> str | None:
        """The case the admin chose, or None before they chose."""
        return FIVE9 if self.five9.isChecked() else HOMEGROWN if self.homegrown.isChecked() else None

    def _dialer_changed(self, checked: bool) -> None:
        """A case chosen: the other case's pages read "Not your case" at once (no check needed for that)."""
        dialer = self.dialer()
        if not checked or dialer is None:
            return
        self._name_consent(dialer)
        demo = self.hub.demo_side(EXECVISION)
        if demo is not None and self.user.text() in (demo.username, demo.five9_username):
            self.user.setText(demo.username_for(dialer))  # the demo has an account for each case
            self.layout_field.setText(demo.five9_layout if dialer == FIVE9 else "")
        session = self.hub.execvision
        if session.dialer_chosen and session.entries.dialer == dialer:
            return
        session.choose_dialer(dialer)
        if self.status.text() == CHOOSE_FIRST:
            self.say("")
        c = self.controller
        if c.guide is not None and c.signed is not None and c.flow.signed_in:
            self.check_pages(self._pages())

    def _pages(self) -> list[str]:
        from wizard.providers.execvision.guide_results import refreshed_pages

        return refreshed_pages(self.guide, "pull" if self.pull.isChecked() else "push")

    def _where_changed(self, *_: Any) -> None:
        remote = self.sftp.isChecked()
        for widget in (self.host, self.port, self.user, self.password, self.key_file, self.remote_dir, self.timeout):
            self.show_row(widget, remote)
        for widget in (self.keep, self.consent):
            widget.setVisible(remote)
        self.show_row(self.local_dir, not remote)

    # -- filling in ----------------------------------------------------------------------------------------
    def hub_changed(self, side: str) -> None:
        if side != EXECVISION:
            return
        session = self.hub.made(EXECVISION)
        if session is not None and session.entries.host and not self.host.text():
            self.fill(session.entries, session.dialer_chosen)
        demo = self.hub.demo_side(EXECVISION)
        if demo is not None and not self.host.text():
            self.host.setText(demo.host)
            self.port.setValue(demo.port)
            self.user.setText(demo.username)
            self.password.setText(demo.password)
            if self.dialer() is None:
                self.homegrown.setChecked(True)
            self.say("Demo: the demo SFTP accounts are filled in, one for each case (choose Five9 to switch). They hold "
                     "sample recordings, some with the mistakes the guide warns about. Click “Check the delivery”.")
        if EXECVISION in self.hub.demo_notes:
            self.problem(self.hub.demo_notes[EXECVISION])
        self.busy_changed()

    def fill(self, entries: Any, dialer_chosen: bool = True) -> None:
        (self.pull if entries.mode == "pull" else self.push).setChecked(True)
        (self.local if entries.source == "local" else self.sftp).setChecked(True)
        self.host.setText(entries.host)
        self.port.setValue(int(entries.port))
        self.user.setText(entries.username)
        self.remote_dir.setText("" if entries.remote_dir == "." else entries.remote_dir)
        self.key_file.setText(entries.key_file)
        self.local_dir.setText(entries.local_dir)
        self.layout_field.setText(entries.name_pattern)
        self.fields.setText(", ".join(entries.fields))
        self.name_tz.setCurrentText(entries.name_tz)
        self.timeout.setValue(float(entries.timeout))
        if dialer_chosen:  # entries kept before the choice existed leave it to the admin
            (self.five9 if entries.dialer == FIVE9 else self.homegrown).setChecked(True)

    def entries(self) -> Any:
        from wizard.providers.execvision.session import DeliveryEntries

        return DeliveryEntries(
            mode="pull" if self.pull.isChecked() else "push", source="local" if self.local.isChecked() else "sftp",
            host=self.host.text().strip(), port=self.port.value(), username=self.user.text().strip(),
            remote_dir=self.remote_dir.text().strip() or ".", key_file=self.key_file.text().strip(),
            local_dir=self.local_dir.text().strip(), prove_write=self.consent.isChecked() and self.push.isChecked(),
            fields=tuple(f.strip() for f in self.fields.text().split(",") if f.strip()),
            name_pattern=self.layout_field.text().strip(), dialer=self.dialer() or HOMEGROWN,
            name_tz=self.name_tz.currentText().strip() or DEFAULT_ZONE, timeout=self.timeout.value())

    def busy_changed(self) -> None:
        busy = self.controller.tasks.is_running(KEY)
        self.check_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)

    # -- checking -------------------------------------------------------------------------------------------
    def check(self, accept_fingerprint: str | None = None) -> None:
        from wizard.providers.execvision.scan import CancelToken

        if self.dialer() is None:
            self.say(CHOOSE_FIRST)
            self.five9.setFocus()
            return
        session = self.hub.execvision
        entries, typed = self.entries(), self.password.text()
        try:
            name_time_zone(entries.name_tz)  # before anything connects or is kept: every name would be judged in it
        except ValueRefused as refused:
            self.name_tz_problem.show_text(str(refused))
            self.say(ZONE_REFUSED)
            self.name_tz.setFocus()
            return
        keep = self.keep.isChecked() and not self.controller.demo  # kept once the server accepts it; never in demo mode
        token = self.cancel_token = CancelToken()

        remember = not self.controller.demo  # demo entries point at a server that lives as long as this window

        def job(report: Any) -> Any:
            with shown_in(WINDOW_WORDS):  # the check's advice names this panel's fields, never an option
                if remember:
                    session.remember(entries)
                secrets = None if entries.source == "local" else session.secrets_for(
                    entries, password=typed if not entries.key_file else "", passphrase=typed if entries.key_file else "", keep=keep)
                return session.run(entries, secrets, accept_fingerprint=accept_fingerprint, progress=report, cancel=token)

        self.say("Connecting…" if entries.source == "sftp" else "Reading the folder…")
        self.findings.hide()
        self.run(f"Checking the ExecVision delivery ({entries.host or entries.local_dir})…", job, self._checked, key=KEY,
                 with_progress=True, on_cancel=token.cancel, on_error=lambda exc: self._problem(entries, exc))

    def _problem(self, entries: Any, exc: BaseException) -> None:
        """A check that could not run: the host key question, or the reason on the rows."""
        from wizard.providers.execvision.scan import ScanCancelled
        from wizard.providers.execvision.sftp import HostKeyChanged, SftpProblem, UnknownHostKey

        self.busy_changed()
        if isinstance(exc, ScanCancelled):
            self.say("Cancelled. The rows show the last complete check.")
            return
        if isinstance(exc, UnknownHostKey):
            if ask_host_key(self.window(), exc):
                self.check(accept_fingerprint=exc.fingerprint)
                return
            self.say("The host key was not accepted, so the wizard did not sign in.")
        if not isinstance(exc, SftpProblem):
            self.say("")
            self.problem(str(exc) or type(exc).__name__)
            return
        if not isinstance(exc, UnknownHostKey):
            self.say("The delivery could not be checked; the notice below says why and what to do.")
        with shown_in(WINDOW_WORDS):  # the rows' advice names this panel's fields, never an option
            self.hub.execvision.record_problem(entries, exc)
        self.problem(("⚠ " if isinstance(exc, HostKeyChanged) else "") + str(exc))
        self.check_pages(self._pages())

    def _checked(self, outcome: Any) -> None:
        bad = [f for f in outcome.findings if f.status.value in ("fail", "warn", "error")]
        counts = f"{outcome.recordings:,} recordings and {outcome.metadata_files:,} metadata files checked"
        unjudged = next((f for f in outcome.findings if f.rule == "five9-info" and f.status.value == "manual"), None)
        names = (" Five9 file names were not checked: enter the layout agreed with ExecVision in “File name layout”, "
                 "or confirm them by hand on the Five9 page." if unjudged is not None else "")
        self.say((f"{counts}; {len(bad)} finding(s)." if bad else f"{counts}; everything checked follows the guide.") + names)
        if bad:
            lines = [f"• {f.file or '(folder)'}: {f.observed}. Fix: {f.fix}" for f in bad[:MAX_FINDINGS_SHOWN]]
            if len(bad) > MAX_FINDINGS_SHOWN:
                lines.append(f"… and {len(bad) - MAX_FINDINGS_SHOWN} more; the rows of the guide's pages count them by "
                             "rule, and fixing these first and checking again shows the rest")
            self.findings.setText("\n".join(lines))
            self.findings.show()
        self.password.clear()
        self.check_pages(self._pages())

    def cancel(self) -> None:
        self.controller.tasks.cancel(KEY)

    def _progress(self) -> None:
        task = next((t for t in self.controller.tasks.active() if t.key == KEY), None)
        if task is not None and task.progress:
            self.say(task.progress)
