"""Calls mapped to users: reading, matching and writing identifiers for many users, with latency.

With 20 ms added to every demo-org request, a company's ECI users are read (describe + one query),
its Aircall users listed (50 per page) and matched by e-mail, then the accepted identifiers are
written through the apply door in sObject Collections of 200; the baseline writes them one PATCH
per user. Requests are counted from the demo org's and the emulator's logs.

    python -m tests.benchmarks.user_mapping [--users N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import keyring

from tests.benchmarks.common import Row, machine, table
from tests.support.memory_keyring import MemoryKeyring
from wizard.demo import start_demo_org
from wizard.demo.headless import sign_in_grant
from wizard.guides.loader import load_guide
from wizard.providers.aircall.client import AircallClient
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.voice import identifiers
from wizard.providers.voice.mapping import gather_mapping
from wizard.providers.voice.matching import accepted_writes
from wizard.salesforce.auth.preflight import run_preflight
from wizard.salesforce.connection import OrgConnection, trust_ca_bundle_for_process
from wizard.salesforce.http import make_session

LATENCY_MS = 20
FIELD = "sfvc__AircallUserIdentifier__c"


def scenario(count: int) -> str:
    lines = ["extends: eci-shared-configured", "user_fields:", f"  {FIELD}: Aircall User Identifier",
             "permission_set_licenses:", f"  - {{name: ConversationInsightsPsl, label: Einstein Conversation Insights, total: {count + 10}}}",
             "users:"]
    lines += [f"  - {{username: caller{n}@acme-demo.example, last_name: Caller{n}, email: caller{n}@acme-demo.example, profile: Standard User, "
              "permission_set_licenses: [ConversationInsightsPsl], permission_sets: [ConversationInsightsForSales]}" for n in range(count)]
    lines += ["providers:", "  aircall:", "    users:"]
    lines += [f"      - {{id: {10000 + n}, name: Caller {n}, email: Caller{n}@acme-demo.example}}" for n in range(count)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=500)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="eci-bench-mapping-"))
    os.environ["ECI_WIZARD_DATA_DIR"] = str(work / "data")
    path = work / "scenario.yaml"
    path.write_text(scenario(args.users), encoding="utf-8")
    guide = load_guide("aircall")
    server = start_demo_org(path)
    emulators = start_provider_emulators(path, org_url=server.instance_url)
    emulators.aircall.limit = 10_000
    rows: list[Row] = []
    try:
        trust_ca_bundle_for_process(server.ca_bundle)
        grant = sign_in_grant(server)
        conn = OrgConnection(server.instance_url, grant.access_token, ca_bundle=server.ca_bundle)
        checked = run_preflight(conn, org_id=grant.org_id, user_id=grant.user_id, client_id="PlatformCLI", session=make_session(server.ca_bundle))
        conn, facts = checked.connection, checked.facts
        demo = emulators.demo_credentials()
        client = AircallClient(AircallCredentials(str(demo.aircall_api_id), str(demo.aircall_api_token)), emulators.endpoints)
        page, setting = next((p, s) for p, s in guide.settings() if s.check == "aircall.user_identifiers")
        server.faults.set(latency_ms=LATENCY_MS)

        server.log.clear()
        started = time.perf_counter()
        gathered = gather_mapping(conn, "aircall", client.users)
        matches = gathered.matches()
        read_time = time.perf_counter() - started
        rows.append(Row(f"read + match {len(matches)} ECI users", "s", (read_time,),
                        note=f"{server.log.count()} org requests, {client.requests} Aircall requests"))

        writes = accepted_writes(matches)
        plan = identifiers.plan_identifiers(guide, facts, "aircall", gathered.field, matches, writes, (page.id, setting.id))
        server.log.clear()
        started = time.perf_counter()
        result = identifiers.apply_identifiers(conn, guide, plan, confirmation=facts.name)
        bulk_time = time.perf_counter() - started
        rows.append(Row(f"write {len(result.applied)} identifiers (collections of 200)", "s", (bulk_time,),
                        note=f"{server.log.count()} requests ({result.writes} writes)"))
        identifiers.undo_identifiers(conn, facts)

        server.log.clear()
        started = time.perf_counter()
        for uid, value in writes.items():
            conn.call(lambda sf, u=uid, v=value: sf.restful(f"sobjects/User/{u}", method="PATCH", json={FIELD: v}))
        base_time = time.perf_counter() - started
        rows.append(Row(f"baseline: one PATCH per user ({len(writes)})", "s", (base_time,), note=f"{server.log.count()} requests"))
    finally:
        emulators.stop()
        server.stop()
    print(f"User mapping, {LATENCY_MS} ms latency per demo-org request — {machine()}")
    print(table(rows))


if __name__ == "__main__":
    main()
