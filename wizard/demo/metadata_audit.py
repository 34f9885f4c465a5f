"""Who created and last changed each component, for listMetadata's FileProperties.

FileProperties must carry created/modified user and date, which are not fields of the
components themselves (component dicts hold WSDL fields only, so every API projects them the
same way). The demo org keeps them beside the org, per `OrgState`, and forgets them with it.
Components a scenario seeded have no history: they are reported as created by the org's first
administrator when the org was created (the scenario's ``CreatedDate``, else `SEEDED`). Never
"when first listed": a demo org started for ``undo --demo`` would then show every seeded component
as changed after the fix it undoes.
"""

from __future__ import annotations

import threading
import weakref
from datetime import UTC, datetime
from typing import Any

from wizard.demo.state import OrgState, Session

_LOCK = threading.Lock()
_HISTORY: weakref.WeakKeyDictionary[OrgState, dict[tuple[str, str], dict[str, str]]] = weakref.WeakKeyDictionary()
#: When a scenario's org "was created" if it does not say: before anything a demo session does.
SEEDED = "2020-01-01T00:00:00.000Z"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _user_stamp(org: OrgState, user_id: str) -> tuple[str, str]:
    user = org.get("User", user_id) or {}
    return user_id, str(user.get("Name") or user.get("Username") or user_id)


def _seed_owner(org: OrgState, fallback: str) -> str:
    for user in org.iter_users():
        if user.get("UserType", "Standard") == "Standard" and user.get("IsActive", True):
            return str(user["Id"])
    return fallback


def touch(org: OrgState, session: Session, mtype: str, full_name: str) -> None:
    """Record a create or update by the session's user now."""
    user_id, user_name = _user_stamp(org, session.user_id)
    now = _now()
    with _LOCK:
        history = _HISTORY.setdefault(org, {})
        entry = history.get((mtype, full_name))
        if entry is None:
            entry = {"createdById": user_id, "createdByName": user_name, "createdDate": now}
            history[(mtype, full_name)] = entry
        entry.update(lastModifiedById=user_id, lastModifiedByName=user_name, lastModifiedDate=now)


def forget(org: OrgState, mtype: str, full_name: str) -> None:
    """Drop the history of a deleted component (a re-created one starts afresh)."""
    with _LOCK:
        _HISTORY.get(org, {}).pop((mtype, full_name), None)


def file_properties(org: OrgState, session: Session, mtype: str, full_name: str) -> dict[str, Any]:
    """The FileProperties fields of one component, except fileName and type."""
    with _LOCK:
        entry = _HISTORY.setdefault(org, {}).get((mtype, full_name))
        if entry is None:
            owner_id, owner_name = _user_stamp(org, _seed_owner(org, session.user_id))
            created = str(org.organization.get("CreatedDate") or SEEDED)
            entry = {
                "createdById": owner_id,
                "createdByName": owner_name,
                "createdDate": created,
                "lastModifiedById": owner_id,
                "lastModifiedByName": owner_name,
                "lastModifiedDate": created,
            }
            _HISTORY[org][(mtype, full_name)] = entry
        props = dict(entry)
    props.update(fullName=full_name, id=org.component_id(mtype, full_name) or "", manageableState="unmanaged")
    return props
