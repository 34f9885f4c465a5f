"""Whole-guide verification with 100 ms latency: our batched, concurrent reads vs the obvious way.

The obvious way reads each setting on its own, one request after another (what clicking through
Setup pages amounts to). Ours merges every setting's reads into one plan and fetches it with
composite/batch, Tooling composite and one readMetadata per type, concurrently. Both run against
the same fully configured demo org scenario in the same process; requests are counted from the
demo org's request log.

A second comparison assumes an org whose Metadata API answers slower than REST (as SOAP calls
do) and measures the same verification with the product's pool of Metadata clients against a
single client, which makes every Metadata call wait for the one before it.

    python -m tests.benchmarks.verification [--quick]
"""

from __future__ import annotations

import argparse
import os
import time

from tests.benchmarks.common import Row, machine, table
from wizard.demo import start_demo_org
from wizard.demo.headless import sign_in_grant
from wizard.engine.reads import DeferredRead, MetadataRead, SoqlRead
from wizard.engine.runner import checked_settings
from wizard.guides.loader import load_guide
from wizard.salesforce.auth.preflight import run_preflight
from wizard.salesforce.connection import OrgConnection, trust_ca_bundle_for_process
from wizard.salesforce.http import make_session
from wizard.salesforce.metadata_pool import DEFAULT_SIZE
from wizard.salesforce.verify import verify_guide

GUIDES = ("natterbox", "aircall", "ringcentral", "execvision", "amazon-connect")
#: The same guide on an org whose ECI app is an External Client App (new orgs since Spring '26):
#: its settings live in three metadata types, read one readMetadata each.
ECA_VARIANTS = (("aircall", "aircall-eca-configured"),)
LATENCY_MS = 100


def naive_read(conn: OrgConnection, read, facts, made: set | None = None) -> None:  # type: ignore[no-untyped-def]
    """One request for one read, as a per-setting tool would make it (each read once per setting:
    a chained read names its first step again, which such a tool would not fetch twice)."""
    made = set() if made is None else made
    if not isinstance(read, DeferredRead):
        if read in made:
            return
        made.add(read)
    if isinstance(read, SoqlRead):
        if read.api == "tooling":
            conn.call(lambda sf: sf.toolingexecute("query/", params={"q": read.soql}))
        else:
            conn.call(lambda sf: sf.query(read.soql))
    elif isinstance(read, MetadataRead):
        conn.metadata_call(lambda sf: getattr(sf.mdapi, read.mtype).read(list(read.names)))
    elif isinstance(read, DeferredRead):
        naive_read(conn, read.after, facts, made)
        for follow in read.resolve([{}]):  # assume the thing exists: the configured org has it
            naive_read(conn, follow, facts, made)


def naive_verify(conn: OrgConnection, guide, facts) -> None:  # type: ignore[no-untyped-def]
    from wizard.checks.registry import get_check

    for _page, setting in checked_settings(guide):
        made: set = set()  # per setting: the baseline is one request per setting's read
        for read in get_check(setting.check or "").reads(setting.params, facts):
            naive_read(conn, read, facts, made)


def connect(server, metadata_clients: int | None = None):  # type: ignore[no-untyped-def]
    """The product's sign-in and preflight against the demo org: (connection, facts)."""
    trust_ca_bundle_for_process(server.ca_bundle)
    grant = sign_in_grant(server)
    extra = {} if metadata_clients is None else {"metadata_clients": metadata_clients}
    conn = OrgConnection(server.instance_url, grant.access_token, ca_bundle=server.ca_bundle, **extra)
    checked = run_preflight(conn, org_id=grant.org_id, user_id=grant.user_id, client_id="PlatformCLI",
                            session=make_session(server.ca_bundle))
    return checked.connection, checked.facts


