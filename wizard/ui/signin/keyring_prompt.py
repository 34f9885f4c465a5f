"""The question asked when there is no keyring: continue for this session only, or stop.

A headless Linux box often has no Secret Service. The wizard never falls back to a file; it
says what is missing and lets the admin sign in for this session only (nothing is saved, the
next start asks for a new sign-in).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from wizard.salesforce.auth.errors import NoKeyring

SESSION_ONLY = "Continue for this session only"


def session_only_prompt(error: NoKeyring, parent: QWidget | None = None) -> tuple[QMessageBox, QPushButton]:
    """The message box and its "session only" button (built, not shown)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("No keyring to keep your sign-in")
    box.setText(error.seen)
    box.setInformativeText(f"Expected: {error.expected}\n\n{error.todo}")
    session_only = box.addButton(SESSION_ONLY, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(session_only)
    return box, session_only


def ask_session_only(error: NoKeyring, parent: QWidget | None = None) -> bool:
    """Ask; True when the admin chose to continue without saving anything."""
    box, session_only = session_only_prompt(error, parent)
    box.exec()
    return box.clickedButton() is session_only
