"""How long exporting the PDF report of a full guide takes (target: at most 0.5 s).

    python -m tests.benchmarks.report_pdf [--quick]

Times `export(report, json=..., pdf=...)` (the JSON is written first and hashed into the PDF
footer, as the window and the CLI do it) for a full guide run: nine pages, 28 settings, every
status, changes, confirmations, preflight and the evidence appendix. The first export of a
process is shown apart: it also imports reportlab and registers the fonts. A run three times
the size shows how the time grows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from itertools import count
from pathlib import Path

from pypdf import PdfReader

from tests.benchmarks.common import Row, machine, table, timed
from tests.unit.report.report_samples import big_run, sample_guide, sample_run
from wizard.report import Report, build_report

TARGET_SECONDS = 0.5


def _exporter(report: Report, folder: Path):
    from wizard.report.export import export

    numbers = count()

    def run() -> Path:
        n = next(numbers)
        export(report, json=folder / f"{n}.json", pdf=folder / f"{n}.pdf", paper="A4")
        return folder / f"{n}.pdf"

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PDF report export benchmark")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for CI)")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 25
    full = build_report(sample_guide(), sample_run())
    big_guide, big = big_run(copies=3)
    large = build_report(big_guide, big)
    with tempfile.TemporaryDirectory() as tmp:
        full_dir, large_dir = Path(tmp, "full"), Path(tmp, "large")
        full_dir.mkdir()
        large_dir.mkdir()
        export_full = _exporter(full, full_dir)
        start = time.perf_counter()
        first_pdf = export_full()
        cold = time.perf_counter() - start
        pages = len(PdfReader(str(first_pdf)).pages)
        export_large = _exporter(large, large_dir)
        large_pages = len(PdfReader(str(export_large())).pages)
        rows = [
            Row("first export in a fresh process", "s", (cold,), note="imports reportlab, loads fonts"),
            Row("export full guide (JSON + PDF)", "s", timed(export_full, runs), f"<= {TARGET_SECONDS}", f"28 settings, {pages} pages A4"),
            Row("export 3x the guide (JSON + PDF)", "s", timed(export_large, max(3, runs // 5)), note=f"84 settings, {large_pages} pages A4"),
        ]
    print(f"Report PDF export · {machine()}")
    print(table(rows))
    median = rows[1].median
    print(f"\nfull guide: median {median:.3f} s, {'meets' if median <= TARGET_SECONDS else 'MISSES'} the target of {TARGET_SECONDS} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
