"""Qt tests run headless: offscreen platform, and QtWebEngine without its sandbox (we run as root).

Set before any QApplication exists (pytest-qt creates it on first use), as defaults a developer
can override from the shell.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")

from wizard.ui.signin.consent_view import prepare_application

prepare_application()
