"""Assign a permission set to many users: one query, then sObject Collections of 200.

Assigning ECI to a sales team one request per user takes thousands of requests and minutes;
Salesforce's sObject Collections take 200 records per request with ``allOrNone: false``, so
one user's refusal (no matching licence, a full licence, an inactive user) never stops the
others. The one query first finds who already holds the permission set, so a second run writes
nothing. Progress is real (one step per request) and cancelling stops before the next request.

A request that fails as a whole (a dropped connection, an exhausted API limit, a refusal of the
entire request) raises `AssignmentStopped`, which carries the result of the requests answered
before it: those users hold the set now, and the admin must be told so, not only why it stopped.

Users come from explicit ids or usernames, from all active users of a profile, or from a search
(for the window's searchable list).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wizard.apply.errors import MEANINGS
from wizard.apply.ops import COLLECTION_SIZE, Ops, soql_list, soql_quote
from wizard.apply.user_refs import (
    PROFILE_NAMES,
    UserChoiceError,
    check_profile,
    split_references,
    unknown_permission_set,
    unmatched,
)

#: Shown before a test call and beside every ECI assignment (the ECI trap from the guides).
PROCESSING_WARNING = (
    "Einstein Conversation Insights only processes calls of users who already hold an ECI permission "
    "set when the call takes place. Calls made before the assignment are never processed, not even "
    "later. Assign first, then place test calls."
)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool] | threading.Event


@dataclass(frozen=True)
class UserFailure:
    """One user who could not be given the permission set, and why."""

    user_id: str
    code: str
    message: str  # Salesforce's own words

    @property
    def meaning(self) -> str:
        return MEANINGS.get(self.code, ("Salesforce refused this assignment.", ""))[0]


@dataclass
class BulkResult:
    """What a bulk assignment did, user by user."""

    permission_set_id: str
    requested: int
    assigned: list[tuple[str, str]] = field(default_factory=list)  # (user id, assignment id)
    already: list[str] = field(default_factory=list)
    failed: list[UserFailure] = field(default_factory=list)
    cancelled: bool = False
    requests: int = 0

    @property
    def not_tried(self) -> int:
        """Users neither assigned, nor already holding the set, nor refused one by one: those a
        cancel or a stop left for the next run."""
        return self.requested - len(self.assigned) - len(self.already) - len(self.failed)

    def summary(self) -> str:
        parts = [f"{len(self.assigned)} assigned", f"{len(self.already)} already held it"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.cancelled:
            parts.append(f"cancelled with {self.not_tried} not tried")
        return ", ".join(parts)


class AssignmentStopped(Exception):
    """A collection request failed as a whole, so the assignment stopped partway.

    `result` is what the requests answered before it did (those users hold the set now); `cause`
    is the exception of the failed request (also chained as ``__cause__``), which says why. The
    users of the failed request count as not tried: a refused request made nothing, and one whose
    answer a dropped connection lost may or may not have been made, which the next run reads.
    """

    def __init__(self, result: BulkResult, cause: BaseException) -> None:
        self.result = result
        self.cause = cause
        super().__init__(f"The assignment stopped after {len(result.assigned)} of {result.requested} users were assigned.")

    def done_text(self, label: str) -> str:
        """What was done before the stop and what is left, in plain words (how to finish or undo
        it is the caller's to say: a command and the window say it differently)."""
        result = self.result
        held = f" ({_users(len(result.already))} already held it)" if result.already else ""
        refused = f" Salesforce refused it for {_users(len(result.failed))}." if result.failed else ""
        left = result.not_tried
        return (f"Before the stop, {label} was given to {len(result.assigned)} of {_users(result.requested)}{held}.{refused} "
                f"{_users(left)} {'was' if left == 1 else 'were'} not assigned yet.")


def _users(count: int) -> str:
    return f"{count} user" if count == 1 else f"{count} users"


def _cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def _key(record_id: str) -> str:
    return str(record_id)[:15]


def assign_permission_set(
    ops: Ops,
    permission_set_id: str,
    user_ids: Iterable[str],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    before_write: Callable[[list[str]], None] | None = None,
) -> BulkResult:
    """Give `permission_set_id` to every user in `user_ids` who lacks it.

    `before_write(user_ids)` runs before each collection request (the backup records what is
    about to be created); `progress(done, total)` after each request.
    """
    wanted = list(dict.fromkeys(str(u) for u in user_ids))
    result = BulkResult(permission_set_id, len(wanted))
    start_reads, start_writes = ops.reads, ops.writes
    rows = ops.query(f"SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = {soql_quote(permission_set_id)}")
    holding = {_key(r["AssigneeId"]) for r in rows if r.get("AssigneeId")}
    result.already = [u for u in wanted if _key(u) in holding]
    todo = [u for u in wanted if _key(u) not in holding]
    total = len(wanted)
    done = len(result.already)
    if progress:
        progress(done, total)
    for start in range(0, len(todo), COLLECTION_SIZE):
        if _cancelled(cancel):
            result.cancelled = True
            break
        chunk = todo[start : start + COLLECTION_SIZE]
        if before_write:
            before_write(chunk)
        records = [{"attributes": {"type": "PermissionSetAssignment"}, "AssigneeId": u, "PermissionSetId": permission_set_id} for u in chunk]
        try:
            answers = ops.collection_create(records, "Permission set assignments")
        except Exception as exc:  # the requests answered before this one are kept, not lost with it
            result.requests = (ops.reads - start_reads) + (ops.writes - start_writes)
            raise AssignmentStopped(result, exc) from exc
        for user_id, answer in zip(chunk, answers, strict=False):
            if answer.get("success"):
                result.assigned.append((user_id, str(answer.get("id"))))
            else:
                errors = answer.get("errors") or [{}]
                result.failed.append(UserFailure(user_id, str(errors[0].get("statusCode", "UNKNOWN")), str(errors[0].get("message", ""))))
        done += len(chunk)
        if progress:
            progress(done, total)
    result.requests = (ops.reads - start_reads) + (ops.writes - start_writes)
    return result


def remove_assignments(ops: Ops, assignment_ids: Iterable[str]) -> list[UserFailure]:
    """Delete assignments (undo), 200 per request; failures are returned, not raised."""
    ids = list(dict.fromkeys(assignment_ids))
    failures: list[UserFailure] = []
    for start in range(0, len(ids), COLLECTION_SIZE):
        chunk = ids[start : start + COLLECTION_SIZE]
        for rid, answer in zip(chunk, ops.collection_delete(chunk, "Permission set assignments"), strict=False):
            if not answer.get("success"):
                errors = answer.get("errors") or [{}]
                failures.append(UserFailure(rid, str(errors[0].get("statusCode", "UNKNOWN")), str(errors[0].get("message", ""))))
    return failures


# -- where the users come from ----------------------------------------------------------------------------
USER_FIELDS = "Id, Username, Name, IsActive, Profile.Name"


def users_by_reference(ops: Ops, references: Iterable[str]) -> tuple[list[dict], list[str]]:
    """Users named by id or username (one query each way); returns (users, references not found).

    Ids and usernames are told apart as ``apply --users`` tells them (`user_refs`), so a
    reference that is no id never reaches ``WHERE Id IN``, which Salesforce would refuse whole.
    """
    refs = [r for r in references if r and r.strip()]
    ids, names = split_references(refs)
    found: list[dict] = []
    if ids:
        found += ops.query(f"SELECT {USER_FIELDS} FROM User WHERE Id IN {soql_list(ids)}")
    if names:
        found += ops.query(f"SELECT {USER_FIELDS} FROM User WHERE Username IN {soql_list(names)}")
    return found, unmatched(refs, found)


def users_of_profile(ops: Ops, profile: str, org: str = "this org") -> list[dict]:
    """Every active user of a profile; raises `UserChoiceError` when the org has no such profile
    (a typo must not read as "0 users"). The profiles are read only when no user was found."""
    users = ops.query(f"SELECT {USER_FIELDS} FROM User WHERE Profile.Name = {soql_quote(profile)} AND IsActive = true")
    if not users:
        check_profile(profile, (r.get("Name") for r in ops.query(PROFILE_NAMES.soql)), org)
    return users


def search_users(ops: Ops, text: str, limit: int = 50) -> list[dict]:
    """Active users whose name or username contains `text` (the window's searchable list)."""
    like = soql_quote(f"%{text.replace('%', '').replace('_', '')}%")
    return ops.query(
        f"SELECT {USER_FIELDS} FROM User WHERE IsActive = true AND UserType = 'Standard' "
        f"AND (Name LIKE {like} OR Username LIKE {like}) ORDER BY Name LIMIT {int(limit)}"
    )


def permission_set_refusal(ops: Ops, name_or_label: str, org: str = "this org") -> UserChoiceError:
    """Why no permission set matched, with the closest of the org's assignable sets (those a
    profile owns cannot be assigned, so they are not suggested)."""
    rows = ops.query("SELECT Name, Label FROM PermissionSet WHERE IsOwnedByProfile = false")
    return unknown_permission_set(name_or_label, ((str(r.get("Name") or ""), str(r.get("Label") or "")) for r in rows), org)


def find_permission_set(ops: Ops, name_or_label: str) -> dict | None:
    """A permission set by API name, else by label."""
    rows = ops.query(f"SELECT Id, Name, Label, LicenseId FROM PermissionSet WHERE Name = {soql_quote(name_or_label)}")
    if not rows:
        rows = ops.query(f"SELECT Id, Name, Label, LicenseId FROM PermissionSet WHERE Label = {soql_quote(name_or_label)}")
    return rows[0] if rows else None
