"""Benchmark: validate a local folder of 100,000 ExecVision recordings with their metadata.

Target (issue "Scale"): at most 10 s to list and validate the folder, every metadata file read
and parsed. Run ``python -m tests.benchmarks.execvision_scan`` (``--quick`` for 5,000 recordings
and one run, as CI does). The folder is generated once in a temporary directory, then the
listing + validation is timed several times; the figures printed are wall-clock seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

from tests.benchmarks.common import Row, table
from wizard.providers.execvision.check import check_local
from wizard.providers.execvision.rules import RuleConfig

FORMATS = ("json", "xml", "csv", "yml")
FIELDS = ("caller_id", "contact_name", "account", "disposition", "direction", "session_id", "ani")


def _metadata(fmt: str, i: int) -> bytes:
    values = {
        "caller_id": f"555{i:07d}",
        "contact_name": f"Contact {i}",
        "account": f"Account {i % 977}",
        "disposition": ("Sale", "No answer", "Callback")[i % 3],
        "direction": ("inbound", "outbound")[i % 2],
        "session_id": f"{i:012X}",
        "ani": f"555{i:07d}",
    }
    if fmt == "json":
        return json.dumps(values).encode()
    if fmt == "xml":
        return ("<call>" + "".join(f"<{k}>{v}</{k}>" for k, v in values.items()) + "</call>").encode()
    if fmt == "csv":
        return (",".join(values) + "\n" + ",".join(values.values()) + "\n").encode()
    return "".join(f"{k}: '{v}'\n" for k, v in values.items()).encode()


def generate(folder: str, count: int, formats: tuple[str, ...], start: datetime) -> None:
    """``count`` recordings named yyyyMMdd-hhmmss_uid.wav, each with one metadata file."""
    mtime = start.timestamp()
    for i in range(count):
        when = start - timedelta(seconds=i)  # all within the 48-hour update window
        stem = f"{when:%Y%m%d-%H%M%S}_agent{i % 250:03d}_{i}"
        rec = os.path.join(folder, stem + ".wav")
        with open(rec, "wb") as fh:
            fh.write(b"RIFF\x00\x00\x00\x00WAVE")
        fmt = formats[i % len(formats)]
        md = os.path.join(folder, f"{stem}.{fmt}")
        with open(md, "wb") as fh:
            fh.write(_metadata(fmt, i))
        os.utime(rec, (mtime, mtime))
        os.utime(md, (mtime, mtime))


def run_once(folder: str, config: RuleConfig, now: datetime) -> tuple[float, int, int]:
    """One full local check, as ``eci-wizard execvision check --local`` runs it."""
    started = time.perf_counter()
    outcome = check_local(folder, config, now=now)
    elapsed = time.perf_counter() - started
    return elapsed, outcome.metadata_files, len(outcome.findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.execvision_scan", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 recordings, one run (for CI)")
    parser.add_argument("--count", type=int, default=None, help="number of recordings (default 100,000)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs (default 5)")
    parser.add_argument("--format", choices=(*FORMATS, "mixed"), default="mixed", help="metadata format (default: a quarter each)")
    args = parser.parse_args(argv)
    count = args.count or (5_000 if args.quick else 100_000)
    runs = args.runs or (1 if args.quick else 5)
    formats = FORMATS if args.format == "mixed" else (args.format,)
    now = datetime.now(UTC)
    config = RuleConfig(required_fields=FIELDS[:5])
    with tempfile.TemporaryDirectory(prefix="eci-execvision-bench-") as folder:
        started = time.perf_counter()
        generate(folder, count, formats, now)
        print(f"generated {count:,} recordings + {count:,} metadata files ({args.format}) in {time.perf_counter() - started:.1f} s")
        times = []
        for _ in range(runs):
            elapsed, parsed, findings = run_once(folder, config, now)
            times.append(elapsed)
        print(f"validated {count * 2:,} files ({parsed:,} metadata files parsed), {findings} findings")
        print(f"wall time over {runs} run(s): median {statistics.median(times):.2f} s, "
              f"min {min(times):.2f} s, max {max(times):.2f} s (target <= 10 s for 100,000 recordings)")
        print(f"per recording: {statistics.median(times) / count * 1e6:.1f} µs")
    print(table([Row(f"validate {count:,} recordings + metadata, local folder", "s", tuple(times),
                     "≤ 10 s for 100,000" if count == 100_000 else "quick size", f"{parsed:,} metadata files parsed")]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
