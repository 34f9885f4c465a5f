""""Fix it for me" on the AWS side: the bucket's CORS rule and the secret's CloudFront keys.

Plan (read fresh from AWS) → preview (now → after, the other CORS rules and secret keys kept) →
Apply (backed up first) → read back and re-check → Undo from the backup if the admin wants the
old state back. The private key is read from the file the admin picks, turned into the guide's
one-line form in memory and never shown; the preview names it by its public key's fingerprint.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard.ui.pages.base import Notice, button, label
from wizard.ui.providers.panel_base import line_edit

KEY = "aws-fix"
TITLES = {"aws.cors": "Allow the org to play recordings (bucket CORS rule)",
          "aws.secret": "CloudFront keys in the SalesforceCredentials secret"}


def _value_html(value: str) -> str:
    if value.startswith("["):  # CORS rules: one rule per line
        rules = json.loads(value) or ["(no CORS configuration)"]
        return "<br>".join(escape(json.dumps(rule)) for rule in rules)
    return escape(value or "—")


def change_plan_html(plan: Any) -> str:
    rows = [f"<tr><td>{escape(c.target)}</td><td>{escape(c.setting)}</td><td>{_value_html(c.current)}</td>"
            f"<td><b>{_value_html(c.desired)}</b></td></tr>" for c in plan.changes]
    head = "<tr><th align='left'>What</th><th align='left'>Setting</th><th align='left'>Now</th><th align='left'>After</th></tr>"
    return f"<p><b>{escape(plan.title)}</b></p><table cellspacing='0' cellpadding='4' width='100%'>{head}{''.join(rows)}</table>"


class AwsFixDialog(QDialog):
    def __init__(self, controller: Any, session: Any, fix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.session, self.fix = controller, session, fix
        self.plan: Any = None
        self.material: Any = None
        self.outcome: Any = None
        self.undone: Any = None
        self.changed = False
        self.setWindowTitle(f"Fix it for me: {TITLES[fix]}")
        self.resize(860, 520)
        self.status = label(muted=True, selectable=True)
        self.notice = Notice(self)
        self.preview = label(rich=True, selectable=True)
        self.preview.setAccessibleName("The changes the fix will make")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        form = QGridLayout()
        self.key_file = line_edit(self, "CloudFront private key file (PEM)")
        self.key_id = line_edit(self, "CloudFront public key ID", placeholder="the ID CloudFront lists under Public keys")
        browse = button("Browse…", "Choose the private key file", parent=self)
        browse.clicked.connect(lambda *_: self._browse())
        self.plan_button = button("&Preview", "Preview the change", parent=self)
        self.plan_button.clicked.connect(lambda *_: self.make_plan())
        if fix == "aws.secret":
            form.addWidget(label("Private key file", parent=self), 0, 0)
            form.addWidget(self.key_file, 0, 1)
            form.addWidget(browse, 0, 2)
            form.addWidget(label("Public key ID", parent=self), 1, 0)
            form.addWidget(self.key_id, 1, 1)
            form.addWidget(self.plan_button, 1, 2)
            known = getattr(getattr(session.snapshot, "secret", None), "key_id", None)
            self.key_id.setText(str(known or ""))
        self.apply_button = button("&Apply", "Apply the change", primary=True, parent=self)
        self.apply_button.clicked.connect(lambda *_: self.apply())
        self.undo_button = button("&Undo", "Put back what the fix changed", parent=self)
        self.undo_button.clicked.connect(lambda *_: self.undo())
        self.close_button = button("Close", "Close", parent=self)
        self.close_button.clicked.connect(lambda *_: self.accept() if self.changed else self.reject())
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (label(TITLES[fix], name="SectionTitle", parent=self), self.status, self.notice):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._update()
        if fix == "aws.cors":
            self.make_plan()
        else:
            self.status.setText("Choose the private key whose public half is in CloudFront (and its public key ID), then preview.")

    def _browse(self) -> None:
        path = QFileDialog.getOpenFileName(self, "CloudFront private key", "", "PEM key (*.pem);;All files (*)")[0]
        if path:
            self.key_file.setText(path)

    def _run(self, text: str, fn: Any, done: Any) -> None:
        self.notice.show_text("")

        def failed(exc: BaseException) -> None:
            self.status.setText("Nothing was changed.")
            self.notice.show_text(str(exc) or type(exc).__name__)
            self._update()

        def finished(value: Any) -> None:
            done(value)
            self._update()

        self.controller.tasks.run(text, fn, on_done=finished, on_error=failed, key=KEY, cancellable=False)
        self._update()

    # -- plan -------------------------------------------------------------------------------------------------
    def make_plan(self) -> None:
        session, facts = self.session, self.controller.facts
        if self.fix == "aws.cors":
            my_domain = facts.my_domain_url if facts is not None else None
            self.status.setText("Reading the bucket's CORS rules to plan the fix…")
            self._run("Planning the CORS fix…", lambda: session.plan_cors(my_domain), self._planned)
            return
        path, key_id = self.key_file.text().strip(), self.key_id.text().strip()

        def plan() -> Any:
            from wizard.providers.aws.pem import read_key_file

            pem = read_key_file(path) if path else None  # a wrong path is said in words, before AWS is asked
            return session.plan_secret(pem, key_id)

        self.status.setText("Reading the secret to plan the fix…")
        self._run("Planning the secret fix…", plan, self._planned)

    def _planned(self, planned: Any) -> None:
        self.plan, self.material = (planned if isinstance(planned, tuple) else (planned, None))
        if self.plan.empty:
            self.status.setText("Nothing to change: AWS already has what the fix would write.")
            self.preview.setText("")
            return
        self.status.setText(f"{len(self.plan.changes)} change(s). The current state is backed up first, so you can undo it.")
        self.preview.setText(change_plan_html(self.plan))

    # -- apply and undo ---------------------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.plan is None or self.plan.empty:
            return
        session, plan, material = self.session, self.plan, self.material
        by = self.controller.facts.username if self.controller.facts is not None else ""
        job = (lambda: session.apply_cors(plan, by)) if self.fix == "aws.cors" else (lambda: session.apply_secret(plan, material, by))
        self.status.setText("Applying (backed up first)…")
        self._run("Applying the AWS fix…", job, self._applied)

    def _applied(self, outcome: Any) -> None:
        self.outcome, self.material = outcome, None  # the key leaves memory with the dialog's reference
        self.changed = self.changed or bool(outcome.applied)
        if outcome.applied:
            self.controller.record_changes(list(outcome.applied))
        checks = "; ".join(f"{r.status.icon} {r.setting}: {r.status.label}" for r in outcome.results)
        self.status.setText(f"Done: {outcome.message}" + (f" Checked again: {checks}." if checks else ""))

    def undo(self) -> None:
        if self.outcome is None or not self.outcome.backup_id:
            return
        session, backup = self.session, self.outcome.backup_id
        self.status.setText("Putting it back…")
        self._run("Undoing the AWS fix…", lambda: session.undo(backup), self._undone)

    def _undone(self, outcome: Any) -> None:
        self.undone = outcome
        self.changed = True
        if outcome.applied:
            self.controller.record_changes(list(outcome.applied))
        self.status.setText(outcome.message)

    def _update(self) -> None:
        busy = self.controller.tasks.is_running(KEY)
        ready = self.plan is not None and not self.plan.empty and self.outcome is None
        self.apply_button.setEnabled(ready and not busy)
        self.apply_button.setText(f"&Apply {len(self.plan.changes)} change(s)" if ready else "&Apply")
        self.plan_button.setEnabled(not busy and self.outcome is None)
        self.undo_button.setVisible(self.outcome is not None and bool(self.outcome.backup_id) and self.undone is None)
        self.undo_button.setEnabled(not busy)
