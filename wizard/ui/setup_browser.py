"""Salesforce Setup in the wizard's own browser window, one tab per page, already signed in.

"Open in Salesforce" gets a one-time frontdoor link (`jobs.frontdoor_url`) on a worker and opens
it here; Salesforce signs the tab in and lands on the exact Setup page. The tabs share a private
off-the-record profile, so the Setup session ends with the window and nothing reaches the disk.
When a tab is closed, `tab_closed(page_id)` lets the guide page check itself again.

QtWebEngine is imported the first time this window is built, never at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget


class SetupBrowser(QMainWindow):
    tab_closed = Signal(str)  # the guide page id whose Setup tab was closed

    def __init__(self, demo_ca: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWebEngineCore import QWebEngineProfile

        self.setWindowTitle("Salesforce Setup — ECI Setup Wizard")
        self.resize(1200, 800)
        self._demo_ca = demo_ca
        self.profile = QWebEngineProfile(self)  # no storage name: off the record
        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Salesforce Setup pages")
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.setCentralWidget(self.tabs)
        QShortcut(QKeySequence.StandardKey.Close, self, activated=lambda: self.close_tab(self.tabs.currentIndex()))

    def open(self, url: str, title: str, page_id: str) -> Any:
        """Open a tab on ``url`` (a one-time frontdoor link) for the guide page ``page_id``."""
        from PySide6.QtWebEngineCore import QWebEnginePage
        from PySide6.QtWebEngineWidgets import QWebEngineView

        view = QWebEngineView(self.tabs)
        page = QWebEnginePage(self.profile, view)
        page.certificateError.connect(self._certificate_error)
        view.setPage(page)
        view.setProperty("page_id", page_id)
        view.setAccessibleName(f"Salesforce Setup: {title}")
        view.titleChanged.connect(lambda text, v=view: self._retitle(v, text or title))
        index = self.tabs.addTab(view, title)
        self.tabs.setCurrentIndex(index)
        view.load(QUrl(url))
        self.show()
        self.raise_()
        self.activateWindow()
        return view

    def _retitle(self, view: Any, text: str) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.setTabText(index, text[:40])

    def _certificate_error(self, error: Any) -> None:
        """Accept only the demo org's own certificate, checked against its CA; reject everything else."""
        from wizard.salesforce.auth.demo_trust import is_demo_certificate

        chain = error.certificateChain()
        leaf = bytes(chain[0].toDer().data()) if chain else b""
        if self._demo_ca is not None and is_demo_certificate(leaf, error.url().host(), self._demo_ca):
            error.acceptCertificate()
        else:
            error.rejectCertificate()

    def views(self) -> list[Any]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def close_tab(self, index: int) -> None:
        if index < 0:
            return
        view = self.tabs.widget(index)
        page_id = str(view.property("page_id") or "")
        self.tabs.removeTab(index)
        self._dispose(view)
        if page_id:
            self.tab_closed.emit(page_id)
        if self.tabs.count() == 0:
            self.hide()

    def _dispose(self, view: Any) -> None:
        """Delete the view (and its page) now, before the profile can go: Qt crashes the other way round."""
        view.stop()
        shiboken6.delete(view)

    def closeEvent(self, event: QCloseEvent) -> None:
        while self.tabs.count():
            self.close_tab(0)
        super().closeEvent(event)

    def dispose(self) -> None:
        """Close every tab, then let the profile go once the views are gone."""
        while self.tabs.count():
            self.close_tab(0)
        QTimer.singleShot(0, self.deleteLater)
