"""``python -m tests.benchmarks [--quick]``: every benchmark, one table, on this machine.

Each benchmark runs in its own process (cold starts and peak memory stay honest, and no state
leaks between them), prints its rows, and this runner gathers them under one heading per
benchmark. ``--quick`` is what CI runs so the figures never rot; the full run produced the table
in README's Performance section.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.common import machine

REPO = Path(__file__).resolve().parents[2]

#: (module, title, arguments for the full run, arguments for --quick)
BENCHMARKS: tuple[tuple[str, str, list[str], list[str]], ...] = (
    ("startup", "1. Cold start to the first interactive window", [], ["--quick"]),
    ("bundle", "1b/7. Installed bundle: start-up and sizes", [], ["--quick"]),
    ("verification", "2. Whole-guide verification, 100 ms latency: ours vs one request per setting", [], ["--quick"]),
    ("bulk_assign", "3. Permission-set assignment, 20 ms latency: ours vs one request per user", [], ["--quick"]),
    ("report_pdf", "4. PDF export of a full guide's report", [], ["--quick"]),
    ("execvision_scan", "5. Validating ExecVision recordings with metadata in a local folder", [], ["--quick"]),
    ("memory", "6. Peak memory during a full demo walk", [], ["--quick"]),
    ("aws_snapshot", "Amazon Connect: reading the AWS side", [], ["--quick"]),
    ("user_mapping", "Voice providers: mapping calls to users", [], ["--users", "100"]),
    ("signin", "Sign-in", [], ["--quick"]),
)


def run_one(module: str, args: list[str]) -> tuple[list[str], str]:
    """(table rows, problem) of one benchmark run in a child process."""
    if not (REPO / "tests" / "benchmarks" / f"{module}.py").is_file():
        return [], "not available in this checkout"
    done = subprocess.run([sys.executable, "-m", f"tests.benchmarks.{module}", *args], cwd=REPO,
                          capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("| ") and not line.startswith("| benchmark")]
    if done.returncode != 0:
        return lines, f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ''}"
    return lines, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller sizes (what CI runs)")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="run only these benchmarks (module names)")
    options = parser.parse_args(argv)
    print(f"Benchmarks ({'quick' if options.quick else 'full'}) on {machine()}")
    print("| benchmark | median | min | max | unit | target | note |")
    print("|---|---|---|---|---|---|---|")
    failures = 0
    for module, title, full, quick in BENCHMARKS:
        if options.only and module not in options.only:
            continue
        started = time.perf_counter()
        lines, problem = run_one(module, quick if options.quick else full)
        print(f"| **{title}** | | | | | | {time.perf_counter() - started:.0f} s to run |")
        for line in lines:
            print(line)
        if problem:
            print(f"| {module}: {problem} | | | | | | |")
            failures += problem != "not available in this checkout"
        sys.stdout.flush()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
