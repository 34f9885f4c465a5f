"""The org as one verification saw it: frozen, so every check judges the same state.

A read that failed is kept as a `ReadFailure` (with the admin-facing reason) instead of raising
during the fetch; the checks that depend on it become error results while the rest still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import MetadataRead, Read, SoqlRead

Record = dict[str, Any]


@dataclass(frozen=True)
class ReadFailure:
    """Why a read could not be made, in the admin's words."""

    reason: str
    code: str = ""


class ReadFailed(Exception):
    """Raised when a check asks for a read that failed; carries the failure."""

    def __init__(self, read: Read, failure: ReadFailure) -> None:
        super().__init__(failure.reason)
        self.read = read
        self.failure = failure


@dataclass(frozen=True)
class OrgSnapshot:
    """Everything a guide's checks read from the org, fetched once."""

    facts: OrgFacts
    queries: dict[SoqlRead, list[Record] | ReadFailure] = field(default_factory=dict)
    #: (type, fullName) -> component as plain dicts, or None when the org has no such component.
    components: dict[tuple[str, str], Record | None] = field(default_factory=dict)
    #: type -> failure, when a whole readMetadata call failed.
    metadata_failures: dict[str, ReadFailure] = field(default_factory=dict)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    requests: int = 0

    def records(self, read: SoqlRead) -> list[Record]:
        """The rows a query returned (ReadFailed when it failed, KeyError when never planned)."""
        outcome = self.queries[read]
        if isinstance(outcome, ReadFailure):
            raise ReadFailed(read, outcome)
        return outcome

    def component(self, mtype: str, full_name: str) -> Record | None:
        """A metadata component, or None when the org has none by that name."""
        if mtype in self.metadata_failures:
            raise ReadFailed(MetadataRead(mtype, (full_name,)), self.metadata_failures[mtype])
        return self.components[(mtype, full_name)]
