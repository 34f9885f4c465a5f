"""Sign in: the demo org, a saved org, or a new sign-in through Salesforce's own pages.

The embedded consent view (`wizard.ui.signin.consent_view`) shows Salesforce's login and
consent pages, with "Use my browser instead" for passkeys and SSO ("Sign in with my browser"
starts there directly, and stays when the embedded view could not help); the preflight that
follows is shown here before the admin goes on. A saved org reconnects with the refresh token
kept in the keyring; nothing secret is ever written to disk.

The page is driven from the keyboard like a dialog: focus starts in its first field, Enter in a
field starts the sign-in, Esc cancels an open one, and Alt+C connects to the chosen saved org
(every Alt key shown in the window is there once: the window's Close is Alt+L).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from wizard.flow import SIGN_IN
from wizard.ui.pages.base import StepPage, button, label
from wizard.ui.preflight_view import PreflightView, connected_heading
from wizard.ui.signin_storage import demo_finisher, pick_storage

HOSTS = (("Production (login.salesforce.com)", "https://login.salesforce.com"),
         ("Sandbox (test.salesforce.com)", "https://test.salesforce.com"),
         ("My Domain URL…", ""))
MY_DOMAIN_CHOICE = len(HOSTS) - 1

SUMMARY = ("The wizard signs in through Salesforce's own login page and only reads your org until you ask it to "
           "change something. Your sign-in is kept in the system keyring, never in a file.")
SESSION_ONLY_SUMMARY = ("The wizard signs in through Salesforce's own login page and only reads your org until you ask "
                        "it to change something. This sign-in lasts only for this session: there is no system keyring "
                        "to keep it, so nothing was saved, and you sign in again the next time you open the wizard.")
#: What Sign out does, as its tooltip: it disconnects; the saved sign-in is not revoked or removed.
SIGN_OUT_KEEPS = ("Disconnects the window from this org; it does not reconnect when the wizard opens again. The saved "
                  "sign-in stays in the system keyring, under “An org I signed in to before”, for when you need it.")
SIGN_OUT_NOTHING_KEPT = ("Disconnects the window from this org. Nothing of this sign-in was saved, so signing out "
                         "ends it; sign in again to reconnect.")


class SignInPage(StepPage):
    step_id = SIGN_IN

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__("STEP 2", "Sign in to your org", SUMMARY, parent)
        self.controller = controller
        self.consent: Any = None
        self._take_back: Any = None
        self._listed = False  # saved connections are read when the page is first shown
        self._watching: Any = None  # the window whose keys the page takes while it is shown
        inner = self.widget()
        self.demo_radio = QRadioButton("The built-in demo org (on this computer)", inner)
        self.saved_radio = QRadioButton("An org I signed in to before", inner)
        self.new_radio = QRadioButton("A new sign-in", inner)
        for radio in (self.demo_radio, self.saved_radio, self.new_radio):
            radio.setAccessibleName(radio.text())
            radio.toggled.connect(self._mode_changed)
            self.body.addWidget(radio)
        self.demo_hint = label(muted=True, selectable=True, parent=inner)
        self.body.insertWidget(self.body.indexOf(self.saved_radio), self.demo_hint)
        self.saved = QComboBox(inner)
        self.saved.setAccessibleName("Saved org")
        self.saved.setMaximumWidth(736)
        self.body.insertWidget(self.body.indexOf(self.new_radio), self.saved)
        self.form = QWidget(inner)
        form = QFormLayout(self.form)
        form.setContentsMargins(24, 0, 0, 0)
        self.host = QComboBox(self.form)
        for text, url in HOSTS:
            self.host.addItem(text, url)
        self.host.setAccessibleName("Where to sign in")
        self.url = QLineEdit(self.form)
        self.url.setPlaceholderText("https://yourcompany.my.salesforce.com")
        self.url.setAccessibleName("My Domain URL")
        # Which address is used when the field has text but Production or Sandbox is chosen.
        self.host_note = label(muted=True, parent=self.form)
        self.host_note.setAccessibleName("Which login address is used")
        self.use_my_domain = button("Use this My Domain URL instead", "Sign in at the My Domain URL typed above",
                                    link=True, parent=self.form)
        self.use_my_domain.clicked.connect(lambda: self.host.setCurrentIndex(MY_DOMAIN_CHOICE))
        note_row = QWidget(self.form)
        note_layout = QHBoxLayout(note_row)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.host_note, 1)
        note_layout.addWidget(self.use_my_domain, 0, Qt.AlignmentFlag.AlignTop)
        self.note_row = note_row
        self.alias = QLineEdit(self.form)
        self.alias.setPlaceholderText("e.g. acme-uat")
        self.alias.setAccessibleName("Alias for this org")
        self.client_id = QLineEdit("PlatformCLI", self.form)
        self.client_id.setAccessibleName("Consumer key of the sign-in app")
        self.client_id.setToolTip("PlatformCLI is the Salesforce CLI's app. Use your own External Client App's "
                                  "consumer key if your org only allows installed apps.")
        # Mnemonics unique in the window: W, B, N, C, G and H belong to its menus and buttons.
        form.addRow("Wh&ere", self.host)
        form.addRow("My &Domain URL", self.url)
        form.addRow("", note_row)
        form.addRow("&Alias", self.alias)
        form.addRow("Sign-in a&pp", self.client_id)
        self.host.currentIndexChanged.connect(self._host_changed)
        self.url.textChanged.connect(self._host_changed)
        self.form.setMaximumWidth(760)
        self.body.addWidget(self.form)
        actions = QHBoxLayout()
        self.sign_in_button = button("&Sign in", "Sign in", primary=True, parent=inner)
        self.sign_in_button.clicked.connect(lambda: self.start())
        self.browser_sign_in_button = button("Sign in with my b&rowser", "Sign in with my browser", parent=inner)
        self.browser_sign_in_button.setToolTip("Sign in through your system browser: for passkeys, security keys, "
                                               "single sign-on, or a network this window's pages can't pass.")
        self.browser_sign_in_button.clicked.connect(lambda: self.start(in_browser=True))
        self.sign_out_button = button("Sign &out", "Sign out of this org", parent=inner)
        self.sign_out_button.clicked.connect(self.controller.sign_out)
        actions.addWidget(self.sign_in_button)
        actions.addWidget(self.browser_sign_in_button)
        actions.addWidget(self.sign_out_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        # How the last sign-in ended when that is no problem (a cancel): said plainly, not as a problem.
        self.outcome = label(selectable=True, parent=inner)
        self.outcome.setAccessibleName("How the sign-in ended")
        self.outcome.hide()
        self.body.addWidget(self.outcome)
        self.consent_slot = QHBoxLayout()
        self.body.addLayout(self.consent_slot)
        self.connected = label(name="SectionTitle", parent=inner)
        self.body.addWidget(self.connected)
        self.preflight = PreflightView(inner)
        self.body.addWidget(self.preflight)
        self.finish()
        controller.org_changed.connect(self.refresh)
        controller.demo_ready.connect(lambda _server: self.refresh())
        self.refresh()
        (self.demo_radio if controller.demo else self.new_radio).setChecked(True)
        self._host_changed()

    # -- state -----------------------------------------------------------------------------------
    def entered(self) -> None:
        if not self._listed:
            self._listed = True
            self.refresh()
        QTimer.singleShot(0, self._focus_first_field)  # once the window has shown the page

    def _focus_first_field(self) -> None:
        """Focus where the admin starts: the chosen option's first field (not the step list)."""
        if not self.isVisible() or self.consent is not None:
            return
        if self.new_radio.isChecked():
            field = self.url if self.host.currentIndex() == MY_DOMAIN_CHOICE else self.host
        elif self.saved_radio.isChecked():
            field = self.saved
        else:
            field = self.demo_radio
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _saved_connections(self) -> list[Any]:
        """The saved orgs to offer; a damaged file is said on the page (the store never rewrites it)."""
        from wizard.salesforce.auth.connections import ConnectionStore
        from wizard.salesforce.auth.errors import SignInError

        server = self.controller.demo_server
        here = server.instance_url if server is not None else None
        try:
            saved = ConnectionStore().all()
        except SignInError as exc:
            self.notice.show_text(exc.message)
            return []
        # A demo org lives as long as its process: only the running one can be reconnected.
        return [c for c in saved if not c.demo or c.instance_url == here]

    def refresh(self) -> None:
        c = self.controller
        server = c.demo_server
        if server is not None and server.default_login:
            user, password = server.default_login
            self.demo_hint.setText(f"Demo login: {user} · password: {password}  (a demo account on this computer)")
        elif c.demo_error:
            self.demo_hint.setText(c.demo_error)
        else:
            self.demo_hint.setText("Starts a small Salesforce org on this computer (no real data)."
                                   if not c.tasks.is_running("demo") else "Starting the demo org…")
        saved = self._saved_connections() if self._listed else []
        self.saved.clear()
        for conn in saved:
            self.saved.addItem(f"{conn.alias} — {conn.org_name or conn.instance_url} ({conn.environment})", conn.alias)
        self.saved_radio.setVisible(bool(saved))
        self.saved.setVisible(bool(saved))
        signed = c.signed is not None
        self.sign_out_button.setVisible(signed)
        self.preflight.setVisible(signed)
        # A session-only sign-in (no keyring; the demo org falls back to it quietly) says so.
        session_only = signed and not getattr(c.signed, "persistent", True)
        self.summary.setText(SESSION_ONLY_SUMMARY if session_only else SUMMARY)
        kept = signed and not session_only and c.signed.connection.refresher is not None
        self.sign_out_button.setToolTip(SIGN_OUT_KEEPS if kept else SIGN_OUT_NOTHING_KEPT)
        if signed:
            # Only what the preflight read: an org whose record was refused is named by its id.
            self.connected.setText(connected_heading(c.signed.preflight))
            self.preflight.show_items(c.signed.preflight.items)
        else:
            self.connected.setText("")
        self._mode_changed()

    def _mode_changed(self, *_: Any) -> None:
        self.form.setVisible(self.new_radio.isChecked())
        self.saved.setEnabled(self.saved_radio.isChecked())
        busy = self.consent is not None
        demo_wait = self.demo_radio.isChecked() and self.controller.demo_server is None
        self.sign_in_button.setEnabled(not busy and not demo_wait)
        self.sign_in_button.setText("&Connect" if self.saved_radio.isChecked() else
                                    "&Sign in again" if self.controller.signed is not None else "&Sign in")
        # The system browser can't trust the demo org's own certificate authority: real orgs only.
        self.browser_sign_in_button.setVisible(self.new_radio.isChecked())
        self.browser_sign_in_button.setEnabled(not busy)

    def _host_changed(self, *_: Any) -> None:
        """The My Domain field is used only with "My Domain URL…"; with text in it and Production or
        Sandbox chosen, say which address is used, and point out a sandbox URL with Production."""
        from wizard.salesforce.auth.errors import SignInError
        from wizard.salesforce.auth.login_hosts import HostKind, resolve_login_host

        chosen = self.host.currentData()
        self.url.setEnabled(not chosen)
        self.url.setToolTip("" if not chosen else "Used only when Where is “My Domain URL…”.")
        typed = self.url.text().strip()
        note, offer = "", False
        if chosen and typed:
            used = chosen.removeprefix("https://")
            try:
                host = resolve_login_host(typed)
            except SignInError:
                host = None
            my_domain = host is not None and host.kind is HostKind.MY_DOMAIN
            offer = my_domain
            if my_domain and host.sandbox and chosen == HOSTS[0][1]:
                note = (f"The address typed above is a sandbox's My Domain ({host.host}), but Production is chosen: the "
                        f"wizard would sign in at {used}, where sandbox users can't log in. Choose “My Domain URL…” "
                        "to sign in at the sandbox.")
            elif my_domain and host.sandbox is None and chosen == HOSTS[1][1]:
                note = (f"The address typed above looks like a production org's My Domain ({host.host}), but Sandbox "
                        f"is chosen: the wizard signs in at {used}, which serves sandboxes only.")
            else:
                note = (f"The address typed above is not used: the wizard signs in at {used}. Choose “My Domain URL…” "
                        "to sign in at the address typed.")
        self.host_note.setText(note)
        self.use_my_domain.setVisible(offer)
        self.note_row.setVisible(bool(note))

    # -- signing in --------------------------------------------------------------------------------
    def start(self, *, in_browser: bool = False) -> None:
        """Start the chosen way of connecting (every network call runs off the UI thread);
        ``in_browser``: a new sign-in in the system browser, without the embedded pages."""
        from wizard.salesforce.auth.errors import LoginHostRejected

        if self.consent is not None:
            return
        self.notice.show_text("")
        self.outcome.hide()
        if self.demo_radio.isChecked() and self.controller.demo_server is None:
            self.controller.start_demo()
            self.refresh()
            return
        if self.saved_radio.isChecked():
            self._reconnect(self.saved.currentData())
            return
        try:
            self._open_consent(*self._target(), in_browser=in_browser and self.new_radio.isChecked())
        except LoginHostRejected as exc:  # a typo in the address: back to the field that has it
            self.notice.show_text(window_text(exc))
            field = self.url if self.url.isEnabled() else self.host
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            if field is self.url:
                self.url.selectAll()
        except Exception as exc:
            self.notice.show_text(window_text(exc))

    def _target(self) -> tuple[Any, str | None, Any]:
        """Where to sign in, the alias, and the demo org's CA (None for a real org).

        With the Alias field empty the alias is None: the sign-in is named after the org once it
        is known (`finish_sign_in`), so a second org never takes the first one's alias. A typed
        alias that already names a saved sign-in (other than the one the window is connected
        with) is used only after asking, because a sign-in to another org or user under it signs
        that saved one out (revoked and removed from the keyring) rather than orphaning it.
        """
        from PySide6.QtWidgets import QMessageBox

        from wizard.salesforce.auth.connections import ConnectionStore, describe
        from wizard.salesforce.auth.errors import SignInError
        from wizard.salesforce.auth.flow import OAuthClient
        from wizard.salesforce.auth.login_hosts import resolve_login_host
        from wizard.salesforce.auth.signin import SignInTarget, check_alias

        if self.demo_radio.isChecked():
            server = self.controller.demo_server
            host = resolve_login_host(server.instance_url, demo_mode=True)
            return SignInTarget(host, OAuthClient(), ca_bundle=server.ca_bundle), "demo", server.ca_path
        host = resolve_login_host(self.host.currentData() or self.url.text())
        if host.explanation:
            self.notice.show_text(host.explanation)
        typed = self.alias.text().strip()
        alias = check_alias(typed) if typed else None
        taken = ConnectionStore().find(alias) if alias is not None else None
        connected = self.controller.signed.saved if self.controller.signed is not None else None
        if taken is not None and (connected is None or (connected.alias, connected.org_id, connected.user_id)
                                  != (taken.alias, taken.org_id, taken.user_id)):
            box = QMessageBox(QMessageBox.Icon.Question, "Alias already in use",
                              f"The alias '{alias}' already names your saved sign-in to {describe(taken)}.", parent=self)
            box.setInformativeText("Signing in again as that user in that org just renews it. If you sign in to another "
                                   "org or as another user under this alias, that saved sign-in is signed out: revoked "
                                   "at Salesforce and removed from the system keyring.")
            use = box.addButton("Use this alias", QMessageBox.ButtonRole.AcceptRole)
            other = box.addButton("Choose another alias", QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(other)
            box.exec()
            if box.clickedButton() is not use:
                self.alias.setFocus()
                self.alias.selectAll()
                raise SignInError(f"The sign-in was not started: the alias '{alias}' stays with {describe(taken)}.",
                                  "An alias that is free, or one you chose to reuse.",
                                  "Type another alias, or leave the field empty to name the sign-in after the org, "
                                  "then press Sign in.")
        client = OAuthClient(client_id=self.client_id.text().strip() or "PlatformCLI")
        return SignInTarget(host, client), alias, None

    def _open_consent(self, target: Any, alias: str | None, demo_ca: Any, *, in_browser: bool = False) -> None:
        from wizard.salesforce.auth.signin import finish_sign_in
        from wizard.ui.signin.consent_view import ConsentView
        from wizard.ui.signin.take_back import TakeBack

        store, vault = pick_storage(target.demo, self)
        if store is None:
            return
        finish = demo_finisher(store, vault) if target.demo else None
        # Stopped after Allow (Cancel, Esc, the window closed): the sign-in is revoked and what it
        # saved is put back as it was, so the page never says "nothing was saved" when something was.
        take_back = TakeBack(login_url=target.login_host.url, client_id=target.client.client_id,
                             ca_bundle=target.ca_bundle, store=store, vault=vault)

        def done(grant: Any) -> Any:
            take_back.remember(grant)
            if finish is not None:
                finish()
            return finish_sign_in(grant, alias=alias, target=target, store=store, vault=vault)

        view = ConsentView(target.new_flow(), finish=done, take_back=take_back, demo_ca=demo_ca,
                           in_browser=in_browser, parent=self.widget())
        view.succeeded.connect(self._signed_in)
        view.failed.connect(self._sign_in_failed)
        self.consent = view
        self._take_back = take_back
        self.consent_slot.addWidget(view)
        view.show()
        self._mode_changed()
        # Its buttons and first lines in sight, however long the page above it is.
        QTimer.singleShot(0, lambda: self.consent is view and self.ensureWidgetVisible(view.cancel_button, 20, 60))

    def _close_consent(self) -> None:
        if self.consent is not None:
            view, self.consent = self.consent, None
            self.consent_slot.removeWidget(view)
            view.hide()
            view.dispose()
            view.deleteLater()
        self._mode_changed()

    def _signed_in(self, signed: Any) -> None:
        if self._take_back is not None:
            self._take_back.forget()  # adopted: nothing left to take back
            self._take_back = None
        self._close_consent()
        self.controller.adopt(signed)

    def _sign_in_failed(self, error: Any) -> None:
        from wizard.salesforce.auth.errors import SignInCancelled
        from wizard.ui.signin.take_back import SignInTakenBack

        self._take_back = None
        self._close_consent()
        if isinstance(error, SignInCancelled):  # the admin's own choice: a plain sentence, not a problem
            after = "" if isinstance(error, SignInTakenBack) else " Nothing was saved."
            self.outcome.setText(f"{error.seen}{after} Press {self.sign_in_button.text().replace('&', '')} "
                                 "when you are ready.")
            self.outcome.show()
            self.notice.show_text("")
        else:
            self.notice.show_text(window_text(error))
        QTimer.singleShot(0, self._focus_first_field)

    def _reconnect(self, alias: str) -> None:
        from wizard.salesforce.auth.connections import ConnectionStore
        from wizard.salesforce.auth.vault import KeyringVault
        from wizard.ui import jobs

        saved = ConnectionStore().get(alias)
        self.controller.tasks.run(f"Connecting to {saved.org_name or alias}…", lambda: jobs.reconnect(saved, KeyringVault()),
                                  on_done=self.controller.adopt,
                                  on_error=lambda exc: self.notice.show_text(window_text(exc)),
                                  key="reconnect")

    def cancel_sign_in(self) -> None:
        if self.consent is not None:
            self.consent.cancel()

    # -- keys ----------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in one of the page's fields starts the sign-in, as in a dialog (the page is no dialog:
        Qt gives it no default button)."""
        fields = (self.url, self.alias, self.client_id, self.host, self.saved,
                  self.demo_radio, self.saved_radio, self.new_radio)
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and QApplication.focusWidget() in fields
                and self.consent is None and self.sign_in_button.isEnabled()):
            event.accept()
            self.sign_in_button.click()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and self._watching is not window:
            window.installEventFilter(self)
            self._watching = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While the page is shown, Esc cancels an open sign-in.

        Esc belongs to the window too ("Cancel what is running"); a key the focused widget does not
        want reaches the window as a ShortcutOverride, and taking it there makes Esc, while a
        sign-in is open on the page, the sign-in's alone.
        """
        # getattr: the scroll area filters its own widget's events before __init__ is through.
        if (watched is getattr(self, "_watching", None) and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent) and self.isVisible()):
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Escape and mods == Qt.KeyboardModifier.NoModifier and self.consent is not None:
                event.accept()
                self.cancel_sign_in()
                return True
        return super().eventFilter(watched, event)


def window_text(error: BaseException) -> str:
    """A sign-in error as the window says it: with the window's way out (`SignInError.for_window`),
    never a command-line option the window has no field for."""
    worded = error.for_window() if hasattr(error, "for_window") else error
    return getattr(worded, "message", None) or str(worded)
