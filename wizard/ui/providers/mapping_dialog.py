"""Map ECI users to their Aircall or RingCentral user: proposals by e-mail, accepted, written, undone.

The dialog reads the ECI users and the provider's users on a worker, lists what the wizard
proposes (``exact``: one provider user has the same e-mail; ``ambiguous``: several, the admin
picks; ``missing``: none, the admin may type an id, which must name one of the provider's users
when they could be read; ``conflict``: the field names someone else),
previews the writes as the apply door prints any fix, and applies them through the door (typed
confirmation for production, backup first). "Undo" puts the identifiers back from that backup.
Nothing is guessed from names: a wrong mapping sends a person's calls to someone else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.retry_words import RetryWords, shown_in
from wizard.ui.pages.base import Notice, button, label

KEY = "map-users"
#: How this dialog says to try again after a stop (`RetryWords`): once it has applied, its Preview
#: and Apply buttons are done, so the way on is to close it and open it again (it reads the users
#: afresh, and nothing is written twice). What it wrote, its Undo button puts back.
_OPEN_AGAIN = "close this window and press Map users… again"
RETRY_WORDS = RetryWords(again=_OPEN_AGAIN, same=_OPEN_AGAIN, resumes="nothing is done twice",
                         sign_in="Close this window and sign in", signed_in_again="press Map users… again",
                         undo="press Undo again", take_back="Undo puts them back")
KIND_WORDS = {"mapped": "already mapped", "exact": "same e-mail", "ambiguous": "several with this e-mail",
              "missing": "no user with this e-mail", "conflict": "holds someone else's id"}


def gather(conn: Any, facts: Any, session: Any, provider: str) -> tuple[Any, bool]:
    """The ECI users, their identifier field, (when the provider can be asked) its users, and
    whether an earlier identifier change of this org can be undone."""
    from wizard.providers.voice.identifiers import latest_backup
    from wizard.providers.voice.mapping import gather_mapping

    fetch = None
    if provider == "aircall" and session.aircall is not None:
        from wizard.providers.aircall.client import AircallClient

        fetch = AircallClient(session.aircall, session.endpoints).users
    elif provider == "ringcentral" and session.grant is not None:
        from wizard.providers.ringcentral.extensions import list_users

        grant, endpoints = session.grant, session.endpoints
        fetch = lambda: list_users(grant, endpoints)  # noqa: E731
    return gather_mapping(conn, provider, fetch), latest_backup(facts, provider=provider) is not None


def open_mapping(parent: Any, controller: Any, hub: Any, provider: str) -> bool:
    """Show the dialog; True when identifiers were written or put back (the page is checked again)."""
    if controller.signed is None or controller.guide is None:
        return False
    dialog = MappingDialog(controller, hub.voice, provider, parent)
    dialog.exec()
    return dialog.changed


def applied_text(result: Any) -> str:
    """What the mapping wrote, as the apply door tells any result, in this dialog's words: the run
    is "this mapping" (`MAPPING_WORDS`), and its backup is taken back with the Undo button
    (`RETRY_WORDS.take_back`), never with a command."""
    from wizard.apply.preview import result_text
    from wizard.providers.voice.result_words import MAPPING_WORDS

    text = result_text(result.model_copy(update={"backup_id": None}), MAPPING_WORDS)  # the backup is said below
    if result.backup_id:
        text += f"\nBackup: {result.backup_id} ({RETRY_WORDS.take_back})."
    return text


class MappingDialog(QDialog):
    def __init__(self, controller: Any, session: Any, provider: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from wizard.providers.voice.user_fields import PROVIDER_NAMES

        self.controller, self.session, self.provider = controller, session, provider
        self.name = PROVIDER_NAMES[provider]
        self.gathered: Any = None
        self.matches: list[Any] = []
        self.plan: Any = None
        self.result: Any = None
        self.undone: Any = None
        self.changed = False
        self.can_undo = False
        self.choices: dict[str, Any] = {}
        self.refusal: str | None = None  # why the typed ids cannot be written, while they cannot
        self.setWindowTitle(f"Map ECI users to {self.name} users")
        self.resize(900, 600)
        self.heading = label(f"Map ECI users to {self.name} users", name="SectionTitle", parent=self)
        self.status = label(f"Reading the ECI users and {self.name}'s users…", muted=True, selectable=True)
        self.notice = Notice(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["ECI user", "E-mail", "What the wizard found", f"{self.name} user to use"])
        self.table.setAccessibleName("ECI users and the proposed identifiers")
        header = self.table.horizontalHeader()
        for column in range(3):  # names, e-mails and findings as wide as they are, never broken
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the choice takes the rest
        self.table.verticalHeader().hide()
        self.preview = label(rich=True, selectable=True)
        self.preview.setAccessibleName("The changes the wizard will write")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        scroll.setMaximumHeight(190)
        self.confirm = QLineEdit(self)
        self.confirm.setAccessibleName("Type the org's name to confirm")
        self.confirm.textChanged.connect(self._update)
        self.confirm.hide()
        self.preview_button = button("&Preview changes", "Preview the identifiers to write", parent=self)
        self.apply_button = button("&Apply", "Write the identifiers", primary=True, parent=self)
        self.undo_button = button("&Undo", "Put the identifiers back as they were", parent=self)
        self.close_button = button("Close", "Close", parent=self)
        for widget, slot in ((self.preview_button, self.make_plan), (self.apply_button, self.apply),
                             (self.undo_button, self.undo), (self.close_button, self._close)):
            widget.clicked.connect(lambda *_, s=slot: s())
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        for widget in (self.preview_button, self.apply_button, self.close_button):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.status, self.notice):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(scroll)
        layout.addWidget(self.confirm)
        layout.addLayout(buttons)
        self._update()
        conn, facts, session_ = controller.connection, controller.facts, session

        def read() -> tuple[Any, bool]:
            with shown_in(RETRY_WORDS):  # a backup it cannot read says this window's way on
                return gather(conn, facts, session_, provider)

        controller.tasks.run(f"Reading {self.name}'s users…", read, on_done=self._gathered, on_error=self._failed, key=KEY)

    # -- the proposals -------------------------------------------------------------------------------------
    def _gathered(self, found: tuple[Any, bool]) -> None:
        gathered, self.can_undo = found
        self.gathered = gathered
        self._update()
        if gathered.field is None or gathered.users is None:
            self.status.setText("The users can't be mapped yet.")
            self.notice.show_text(gathered.field_problem or gathered.users_problem or "")
            return
        if not gathered.users:
            self.status.setText("The users can't be mapped yet.")
            self.notice.show_text("No active user holds an ECI permission set, so there is nobody to map. Assign one to the "
                                  "people who call, then open “Map users…” again.")
            return
        self.matches = gathered.matches()
        if gathered.provider_users is None:
            why = (gathered.provider_problem.message if gathered.provider_problem is not None else
                   "check the API key on the page first" if self.provider == "aircall" else "sign in to RingCentral on the page first")
            self.notice.show_text(f"{self.name}'s users could not be read ({why}); you can still type identifiers.")
            from wizard.providers.voice.matching import Match

            self.matches = [Match(u, "missing") for u in gathered.users]
        self.status.setText(f"{len(self.matches)} active users hold an ECI permission set; their {gathered.field.label} "
                            f"is the field {gathered.field.name}. Accept or choose, then preview.")
        self.table.setRowCount(len(self.matches))
        for row, match in enumerate(self.matches):
            user = match.user
            for col, text in enumerate((user.name or user.username, user.email, KIND_WORDS[match.kind])):
                self.table.setItem(row, col, QTableWidgetItem(text))
            widget = self._choice(match)
            self.choices[user.id] = widget
            self.table.setCellWidget(row, 3, widget)
        self.table.resizeRowsToContents()
        if self.matches and not self.to_map():
            self.status.setText(f"All {len(self.matches)} active users who hold an ECI permission set already have their "
                                f"{gathered.field.label}; there is nothing to map.")
        self._update()

    def to_map(self) -> list[Any]:
        """The users the admin can still map (those already mapped have nothing to preview)."""
        return [m for m in self.matches if m.kind != "mapped"]

    def _choice(self, match: Any) -> QWidget:
        def one(c: Any) -> str:
            return f"{c.id} ({c.name}, {c.email})"

        who = match.user.name or match.user.username
        if match.kind == "mapped":  # one line: an e-mail broken at its hyphen reads as two
            return QLabel(one(match.candidates[0]), self.table)
        if match.kind == "exact":
            box = QCheckBox(one(match.candidates[0]), self.table)
            box.setChecked(True)
            box.setAccessibleName(f"Use {one(match.candidates[0])} for {who}")
            return box
        if match.kind in ("ambiguous", "conflict"):
            combo = QComboBox(self.table)
            combo.setAccessibleName(f"{self.name} user for {who}")
            combo.addItem(f"keep {match.user.identifier}" if match.kind == "conflict" else "— choose —", "")
            for c in match.candidates:
                combo.addItem(one(c), c.id)
            return combo
        field = QLineEdit(self.table)
        field.setAccessibleName(f"{self.name} user id for {who}")
        field.setPlaceholderText("type an id, or leave empty")
        return field

    def writes(self) -> dict[str, str]:
        """User id -> identifier, from what the admin accepted or chose."""
        writes: dict[str, str] = {}
        for match in self.matches:
            widget = self.choices.get(match.user.id)
            if isinstance(widget, QCheckBox) and widget.isChecked() and match.proposed:
                writes[match.user.id] = match.proposed
            elif isinstance(widget, QComboBox) and widget.currentData():
                writes[match.user.id] = str(widget.currentData())
            elif isinstance(widget, QLineEdit) and widget.text().strip():
                writes[match.user.id] = widget.text().strip()
        return writes

    # -- preview, apply, undo --------------------------------------------------------------------------------
    def make_plan(self) -> None:
        from wizard.providers.voice.identifiers import plan_identifiers
        from wizard.ui.fix_dialog import plan_html

        c = self.controller
        guide = c.guide
        where = next(((p.id, s.id) for p, s in guide.settings() if s.check == f"{self.provider}.user_identifiers"), None)
        if where is None or self.gathered is None or self.gathered.field is None:
            return
        refused, shown = self._refused(), self.refusal
        self.refusal = refused
        if refused or shown:  # a refusal, or the end of one (other notices stay)
            self.notice.show_text(refused or "")
        if refused:
            self.plan = None
            self.preview.setText("Nothing to write until every typed id names one of the users listed in the message above.")
            self._update()
            return
        self.plan = plan_identifiers(guide, c.facts, self.provider, self.gathered.field, self.matches, self.writes(), where)
        if self.plan.empty:
            self.preview.setText("Nothing to write: accept a proposal, choose a user or type an id first.")
        else:
            self.preview.setText(plan_html(self.plan) + "<br>" + "<br>".join(self.plan.notes))
        production = self.plan.production and not self.plan.empty
        self.confirm.setVisible(production)
        self.confirm.setPlaceholderText(f"{c.facts.name} is a PRODUCTION org: type its name to confirm")
        self._update()

    def _refused(self) -> str | None:
        """Why a typed id cannot be written (it names no provider user), as the CLI's --choose says it."""
        from wizard.providers.voice.matching import ChoiceRefused, check_choice, refuse_shared

        by_id = {m.user.id: m for m in self.matches}
        writes = self.writes()
        try:
            for user_id, value in writes.items():
                check_choice(by_id[user_id], value, self.gathered.provider_users, self.name)
            refuse_shared([m.user for m in self.matches], writes, self.name)
        except ChoiceRefused as exc:
            return str(exc)
        return None

    def _ready(self) -> bool:
        if self.plan is None or self.plan.empty or self.result is not None:
            return False
        return not self.plan.production or self.confirm.text().strip() == self.plan.org.name

    def _update(self, *_: Any) -> None:
        busy = self.controller.tasks.is_running(KEY)
        self.preview_button.setEnabled(bool(self.to_map()) and not busy and self.result is None)
        self.apply_button.setEnabled(self._ready() and not busy)
        self.apply_button.setText(f"&Apply {self.plan.change_count()} changes" if self.plan is not None and not self.plan.empty else "&Apply")
        undoable = self.result.backup_id is not None if self.result is not None else self.can_undo
        self.undo_button.setVisible(undoable and self.undone is None)
        self.undo_button.setText("&Undo" if self.result is not None else "&Undo the last identifier change")
        self.undo_button.setEnabled(not busy)

    def apply(self) -> None:
        from wizard.providers.voice.identifiers import apply_identifiers

        if not self._ready():
            return
        conn, guide, plan = self.controller.connection, self.controller.guide, self.plan
        confirmation = self.confirm.text().strip() if plan.production else None

        def write() -> Any:
            with shown_in(RETRY_WORDS):  # a stop says this window's way on, never to run an apply
                return apply_identifiers(conn, guide, plan, confirmation)

        self.status.setText("Writing the identifiers (backed up first)…")
        self.controller.tasks.run("Writing user identifiers…", write, on_done=self._applied, on_error=self._failed,
                                  key=KEY, cancellable=False)
        self._update()

    def _applied(self, result: Any) -> None:
        self.result = result
        self.changed = self.changed or bool(result.applied)
        if result.applied:
            self.controller.record_changes(list(result.applied))
        self.status.setText(applied_text(result))
        self.notice.show_text(result.error or "")
        self._update()

    def undo(self) -> None:
        from wizard.providers.voice.identifiers import undo_identifiers

        conn, facts, provider = self.controller.connection, self.controller.facts, self.provider

        def put_back() -> Any:
            with shown_in(RETRY_WORDS):  # a backup it cannot read says this window's way on
                return undo_identifiers(conn, facts, provider=provider)

        self.status.setText("Putting the identifiers back…")
        self.controller.tasks.run("Undoing the identifiers…", put_back, on_done=self._undone, on_error=self._failed,
                                  key=KEY, cancellable=False)
        self._update()

    def _undone(self, undone: Any) -> None:
        from wizard.apply.preview import undo_text

        self.undone = undone
        self.changed = True
        self.status.setText(undo_text(undone))
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.notice.show_text(str(exc) or type(exc).__name__)
        self._update()

    def _close(self) -> None:
        if self.controller.tasks.is_running(KEY) and self.result is None:
            self.controller.tasks.cancel(KEY)
        self.accept() if self.changed else self.reject()
