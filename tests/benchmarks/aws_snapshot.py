"""Benchmark: one read of the whole AWS side of the Amazon Connect guide.

Reads a fully configured account on a local AWS emulator (moto_server on loopback) with the
wizard's concurrent reader and with the sequential baseline (one call at a time), with an added
per-call latency that stands in for the round trip to AWS (default 80 ms; ``--latency-ms``).
Prints the AWS API calls one verification takes and the wall time of both. Run
``python -m tests.benchmarks.aws_snapshot`` (``--quick`` for one run, as CI does).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from tests.benchmarks.common import Row, machine, table, timed
from wizard.providers.aws.checks import AwsCheckInputs, run_checks
from wizard.providers.aws.demo import EdgeBridge, LocalAws, seed_configured_account
from wizard.providers.aws.snapshot import read_snapshot

ORIGINS = ("https://acme--amazonconnect.vf.force.com", "https://acme.lightning.force.com")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each")
    parser.add_argument("--latency-ms", type=float, default=80.0, help="added to every AWS call (default 80)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 5
    with LocalAws() as aws:
        account = seed_configured_account(aws.access(), ORIGINS)
        delay = args.latency_ms / 1000

        def slow(**_: Any) -> None:  # a botocore event hook: runs before each request is sent
            time.sleep(delay)

        access = aws.access()
        access.session.events.register("before-send", slow)  # before any client exists, so all inherit it
        EdgeBridge(access).associations.update(account.bridge.associations)
        snapshot = read_snapshot(access)
        results = run_checks(snapshot, AwsCheckInputs(org_origins=ORIGINS))
        assert all(r.ok for r in results), [r.check_id for r in results if not r.ok]
        calls = snapshot.calls
        ours = timed(lambda: read_snapshot(access), runs)
        naive = timed(lambda: read_snapshot(access, workers=1), runs)
    print(machine())
    print(table([
        Row("AWS API calls per verification", "calls", (float(calls),), "", f"{len(results)} checks judged from one read"),
        Row(f"read, concurrent ({args.latency_ms:.0f} ms/call)", "s", ours, "", "wizard"),
        Row(f"read, one call at a time ({args.latency_ms:.0f} ms/call)", "s", naive, "", "baseline"),
    ]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
