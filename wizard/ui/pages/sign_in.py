"""Sign in: the demo org, a saved org, or a new sign-in through Salesforce's own pages.

The embedded consent view (`wizard.ui.signin.consent_view`) shows Salesforce's login and
consent pages, with "Use my browser instead" for passkeys and SSO; the preflight that follows
is shown here before the admin goes on. A saved org reconnects with the refresh token kept in
the keyring; nothing secret is ever written to disk.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from wizard.flow import SIGN_IN
from wizard.ui.pages.base import StepPage, button, label
from wizard.ui.preflight_view import PreflightView
from wizard.ui.signin_storage import demo_finisher, pick_storage

HOSTS = (("Production (login.salesforce.com)", "https://login.salesforce.com"),
         ("Sandbox (test.salesforce.com)", "https://test.salesforce.com"),
         ("My Domain URL…", ""))


class SignInPage(StepPage):
    step_id = SIGN_IN

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__("STEP 2", "Sign in to your org",
                         "The wizard signs in through Salesforce's own login page and only reads your org "
                         "until you ask it to change something. Your sign-in is kept in the system keyring, "
                         "never in a file.", parent)
        self.controller = controller
        self.consent: Any = None
        self._listed = False  # saved connections are read when the page is first shown
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
        self.alias = QLineEdit(self.form)
        self.alias.setPlaceholderText("e.g. acme-uat")
        self.alias.setAccessibleName("Alias for this org")
        self.client_id = QLineEdit("PlatformCLI", self.form)
        self.client_id.setAccessibleName("Consumer key of the sign-in app")
        self.client_id.setToolTip("PlatformCLI is the Salesforce CLI's app. Use your own External Client App's "
                                  "consumer key if your org only allows installed apps.")
        form.addRow("&Where", self.host)
        form.addRow("My &Domain URL", self.url)
        form.addRow("&Alias", self.alias)
        form.addRow("Sign-in &app", self.client_id)
        self.host.currentIndexChanged.connect(lambda _i: self.url.setEnabled(not self.host.currentData()))
        self.url.setEnabled(False)
        self.form.setMaximumWidth(760)
        self.body.addWidget(self.form)
        actions = QHBoxLayout()
        self.sign_in_button = button("&Sign in", "Sign in", primary=True, parent=inner)
        self.sign_in_button.clicked.connect(self.start)
        self.sign_out_button = button("Sign &out", "Sign out of this org", parent=inner)
        self.sign_out_button.clicked.connect(self.controller.sign_out)
        actions.addWidget(self.sign_in_button)
        actions.addWidget(self.sign_out_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
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

    # -- state -----------------------------------------------------------------------------------
    def entered(self) -> None:
        if not self._listed:
            self._listed = True
            self.refresh()

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
        if signed:
            facts = c.facts
            state = ("Connected" if not c.signed.preflight.blocked else
                     "Connected, but something blocks the checks (see below)")
            self.connected.setText(f"{state}: {facts.name} ({facts.environment}) as {facts.username}")
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

    # -- signing in --------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the chosen way of connecting (every network call runs off the UI thread)."""
        self.notice.show_text("")
        if self.demo_radio.isChecked() and self.controller.demo_server is None:
            self.controller.start_demo()
            self.refresh()
            return
        if self.saved_radio.isChecked():
            self._reconnect(self.saved.currentData())
            return
        try:
            self._open_consent(*self._target())
        except Exception as exc:
            self.notice.show_text(getattr(exc, "message", None) or str(exc))

    def _target(self) -> tuple[Any, str, Any]:
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
        alias = check_alias(self.alias.text().strip() or host.host.split(".")[0])
        client = OAuthClient(client_id=self.client_id.text().strip() or "PlatformCLI")
        return SignInTarget(host, client), alias, None

    def _open_consent(self, target: Any, alias: str, demo_ca: Any) -> None:
        from wizard.salesforce.auth.signin import finish_sign_in
        from wizard.ui.signin.consent_view import ConsentView

        store, vault = pick_storage(target.demo, self)
        if store is None:
            return
        finish = demo_finisher(store, vault) if target.demo else None

        def done(grant: Any) -> Any:
            if finish is not None:
                finish()
            return finish_sign_in(grant, alias=alias, target=target, store=store, vault=vault)

        view = ConsentView(target.new_flow(), finish=done, demo_ca=demo_ca, parent=self.widget())
        view.setMinimumHeight(520)
        view.succeeded.connect(self._signed_in)
        view.failed.connect(self._sign_in_failed)
        self.consent = view
        self.consent_slot.addWidget(view)
        view.show()
        self._mode_changed()

    def _close_consent(self) -> None:
        if self.consent is not None:
            view, self.consent = self.consent, None
            self.consent_slot.removeWidget(view)
            view.hide()
            view.dispose()
            view.deleteLater()
        self._mode_changed()

    def _signed_in(self, signed: Any) -> None:
        self._close_consent()
        self.controller.adopt(signed)

    def _sign_in_failed(self, error: Any) -> None:
        self._close_consent()
        self.notice.show_text(getattr(error, "message", str(error)))

    def _reconnect(self, alias: str) -> None:
        from wizard.salesforce.auth.connections import ConnectionStore
        from wizard.salesforce.auth.vault import KeyringVault
        from wizard.ui import jobs

        saved = ConnectionStore().get(alias)
        self.controller.tasks.run(f"Connecting to {saved.org_name or alias}…", lambda: jobs.reconnect(saved, KeyringVault()),
                                  on_done=self.controller.adopt,
                                  on_error=lambda exc: self.notice.show_text(getattr(exc, "message", str(exc))),
                                  key="reconnect")

    def cancel_sign_in(self) -> None:
        if self.consent is not None:
            self.consent.cancel()
