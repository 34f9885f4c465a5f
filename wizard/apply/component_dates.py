"""When Salesforce says each metadata component a fix touched was last changed (listMetadata).

Undo must not silently throw away an edit made in the org after the wizard's fix. Comparing
Salesforce's ``lastModifiedDate`` with the time on this computer is only as good as this
computer's clock: one running behind takes the fix's own writes for later edits, one running
ahead misses real ones. So right after an apply the wizard lists the components it touched and
keeps Salesforce's own dates in the backup (`stamps`); undo then compares Salesforce's dates with
Salesforce's dates, and any difference is a later change, whatever either clock says.

One listMetadata per three types (Salesforce's limit per call), sent together. A type the org
refuses to list is returned as such, so that undo can name what it could not compare instead of
taking it for "unchanged" without a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wizard.apply.errors import from_exception
from wizard.apply.model import ComponentState
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.reader import plain

#: listMetadata takes at most this many types per call.
LIST_TYPES_PER_CALL = 3
#: Records the wizard writes through REST or Tooling that are Setup components too, listed by the
#: Metadata API under the same type name with their DeveloperName as fullName: an auth provider,
#: a named credential or a media provider edited by hand after a fix is found like any component.
LISTED_RECORDS = frozenset({"AuthProvider", "NamedCredential", "CallCoachingMediaProvider"})


@dataclass(frozen=True)
class Stamp:
    """Salesforce's record of a component's last change."""

    at: datetime
    by: str


@dataclass
class Listing:
    """What listMetadata said of the asked types: each component's stamp, and the types it refused."""

    found: dict[tuple[str, str], Stamp] = field(default_factory=dict)
    unlisted: list[str] = field(default_factory=list)

    def stamps(self, components: Iterable[tuple[str, str]]) -> dict[str, datetime]:
        """The dates to keep in a backup, by `key`, for those of `components` Salesforce listed."""
        return {key(t, n): self.found[(t, n)].at for t, n in components if (t, n) in self.found}


def touched(entries: Iterable[ComponentState]) -> list[tuple[str, str]]:
    """The (type, fullName) of every component of a backup listMetadata can date, in backup order."""
    found = [(e.type, e.name) for e in entries if e.api == "metadata" or (e.api in ("rest", "tooling") and e.type in LISTED_RECORDS)]
    return list(dict.fromkeys(found))


def key(mtype: str, name: str) -> str:
    """How a backup names a component's stamp (a type name holds no colon; a fullName may hold '/')."""
    return f"{mtype}:{name}"


def list_components(conn: OrgConnection, types: Iterable[str]) -> Listing:
    """Every component of `types` with Salesforce's date and author of its last change.

    A connection, session or request-limit failure is raised (nothing can be compared then); a
    type Salesforce refuses to list (not available to this user or API version) is put in
    `Listing.unlisted`, after its group of three is asked again one type at a time.
    """
    wanted = list(dict.fromkeys(types))
    listing = Listing()
    if not wanted:
        return listing
    groups = [wanted[i : i + LIST_TYPES_PER_CALL] for i in range(0, len(wanted), LIST_TYPES_PER_CALL)]

    def listed(group: list[str]) -> list[dict[str, Any]]:
        def call(sf: Any) -> Any:
            return sf.mdapi.list_metadata([sf.mdapi.ListMetadataQuery(type=t) for t in group])

        try:
            return [plain(item) or {} for item in conn.metadata_call(call) or []]
        except Exception as exc:
            if from_exception(exc, reading=True).systemic:  # no connection, no session, no requests left
                raise
            if len(group) == 1:
                listing.unlisted.append(group[0])
                return []
            return [p for t in group for p in listed([t])]

    with ThreadPoolExecutor(max_workers=min(len(groups), 4)) as pool:
        answers = list(pool.map(listed, groups))
    for props in (p for answer in answers for p in answer):
        at = when(props.get("lastModifiedDate"))
        if at is not None:
            stamp = Stamp(at, str(props.get("lastModifiedByName") or ""))
            listing.found[(str(props.get("type", "")), str(props.get("fullName", "")))] = stamp
    listing.unlisted.sort()
    return listing


def when(value: Any) -> datetime | None:
    """A FileProperties date (zeep gives a datetime, a plain answer a string) in UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
