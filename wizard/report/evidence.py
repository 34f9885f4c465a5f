"""The evidence appendix: every query or read behind an observed value, listed once.

Many settings are shown by the same read (one Tooling query returns a whole connected app), so
rows carry reference numbers into one deduplicated, numbered list instead of repeating the
query under every row. An auditor re-runs entry E3 once and checks every row that cites it.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.engine.results import Evidence
from wizard.report.model import EvidenceEntry


class EvidenceIndex:
    """Numbers evidence in order of first appearance; the same (source, detail) keeps its number."""

    def __init__(self) -> None:
        self._refs: dict[tuple[str, str], int] = {}

    def refs(self, evidence: Iterable[Evidence]) -> list[int]:
        """The reference numbers of one row's evidence, registering new entries."""
        numbers: list[int] = []
        for item in evidence:
            key = (item.source.strip(), item.detail.strip())
            number = self._refs.setdefault(key, len(self._refs) + 1)
            if number not in numbers:
                numbers.append(number)
        return numbers

    def entries(self) -> list[EvidenceEntry]:
        """The appendix, in reference order."""
        return [EvidenceEntry(ref=n, source=s, detail=d) for (s, d), n in self._refs.items()]
