"""The About box: what the wizard is, its version, where its guides come from."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QMessageBox, QWidget

from wizard import __version__
from wizard.paths import resource


def about_text() -> str:
    return (
        f"<h3>ECI Setup Wizard {escape(__version__)}</h3>"
        "<p>Sets up Einstein Conversation Insights with your recording provider, following the "
        "vendor's guide page by page and checking every setting live in your org.</p>"
        "<p>Guides: Natterbox, Aircall, RingCentral, ExecVision, Amazon Connect. Each page names the "
        "section of the vendor's document it follows.</p>"
        "<p>Your sign-in is kept in the system keyring; settings and reports never contain secrets.</p>"
    )


def about_box(parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("About ECI Setup Wizard")
    box.setText(about_text())
    logo = resource("logo.png")
    if logo.is_file():
        pixmap = QPixmap(str(logo))
        if not pixmap.isNull():
            ratio = parent.devicePixelRatioF() if parent is not None else 1.0  # sharp on HiDPI screens
            scaled = pixmap.scaledToHeight(round(64 * ratio), Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            box.setIconPixmap(scaled)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
