"""The main window: banner, side panel, the current page, the task strip and Back / Next / Close.

Pages are generated: the three fixed steps, then one `GuidePage` per page of the chosen guide
(rebuilt when the guide changes), then the Summary. Navigation follows `WizardFlow` through the
controller, so the side panel's jumps, Back and Next can never disagree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wizard import __version__
from wizard.flow import CHOOSE_GUIDE, SIGN_IN, SUMMARY, WELCOME, page_of
from wizard.paths import resource
from wizard.ui import window_state
from wizard.ui.banner import ConnectionBanner
from wizard.ui.controller import WizardController
from wizard.ui.help_links import section_url
from wizard.ui.nav_bar import NavBar
from wizard.ui.pages.choose_guide import ChooseGuidePage
from wizard.ui.pages.guide_page import GuidePage
from wizard.ui.pages.sign_in import SignInPage
from wizard.ui.pages.summary import SummaryPage
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.step_list import StepList
from wizard.ui.task_bar import TaskBar
from wizard.ui.wrap import clean_clipboard

#: The smallest the window may be made: the layout is checked at 720 × 530 and up.
MINIMUM_SIZE = (720, 500)
NEXT_HINTS = {CHOOSE_GUIDE: "Choose a guide to go on", SIGN_IN: "Sign in to go on"}


class MainWindow(QMainWindow):
    def __init__(self, controller: WizardController, guides: list[Any]) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.controller = c = controller
        self.setWindowTitle("ECI Setup Wizard" + (" — demo" if c.demo else ""))
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            clean_clipboard(app)  # labels show long names with break opportunities; copies never carry them
        icon = resource("logo.svg")
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.browser: Any = None
        self.awaiting_return: set[str] = set()
        self.banner = ConnectionBanner(self)
        self.steps = StepList(c, self)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.steps)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.task_bar = TaskBar(c.tasks, self)
        self.nav = NavBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget, stretch in ((self.banner, 0), (self.splitter, 1), (self.task_bar, 0), (self.nav, 0)):
            layout.addWidget(widget, stretch)
        self.setCentralWidget(central)

        self.pages: dict[str, Any] = {}
        self.welcome = self._add(WelcomePage(guides, self._start_guide, c.demo))
        self.choose = self._add(ChooseGuidePage(guides, c.choose_guide))
        self.sign_in = self._add(SignInPage(c))
        self.summary = self._add(SummaryPage(c))
        self.guide_pages: dict[str, GuidePage] = {}

        self.nav.back.clicked.connect(c.back)
        self.nav.next.clicked.connect(self._next)
        self.nav.cancel.clicked.connect(self.close)
        self.nav.help.clicked.connect(self.open_help)
        self.steps.jump_requested.connect(c.go)
        c.step_changed.connect(self.show_step)
        c.guide_changed.connect(self._rebuild_guide_pages)
        c.org_changed.connect(self._org_changed)
        c.results_changed.connect(self._results_changed)
        c.checking_changed.connect(self._results_changed)
        c.check_failed.connect(self._check_failed)
        c.notice.connect(self.say)
        c.page_notice.connect(self._page_notice)
        c.tasks.failed.connect(lambda label, exc: self.say(f"{label} failed: {exc}"))
        self._menus()
        # Below this the step list, a page's columns and the buttons no longer fit beside each other
        # (a saved size smaller than it, from another screen, is raised to it too).
        self.setMinimumSize(*MINIMUM_SIZE)
        if not window_state.restore(self, self.splitter):
            self.resize(1180, 800)
            self.splitter.setSizes([270, 910])
        self.show_step(c.flow.current)

    # -- building --------------------------------------------------------------------------------
    def _add(self, page: Any) -> Any:
        self.pages[page.step_id] = page
        self.stack.addWidget(page)
        return page

    def _menus(self) -> None:
        c = self.controller
        bar = self.menuBar()
        wizard_menu = bar.addMenu("&Wizard")
        self._action(wizard_menu, "Go to the &summary", "Ctrl+E", lambda: c.go(SUMMARY))
        if hasattr(c.fixer, "undo_last"):
            self._action(wizard_menu, "&Undo the last fix…", None, lambda: c.fixer.undo_last(self, c))
        from wizard.ui.graduation.menu import add_graduation_actions

        wizard_menu.addSeparator()
        self.graduation_actions = add_graduation_actions(self, wizard_menu)  # enabled with an org (and a guide, to save)
        wizard_menu.addSeparator()
        close = self._action(wizard_menu, "&Close", QKeySequence.StandardKey.Quit, self.close)
        # Windows has no standard Quit key: Ctrl+Q everywhere, as the README and the menu promise.
        keys = [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) if k != QKeySequence("Ctrl+Q")]
        close.setShortcuts([QKeySequence("Ctrl+Q"), *keys])
        go = bar.addMenu("&Go")
        self._action(go, "&Back", "Alt+Left", c.back)
        self._action(go, "&Next", "Alt+Right", self._next)
        self._action(go, "Check this page &again", "Ctrl+R", self.check_current)
        self._action(go, "&Cancel what is running", "Esc", self.cancel_running)
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Help for this page", QKeySequence.StandardKey.HelpContents, self.open_help)
        self._action(help_menu, "&About ECI Setup Wizard", None, self.show_about)

    def _action(self, menu: Any, text: str, shortcut: Any, slot: Any) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut)
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        return action

    def _rebuild_guide_pages(self) -> None:
        for page in self.guide_pages.values():
            self.stack.removeWidget(page)
            self.pages.pop(page.step_id, None)
            page.deleteLater()
        self.guide_pages = {}
        guide = self.controller.guide
        if guide is not None:
            self.choose.show_choice(guide.id)
        self.steps.refresh()
        self._update_nav()

    def guide_page(self, page_id: str) -> GuidePage:
        """The widget of one guide page, built the first time it is shown (start-up stays fast)."""
        page = self.guide_pages.get(page_id)
        if page is None:
            guide = self.controller.guide
            number = [p.id for p in guide.pages].index(page_id) + 1
            page = GuidePage(self.controller, guide, guide.page(page_id), number, on_open_setup=self.open_setup)
            self.guide_pages[page_id] = self._add(page)
        return page

    # -- reacting ------------------------------------------------------------------------------------
    def show_step(self, step: str) -> None:
        page_id = page_of(step)
        if page_id and self.controller.guide is not None:
            self.guide_page(page_id)
        page = self.pages.get(step) or self.welcome
        self.stack.setCurrentWidget(page)
        if hasattr(page, "refresh"):
            page.refresh()
        page.entered()
        self.steps.refresh()
        self._update_nav()

    def _update_nav(self) -> None:
        flow = self.controller.flow
        current = flow.current
        last = current == SUMMARY
        self.nav.set_state(can_back=current != WELCOME, can_next=last or flow.can_go_next(),
                           next_text="&Finish" if last else "&Next >",
                           hint="" if flow.can_go_next() or last else NEXT_HINTS.get(current, ""))
        page_id = page_of(current)
        self.nav.help.setVisible(page_id is not None)

    def _next(self) -> None:
        if self.controller.flow.current == SUMMARY:
            self.close()
        else:
            self.controller.next()

    def _start_guide(self, guide_id: str) -> None:
        self.controller.choose_guide(guide_id)
        self.controller.go(CHOOSE_GUIDE)

    def _org_changed(self) -> None:
        c = self.controller
        self.banner.show_org(c.facts, bool(c.signed is not None and c.signed.saved.demo))
        for page in self.guide_pages.values():
            page.refresh()
        self.steps.refresh()
        self._update_nav()

    def _results_changed(self, page_ids: Any = None) -> None:
        for page_id in page_ids if isinstance(page_ids, list) else list(self.guide_pages):
            if page_id in self.guide_pages:
                self.guide_pages[page_id].refresh()
        current = self.stack.currentWidget()
        if current is self.summary:
            self.summary.refresh()
        if isinstance(current, GuidePage) and not isinstance(page_ids, list):
            current.refresh()
        self.steps.refresh()

    def _check_failed(self, message: str) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "notice"):
            page.notice.show_text(message)
        self.say(message)

    def _page_notice(self, step: str, text: str) -> None:
        page = self.pages.get(step)
        if page is not None:
            page.notice.show_text(text)
        self.say(text)

    def say(self, text: str, msecs: int = 15000) -> None:
        """A sentence on the status line; the whole of it (every line) stays readable as its tooltip,
        and one too long for the line is also shown as the current page's notice."""
        bar = self.statusBar()
        line = " ".join(text.split())
        bar.showMessage(line, msecs)
        bar.setToolTip(text)
        page = self.stack.currentWidget()
        too_long = "\n" in text.strip() or bar.fontMetrics().horizontalAdvance(line) > bar.width() - 40
        if too_long and hasattr(page, "notice") and page.notice.text.text() != text:
            page.notice.show_text(text)

    # -- actions ---------------------------------------------------------------------------------------
    def check_current(self) -> None:
        page_id = page_of(self.controller.flow.current)
        if page_id:
            self.controller.check([page_id])

    def cancel_running(self) -> None:
        """Go → Cancel what is running: the running tasks, and an open sign-in too (its own page
        says how it ended). Esc reaches the sign-in page first while it is shown; the menu, chosen
        with the mouse or from another page, comes here."""
        self.sign_in.cancel_sign_in()
        if self.controller.tasks.active():
            self.controller.tasks.cancel()
            self.say("Cancelled. The results shown are from the last complete check.", 10000)

    def open_help(self) -> None:
        page_id = page_of(self.controller.flow.current)
        guide = self.controller.guide
        if page_id and guide is not None:
            url = section_url(guide, guide.page(page_id).source_section)
            if url:
                QDesktopServices.openUrl(QUrl(url))
            else:
                page = guide.page(page_id)
                self.say(f"In “{guide.source.title}”, see the section “{page.source_section}”.")

    def show_about(self) -> None:
        from wizard.ui.about import about_box

        about_box(self).exec()

    def open_setup(self, page: Any, setup_page: str | None = None) -> None:
        """Open the page's Setup path signed in (frontdoor link fetched on a worker).

        `setup_page`: one setting's own Setup path, when it is changed elsewhere than the page's; the
        page is checked again on return all the same, since the setting is one of its rows.
        """
        from wizard.ui import jobs

        c = self.controller
        conn = c.connection
        path = setup_page or page.setup_page
        if conn is None or not path:
            return

        def opened(url: str) -> None:
            if self.browser is None:
                from wizard.ui.setup_browser import SetupBrowser

                server = c.demo_server
                demo_ca = server.ca_path if server is not None and c.signed.saved.demo else None
                self.browser = SetupBrowser(demo_ca)
                self.browser.tab_closed.connect(self._came_back)
            self.awaiting_return.add(page.id)
            self.browser.open(url, page.title, page.id)

        signed = c.signed

        def failed(exc: BaseException) -> None:
            from wizard.salesforce.errors import SIGN_IN_ENDED, explain

            explained = None if isinstance(exc, jobs.SetupLinkError) else explain(exc)
            if explained is not None and explained.code == SIGN_IN_ENDED and c.signed is signed:
                c.sign_in_ended(explained)  # as after a check: signed out, results and confirmations kept
                return
            self._check_failed(jobs.setup_link_failure(exc))

        c.tasks.run(f"Opening {page.title} in Salesforce…", lambda: jobs.frontdoor_url(conn, path),
                    on_done=opened, on_error=failed, key="open-setup")

    def _came_back(self, page_id: str | None = None) -> None:
        """The admin is back from Setup: check the pages they worked on again."""
        pages = {page_id} if page_id else set(self.awaiting_return)
        pages &= self.awaiting_return
        self.awaiting_return -= pages
        if pages:
            self.controller.check(sorted(pages, key=self.controller.flow.page_ids.index))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.awaiting_return:
            self._came_back()

    def closeEvent(self, event: QCloseEvent) -> None:
        writing = self.controller.writing()
        if writing:
            event.ignore()  # a half-applied change must end recorded and re-checked: wait for it
            task = writing[0].rstrip("…. ")  # a task's label ("Applying the fix…") inside a sentence
            self.say(f"The wizard stays open while a change to the org is still being made ({task}): what it writes "
                     "is recorded for the report when it ends. Close the wizard once it has finished.")
            return
        window_state.save(self, self.splitter)
        self.hide()  # at once: workers that still run end in the background
        self.sign_in.cancel_sign_in()
        if self.browser is not None:
            self.browser.dispose()
            self.browser = None
        self.controller.shutdown()
        super().closeEvent(event)

    @property
    def version(self) -> str:
        return __version__
