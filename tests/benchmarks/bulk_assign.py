"""Assigning a permission set to 10,000 users: collections of 200 vs one request per user.

    python -m tests.benchmarks.bulk_assign [--quick] [--users N] [--latency-ms MS]

Against the demo org over HTTPS with 20 ms latency added to every request (a plausible round trip
to a Salesforce instance), with the real simple-salesforce client:

- ours: `wizard.apply.bulk_assign` — one query for existing assignments, then sObject Collections
  of 200 (target: at most 51 requests for 10,000 users);
- baseline: one ``POST sobjects/PermissionSetAssignment`` per user, as a naive script would.

The permission set is "Conversation Insights Integration User", which needs no licence seats, so
the figures measure requests rather than the demo org's licence bookkeeping. The demo org checks
every new assignment against all existing ones in Python, which grows with the square of the
count; that server-side time is printed apart (from the demo org's request log) so the client's
own cost stays visible. ``--quick`` uses
1,000 users (about half a minute); the full run takes several minutes for the baseline.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import Row, machine, table

PERMISSION_SET = "Conversation Insights Integration User"


def _scenario(folder: Path, users: int) -> Path:
    lines = ["extends: fresh", "users:"]
    lines += [
        f"  - {{username: u{i}@bench.example, last_name: User{i}, email: u{i}@bench.example, profile: Standard User}}"
        for i in range(users)
    ]
    path = folder / "bench.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(scenario: Path, latency_ms: int, per_user: bool) -> tuple[int, float, float]:
    """(requests, wall seconds, seconds the demo org spent processing) for one fresh org."""
    from tests.integration.verify.support import connected
    from wizard.apply import bulk_assign
    from wizard.apply.ops import Ops

    with connected(scenario) as org:
        ops = Ops(org.connection)
        ps = bulk_assign.find_permission_set(ops, PERMISSION_SET)
        assert ps is not None
        ids = [u["Id"] for u in org.server.org.rows("User") if u["Username"].endswith("@bench.example")]
        org.server.faults.set(latency_ms=latency_ms)
        org.server.log.clear()
        start = time.perf_counter()
        if per_user:
            sf = org.connection.client()
            for user_id in ids:
                sf.PermissionSetAssignment.create({"AssigneeId": user_id, "PermissionSetId": ps["Id"]})
            assigned = len(ids)
        else:
            result = bulk_assign.assign_permission_set(ops, ps["Id"], ids)
            assigned = len(result.assigned)
        seconds = time.perf_counter() - start
        entries = org.server.log.entries()
        processing = sum(e.seconds for e in entries) - len(entries) * latency_ms / 1000
        held = len(org.server.org.find("PermissionSetAssignment", PermissionSetId=ps["Id"]))
        assert held == len(ids) == assigned, (held, len(ids), assigned)
        return len(entries), seconds, processing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 users instead of 10,000")
    parser.add_argument("--users", type=int, help="number of users (overrides --quick)")
    parser.add_argument("--latency-ms", type=int, default=20)
    args = parser.parse_args()
    users = args.users or (1_000 if args.quick else 10_000)
    target_requests = 1 + -(-users // 200)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("ECI_WIZARD_DATA_DIR", folder)
        scenario = _scenario(Path(folder), users)
        ours = _run(scenario, args.latency_ms, per_user=False)
        base = _run(scenario, args.latency_ms, per_user=True)
    rows = [
        Row("ours: requests", "req", (float(ours[0]),), f"≤ {target_requests}", "1 query + collections of 200"),
        Row("ours: wall time", "s", (ours[1],), "", f"{users:,} users, {args.latency_ms} ms latency"),
        Row("ours: of which demo org processing", "s", (ours[2],), "", "the demo org's own work, not the client's"),
        Row("ours: wall time without demo processing", "s", (ours[1] - ours[2],), "", "client, TLS and latency"),
        Row("one request per user: requests", "req", (float(base[0]),), "", "baseline"),
        Row("one request per user: wall time", "s", (base[1],), "", f"{base[1] / ours[1]:.1f}× ours"),
        Row("one request per user: of which demo org processing", "s", (base[2],), "", ""),
        Row("one request per user: wall time without demo processing", "s", (base[1] - base[2],), "", f"{(base[1] - base[2]) / max(ours[1] - ours[2], 1e-9):.0f}× ours"),
    ]
    print(f"Bulk permission-set assignment — {machine()}")
    print(table(rows))
    print(f"{'PASS' if ours[0] <= target_requests else 'MISS'}: {ours[0]} requests for {users:,} users (target ≤ {target_requests}).")


if __name__ == "__main__":
    main()
