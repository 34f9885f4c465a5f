"""Shared pieces of the benchmarks: repeated timing, spread, the machine, the table.

Every benchmark reports the median, minimum and maximum of several runs, beside the target from
the issue that set it and, where one exists, the obvious baseline measured in the same run.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of the benchmark table."""

    name: str
    unit: str
    values: tuple[float, ...]
    target: str = ""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def cells(self) -> list[str]:
        fmt = (lambda v: f"{v:.3f}") if self.unit == "s" else (lambda v: f"{v:.0f}" if v >= 100 else f"{v:.1f}")
        return [self.name, fmt(self.median), fmt(min(self.values)), fmt(max(self.values)), self.unit, self.target, self.note]


def timed(fn: Callable[[], object], runs: int) -> tuple[float, ...]:
    """Wall-clock seconds of `runs` calls of `fn`."""
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return tuple(values)


def machine() -> str:
    """One line describing the machine the figures come from."""
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(fh.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.node() or 'machine'}: {platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def table(rows: list[Row]) -> str:
    """A Markdown table (pastes straight into README's Performance section)."""
    header = ["benchmark", "median", "min", "max", "unit", "target", "note"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)
