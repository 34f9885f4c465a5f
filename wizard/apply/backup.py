"""Backups of what an apply touched: ``<data dir>/backups/<org id>/<timestamp>.json``, no secrets.

Before any write, the state of every component the apply touches is saved (``before`` None means
it did not exist, so undo removes it). Secrets never enter a backup: write-only values are not
returned by Salesforce anyway, credential identifiers (consumer keys, user names, AWS key ids)
are masked, and before the file is written its text is scanned for every secret value the apply
handled; a hit refuses the write instead of leaking it.

An apply that was interrupted (a dropped connection, a cancel) leaves its backup ``interrupted``;
the next apply on that org continues the same backup, so the states it holds stay those from
before the first attempt and undo restores the org as it was before the whole job.

A backup file that cannot be read (cut off, damaged, edited by hand) is never skipped: it may be
the newest, so apply and undo on that org refuse with `BackupUnreadable`, naming the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets as pysecrets
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, Field, PrivateAttr, ValidationError

from wizard.apply.model import ComponentState
from wizard.atomic_file import write_atomic
from wizard.engine.changes import AppliedChange
from wizard.paths import APP_AUTHOR, APP_NAME, data_dir
from wizard.retry_words import DATA_DIR, retry_words

Status = Literal["started", "interrupted", "complete", "failed", "rolled_back", "undone"]
#: Write-only values: dropped from any backup.
SECRET_KEYS = frozenset({
    "consumerSecret", "ConsumerSecret", "password", "Password", "awsAccessSecret", "AwsAccessSecret",
    "oauthToken", "oauthRefreshToken", "OauthToken", "OauthRefreshToken",
})  # fmt: skip
#: Credential identifiers: kept only as "set" / absent, never as the value.
CREDENTIAL_KEYS = frozenset({"consumerKey", "ConsumerKey", "username", "Username", "awsAccessKey", "AwsAccessKey"})
MASKED = "(set; not kept in backups)"
#: The folder, beside the orgs' own, of the user identifiers' backups (User rows, restored by id).
USER_IDENTIFIERS = "user-identifiers"


class SecretInBackup(RuntimeError):
    """A secret value was about to be written to a backup file; nothing was written."""


class BackupUnreadable(Exception):
    """A backup file of the org cannot be read, so the wizard cannot tell which change is the newest.

    Skipping the file would be a silent guess: undo would put back an older change than the one
    the admin means, and the next apply would start a new backup instead of continuing an
    interrupted one. So apply and undo refuse until the file is readable or moved aside, and then
    say to start again in the words of where the admin reads it (`RetryWords.rerun`: a command on
    the command line, a button or menu entry in the window).
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"The backup file {path} cannot be read: {reason}. It may record the newest change to this org "
            "(undo starts from it, and an interrupted apply is continued from it), so the wizard does not guess "
            "past it. Put back an intact copy of the file if you have one; otherwise move it out of "
            f"{path.parent} (what it recorded can then no longer be undone by the wizard), and {retry_words().word('rerun')}."
        )


class BackupUnwritable(Exception):
    """The backups folder cannot be written, so no change may start: undo would have nothing to
    put back. Raised before anything is read for the backup or written to the org; the way to start
    again is the place's own (`RetryWords.rerun`), and so is the choice of another data folder: only
    the command line can set ECI_WIZARD_DATA_DIR (`RetryWords.way`), so the window leaves it out."""

    def __init__(self, folder: Path, reason: str) -> None:
        self.folder, self.reason = folder, reason
        words = retry_words()
        elsewhere = words.way(DATA_DIR, f", or set {DATA_DIR} to such a folder")
        super().__init__(
            f"The wizard cannot write its backup in {folder} ({reason}); nothing was changed. Make that a folder your "
            f"user account can write to (move away a file in its way){elsewhere}, then {words.word('rerun')}."
        )


def unwritable_reason(path: Path, exc: OSError) -> str:
    """Why `path` cannot be made or written, in words: which part of it is a file, or the system's reason."""
    for part in (path, *path.parents):
        if part.exists() and not part.is_dir():
            return f"{part} is a file, not a folder"
    if isinstance(exc, PermissionError):
        return "your user account may not write there"
    return (exc.strerror or "the system refused to write there").rstrip(".").lower()


def redact(value: Any) -> Any:
    """A component or record with secrets removed and credential identifiers masked."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in SECRET_KEYS:
                continue
            out[key] = (MASKED if item else item) if key in CREDENTIAL_KEYS else redact(item)
        return out
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


class Backup(BaseModel):
    """One apply's backup: the states before, what changed, how it ended."""

    format: int = 1
    id: str
    org_id: str
    org_name: str = ""
    username: str = ""
    guide_id: str = ""
    started: datetime
    finished: datetime | None = None
    status: Status = "started"
    entries: list[ComponentState] = Field(default_factory=list)
    changes: list[AppliedChange] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    #: Salesforce's own date of each touched metadata component's last change, listed right after
    #: the apply (`wizard.apply.component_dates`): undo compares them, not this computer's clock.
    #: Empty when the listing could not be made; undo then falls back on the times above.
    stamps: dict[str, datetime] = Field(default_factory=dict)

    _keys: set[tuple[str, str, str]] = PrivateAttr(default_factory=set)

    def model_post_init(self, context: Any) -> None:
        self._keys = {(e.api, e.type, e.name) for e in self.entries}

    def add(self, state: ComponentState) -> bool:
        """Record a state unless this component is already recorded (the first state wins)."""
        key = (state.api, state.type, state.name)
        if key in self._keys:
            return False
        self._keys.add(key)
        self.entries.append(state.model_copy(update={"before": redact(state.before)}))
        return True


