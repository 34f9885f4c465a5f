"""The window's brain: where the admin is, which org, which results; Qt only for signals.

`WizardFlow` (Qt-free) decides navigation; this object adds what the window needs around it:
the loaded guide, the signed-in org, the newest results per page, the manual confirmations, the
checks running on workers (`TaskRunner`), and the resume state written after every change.
Widgets listen to its signals and never talk to the network themselves.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from wizard import __version__, long_lived
from wizard.engine.results import CheckResult
from wizard.engine.run_record import ManualConfirmation, VerificationRun
from wizard.flow import (
    CHOOSE_GUIDE,
    PAGE_PREFIX,
    SIGN_IN,
    SUMMARY,
    WELCOME,
    ResumeState,
    WizardFlow,
    page_of,
)
from wizard.guides.schema import Guide
from wizard.ui import jobs
from wizard.ui.failures import describe_failure, first_line
from wizard.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
CHECK_KEY = "check"
DEMO_START_DELAY_MS = 150
#: The way on after the demo org failed to start (a scenario file that cannot be loaded, a port
#: that cannot be opened): it starts as the window opens, and the window has no button to start it
#: again, so the wizard is opened again the way the admin opened it (whose options it keeps).
DEMO_START_AGAIN = "To try again, close the wizard and open it again the same way: the demo org starts as the wizard opens."


class WizardController(QObject):
    step_changed = Signal(str)
    guide_changed = Signal()
    org_changed = Signal()
    results_changed = Signal(object)  # page ids whose results changed
    checking_changed = Signal()
    check_failed = Signal(str)  # what went wrong, what to do
    notice = Signal(str)  # a short sentence for the status line
    #: (step, text): a problem that belongs to one page and stays on it until dealt with, not a
    #: status line that fades (a saved sign-in that can't be used, a damaged state file).
    page_notice = Signal(str, str)
    demo_ready = Signal(object)  # the demo org server, once started

    def __init__(self, *, demo: bool = False, scenario: str | None = None, fixer: Any = None,
                 demo_server: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.demo = demo
        self.scenario = scenario
        self.fixer = fixer
        self.tasks = TaskRunner(self)
        self.flow = WizardFlow()
        self.guide: Guide | None = None
        self.signed: Any = None  # wizard.salesforce.auth.signin.SignedIn
        self.demo_server = demo_server
        self._owns_demo = False
        self.demo_error = ""
        self.checking: set[str] = set()
        self.confirmations: dict[tuple[str, str], ManualConfirmation] = {}
        self.checks: list[jobs.PageCheck] = []
        self.changes: list[Any] = []  # AppliedChange: what "Fix it for me" wrote, for the report
        #: (org id, guide id, page id) of fixes that stopped partway: the page says so until finished or undone.
        self.unfinished_fixes: set[tuple[str, str, str]] = set()
        #: Provider-side checks run with every check (see `jobs.ProviderChecks`); none by default.
        self.provider_checks: list[jobs.ProviderChecks] = []
        self.page_panels: list[Any] = []  # see wizard.ui.extensions
        self.state = ResumeState.load()
        self.pending_step: str | None = None

    # -- guide and navigation --------------------------------------------------------------------
    def choose_guide(self, guide_id: str) -> None:
        from wizard.guides.loader import load_guide

        if self.guide is not None and self.guide.id == guide_id:
            return
        self.guide = load_guide(guide_id)
        self.flow.choose_guide(guide_id, [p.id for p in self.guide.pages])
        self.checks.clear()
        self.changes.clear()
        self.guide_changed.emit()
        self.save_state()

    def go(self, step: str) -> None:
        """Show a step (the flow decides whether it may be shown)."""
        before = self.flow.current
        self.flow.jump(step)
        if self.flow.current != before or step == before:
            self._entered()

    def next(self) -> None:
        self.flow.next()
        self._entered()

    def back(self) -> None:
        self.flow.back()
        self._entered()

    def _entered(self) -> None:
        page_id = page_of(self.flow.current)
        if page_id and page_id not in self.flow.results and page_id not in self.checking:
            self.check([page_id])
        self.step_changed.emit(self.flow.current)
        self.save_state()

    # -- the org ---------------------------------------------------------------------------------
    @property
    def facts(self) -> Any:
        return self.signed.preflight.facts if self.signed is not None else None

    @property
    def connection(self) -> Any:
        return self.signed.connection if self.signed is not None else None

    def adopt(self, signed: Any) -> None:
        """Use a finished sign-in (or reconnection): check the whole guide, go where the admin was."""
        if signed.saved.ca_bundle:  # the demo org's CA, for the Metadata client too
            from wizard.salesforce.connection import trust_ca_bundle_for_process

            trust_ca_bundle_for_process(signed.saved.ca_bundle)
        self.signed = signed
        self.flow.signed_in = not signed.preflight.blocked
        self.flow.results.clear()
        self.checks.clear()
        self.changes.clear()
        self.confirmations = {(c.page_id, c.setting_id): c for c in self.state.confirmations_for(signed.saved.org_id)}
        self.org_changed.emit()
        self.results_changed.emit(list(self.flow.page_ids))
        if getattr(signed, "note", ""):  # e.g. the sign-in the alias named before, signed out
            self.page_notice.emit(SIGN_IN, signed.note)
        if self.flow.signed_in and self.guide is not None:
            self.check(None)
            if self.pending_step and self.flow.can_jump(self.pending_step):
                step, self.pending_step = self.pending_step, None
                self.go(step)
        self.save_state()

    def sign_out(self) -> None:
        """Disconnect from the org, for good: reopening the window does not reconnect to it.

        The saved sign-in itself stays (listed under "An org I signed in to before", and usable by
        the command line's ``--org``): signing out of the window is not revoking a grant that other
        aliases and scheduled commands may share. The sign-in page says which it was.
        """
        signed, self.signed = self.signed, None  # first: the check cancelled below then says nothing
        self.tasks.cancel(CHECK_KEY)
        self.pending_step = None
        self.state.org_alias = None
        self.flow.sign_out()
        self.checks.clear()
        self.org_changed.emit()
        self.results_changed.emit(list(self.flow.page_ids))
        self.step_changed.emit(self.flow.current)
        self.save_state()
        if signed is not None:
            self.page_notice.emit(SIGN_IN, signed_out_text(signed))

    def sign_in_ended(self, explained: Any) -> None:
        """The org refused to renew the sign-in (revoked or expired elsewhere) during a check or
        while a Setup link was asked for.

        The window treats the org as signed out (the step list and the sign-in page stop saying
        "Connected"; nothing more can be read with it), but keeps the earlier results on their
        pages and the confirmations, and remembers the page so a new sign-in comes back to it.
        The remembered org is kept too: reopening tries it and asks for a sign-in, as it should.
        """
        step = self.flow.current
        self.pending_step = step if page_of(step) is not None or step == SUMMARY else self.pending_step
        self.signed = None
        self.flow.signed_in = False  # not `flow.sign_out`: the earlier results stay on screen
        self.org_changed.emit()
        self.results_changed.emit(list(self.flow.page_ids))
        message = explained.window_message
        self.check_failed.emit(message)
        self.page_notice.emit(SIGN_IN, message)  # waiting where the admin signs in again
        self.save_state()

    def start_demo(self) -> None:
        """Start the demo org on a worker (the window is already up)."""
        if self.demo_server is not None or self.tasks.is_running("demo"):
            return

        def started(server: Any) -> None:
            self.demo_server, self._owns_demo = server, True
            self.demo_ready.emit(server)
            self._resume_connection()

        def failed(exc: BaseException) -> None:
            self.demo_error = f"The demo org could not start: {exc}"
            self.check_failed.emit(f"{self.demo_error} {DEMO_START_AGAIN}")

        self.tasks.run("Starting the demo org…", lambda: jobs.start_demo(self.scenario), on_done=started,
                       on_error=failed, key="demo", cancellable=False)

    # -- checks ----------------------------------------------------------------------------------
    def check(self, page_ids: list[str] | None) -> None:
        """Check some pages (None: the whole guide) on a worker; results arrive as signals."""
        if self.guide is None or self.signed is None or not self.flow.signed_in:
            return
        guide, conn, facts = self.guide, self.signed.connection, self.facts
        pages = list(self.flow.page_ids) if page_ids is None else list(page_ids)
        confirmations = list(self.confirmations.values())
        providers = list(self.provider_checks)
        self.checking = set(pages)
        label = (f"Checking every setting of {guide.title} in {facts.name or 'the org'}…" if page_ids is None
                 else f"Checking {guide.page(pages[0]).title} in {facts.name or 'the org'}…")

        signed = self.signed

        def done(result: jobs.PageCheck) -> None:
            self.checking = set()
            self.checks.append(result)
            self.flow.record(list(result.results))
            self.checking_changed.emit()
            self.results_changed.emit(list(result.page_ids))
            if page_ids is None:  # the first whole-guide check has loaded every client and check
                QTimer.singleShot(0, lambda: long_lived.settle(long_lived.FIRST_CHECK))

        def failed(exc: BaseException) -> None:
            from wizard.salesforce.errors import SIGN_IN_ENDED

            self.checking = set()
            self.checking_changed.emit()
            explained = getattr(exc, "explained", None)
            if explained is not None and explained.code == SIGN_IN_ENDED and self.signed is signed:
                self.sign_in_ended(explained)
                return
            self.check_failed.emit(explained.window_message if explained is not None else describe_failure(exc))

        def cancelled() -> None:
            self.checking = set()
            self.checking_changed.emit()
            if self.signed is not signed:  # signed out, or another sign-in took over: that is what happened
                return
            if any(self.flow.results.get(page) for page in pages):
                self.notice.emit("Check cancelled. The results shown are from the last complete check.")
            else:
                self.notice.emit("Check cancelled before it finished, so nothing is shown yet. Check the page again "
                                 "(Ctrl+R) when you are ready.")

        self.tasks.run(label, lambda: jobs.check_pages(conn, guide, facts, page_ids, confirmations, providers),
                       on_done=done, on_error=failed, on_cancel=cancelled, key=CHECK_KEY)
        self.checking_changed.emit()

    def cancel_check(self) -> None:
        self.tasks.cancel(CHECK_KEY)

    def results(self, page_id: str) -> list[CheckResult]:
        return list(self.flow.results.get(page_id, []))

    # -- manual steps ------------------------------------------------------------------------------
    def confirm(self, page_id: str, setting_id: str, note: str = "") -> ManualConfirmation | None:
        """Record "I've done this" (who: the signed-in user; when: now) and update the row at once."""
        if self.guide is None or self.facts is None:
            return None
        who = self.facts.username or self.facts.user_display_name or self.facts.user_id
        confirmation = ManualConfirmation(page_id=page_id, setting_id=setting_id, by=who, at=datetime.now(UTC), note=note)
        self.confirmations[(page_id, setting_id)] = confirmation
        self._rejudge_manual(page_id, setting_id)
        return confirmation

    def unconfirm(self, page_id: str, setting_id: str) -> None:
        if self.confirmations.pop((page_id, setting_id), None) is not None:
            self._rejudge_manual(page_id, setting_id)

    def _rejudge_manual(self, page_id: str, setting_id: str) -> None:
        from wizard.engine.runner import manual_result

        assert self.guide is not None
        page = self.guide.page(page_id)
        setting = next(s for s in page.settings if s.id == setting_id)
        fresh = manual_result(self.guide, page, setting, self.confirmations.get((page_id, setting_id)))
        current = self.flow.results.get(page_id)
        if current is not None:
            self.flow.results[page_id] = [fresh if r.check_id == setting_id else r for r in current]
        self.results_changed.emit([page_id])
        self.save_state()

    # -- the record ----------------------------------------------------------------------------------
    def record_changes(self, applied: list[Any]) -> None:
        self.changes.extend(applied)

    # -- fixes that stopped partway ------------------------------------------------------------------------
    def _fix_key(self, page_id: str) -> tuple[str, str, str]:
        return (self.facts.org_id if self.signed is not None else "", self.guide.id if self.guide else "", page_id)

    def fix_ended(self, page_id: str, stopped_partway: bool) -> None:
        """Remember (or forget) that a fix on this page left the org half changed: a re-check alone
        shows only failures, not that something the wizard began is waiting to be finished."""
        key = self._fix_key(page_id)
        if not stopped_partway and key not in self.unfinished_fixes:
            return  # nothing to say or take back: the status line keeps what the fix said
        if stopped_partway:
            self.unfinished_fixes.add(key)
        else:
            self.unfinished_fixes.discard(key)
        self.page_notice.emit(f"{PAGE_PREFIX}{page_id}", self.unfinished_fix_notice(page_id))

    def fixes_undone(self) -> None:
        """The undo took back the newest fix of this org: no half-done fix is waiting any more."""
        org = self.facts.org_id if self.signed is not None else ""
        pages = [key[2] for key in self.unfinished_fixes if key[0] == org]
        self.unfinished_fixes = {key for key in self.unfinished_fixes if key[0] != org}
        for page_id in pages:
            self.page_notice.emit(f"{PAGE_PREFIX}{page_id}", "")

    def unfinished_fix_notice(self, page_id: str) -> str:
        """The page's notice about a fix that stopped partway, or "" when there is none."""
        if self._fix_key(page_id) not in self.unfinished_fixes:
            return ""
        return ("A fix on this page stopped partway, so part of it is already in the org. Fix it for me "
                "finishes it (nothing is done twice), or Wizard → Undo the last fix takes it back.")

    def run_record(self) -> VerificationRun | None:
        """Everything found so far, as one run for the summary and the report."""
        if self.guide is None or self.signed is None or not self.checks:
            return None
        results = [r for page in self.guide.pages for r in self.flow.results.get(page.id, [])]
        return VerificationRun(
            guide_id=self.guide.id, wizard_version=__version__, org=self.facts,
            started=min(c.started for c in self.checks), finished=max(c.finished for c in self.checks),
            results=tuple(results), confirmations=tuple(self.confirmations.values()), changes=tuple(self.changes),
            preflight=tuple(self.signed.preflight.items), requests_made=sum(c.requests for c in self.checks))

    # -- coming back -------------------------------------------------------------------------------
    def save_state(self) -> None:
        alias = self.signed.saved.alias if self.signed is not None and self.signed.persistent else self.state.org_alias
        step = self.flow.current if self.signed is not None or self.pending_step is None else self.pending_step
        self.state.guide_id, self.state.step, self.state.org_alias, self.state.demo = self.flow.guide_id, step, alias, self.demo
        if self.signed is not None:
            self.state.remember_confirmations(self.signed.saved.org_id, list(self.confirmations.values()))
        try:
            self.state.save()
        except OSError as exc:  # a read-only config folder must not stop the wizard
            log.warning("Could not save where the wizard was: %s", exc)

    def restore(self) -> None:
        """Return to the guide and step of the last session; reconnect the saved org on a worker."""
        guide_id, step = self.state.guide_id, self.state.step  # read first: choosing the guide saves
        if guide_id:
            try:
                self.choose_guide(guide_id)
            except Exception as exc:  # a guide that no longer exists: start from the beginning
                log.warning("Could not reopen the guide %r: %s", guide_id, exc)
        if self.guide is None or step not in self.flow.steps:
            self.flow.current = WELCOME
        elif step in (WELCOME, CHOOSE_GUIDE, SIGN_IN):
            self.flow.current = step
        else:
            self.pending_step = step
            self.flow.current = SIGN_IN
        self.step_changed.emit(self.flow.current)
        if self.state.damaged:
            self.page_notice.emit(self.flow.current, self.state.damaged)
        QTimer.singleShot(0, lambda: long_lived.settle(long_lived.STARTED))  # after the first paint
        if self.demo and self.demo_server is None:
            # After the first paint: the demo org's imports would compete with it for the CPU.
            QTimer.singleShot(DEMO_START_DELAY_MS, self.start_demo)
        else:
            self._resume_connection()

    def _resume_connection(self) -> None:
        """Reconnect the org of the last session on a worker (the store and keyring load there too)."""
        if not self.state.org_alias or self.state.demo != self.demo:
            return
        alias = self.state.org_alias
        demo_url = self.demo_server.instance_url if self.demo_server is not None else None

        def done(signed: Any) -> None:
            if signed is not None and self.signed is None:
                self.adopt(signed)

        def failed(exc: BaseException) -> None:
            from wizard.salesforce.auth.errors import SignInError, SignInRequired

            if isinstance(exc, SignInRequired):  # refused, ended, or its keyring out of reach: its own words
                worded = exc.for_window()
                self.page_notice.emit(SIGN_IN, f"{full_stop(worded.seen)} {full_stop(worded.todo)}")
                return
            if not isinstance(exc, SignInError):
                self.page_notice.emit(SIGN_IN, f"The saved sign-in for {alias} could not be used: "
                                      f"{full_stop(first_line(exc))} Sign in again on this page to continue.")
                return
            # Salesforce or the network said "not now" (maintenance, no connection): the sign-in still stands.
            worded = exc.for_window()
            self.page_notice.emit(SIGN_IN, f"Could not reconnect to {alias} now: {worded.seen} {worded.todo} The saved "
                                  "sign-in is kept; choose it on the sign-in page to try again.")

        self.tasks.run(f"Reconnecting to {alias}…", lambda: jobs.reconnect_alias(alias, demo_url),
                       on_done=done, on_error=failed, key="reconnect")

    #: Tasks that write to the org: the window does not close while one runs (see `writing`).
    WRITING_KEYS = ("fix", "undo")

    def writing(self) -> list[str]:
        """Labels of running tasks that write to the org (an apply or an undo), which must end recorded."""
        return [t.label for t in self.tasks.active() if t.key in self.WRITING_KEYS]

    def shutdown(self) -> None:
        """Cancel what runs, save where we are, stop the demo org; never waits on the UI thread.

        A cancelled check's blocking call is abandoned (its answer is dropped, see `TaskRunner`);
        its worker ends in the background (the thread pool is waited for when it is deleted).
        Writes never reach here running: the window refuses to close during one.
        """
        self.tasks.cancel()
        self.save_state()
        if self._owns_demo and self.demo_server is not None:
            from wizard.apply.backup import forget_stopped_demo_org

            self.demo_server.stop()
            forget_stopped_demo_org(self.demo_server.org)
            self.demo_server = None


def full_stop(text: str) -> str:
    """``text`` ending in one full stop (messages are joined into one notice)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def signed_out_text(signed: Any) -> str:
    """What "Sign out" did, on the sign-in page: disconnected, and what became of the saved sign-in."""
    facts = signed.preflight.facts
    name = facts.name or facts.username or signed.saved.alias
    if not signed.persistent or signed.connection.refresher is None:  # session only, or no refresh token granted
        return f"Signed out of {name}. Nothing of this sign-in was saved, so it is gone."
    return (f"Signed out of {name}: the wizard will not reconnect to it, now or when it opens again. Its "
            f"saved sign-in ('{signed.saved.alias}') stays in the system keyring, under “An org I signed in to "
            "before”, for when you need it again.")
