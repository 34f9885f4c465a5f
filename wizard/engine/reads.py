"""What a check needs to read, declared as data so the engine can merge and batch the reads.

Checks never touch the network (design principle 3 in README). Each declares its reads; the engine
merges the reads of a whole guide into one `ReadPlan`, fetches them in as few round trips as the
APIs allow, and hands every check the frozen `OrgSnapshot`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Api = Literal["rest", "tooling"]


@dataclass(frozen=True)
class SoqlRead:
    """One SOQL query against the REST data API or the Tooling API."""

    soql: str
    api: Api = "rest"

    @property
    def evidence_source(self) -> str:
        return "Tooling API query" if self.api == "tooling" else "REST API query"


@dataclass(frozen=True)
class MetadataRead:
    """Components of one Metadata API type, read with readMetadata."""

    mtype: str
    names: tuple[str, ...]

    @property
    def evidence_source(self) -> str:
        return "Metadata API readMetadata"

    @property
    def evidence_detail(self) -> str:
        return f"{self.mtype}: {', '.join(self.names)}"


@dataclass(frozen=True)
class DeferredRead:
    """Reads decided by the result of an earlier read (a later, concurrent round).

    Used where reading everything up front would cost requests for nothing: the ECI app is read
    as a Connected App only when one exists, else as an External Client App, whose other settings
    are read only when its global settings exist. `resolve` receives the rows of a query, or
    ``[component]`` / ``[]`` for a metadata read, and may return further deferred reads.
    """

    after: SoqlRead | MetadataRead
    resolve: Callable[[list[dict[str, Any]]], tuple[Read, ...]]


Read = SoqlRead | MetadataRead | DeferredRead


def soql_literal(value: str) -> str:
    """A SOQL string literal with quotes and backslashes escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def soql_in(values: list[str] | tuple[str, ...]) -> str:
    """``('a', 'b')`` for a SOQL IN clause (sorted, so equal reads merge)."""
    return "(" + ", ".join(soql_literal(v) for v in sorted(set(values))) + ")"
