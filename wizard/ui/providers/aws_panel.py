"""The AWS side of the Amazon Connect guide on its first AWS page: how to reach AWS, where to look.

A profile from the standard chain (SSO included) or access keys kept in the keyring; the region
and, when the account has several, the Salesforce Lambdas stack; the org's Visualforce and
Lightning origins for the bucket's CORS rule; the concurrent calls the admin expects (the command
line's ``--concurrent-calls``), which decide whether the sfCTRTrigger timeout matters. Everything is
read-only: "Check AWS" signs in (sts:GetCallerIdentity) and then every check of the AWS pages reads
the account once; the status line then says when it was read and how the settings stand (never
"Reading…" after the fact). The choices are remembered only once AWS has accepted the sign-in, and
a refused one replaces nothing. In demo mode "Check AWS" waits, disabled, until the demo's AWS runs. The two
settings an API may write (the CORS rule, the secret's keys) get "Fix it for me" on their rows.
"Forget saved keys" removes the keys saved under the label shown, as ``eci-wizard aws keys forget``
does (shown only when there are some, never in demo mode).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QRadioButton,
    QWidget,
)

from wizard.providers.aws.checks_iam import FORGET_KEYS
from wizard.providers.aws.checks_stack import CONCURRENT_CALLS, NO_STACK, REGION, STACK
from wizard.providers.aws.credential_sources import DEFAULT_KEYS_LABEL, keyring_label
from wizard.providers.aws.panel_words import (
    CONCURRENT_CALLS_FIELD,
    checked_text,
    parse_concurrent_calls,
    reading_text,
    signed_in_text,
    stopped_text,
)
from wizard.retry_words import RetryWords
from wizard.ui.providers.hub import AWS
from wizard.ui.providers.panel_base import ProviderPanel, line_edit

KEY = "aws-connect"
KEYS_KEY = "aws-saved-keys"  # looking in the keyring for access keys saved under the label shown
FORGET_KEY = "aws-forget-keys"
KEY_ID_HINT = "the access key ID from IAM (AKIA…)"
SAVED_HINT = "empty: the keys saved under this label"
CALLS_HINT = "empty: not judged (the sfCTRTrigger timeout matters above 1000)"
#: Why "Check AWS" waits in demo mode: there is nothing to sign in to until the demo's AWS runs.
DEMO_STARTING_TIP = "The demo's local AWS is still starting; Check AWS becomes available as soon as it runs."
COMMON_REGIONS = ("us-east-1", "us-east-2", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-central-1",
                  "ap-southeast-1", "ap-southeast-2", "ap-northeast-1")


def forget_refused_text(label: str) -> str:
    """The keyring did not remove saved keys (a locked keyring refuses): they are still saved, and
    the way on is this panel's button once the keyring is unlocked, never the command line's command
    (nor the keyring library's name for its error)."""
    return (f"The system keyring did not remove the AWS access keys saved as “{label}”, so they are still saved there. "
            "Unlock your system keyring, then press “Forget saved keys” again.")


#: How the AWS checks' own texts say what to do here (`RetryWords.way`): the panel's button, not the
#: command line's `eci-wizard aws keys forget`, which the sentence around it already names as a button;
#: the panel's field, not the command line's `--concurrent-calls`.
_CHECK_AGAIN = "press Check AWS again"
WINDOW_WORDS = RetryWords(again=_CHECK_AGAIN, same=_CHECK_AGAIN, resumes="nothing is done twice", sign_in="Sign in",
                          signed_in_again=_CHECK_AGAIN, undo=_CHECK_AGAIN, rerun=_CHECK_AGAIN,
                          ways={FORGET_KEYS: "", CONCURRENT_CALLS: (
                              f"To have this judged, enter the concurrent calls you expect in “{CONCURRENT_CALLS_FIELD}” "
                              "under “Your AWS account”, then press Check AWS."),
                              NO_STACK: "clear “Stack” under “Your AWS account” and press Check AWS again",
                              STACK: "enter the one you mean in “Stack” under “Your AWS account” and press Check AWS again",
                              REGION: "choose that region in “Region” under “Your AWS account” and press Check AWS again"})

class AwsPanel(ProviderPanel):
    def __init__(self, controller: Any, hub: Any, guide: Any, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, hub, "Your AWS account",
                         "The wizard reads the AWS side of the guide (read-only) with your usual AWS sign-in or with "
                         "access keys kept in your system keyring, and changes nothing unless you apply a fix.", parent)
        self.guide, self.page = guide, page
        self.profile_radio = QRadioButton("A &profile (SSO included)", self)
        self.keys_radio = QRadioButton("Access &keys kept in the keyring", self)
        self.demo_radio = QRadioButton("The &demo's local AWS", self)
        # In demo mode the demo's own AWS is the way in, chosen from the start (it may still be starting).
        (self.demo_radio if controller.demo else self.profile_radio).setChecked(True)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        for widget in (self.profile_radio, self.keys_radio, self.demo_radio):
            self.group.addButton(widget)
            widget.toggled.connect(self._source_changed)
            row.addWidget(widget)
        row.addStretch(1)
        self.demo_radio.setVisible(controller.demo)
        self.add_row("Sign in with", row)
        self.profile = self.add_row("Profile", line_edit(self, "AWS profile", placeholder="empty: the default credential chain"))
        self.key_id = self.add_row("Access key ID", line_edit(self, "AWS access key ID", placeholder=KEY_ID_HINT))
        self.secret_key = self.add_row("Secret access key", line_edit(self, "AWS secret access key", secret=True))
        self.label_field = self.add_row("Keyring label", line_edit(self, "Keyring label of the keys", placeholder=DEFAULT_KEYS_LABEL))
        self.label_field.textChanged.connect(self._show_saved_keys)
        self.label_field.editingFinished.connect(self._look_up_saved_keys)
        self.keep = self.add_full_row(QCheckBox("Save the keys in the &keyring once AWS accepts them", self))
        self.keep.setChecked(not controller.demo)
        self.keep.setEnabled(not controller.demo)  # nothing typed in demo mode is kept in the keyring
        self.region = QComboBox(self)
        self.region.setEditable(True)
        self.region.setAccessibleName("AWS region")
        self.region.addItems(COMMON_REGIONS)
        self.region.setCurrentText("")
        self.region.lineEdit().setPlaceholderText("the region of the Salesforce Lambdas stack")
        self.add_row("Region", self.region)
        self.stack = self.add_row("Stack", line_edit(self, "CloudFormation stack", placeholder="empty: found by its parameters"))
        self.origins = self.add_row("Org origins", line_edit(
            self, "The org's Visualforce and Lightning origins", placeholder="filled in from your My Domain once signed in"))
        self.calls = self.add_row(CONCURRENT_CALLS_FIELD, line_edit(self, CONCURRENT_CALLS_FIELD, placeholder=CALLS_HINT))
        self.calls.setValidator(QIntValidator(0, 999_999_999, self.calls))
        self.check_button = self.add_button("Check &AWS", "Check the AWS side", self.check, primary=True)
        self.forget_button = self.add_button("F&orget saved keys", "Forget the AWS access keys saved in the keyring",
                                             self.forget_keys)
        self.forget_button.hide()
        self._demo_seen = False  # the demo's AWS has been seen running (and chosen for the admin) once
        self._looking_for = ""
        self._reading = False  # the sign-in of "Check AWS" led to a check of the pages not yet finished
        self._shown_check: Any = None  # the session's `checked_at` the status line last reported
        self.finish_actions()
        controller.org_changed.connect(self._org_changed)
        controller.results_changed.connect(self._check_finished)
        controller.checking_changed.connect(self._check_finished)
        self._source_changed()
        self._org_changed()
        self.hub_changed(AWS)

    def _source_changed(self, *_: Any) -> None:
        keys, demo = self.keys_radio.isChecked(), self.demo_radio.isChecked()
        self.show_row(self.profile, not keys and not demo)
        for widget in (self.key_id, self.secret_key, self.label_field):
            self.show_row(widget, keys)
        self.keep.setVisible(keys)
        for widget in (self.region, self.stack, self.origins):
            widget.setEnabled(not demo)
        self._org_changed()
        self._look_up_saved_keys()
        self.busy_changed()

    def _org_changed(self, *_: Any) -> None:
        from wizard.providers.aws.session import org_origins

        facts = self.controller.facts
        found = org_origins(facts.my_domain_url) if facts is not None else ()
        if found and not self.origins.text():
            self.origins.setText(", ".join(found))
        self.origins.setPlaceholderText(self._origins_hint(facts is not None, bool(found)))

    def _origins_hint(self, signed_in: bool, derivable: bool) -> str:
        """What the empty origins field is waiting for, true to the moment (never "once signed in" when signed in)."""
        if self.demo_radio.isChecked():
            return "filled in from the demo's AWS account once it has started"
        if not signed_in:
            return "filled in from your My Domain once signed in"
        if not derivable:
            return "type them: the org's My Domain gives no Salesforce origins (e.g. https://acme--c.vf.force.com)"
        return "the org's Visualforce and Lightning origins"

    # -- filling in -------------------------------------------------------------------------------------------
    def hub_changed(self, side: str) -> None:
        if side != AWS:
            return
        session = self.hub.made(AWS)
        if session is not None and session.access is None and session.choices.region and not self.region.currentText():
            choices = session.choices
            (self.keys_radio if choices.source == "keyring" else self.profile_radio).setChecked(True)
            self.profile.setText(choices.profile)
            self.label_field.setText(choices.keys_label)
            self.region.setCurrentText(choices.region)
            self.stack.setText(choices.stack)
            if choices.origins:
                self.origins.setText(", ".join(choices.origins))
        if session is not None and session.access is None and session.choices.concurrent_calls and not self.calls.text():
            self.calls.setText(str(session.choices.concurrent_calls))
        demo = self.hub.demo_side(AWS)
        # Once, when the demo's AWS is first seen running: a later change of the hub (the saved choices read
        # back) must not take back a way in the admin has chosen since, nor the status of a check since.
        if demo is not None and not self._demo_seen and not (session is not None and session.access is not None):
            self._demo_seen = True
            self.demo_radio.setChecked(True)
            self.region.setCurrentText(demo.access.region)
            self.stack.setText(demo.account.stack_name)
            self.origins.setText(", ".join(demo.origins))
            self.say("Demo: a local AWS with the guide's setup done is running. Click “Check AWS”.")
        note = self.hub.demo_notes.get(AWS)
        if note:
            self.demo_radio.setEnabled(False)
            self.profile_radio.setChecked(True)  # the demo's AWS could not start: the admin's own account
            self.problem(note)
        elif demo is None and self.demo_radio.isChecked():
            self.say("Demo: a local AWS with the guide's setup done is starting… Check AWS becomes available once it runs.")
        self._show_saved_keys()
        self.busy_changed()

    def demo_starting(self) -> bool:
        """The demo's AWS is chosen but not running yet (nor known to have failed): nothing to sign in to."""
        hub = getattr(self, "hub", None)
        return (hub is not None and self.demo_radio.isChecked() and hub.demo_side(AWS) is None
                and AWS not in hub.demo_notes)

    def busy_changed(self) -> None:
        if not hasattr(self, "forget_button"):
            return  # a radio button toggled while the panel is still being built
        tasks = self.controller.tasks
        waiting = self.demo_starting()
        self.check_button.setEnabled(not tasks.is_running(KEY) and not waiting)
        self.check_button.setToolTip(DEMO_STARTING_TIP if waiting else "")
        self.forget_button.setEnabled(not tasks.is_running(KEY) and not tasks.is_running(FORGET_KEY))

    # -- access keys saved in the keyring --------------------------------------------------------------------
    def keys_label(self) -> str:
        """The label shown (its placeholder when empty), under which keys are saved and looked for."""
        return self.label_field.text().strip() or DEFAULT_KEYS_LABEL

    def _show_saved_keys(self, *_: Any) -> None:
        """Offer "Forget saved keys" only for keys known to be saved under the label shown, never in demo mode."""
        session = self.hub.made(AWS)
        saved = session is not None and session.saved_keys.get(self.keys_label(), False)
        self.forget_button.setVisible(bool(saved) and self.keys_radio.isChecked() and not self.controller.demo)
        self.key_id.setPlaceholderText(SAVED_HINT if saved else KEY_ID_HINT)

    def _look_up_saved_keys(self) -> None:
        """Ask the keyring (on a worker: it may have to be unlocked) whether keys are saved under the label shown."""
        self._show_saved_keys()
        if self.controller.demo or not self.keys_radio.isChecked():
            return
        session, label = self.hub.aws, self.keys_label()
        if label in session.saved_keys or (self._looking_for == label and self.controller.tasks.is_running(KEYS_KEY)):
            return
        self._looking_for = label
        self.controller.tasks.run("Looking for saved AWS keys…", lambda: session.look_up_keys(label),
                                  on_done=self._show_saved_keys, on_error=self._show_saved_keys, key=KEYS_KEY,
                                  cancellable=False)

    def forget_keys(self) -> None:
        """Remove the keys saved under the label shown, after a question (the same removal as the command line's)."""
        label, session = self.keys_label(), self.hub.aws
        box = QMessageBox(QMessageBox.Icon.Question, "Forget the saved AWS keys?",
                          f"Remove the AWS access keys saved as “{label}” from your system keyring?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("ForgetAwsKeys")
        box.setInformativeText("The wizard stops using them. Nothing changes in AWS: the keys keep working there "
                               "until you deactivate them in IAM.")
        box.button(QMessageBox.StandardButton.Yes).setText("Forget the keys")
        box.button(QMessageBox.StandardButton.No).setText("Keep them")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return

        def forgotten(gone: bool) -> None:
            self.busy_changed()
            self.key_id.clear()
            self.secret_key.clear()
            self._show_saved_keys()
            if gone:
                self.say(f"Removed the AWS access keys saved as “{label}” from your keyring; the wizard no longer uses "
                         "them. They still work in AWS until you deactivate them in IAM.")
            else:
                self.say(f"No AWS access keys were saved as “{label}”; nothing was removed.")

        def failed(_exc: BaseException) -> None:
            self.busy_changed()
            self.say("")
            self.problem(forget_refused_text(label))

        self.problem("")  # the removal is one quick keyring call: once started it is not cancelled halfway
        self.controller.tasks.run("Removing the saved AWS keys…", lambda: session.forget_keys(label), on_done=forgotten,
                                  on_error=failed, key=FORGET_KEY, cancellable=False)
        self.busy_changed()

    # -- checking ----------------------------------------------------------------------------------------------
    def check(self) -> None:
        session = self.hub.aws
        origins = tuple(o.strip() for o in self.origins.text().split(",") if o.strip())
        region, stack = self.region.currentText().strip(), self.stack.text().strip()
        demo = self.hub.demo_side(AWS) if self.demo_radio.isChecked() else None
        if self.demo_radio.isChecked() and demo is None:
            self.problem(self.hub.demo_notes.get(AWS) or "The demo's local AWS is still starting; Check AWS runs once it "
                         "has started.")
            return
        try:
            calls = parse_concurrent_calls(self.calls.text())
        except ValueError as exc:
            self.problem(str(exc))
            return
        if self.keys_radio.isChecked():
            label_text, key_id, secret = self.label_field.text(), self.key_id.text(), self.secret_key.text()
            if not region:
                self.problem("Choose the region of the Salesforce Lambdas stack: keys don't carry one.")
                return
            keep = self.keep.isChecked() and not self.controller.demo  # validated first, saved only when asked
            connect = lambda: session.use_keys(label_text, key_id, secret, region, stack, origins, keep=keep,  # noqa: E731
                                               concurrent_calls=calls)
        elif demo is not None:
            connect = lambda: session.use_access(demo.access, demo.account.stack_name, demo.origins,  # noqa: E731
                                                 concurrent_calls=calls)
        else:
            profile = self.profile.text()
            remember = not self.controller.demo
            connect = lambda: session.use_profile(profile, region, stack, origins, keep=remember,  # noqa: E731
                                                  concurrent_calls=calls)

        def job() -> Any:
            access = connect()  # proven with sts:GetCallerIdentity before anything is remembered
            return access, session.caller

        def connected(signed: Any) -> None:
            access, identity = signed
            self.secret_key.clear()
            if keyring_label(access.source) is not None:
                self.key_id.clear()  # saved: an empty field now means "the keys saved under this label"
            self._show_saved_keys()
            c = self.controller
            if c.guide is None or c.signed is None or not c.flow.signed_in:
                self.say(signed_in_text(access, identity))  # `check_pages` adds that the org's sign-in comes first
            else:
                self.say(reading_text(access, identity))
                self._reading = True
            self.check_pages(self.hub.pages_for(AWS))

        def refused(exc: BaseException) -> None:
            self.say("")
            kept = session.access
            note = f" Nothing was replaced: the wizard still uses {kept.source} ({kept.region})." if kept is not None else ""
            self.problem(f"{str(exc) or type(exc).__name__}{note}")
            self._show_saved_keys()

        self._reading = False
        self.run("Signing in to AWS…", job, connected, key=KEY, on_error=refused)

    def _check_finished(self, *_: Any) -> None:
        """Once a check of the pages has read AWS, say when and what came of it, whichever button started it
        (this panel's or a page's); when the check this panel started ends without reading AWS, say that."""
        session = self.hub.made(AWS)
        if session is None or session.access is None or self.controller.checking:
            return
        if session.checked_at is not None and session.checked_at != self._shown_check:
            self._shown_check, self._reading = session.checked_at, False
            self.say(checked_text(session.access, session.caller, session.checked_at, session.results, session.problem))
        elif self._reading and not self.controller.tasks.is_running(KEY):
            self._reading = False
            self.say(stopped_text(session.access, session.caller))
