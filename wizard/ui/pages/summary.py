"""Summary: counts per status, the verdict, what is left to do, and the report export.

The verdict and the to-do list come from the same report model the PDF is rendered from, so
the window and the exported report never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from wizard.engine.results import Status
from wizard.flow import SUMMARY, page_step
from wizard.report.standing import PROVIDER_CHECK, Standing, report_standings, tally
from wizard.retry_words import RetryWords, shown_in
from wizard.ui.pages.base import StepPage, button, label
from wizard.ui.status_badge import StatusBadge
from wizard.ui.step_list import page_status_line

EXPORTS = (("pdf", "Export &PDF…", "PDF report (*.pdf)"), ("html", "Export &HTML…", "Web page (*.html)"),
           ("json", "Export &JSON…", "JSON record (*.json)"))
#: How a report that could not be written says to try again: the export button, never a command.
_EXPORT_AGAIN = "press the Export button again"
EXPORT_WORDS = RetryWords(again=_EXPORT_AGAIN, same=_EXPORT_AGAIN, resumes="nothing is written twice", sign_in="Sign in",
                          signed_in_again=_EXPORT_AGAIN, undo=_EXPORT_AGAIN, rerun=_EXPORT_AGAIN)
#: The Summary's words: the provider-side checks are run with each panel's own check, never a command.
SUMMARY_WORDS = RetryWords(again=_EXPORT_AGAIN, same=_EXPORT_AGAIN, resumes="nothing is written twice", sign_in="Sign in",
                           signed_in_again=_EXPORT_AGAIN, undo=_EXPORT_AGAIN, rerun=_EXPORT_AGAIN,
                           ways={PROVIDER_CHECK: "use the provider's check on its page, listed below"})
PDF_RECORD_NOTE = ("A PDF is always saved with its JSON record beside it, under the same name (report.pdf and "
                   "report.json). The PDF's footer prints the record's SHA-256 fingerprint, so anyone can check "
                   "that the two belong together.")


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
        # One badge per standing, so the badges count what the verdict beside them says (a setting
        # "to check" is neither a manual step nor skipped), as the command line and the report count.
        self.count_badges = {s: StatusBadge(None, inner) for s in Standing}
        for badge in self.count_badges.values():
            self.counts_row.addWidget(badge)
        self.counts_row.addStretch(1)
        self.body.addLayout(self.counts_row)
        self.section("The report")
        self.body.addWidget(label("The report lists every setting with what was expected, what your org has, the "
                                  "evidence, and who confirmed each manual step. Nothing secret is ever in it.",
                                  muted=True, parent=inner))
        self.body.addWidget(label(PDF_RECORD_NOTE, muted=True, parent=inner))
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
        self.saved_record = label(muted=True, selectable=True, parent=inner)  # the PDF's JSON record, with its hash
        self.saved_record.hide()
        self.body.addWidget(self.saved_record)
        self.section("What's left, page by page")
        self.todo = QFrame(inner)
        self.todo.setObjectName("Card")
        self.todo.setAccessibleName("What is left to do, page by page")
        self.todo_grid = QGridLayout(self.todo)
        self.todo_grid.setContentsMargins(16, 12, 16, 12)
        self.todo_grid.setColumnStretch(1, 1)
        self.todo_grid.setVerticalSpacing(10)
        self.body.addWidget(self.todo)
        self.left_lines: list[str] = []  # one line per page with something left, as shown
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
            self._show_left([])
            for badge in self.count_badges.values():
                badge.hide()
            return
        from wizard.report import build_report

        with shown_in(SUMMARY_WORDS):  # the verdict says how this window checks the provider's side
            self.report = build_report(c.guide, run, secrets=self._secrets())
        summary = self.report.summary
        self.summary.setText(f"{c.guide.title} in {run.org.name} ({run.org.environment}), "
                             f"{summary.total} settings.")
        self.summary.show()
        self.headline.setText(summary.verdict.headline)
        self.verdict_badge.set_status(summary.verdict.status)
        self.verdict_text.setText(summary.verdict.text)
        counted = dict(tally(report_standings(self.report.pages)))
        for standing, badge in self.count_badges.items():
            count = counted.get(standing, 0)
            confirmed = summary.manual_confirmed if standing is Standing.MANUAL else 0
            badge.set_standing(standing, f"{count} ({confirmed} confirmed)" if confirmed else str(count))
            badge.setVisible(count > 0)
        self._show_left(self._left_by_page())

    def _left_by_page(self) -> list[tuple[Any, Status | None, list[Any]]]:
        """(page, its status, its rows that are not done) for every page with something left.

        Read off the report's own to-do list, so the window and the exported report name the same
        open settings, never-checked ones included (`wizard.report.verdict.is_unchecked`).
        """
        c = self.controller
        open_numbers = {item.number for item in self.report.todo}
        specs = {page.id: page for page in c.guide.pages}
        left = []
        for page in self.report.pages:
            items = [row for row in page.rows if row.number in open_numbers]
            if items and page.id in specs:
                left.append((specs[page.id], c.flow.page_status(page.id), items))
        return left

    def _show_left(self, left: list[tuple[Any, Status | None, list[Any]]]) -> None:
        while self.todo_grid.count():
            widget = self.todo_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.left_lines = []
        self.todo.setVisible(bool(left) or self.controller.run_record() is not None)
        if not left:
            self.todo_grid.addWidget(label("Nothing: every setting passes or was confirmed.", parent=self.todo), 0, 0)
            return
        numbers = {p.id: n for n, p in enumerate(self.controller.guide.pages, start=1)}
        for row, (page, status, items) in enumerate(left):
            title = f"{numbers[page.id]}. {page.title}"
            link = button(title, f"Open the page {page.title}", link=True, parent=self.todo)
            link.clicked.connect(lambda _=False, pid=page.id: self.controller.go(page_step(pid)))
            line = page_status_line(status, items, False, page)
            names = "; ".join(f"{r.status.icon} {r.setting}" for r in items)
            detail = label(f"{line}\n{names}", selectable=True, parent=self.todo)
            self.todo_grid.addWidget(link, row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.todo_grid.addWidget(detail, row, 1, Qt.AlignmentFlag.AlignTop)
            self.left_lines.append(f"{title}: {line}")

    def _secrets(self) -> list[str]:
        """Every secret in play (tokens, keys, passwords the admin typed), as the command line masks them."""
        from wizard.secrets import redaction_values

        values = set(redaction_values())
        conn = self.controller.connection
        if conn is not None and conn.access_token:
            values.add(conn.access_token)  # a token renewed in this session is masked too
        return sorted(values)

    def ask_export(self, kind: str) -> None:
        _k, _t, file_filter = next(e for e in EXPORTS if e[0] == kind)
        guide, facts = self.controller.guide, self.controller.facts
        default = Path.home() / f"eci-{guide.id}-{(facts.name or 'org').replace(' ', '-').lower()}-report.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the report", str(default), file_filter)
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the report on a worker; the line under the buttons says where it went.

        The file gets the kind's extension when the name has another (a PDF saved as ``r.json``
        would open as neither), and the place is checked first, as the command line does. A PDF
        is written with its JSON record beside it (same name, ``.json``): the record is written
        first and the PDF rendered from it with its SHA-256 in the footer, as ``verify`` does.
        """
        from wizard.output_files import OutputFileError, check_output_file, write_failed
        from wizard.ui import jobs

        run = self.controller.run_record()
        if run is None:
            return
        if path.suffix.lower() != f".{kind}" and not path.is_dir():
            path = path.with_name(f"{path.name}.{kind}")
        self.saved_record.hide()
        paths = jobs.export_paths(path, kind)  # a PDF comes with its JSON record beside it
        try:
            with shown_in(EXPORT_WORDS):  # a place that refuses the file says this page's way on, never a command
                for each_kind, each in paths.items():
                    check_output_file(each, "The report file", f"results.{each_kind}")
        except OutputFileError as exc:
            self.saved.setText(f"The report was not written: {exc}")
            return
        targets = list(paths.values())

        def failed(exc: BaseException) -> None:
            with shown_in(EXPORT_WORDS):  # the way on is this page's export button, never a command
                reason = write_failed(_refused(exc, targets, path), "The report file", exc) if isinstance(exc, OSError) else exc
            self.saved.setText(f"The report was not written: {reason}")

        def done(result: Any) -> None:
            self.saved.setText(f"Saved: {path}")
            if kind == "pdf" and result.json_path is not None:
                self.saved_record.setText(f"With its record {result.json_path} (SHA-256 {result.json_sha256}, "
                                          "printed in the PDF's footer).")
                self.saved_record.show()

        guide, secrets = self.controller.guide, self._secrets()

        def write() -> Any:
            # On the worker thread too, the report says how this window checks the provider's side,
            # as the Summary on screen does (never a command to run).
            with shown_in(SUMMARY_WORDS):
                return jobs.export_report(guide, run, path, kind, secrets)

        self.saved.setText(f"Writing {path.name}…")
        self.controller.tasks.run(f"Writing the {kind.upper()} report…", write, on_done=done, on_error=failed,
                                  key=f"export-{kind}")


def _refused(exc: OSError, targets: list[Path], default: Path) -> Path:
    """Which of the export's files the system refused (its temporary twin is named after it)."""
    name = Path(str(exc.filename)).name if exc.filename else ""
    return next((t for t in targets if name == t.name or name.startswith(f".{t.name}.")), default)
