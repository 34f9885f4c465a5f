"""Step 5 of a graduation: progress while it writes, then the verdict and what it leaves to do.

The verdict is the parity report's own (At parity / Not at parity / Parity not confirmed), never a
softer word: "At parity" only when no row is Unexplained or Not checked, and those rows are listed
by name with why. Then what was written (with its backup, which Undo takes back), the steps left
by hand, and what the provider's side said. A stop partway says what was written and that
graduating again finishes it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from wizard.apply.preview import summary_lines
from wizard.ui.fix_dialog import applied_html
from wizard.ui.graduation import words
from wizard.ui.pages.base import label
from wizard.ui.wrap import breakable

VERDICT_MARKS = {"At parity": "✔", "Not at parity": "✖", "Parity not confirmed": "▲"}
OPEN_CATEGORIES = {"unexplained": "Unexplained", "not_checked": "Not checked"}


def open_rows_html(comparisons: list[Any]) -> str:
    """The rows that keep the verdict from "At parity": setting, why, Unexplained first."""
    rows = sorted((c for c in comparisons if c.category in OPEN_CATEGORIES), key=lambda c: c.category != "unexplained")
    if not rows:
        return ""
    body = "".join(f"<tr><td>{escape(OPEN_CATEGORIES[c.category])}</td><td>{escape(c.label)}</td>"
                   f"<td>{escape(breakable(c.explanation))}</td></tr>" for c in rows)
    head = "<tr><th align='left'>Row</th><th align='left'>Setting</th><th align='left'>Why</th></tr>"
    return f"<p><b>Rows not at parity</b></p><table cellspacing='0' cellpadding='4' width='100%'>{head}{body}</table>"


def manual_html(actions: list[Any]) -> str:
    if not actions:
        return ""
    items = "".join(f"<li><b>{escape(m.title)}</b>: {escape(breakable(m.do))}</li>" for m in actions)
    return f"<p><b>Still to do by hand</b> (no API can do these)</p><ul>{items}</ul>"


def provider_html(results: list[Any]) -> str:
    if not results:
        return ""
    items = "".join(f"<li>{escape(r.status.icon)} {escape(r.setting)}: {escape(breakable(r.message))}</li>" for r in results)
    return f"<p><b>Checked on the provider's side</b></p><ul>{items}</ul>"


def written_html(applied: Any, org: str) -> str:
    """What the apply wrote (as recorded for the report), its notes and its backup.

    The door's note of a cancel is left out: the status line above says the cancel, in full."""
    parts = [f"<p><b>Written to {escape(org)}</b> (recorded for the window's report)</p>", applied_html(applied.applied)] \
        if applied.applied else []
    notes = [note for note in applied.notes if not (applied.cancelled and note.startswith("Cancelled:"))]
    parts += [f"<p>{escape(breakable(note))}</p>" for note in notes]
    return "".join(parts)


class ResultStep(QWidget):
    """The headline (progress, then the verdict), the lines under it and the details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = label(name="SectionTitle", selectable=True, parent=self)
        self.headline.setAccessibleName("Graduation result")
        self.status = label(selectable=True, parent=self)
        self.status.setAccessibleName("What happened")
        self.details = label(rich=True, selectable=True)
        self.details.setAccessibleName("Details of the graduation")
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.saved = label(selectable=True, muted=True, parent=self)
        self.saved.setAccessibleName("Where the parity report was saved")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.saved)

    def show_progress(self, text: str) -> None:
        self.headline.setText("Graduating…")
        self.status.setText(text)
        self.details.clear()
        self.saved.clear()

    def show_result(self, graduated: Any) -> None:
        """The verdict of a graduation that ran to the end (or was cancelled between steps)."""
        result, report = graduated.result, graduated.report
        applied, org = result.applied, result.preview.facts.name
        if report is not None:
            headline, verdict = report.summary.headline, report.summary.text
        else:
            headline, verdict = "Parity not known", f"The parity report could not be made: {graduated.problem}"
        if graduated.cancelled:  # said as what was written, as "Fix it for me" says a cancel
            headline_text, status = words.cancelled_text(applied, org, verdict if report is not None else "")
            self.headline.setText(headline_text)
            self.status.setText(status)
            self.details.setText(written_html(applied, org))
            return
        self.headline.setText(f"{VERDICT_MARKS.get(headline, '✖')} {headline}")
        lines = [verdict, ""]
        if applied.error:
            lines.append(f"The graduation did not finish: {applied.error}")
        lines += summary_lines(applied, words.RUN_WORDS) if applied.writes or applied.error or applied.cancelled else [
            f"Nothing was written: {org} already matched the profile."]
        if backup := words.backup_text(applied.backup_id):
            lines.append(backup)
        lines.append(f"The window's pages now check {org} again, to show it as it is.")
        self.status.setText("\n".join(lines))
        # The preview's steps by hand still open (one whose setting passes now is done, and not listed).
        self.details.setText(open_rows_html(result.comparisons) + written_html(applied, org) + manual_html(result.manual)
                             + provider_html(result.provider_results))

    def show_stopped(self, stopped: Any, org: str) -> None:
        """A stop after writing: what was written, and how to finish or take it back."""
        self.headline.setText("✖ Graduation stopped partway" if stopped.applied.backup_id else "✖ Graduation stopped")
        self.status.setText(words.stopped_text(stopped, org))
        self.details.setText(written_html(stopped.applied, org))

    def show_failure(self, headline: str, text: str) -> None:
        self.headline.setText(headline)
        self.status.setText(text)
        self.details.clear()
