"""Backups of AWS settings the wizard is about to change, kept so every change can be undone.

A backup is a small JSON file in the user's data folder (``backups/aws/``), readable only by the
user. It never holds a secret value: for the ``SalesforceCredentials`` secret it records which keys
existed and the version id that was current, and Secrets Manager itself keeps that version, so
undo moves the ``AWSCURRENT`` stage back to it.
"""

from __future__ import annotations

import json
import secrets as pysecrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wizard.atomic_file import write_atomic
from wizard.paths import data_dir


class BackupNotFound(LookupError):
    """No backup with that id."""


def backup_dir() -> Path:
    path = data_dir() / "backups" / "aws"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_backup(kind: str, data: dict[str, Any], backup_id: str | None = None) -> str:
    """Write (or rewrite) a backup and return its id."""
    stamp = datetime.now(UTC)
    backup_id = backup_id or f"{stamp:%Y%m%dT%H%M%SZ}-{kind.replace('.', '-')}-{pysecrets.token_hex(3)}"
    record = {"id": backup_id, "kind": kind, "saved": stamp.isoformat(), **data}
    path = backup_dir() / f"{backup_id}.json"
    # Rewritten as the fix goes on: whole each time, so a crash never leaves half of what undo reads.
    write_atomic(path, json.dumps(record, indent=2, default=str).encode("utf-8"), private=True)
    return backup_id


def load_backup(backup_id: str) -> dict[str, Any]:
    """A saved backup by id (BackupNotFound with the known ids when absent)."""
    if "/" in backup_id or "\\" in backup_id or backup_id.startswith("."):
        raise BackupNotFound(f"{backup_id!r} is not a backup id")
    path = backup_dir() / f"{backup_id}.json"
    if not path.exists():
        known = ", ".join(list_backups()[-5:]) or "none yet"
        raise BackupNotFound(f"no AWS backup {backup_id!r}; recent ones: {known}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problem = "it is a folder, not a file" if path.is_dir() else _read_problem(exc)
        raise BackupNotFound(
            f"the AWS backup {backup_id!r} ({path}) cannot be read: {problem}. Expected: a JSON file the "
            "wizard wrote. Nothing was undone; undo the change by hand in the AWS console, then move the file away."
        ) from None
    if not isinstance(data, dict) or data.get("id") != backup_id or not {"kind", "saved"} <= data.keys():
        raise BackupNotFound(
            f"the AWS backup {backup_id!r} ({path}) is not a backup the wizard wrote (its content was changed). "
            "Nothing was undone; undo the change by hand in the AWS console, then move the file away."
        )
    return dict(data)


def _read_problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"its JSON is broken at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return "it is not text"
    return getattr(exc, "strerror", None) or str(exc)


def list_backups() -> list[str]:
    """Backup ids, oldest first."""
    return sorted(p.stem for p in backup_dir().glob("*.json"))
