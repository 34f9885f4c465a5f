"""Wizard → "Save a setup profile…": the window's ``eci-wizard capture``.

The profile is taken from a fresh verification of the window's guide in the signed-in org, on a
worker. Two questions may come before anything is written, each with "no" as the safe answer:

- the guide does not fully verify here: a profile would carry the gaps to production, so it is
  saved only after "Save anyway" (the profile then names the failing settings, as capture's
  ``--allow-incomplete`` does);
- the chosen file holds something that would be lost (another guide's or another org's profile,
  or a file that is no profile): it is replaced only after "Replace it". This org's own profile
  of this guide is simply refreshed, and the line after the save says what it replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from wizard.ui.graduation import words

KEY = "capture"


def ask(parent: QWidget, title: str, text: str, yes: str, no: str) -> bool:
    """A question whose default answer is the one that loses nothing (`no`)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                      parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    return box.exec() == QMessageBox.StandardButton.Yes


class ProfileSaver:
    """Saves a profile of the window's org and guide; says the outcome on the status line."""

    def __init__(self, parent: QWidget, controller: Any) -> None:
        self.parent = parent
        self.controller = controller

    def ask_path(self) -> None:
        """The menu entry: a save dialog (the system's own), then `save_to`."""
        c = self.controller
        if c.signed is None or c.guide is None:
            return
        default = Path.home() / words.default_profile_name(c.guide.id)
        # Overwriting is asked by `save_to`, which knows what the file holds (the dialog would only
        # say that it exists, and ask again about a refresh of this org's own profile).
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save a setup profile", str(default),
                                              "Setup profile (*.yaml *.yml);;All files (*)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Check the place, ask before losing what it holds, then capture on a worker."""
        from wizard.output_files import OutputFileError, check_output_file
        from wizard.profiles.files import held_by

        c = self.controller
        if c.signed is None or c.guide is None:
            return
        guide, facts = c.guide, c.facts
        try:
            check_output_file(path, "The profile file", words.default_profile_name(guide.id))
        except OutputFileError as exc:
            c.check_failed.emit(f"{words.in_window(str(exc))} Nothing was read from the org and no profile was saved.")
            return
        held = held_by(path, words.CAPTURE_WORDS)
        question = words.held_question(path, held, guide.id, facts, bool(c.signed.saved.demo))
        if question and not ask(self.parent, "Replace the file?", question, "Replace it", "Keep it"):
            c.notice.emit(f"No profile was saved: {path} is unchanged. Choose another file name to save it.")
            return
        self._capture(path, held)

    def _capture(self, path: Path, held: Any) -> None:
        from wizard.secrets import redaction_values
        from wizard.ui.graduation import work

        c = self.controller
        conn, facts, guide, signed = c.connection, c.facts, c.guide, c.signed
        secrets = set(redaction_values()) | {conn.access_token}
        job = lambda: work.capture(conn, facts, guide, signed.saved.client_id, signed.preflight.items, secrets)  # noqa: E731

        def done(captured: Any) -> None:
            failing = work.failing(captured)
            if failing and not ask(self.parent, "Save an incomplete profile?",
                                   words.capture_failing_text(guide.title, facts.name, failing), "Save anyway", "Don't save"):
                c.notice.emit(f"No profile was saved: the {guide.title} setup does not fully verify in {facts.name} yet.")
                return
            self._write(captured, path, held)

        c.tasks.run(f"Reading {facts.name} to save a profile of {guide.title}…", job, on_done=done,
                    on_error=lambda exc: c.check_failed.emit(_failure(exc, facts.name)), key=KEY)

    def _write(self, captured: Any, path: Path, held: Any) -> None:
        from wizard.ui.graduation import work

        c = self.controller
        c.tasks.run("Writing the profile…", lambda: work.write(captured, path),
                    on_done=lambda written: c.notice.emit(words.saved_text(written, held)),
                    on_error=lambda exc: c.check_failed.emit(_failure(exc, c.facts.name, path)), key=KEY, cancellable=False)


def _failure(exc: BaseException, org: str, path: Path | None = None) -> str:
    """A capture or a write that did not go through, in the window's words."""
    if isinstance(exc, OSError) and path is not None:  # checked before the org was read: a full disk since, say
        from wizard.output_files import write_advice

        return (f"No profile was saved: {path} could not be written ({exc.strerror or 'refused'})"
                f"{write_advice(exc, path.parent)}; then save it again.")
    explained = getattr(exc, "explained", None)
    if explained is not None:  # the window's words: its way out is the window's, not a command
        return f"Could not read {org}: {explained.window_message} No profile was saved."
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return f"No profile was saved. {message}"
    return (f"No profile was saved: reading {org} stopped with a problem the wizard did not expect "
            f"({words.unexpected(exc)}). Save the profile again; if it keeps happening, sign in again.")