def breakdown(entries) -> str:  # type: ignore[no-untyped-def]
    """The requests by kind, e.g. '1 batch + 1 Tooling + 3 readMetadata' (one per metadata type)."""
    kinds = {"batch": 0, "Tooling": 0, "readMetadata": 0, "other": 0}
    for e in entries:
        if e.path.endswith("/composite/batch"):
            kinds["batch"] += 1
        elif "/tooling/" in e.path:
            kinds["Tooling"] += 1
        elif e.path.startswith("/services/Soap/m/"):
            kinds["readMetadata"] += 1
        else:
            kinds["other"] += 1
    return " + ".join(f"{n} {kind}" for kind, n in kinds.items() if n)


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def measure(guide_id: str, runs: int, scenario: str | None = None) -> list[Row]:
    name = guide_id if scenario is None else f"{guide_id} (External Client App org)"
    server = start_demo_org(scenario or f"{guide_id}-configured")
    try:
        conn, facts = connect(server)
        guide = load_guide(guide_id)
        verify_guide(conn, guide, facts)  # warm: WSDL parsed, connections open
        naive_verify(conn, guide, facts)
        server.faults.set(latency_ms=LATENCY_MS)
        ours_t, ours_n, naive_t, naive_n, kinds = [], [], [], [], ""
        for _ in range(runs):
            server.log.clear()
            start = time.perf_counter()
            verify_guide(conn, guide, facts)
            ours_t.append(time.perf_counter() - start)
            ours_n.append(len(server.log.entries()))
            kinds = breakdown(server.log.entries())
            server.log.clear()
            start = time.perf_counter()
            naive_verify(conn, guide, facts)
            naive_t.append(time.perf_counter() - start)
            naive_n.append(len(server.log.entries()))
    finally:
        server.stop()
    ratio = median(naive_t) / median(ours_t)
    return [
        Row(f"verify {name}: ours, requests", "req", tuple(float(n) for n in ours_n), "≤ 4", kinds),
        Row(f"verify {name}: ours, wall @{LATENCY_MS} ms", "s", tuple(ours_t), "≤ 0.6 s", f"{ratio:.1f}× faster than naive"),
        Row(f"verify {name}: naive, requests", "req", tuple(float(n) for n in naive_n), "baseline"),
        Row(f"verify {name}: naive, wall @{LATENCY_MS} ms", "s", tuple(naive_t), "baseline"),
    ]


#: An assumed profile of a real org, where a SOAP Metadata call takes longer than a REST call.
UNEVEN = {"latency_ms": 150, "metadata_latency_ms": 400}
UNEVEN_CASES = (("natterbox", "natterbox-configured", "natterbox"),
                ("aircall", "aircall-configured", "aircall"),
                ("aircall", "aircall-eca-configured", "aircall (External Client App org)"))


def measure_uneven(guide_id: str, scenario: str, name: str, runs: int) -> list[Row]:
    """Two Metadata clients (the product) against one (every Metadata call in turn), same org, same run."""
    server = start_demo_org(scenario)
    try:
        guide = load_guide(guide_id)
        times: dict[int, list[float]] = {}
        for clients in (1, DEFAULT_SIZE):
            conn, facts = connect(server, metadata_clients=clients)
            server.faults.clear()
            verify_guide(conn, guide, facts)  # warm, and lets the pool grow
            verify_guide(conn, guide, facts)
            server.faults.set(**UNEVEN)
            times[clients] = []
            for _ in range(runs):
                start = time.perf_counter()
                verify_guide(conn, guide, facts)
                times[clients].append(time.perf_counter() - start)
    finally:
        server.stop()
    label = f"REST {UNEVEN['latency_ms']} ms, SOAP {UNEVEN['metadata_latency_ms']} ms"
    gain = median(times[1]) - median(times[DEFAULT_SIZE])
    return [
        Row(f"verify {name}, {label}: {DEFAULT_SIZE} Metadata clients", "s", tuple(times[DEFAULT_SIZE]), "", f"{gain:.2f} s sooner than one"),
        Row(f"verify {name}, {label}: one Metadata client", "s", tuple(times[1]), "", "every Metadata call in turn"),
    ]


def run(quick: bool) -> list[Row]:
    rows: list[Row] = []
    saved = os.environ.get("REQUESTS_CA_BUNDLE")
    runs = 2 if quick else 5
    try:
        for guide_id in GUIDES:
            rows += measure(guide_id, runs)
        for guide_id, scenario in ECA_VARIANTS:
            rows += measure(guide_id, runs, scenario)
        for guide_id, scenario, name in UNEVEN_CASES:
            rows += measure_uneven(guide_id, scenario, name, runs)
    finally:
        if saved is not None:
            os.environ["REQUESTS_CA_BUNDLE"] = saved
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs (CI)")
    args = parser.parse_args()
    print(machine())
    print(table(run(args.quick)))


if __name__ == "__main__":
    main()