class BackupStore:
    """The backups folder of the user's data directory."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or _backups_root()

    def folder(self, org_id: str) -> Path:
        return self.root / org_id

    def begin(self, org_id: str, org_name: str, username: str, guide_id: str) -> Backup:
        """A new backup, or the org's interrupted one of the same guide (which this apply then continues).

        An interrupted backup of another guide (or, for user identifiers, another provider) stays as
        it is: continuing it would mix two changes in one backup, and mark the other one finished
        when it is not. Its own command continues it, and undo still takes it back.
        """
        last = self.latest(org_id)
        if last is not None and last.status in ("started", "interrupted") and last.guide_id == guide_id:
            last.status = "started"
            last.notes.append(f"Continued on {datetime.now(UTC):%Y-%m-%d %H:%M UTC} after an interrupted apply.")
            return last
        now = datetime.now(UTC)
        backup_id = f"{now:%Y%m%dT%H%M%S%fZ}-{pysecrets.token_hex(2)}"
        return Backup(id=backup_id, org_id=org_id, org_name=org_name, username=username, guide_id=guide_id, started=now)

    def check_writable(self, org_id: str) -> None:
        """`BackupUnwritable` when the org's backup folder could not be made or written (a file in
        its way, no permission), so a change is refused before it starts rather than made without a
        backup. Nothing is created here: a change refused later leaves no empty folder behind."""
        folder = self.folder(org_id)
        existing = next((part for part in (folder, *folder.parents) if part.exists()), None)
        if existing is None:
            return
        if not existing.is_dir():
            raise BackupUnwritable(folder, f"{existing} is a file, not a folder")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise BackupUnwritable(folder, f"your user account may not write in {existing}")

    def save(self, backup: Backup, forbidden: set[str] = frozenset()) -> Path:  # type: ignore[assignment]
        """Write atomically; refuses (SecretInBackup) if any forbidden value appears in the text,
        and raises `BackupUnwritable` when the folder cannot be written."""
        text = backup.model_dump_json(indent=2)
        for value in forbidden:
            if value and len(value) >= 4 and value in text:
                raise SecretInBackup("A secret value was about to be written to a backup file; the backup was not written.")
        folder = self.folder(backup.org_id)
        path = folder / f"{backup.id}.json"
        try:
            write_atomic(path, text.encode("utf-8"), private=True)
        except OSError as exc:
            raise BackupUnwritable(folder, unwritable_reason(folder, exc)) from None
        return path

    def path(self, backup: Backup) -> Path:
        return self.folder(backup.org_id) / f"{backup.id}.json"

    def discard(self, backup: Backup) -> None:
        """Remove the file of a backup whose run wrote nothing: it has nothing to undo, and kept it
        would be the newest backup, so 'undo' would take it instead of the change before it.
        A file that cannot be reached was never written (its folder is not one), so there is
        nothing to remove then."""
        with contextlib.suppress(OSError):
            self.path(backup).unlink(missing_ok=True)

    def forget(self, org_id: str) -> None:
        """Remove every backup of an org that can never be reached again (a stopped demo org)."""
        shutil.rmtree(self.folder(org_id), ignore_errors=True)

    def all(self, org_id: str) -> list[Backup]:
        """Every backup of an org, oldest first; `BackupUnreadable` names a file that cannot be read."""
        folder = self.folder(org_id)
        if not folder.is_dir():
            return []
        return sorted((_read(path) for path in sorted(folder.glob("*.json"))), key=lambda b: b.started)

    def latest(self, org_id: str, statuses: tuple[str, ...] | None = None) -> Backup | None:
        """The newest backup (with one of `statuses`, if given); `BackupUnreadable` when any backup
        file of the org cannot be read, since it might be the newest."""
        for backup in reversed(self.all(org_id)):
            if statuses is None or backup.status in statuses:
                return backup
        return None


def _backups_root() -> Path:
    """``<data folder>/backups``, even when the data folder cannot be made (a file in its place):
    the store then names it when it refuses to start a change (`BackupStore.check_writable`)."""
    try:
        return data_dir() / "backups"
    except OSError:
        override = os.environ.get("ECI_WIZARD_DATA_DIR")
        return Path(override or platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "backups"


def forget_stopped_demo_org(org: Any) -> None:
    """Remove the backups of a demo org (`wizard.demo.state.OrgState`) that has stopped for good.

    A demo org lives as long as its process and, unless its scenario names an organization id,
    the next one gets a new id: backups kept under the old id could never be undone or continued,
    and would pile up in the data folder, one per ``apply --demo``. A scenario that names an id
    stands for the same org in every run (``undo --demo`` then takes back the last run's apply),
    so its backups stay. User-identifier backups (``backups/user-identifiers/<org id>``) go too.
    """
    if getattr(org, "id_is_fixed", True):
        return
    store = BackupStore()
    store.forget(org.org_id)
    BackupStore(store.root / USER_IDENTIFIERS).forget(org.org_id)


def _read(path: Path) -> Backup:
    """One backup file; `BackupUnreadable` says what is wrong with it (never its content: no value is echoed)."""
    try:
        return Backup.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise BackupUnreadable(path, exc.strerror or type(exc).__name__) from None
    except UnicodeDecodeError as exc:
        raise BackupUnreadable(path, f"it is not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise BackupUnreadable(path, f"its JSON breaks off or is damaged at line {exc.lineno}, column {exc.colno} ({exc.msg})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        raise BackupUnreadable(path, f"it is not a backup this wizard wrote ({where}: {first['msg']})") from None
