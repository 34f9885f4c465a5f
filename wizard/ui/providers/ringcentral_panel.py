"""The RingCentral app on its guide pages: client ID and secret, sandbox or production, sign-in.

On the app's page the admin enters the client ID and secret (secret in the keyring) and picks the
environment; checking proves them at that environment's token endpoint and drives every
RingCentral URL the wizard compares and writes. The optional sign-in (in the embedded view, as
the Salesforce sign-in) proves the OAuth Redirect URI and the permissions, and lets the wizard
read the account's extensions to map users ("Map users…" stays disabled, saying why, until then).
On the auth provider's page the redirect URI can be proven the same way, or confirmed by hand
("I've done this", recorded with who and when).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from wizard.providers.voice.problems import mask
from wizard.ui.pages.base import button, label
from wizard.ui.providers.hub import VOICE
from wizard.ui.providers.map_users import MapUsersGate
from wizard.ui.providers.panel_base import ProviderPanel, line_edit

KEY = "ringcentral-app"
SIGNIN_KEY = "ringcentral-sign-in"
REDIRECT_SETTING = "ringcentral.redirect-uri"
STORED = "kept in the keyring: leave empty to use it"
CREDENTIALS_SETTING = "ringcentral.client-credentials"


def refused_note(accepted: Any) -> str:
    """What happened to the earlier app credentials when RingCentral refused (or could not check) the typed ones."""
    if accepted is None:
        return "Nothing was saved: the wizard keeps the secret only once RingCentral accepts it."
    return (f"The earlier credentials RingCentral accepted (client {mask(accepted.client_id)}, {accepted.environment}) are "
            "still the ones kept and used by “Fix it for me”; nothing was replaced.")


def sign_in(panel: ProviderPanel) -> None:
    """Ask RingCentral's sign-in page first (on a worker: an unregistered redirect URI or an unknown
    client is named before the admin types a password), then open the embedded sign-in."""
    from wizard.providers.voice.problems import ProviderProblem
    from wizard.providers.voice.session import SignInNotOpened

    c, session = panel.controller, panel.hub.voice
    if c.facts is None:
        panel.problem("Sign in to the org first: RingCentral sends you back to your org's callback URL.")
        return
    if session.ringcentral is None:
        panel.problem("Enter the app's client ID and secret and click “Check the app” first.")
        return
    my_domain = c.facts.my_domain_url

    def start() -> Any:
        signin = session.start_sign_in(my_domain)
        signin.check_start()
        return signin

    def refused(exc: BaseException) -> None:
        panel.say("")
        panel.problem(str(exc) or type(exc).__name__)
        if isinstance(exc, ProviderProblem) and not isinstance(exc, SignInNotOpened):
            session.sign_in_failed(exc)  # the redirect URI row says what RingCentral refused
            panel.check_pages(panel.hub.pages_for(VOICE))

    panel.run("Opening RingCentral's sign-in…", start, lambda signin: _open_view(panel, signin), key=SIGNIN_KEY,
              on_error=refused)


def _open_view(panel: ProviderPanel, signin: Any) -> None:
    """The embedded view; its grant proves the redirect URI and re-checks the provider pages."""
    from wizard.ui.providers.ringcentral_signin import RingCentralConsentView

    session = panel.hub.voice
    emulators = panel.hub.demo_side(VOICE)
    view = RingCentralConsentView(signin, demo_ca=emulators.ca_path if emulators is not None else None, parent=panel.window())
    view.setWindowFlag(Qt.WindowType.Window, True)  # its own window, deleted with the wizard's (web views go first)
    panel.consent = view

    def succeeded(grant: Any) -> None:
        session.signed_in(grant)
        panel.say(f"Signed in to RingCentral ({signin.app.environment}); the token carries: {' '.join(grant.scope)}.")
        view.close()
        panel.check_pages(panel.hub.pages_for(VOICE))

    def failed(error: Any) -> None:
        seen, todo = getattr(error, "seen", "") or str(error), getattr(error, "todo", "")
        panel.problem(f"The sign-in to RingCentral stopped: {seen}" + (f" {todo}" if todo else ""))
        view.close()

    view.succeeded.connect(succeeded)
    view.failed.connect(failed)
    view.resize(900, 720)
    view.show()


def _auth_provider_page(guide: Any) -> str:
    """'page 4': where the admin swaps the app's temporary redirect URI for the org's callback URL."""
    numbers = {p.id: n for n, p in enumerate(getattr(guide, "pages", []), start=1)}
    number = numbers.get("ringcentral-auth-provider")
    return f"page {number}" if number else "the auth provider's page"


class RingCentralPanel(ProviderPanel):
    def __init__(self, controller: Any, hub: Any, guide: Any, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, hub, "Your RingCentral app",
                         "Enter the app's client ID and client secret and say where the app lives now. The wizard proves "
                         "them with RingCentral without signing anyone in; the secret is kept in your system keyring.", parent)
        self.guide, self.page, self.consent = guide, page, None
        self.client_id = self.add_row("Client ID", line_edit(self, "RingCentral client ID"))
        self.secret = self.add_row("Client secret", line_edit(self, "RingCentral client secret", secret=True))
        self.sandbox = QRadioButton("&Sandbox (a new app)", self)
        self.production = QRadioButton("&Production (graduated)", self)
        self.sandbox.setChecked(True)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        for widget in (self.sandbox, self.production):
            self.group.addButton(widget)
            row.addWidget(widget)
        row.addStretch(1)
        self.add_row("Environment", row)
        self.callback = QLineEdit(self)
        self.callback.setReadOnly(True)
        # Not the value to paste now (the guide's temporary one in "Values to copy" is): the final one.
        later = _auth_provider_page(guide)
        self.callback.setAccessibleName(f"Final OAuth Redirect URI, for {later} (your org's callback URL)")
        copy = button("Copy", f"Copy the final OAuth Redirect URI, for {later}", parent=self)
        copy.clicked.connect(lambda *_: QGuiApplication.clipboard().setText(self.callback.text()))
        self.add_row("Final OAuth Redirect URI", self.callback, copy)
        self.callback_note = self.add_full_row(label(
            f"Not yet: for now the app gets the temporary OAuth Redirect URI under “Values to copy” below. On {later}, "
            "once the auth provider exists, replace it with this URL.", muted=True, parent=self))
        self.keep = self.add_full_row(QCheckBox("Save in the &keyring (so the wizard and its fixes don't ask again)", self))
        self.keep.setChecked(not controller.demo)
        self.keep.setEnabled(not controller.demo)  # the demo app is for this session (and the demo org's fixes) only
        self.check_button = self.add_button("Check the &app", "Check the RingCentral app's credentials", self.check, primary=True)
        self.signin_button = self.add_button("Sign &in to RingCentral…", "Sign in to RingCentral to prove the app", lambda: sign_in(self))
        self.map_button = self.add_button("Map &users…", "Map ECI users to RingCentral users", self.map_users)
        self.finish_actions()
        self.map_gate = MapUsersGate(self, self.map_button, "ringcentral", (KEY, SIGNIN_KEY))
        controller.org_changed.connect(self._org_changed)
        controller.results_changed.connect(self._results)
        self._org_changed()
        self.hub_changed(VOICE)

    def _org_changed(self, *_: Any) -> None:
        from wizard.providers.ringcentral.environments import callback_url

        facts = self.controller.facts
        self.callback.setText(callback_url(facts.my_domain_url) if facts is not None else "(sign in to the org to see it)")

    def hub_changed(self, side: str) -> None:
        if side != VOICE:
            return
        session = self.hub.made(VOICE)
        if session is not None and session.ringcentral_accepted is not None and not self.client_id.text():
            self.client_id.setText(session.ringcentral_accepted.client_id)
            (self.production if session.ringcentral_accepted.environment == "production" else self.sandbox).setChecked(True)
            self.secret.setPlaceholderText(STORED)
        emulators = self.hub.demo_side(VOICE)
        if emulators is not None and not self.client_id.text():
            demo = emulators.demo_credentials()
            self.client_id.setText(demo.ringcentral_client_id or "")
            self.secret.setText(demo.ringcentral_client_secret or "")
            login = f" To sign in, use the demo RingCentral user {demo.ringcentral_login[0]} (password {demo.ringcentral_login[1]})." \
                if demo.ringcentral_login else ""
            self.say("Demo: the demo RingCentral app is filled in. Click “Check the app”." + login)
        if VOICE in self.hub.demo_notes:
            self.problem(self.hub.demo_notes[VOICE])
        self.busy_changed()

    def busy_changed(self) -> None:
        self.check_button.setEnabled(not self.controller.tasks.is_running(KEY))
        if hasattr(self, "map_gate"):  # a task may finish while the panel is being built
            self.map_gate.refresh()

    def check(self) -> None:
        session = self.hub.voice
        client_id, secret = self.client_id.text().strip(), self.secret.text().strip()
        keep = self.keep.isChecked() and not self.controller.demo  # nothing typed in demo mode is kept
        environment = "production" if self.production.isChecked() else "sandbox"
        known = session.ringcentral_accepted
        if not secret and known is not None and known.client_id == client_id:
            secret = known.client_secret  # the accepted secret, unchanged
        if not client_id or not secret:
            self.say("")
            self.problem("Enter both the client ID and the client secret (the app's Credentials in the RingCentral developer "
                         "console). Nothing was checked.")
            return
        facts = self.controller.facts
        link = keep or self.controller.demo

        def attempt() -> Any:
            problem = session.try_ringcentral(environment, client_id, secret, keep=keep)  # kept only if accepted
            if problem is None and facts is not None and link:
                session.link_for_fixes(facts)
            return problem

        def answered(problem: Any) -> None:
            if problem is None:
                self.secret.clear()
                self.secret.setPlaceholderText(STORED if keep else "used for this session only")
                self.say(f"RingCentral's {environment} platform accepted the app. Checking the pages…")
            else:
                self.say("")
                self.problem(f"{problem.message} {refused_note(session.ringcentral_accepted)}")
            self.check_pages(self.hub.pages_for(VOICE))

        self.say(f"Checking the app with RingCentral's {environment} platform…")
        self.run("Checking the RingCentral app…", attempt, answered, key=KEY)

    def _results(self, *_: Any) -> None:
        """The client-credentials row's verdict, with what to do, on the panel's status line."""
        session = self.hub.made(VOICE)
        if session is None or session.ringcentral is None or self.controller.tasks.is_running(KEY):
            return
        result = next((r for r in self.controller.results(self.page.id) if r.check_id == CREDENTIALS_SETTING), None)
        if result is not None:
            hint = result.fix.hint if result.fix is not None and not result.ok else ""
            todo = f" {hint}" if hint and hint not in (result.message or "") else ""
            self.say(f"{result.status.icon} {result.message or result.observed}{todo}")

    def map_users(self) -> None:
        from wizard.ui.providers.mapping_dialog import open_mapping

        if open_mapping(self.window(), self.controller, self.hub, "ringcentral"):
            self.check_pages([self.page.id])


class RedirectUriPanel(ProviderPanel):
    """Prove the app's OAuth Redirect URI by signing in, or confirm it by hand."""

    def __init__(self, controller: Any, hub: Any, guide: Any, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, hub, "The RingCentral app's OAuth Redirect URI",
                         "Once the callback URL below (“Values to copy”) is in the app's settings, sign in to RingCentral "
                         "to prove it, or confirm it yourself.", parent)
        self.guide, self.page, self.consent = guide, page, None
        self.signin_button = self.add_button("Sign &in to RingCentral…", "Sign in to RingCentral to prove the redirect URI",
                                             lambda: sign_in(self), primary=True)
        self.done_button = self.add_button("I've &done this", "I've put the callback URL in the app's OAuth Redirect URI",
                                           self.confirm)
        self.undo_button = self.add_button("Undo", "Undo the confirmation of the OAuth Redirect URI", self.unconfirm)
        self.finish_actions()
        controller.results_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: Any) -> None:
        confirmed = (self.page.id, REDIRECT_SETTING) in self.controller.confirmations
        signed = self.controller.signed is not None
        self.done_button.setVisible(not confirmed)
        self.done_button.setEnabled(signed)
        self.undo_button.setVisible(confirmed)
        if confirmed:
            c = self.controller.confirmations[(self.page.id, REDIRECT_SETTING)]
            self.say(f"Confirmed by {c.by} on {c.at.strftime('%Y-%m-%d %H:%M UTC')}.")

    def confirm(self) -> None:
        """Record who confirmed it and when (the report shows it), then check the page again."""
        from wizard.engine.run_record import ManualConfirmation

        c = self.controller
        if c.facts is None:
            return
        who = c.facts.username or c.facts.user_display_name or c.facts.user_id
        c.confirmations[(self.page.id, REDIRECT_SETTING)] = ManualConfirmation(
            page_id=self.page.id, setting_id=REDIRECT_SETTING, by=who, at=datetime.now(UTC))
        c.save_state()
        self.refresh()
        self.check_pages([self.page.id])

    def unconfirm(self) -> None:
        c = self.controller
        if c.confirmations.pop((self.page.id, REDIRECT_SETTING), None) is not None:
            c.save_state()
            self.say("")
            self.refresh()
            self.check_pages([self.page.id])
