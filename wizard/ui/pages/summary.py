"""Summary: counts per status, the verdict, what is left to do, and the report export.

The verdict and the to-do list come from the same report model the PDF is rendered from, so
the window and the exported report never disagree.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from wizard.engine.results import Status
from wizard.flow import SUMMARY
from wizard.ui.pages.base import StepPage, button, label
from wizard.ui.status_badge import StatusBadge

EXPORTS = (("pdf", "Export &PDF…", "PDF report (*.pdf)"), ("html", "Export &HTML…", "Web page (*.html)"),
           ("json", "Export &JSON…", "JSON record (*.json)"))


class SummaryPage(StepPage):
    step_id = SUMMARY

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__("SUMMARY", "Where your setup stands", "", parent)
        self.controller = controller
        inner = self.widget()
        self.verdict_card = QFrame(inner)
        self.verdict_card.setObjectName("Card")
        card = QVBoxLayout(self.verdict_card)
        card.setContentsMargins(18, 14, 18, 14)
        top = QHBoxLayout()
        self.verdict_badge = StatusBadge(None, self.verdict_card)
        self.headline = label(name="PageTitle", parent=self.verdict_card)
        top.addWidget(self.headline)
        top.addWidget(self.verdict_badge)
        top.addStretch(1)
        card.addLayout(top)
        self.verdict_text = label(parent=self.verdict_card)
        card.addWidget(self.verdict_text)
        self.body.addWidget(self.verdict_card)
        self.counts_row = QHBoxLayout()
        self.count_badges = {s: StatusBadge(s, inner) for s in Status}
        for badge in self.count_badges.values():
            self.counts_row.addWidget(badge)
        self.counts_row.addStretch(1)
        self.body.addLayout(self.counts_row)
        self.section("What's left")
        self.todo = label(rich=True, selectable=True, parent=inner)
        self.todo.setAccessibleName("What is left to do")
        self.body.addWidget(self.todo)
        self.section("The report")
        self.body.addWidget(label("The report lists every setting with what was expected, what your org has, the "
                                  "evidence, and who confirmed each manual step. Nothing secret is ever in it.",
                                  muted=True, parent=inner))
        actions = QHBoxLayout()
        self.export_buttons = {}
        for kind, text, _filter in EXPORTS:
            widget = button(text, text.replace("&", "").rstrip("…"), primary=kind == "pdf", parent=inner)
            widget.clicked.connect(lambda _=False, k=kind: self.ask_export(k))
            self.export_buttons[kind] = widget
            actions.addWidget(widget)
        self.recheck = button("Check everything again", "Check every page again", parent=inner)
        self.recheck.clicked.connect(lambda: controller.check(None))
        actions.addStretch(1)
        actions.addWidget(self.recheck)
        self.body.addLayout(actions)
        self.saved = label(muted=True, selectable=True, parent=inner)
        self.body.addWidget(self.saved)
        self.finish()
        self.report: Any = None

    def refresh(self) -> None:
        c = self.controller
        run = c.run_record()
        ready = run is not None
        for widget in self.export_buttons.values():
            widget.setEnabled(ready)
        if not ready:
            self.headline.setText("Nothing checked yet")
            self.verdict_badge.set_status(None)
            self.verdict_text.setText("Sign in and open a page of the guide; the summary fills in as pages are checked.")
            self.todo.setText("")
            for badge in self.count_badges.values():
                badge.hide()
            return
        from wizard.report import build_report

        self.report = build_report(c.guide, run, secrets=self._secrets())
        summary = self.report.summary
        self.summary.setText(f"{c.guide.title} in {run.org.name} ({run.org.environment}), "
                             f"{summary.total} settings.")
        self.summary.show()
        self.headline.setText(summary.verdict.headline)
        self.verdict_badge.set_status(summary.verdict.status)
        self.verdict_text.setText(summary.verdict.text)
        for status, badge in self.count_badges.items():
            count = summary.counts.get(status, 0)
            badge.set_status(status, str(count))
            badge.setVisible(count > 0)
        items = [f"<li style='margin-bottom:6px'><b>{escape(t.page_title)}</b> — {escape(t.setting)}: "
                 f"<i>{escape(t.status.icon + ' ' + t.status.label)}</i>. {escape(t.what_to_do)}</li>"
                 for t in self.report.todo]
        self.todo.setText(f"<ol style='margin-left:-14px'>{''.join(items)}</ol>" if items else "Nothing: every setting passes.")

    def _secrets(self) -> list[str]:
        conn = self.controller.connection
        return [conn.access_token] if conn is not None else []

    def ask_export(self, kind: str) -> None:
        _k, _t, file_filter = next(e for e in EXPORTS if e[0] == kind)
        guide, facts = self.controller.guide, self.controller.facts
        default = Path.home() / f"eci-{guide.id}-{(facts.name or 'org').replace(' ', '-').lower()}-report.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the report", str(default), file_filter)
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the report on a worker; the line under the buttons says where it went."""
        from wizard.ui import jobs

        run = self.controller.run_record()
        if run is None:
            return
        guide, secrets = self.controller.guide, self._secrets()
        self.saved.setText(f"Writing {path.name}…")
        self.controller.tasks.run(f"Writing the {kind.upper()} report…",
                                  lambda: jobs.export_report(guide, run, path, kind, secrets),
                                  on_done=lambda p: self.saved.setText(f"Saved: {p}"),
                                  on_error=lambda exc: self.saved.setText(
                                      f"The report was not written: {exc}. Choose another folder and try again."),
                                  key=f"export-{kind}")
