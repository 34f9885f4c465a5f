"""Gather what the RingCentral checks judge: the probes, the sign-in's outcome, the users.

The chosen environment's token endpoint is probed with the app's credentials; when the admin
chose the sandbox, the production endpoint is probed too (does the app work there yet, i.e. has
it graduated?). The sign-in is the admin's (optional) act in the window or the CLI; its grant,
or the problem that stopped it, is handed in. With a grant, the account's users are listed for
the mapping check. Problems are kept, never raised: a verification always finishes.
"""

from __future__ import annotations

from dataclasses import replace

from wizard.engine.results import Evidence
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.extensions import EXTENSIONS_PATH, list_users
from wizard.providers.ringcentral.probe import ProbeResult, probe_client
from wizard.providers.ringcentral.results import RingCentralFacts
from wizard.providers.ringcentral.signin import RingCentralGrant
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.mapping import gather_mapping
from wizard.providers.voice.problems import ProviderProblem
from wizard.salesforce.connection import OrgConnection


def _probe(client: RingCentralClient, endpoints: ProviderEndpoints) -> tuple[ProbeResult | None, ProviderProblem | None]:
    try:
        return probe_client(client, endpoints), None
    except ProviderProblem as exc:
        return None, exc


def gather(
    client: RingCentralClient | None,
    endpoints: ProviderEndpoints,
    conn: OrgConnection | None = None,
    grant: RingCentralGrant | None = None,
    signin_problem: ProviderProblem | None = None,
    with_users: bool = True,
) -> RingCentralFacts:
    """Probe, and read the mapping (if an org is connected); never raises `ProviderProblem`."""
    mapping = None
    if client is None:
        if conn is not None and with_users:
            mapping = gather_mapping(conn, "ringcentral", None)
        return RingCentralFacts(mapping=mapping)
    probe, problem = _probe(client, endpoints)
    production, production_problem = None, None
    if client.environment == "sandbox" and probe is not None:
        production, production_problem = _probe(RingCentralClient("production", client.client_id, client.client_secret), endpoints)
    usable = grant if grant is not None and grant.environment == client.environment else None
    if conn is not None and with_users:
        fetch = (lambda: list_users(usable, endpoints)) if usable is not None else None
        mapping = gather_mapping(conn, "ringcentral", fetch)
        if mapping.provider_users is not None:
            seen = Evidence(source="RingCentral API", detail=f"GET {endpoints.ringcentral(client.environment)}{EXTENSIONS_PATH} (every page)")
            mapping = replace(mapping, evidence=(*mapping.evidence, seen))
    return RingCentralFacts(
        environment=client.environment,
        client_id=client.client_id,
        probe=probe,
        probe_problem=problem,
        production_probe=production,
        production_problem=production_problem,
        grant=usable,
        signin_problem=signin_problem,
        mapping=mapping,
    )
