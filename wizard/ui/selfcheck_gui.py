"""The self-check's Qt part: open and close the main window, and load the embedded web view.

Both run offscreen (the self-check sets that up) so an installation can be checked on a
machine without a screen, and so nothing flashes up on a desktop.
"""

from __future__ import annotations

import time

import shiboken6

WEB_TIMEOUT_S = 60.0


def open_and_close_window() -> str:
    """Build the main window, show it, walk to the guide choice, close it; returns what it saw."""
    from wizard.app import application, build_window

    app = application()
    window = build_window()
    window.show()
    app.processEvents()
    window.controller.choose_guide("aircall")
    window.controller.go("choose-guide")
    app.processEvents()
    shown = window.stack.currentWidget().title.text()
    pages = len(window.steps.entries())
    window.close()
    app.processEvents()
    if shown != "Choose your guide":
        raise RuntimeError(f"the window showed {shown!r} instead of the guide choice")
    return f"{pages} steps listed"


def load_web_view() -> str:
    """Create a QtWebEngine view (as sign-in and Setup do) and load a page into it."""
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from wizard.app import application

    application()
    view = QWebEngineView()
    finished: list[bool] = []
    view.loadFinished.connect(finished.append)
    view.setHtml("<html><head><title>ECI self-check</title></head><body><p id='ok'>ok</p></body></html>")
    deadline = time.monotonic() + WEB_TIMEOUT_S
    while not finished and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    title = view.title()
    shiboken6.delete(view)  # now, not later: a page outliving its profile crashes at exit
    if not finished:
        raise RuntimeError(f"the web view did not finish loading within {WEB_TIMEOUT_S:.0f} s")
    if not finished[0] or title != "ECI self-check":
        raise RuntimeError(f"the web view failed to load a page (ok={finished[0]}, title={title!r})")
    return "QtWebEngine loaded a page"
