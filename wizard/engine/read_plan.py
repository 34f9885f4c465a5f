"""Merge the reads of a whole guide into the fewest requests the APIs allow.

SOQL reads are deduplicated; Metadata reads are merged per type (readMetadata takes one type and
at most ten names per call). The plan is data: the Salesforce reader executes it, the benchmark
counts it, tests inspect it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.engine.reads import DeferredRead, MetadataRead, Read, SoqlRead

#: readMetadata accepts at most this many names per call.
METADATA_NAMES_PER_CALL = 10


@dataclass(frozen=True)
class ReadPlan:
    """Every distinct read of a verification, grouped by how it will be fetched."""

    rest_queries: tuple[SoqlRead, ...]
    tooling_queries: tuple[SoqlRead, ...]
    metadata: tuple[MetadataRead, ...]  # one entry per type and chunk of ten names
    deferred: tuple[DeferredRead, ...] = ()

    @classmethod
    def from_reads(cls, reads: Iterable[Read]) -> ReadPlan:
        rest: dict[str, SoqlRead] = {}
        tooling: dict[str, SoqlRead] = {}
        names_by_type: dict[str, set[str]] = {}
        deferred: list[DeferredRead] = []
        for read in reads:
            if isinstance(read, DeferredRead):
                after = read.after
                if isinstance(after, SoqlRead):
                    (tooling if after.api == "tooling" else rest).setdefault(after.soql, after)
                else:
                    names_by_type.setdefault(after.mtype, set()).update(after.names)
                if read not in deferred:
                    deferred.append(read)
            elif isinstance(read, SoqlRead):
                (tooling if read.api == "tooling" else rest).setdefault(read.soql, read)
            else:
                names_by_type.setdefault(read.mtype, set()).update(read.names)
        metadata: list[MetadataRead] = []
        for mtype in sorted(names_by_type):
            names = sorted(names_by_type[mtype])
            for start in range(0, len(names), METADATA_NAMES_PER_CALL):
                metadata.append(MetadataRead(mtype, tuple(names[start : start + METADATA_NAMES_PER_CALL])))
        return cls(tuple(rest.values()), tuple(tooling.values()), tuple(metadata), tuple(deferred))

    def covers(self, read: Read) -> bool:
        """Whether this plan fetches `read` (used to assert every check's reads are planned)."""
        if isinstance(read, DeferredRead):
            return read in self.deferred
        if isinstance(read, SoqlRead):
            pool = self.tooling_queries if read.api == "tooling" else self.rest_queries
            return read in pool
        planned = {n for m in self.metadata if m.mtype == read.mtype for n in m.names}
        return set(read.names) <= planned
