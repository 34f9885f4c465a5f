"""The Aircall guide's provider results: the API key (live ping), the named credential's user
name against the API ID the admin entered, and the users' Aircall User Identifier.

`gather` makes the calls (Aircall ping and user list, the org's describe and ECI users);
`judge` is pure: it reads what was gathered and the verification's snapshot. The API ID is an
identifier, not a secret, but outputs show only its last characters, so reports and logs never
hold a full credential pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.checks.named_credential import NAMED_CREDENTIALS
from wizard.engine.results import CheckResult, Evidence, Status
from wizard.engine.snapshot import OrgSnapshot, ReadFailed
from wizard.guides.schema import Guide
from wizard.providers.aircall.client import PING_PATH, USERS_PATH, AircallClient
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.mapping import MappingFacts, gather_mapping, judge_mapping
from wizard.providers.voice.problems import ProviderProblem, mask
from wizard.providers.voice.results import make_result, problem_result, waiting_result
from wizard.salesforce.connection import OrgConnection

API_KEY_CHECK = "aircall.api_key"
USERS_CHECK = "aircall.user_identifiers"
CHECKS = (API_KEY_CHECK, USERS_CHECK)
#: The guide's named credential setting whose user name must be the API ID.
USERNAME_MEANING = "Aircall API ID"


@dataclass(frozen=True)
class AircallFacts:
    """What the Aircall checks found."""

    api_id: str | None = None
    pinged: bool = False
    ping_problem: ProviderProblem | None = None
    ping_evidence: Evidence | None = None
    mapping: MappingFacts | None = None
    requests: int = 0


def gather(credentials: AircallCredentials | None, endpoints: ProviderEndpoints, conn: OrgConnection | None = None,
           with_users: bool = True) -> AircallFacts:
    """Ping Aircall with the key (if given) and read the mapping (if an org is connected)."""
    if credentials is None:
        mapping = gather_mapping(conn, "aircall", None) if conn is not None and with_users else None
        return AircallFacts(mapping=mapping)
    client = AircallClient(credentials, endpoints)
    evidence = Evidence(source="Aircall API", detail=f"GET {endpoints.aircall}{PING_PATH} (basic authentication, API ID {mask(credentials.api_id)})")
    problem: ProviderProblem | None = None
    try:
        client.ping()
    except ProviderProblem as exc:
        problem = exc
    mapping = None
    if conn is not None and with_users:
        fetch = client.users if problem is None else None
        mapping = gather_mapping(conn, "aircall", fetch)
        if mapping.provider_users is not None:
            mapping = _with_evidence(mapping, Evidence(source="Aircall API", detail=f"GET {endpoints.aircall}{USERS_PATH} (every page)"))
    return AircallFacts(credentials.api_id, problem is None, problem, evidence, mapping, client.requests)


def _with_evidence(mapping: MappingFacts, item: Evidence) -> MappingFacts:
    from dataclasses import replace

    return replace(mapping, evidence=(*mapping.evidence, item))


def judge(guide: Guide, facts: AircallFacts, snapshot: OrgSnapshot | None = None) -> list[CheckResult]:
    """Results for the Aircall settings of `guide` (settings it does not have are skipped)."""
    results: list[CheckResult] = []
    for page, setting in guide.settings():
        where = (page, setting)
        if setting.check == API_KEY_CHECK:
            results.append(_api_key(guide, where, facts))
        elif setting.check == USERS_CHECK and facts.mapping is not None:
            results.append(judge_mapping(guide, where, facts.mapping))
        elif (setting.check == "named_credential.username" and setting.params.get("meaning") == USERNAME_MEANING
              and facts.api_id and snapshot is not None):
            found = _username(guide, where, str(setting.params.get("name")), facts.api_id, snapshot)
            if found is not None:
                results.append(found)
    return results


def _api_key(guide: Guide, where: tuple, facts: AircallFacts) -> CheckResult:
    expected = "Aircall accepts the API ID and API token"
    if facts.api_id is None:
        return waiting_result(guide, where, "Enter the API ID and API token of the key you generated, so the wizard can "
                              "check them with Aircall.", expected)
    evidence = (facts.ping_evidence,) if facts.ping_evidence else ()
    if facts.ping_problem is not None:
        return problem_result(guide, where, facts.ping_problem, evidence, expected)
    return make_result(guide, where, Status.PASS, expected=expected, observed=f"accepted (API ID {mask(facts.api_id)})",
                       message="Aircall accepted the API key.", evidence=evidence)


def _username(guide: Guide, where: tuple, name: str, api_id: str, snapshot: OrgSnapshot) -> CheckResult | None:
    """The named credential's user name compared with the API ID the admin entered."""
    try:
        rows = snapshot.records(NAMED_CREDENTIALS)
    except (KeyError, ReadFailed):
        return None  # the Salesforce check explains an unreadable snapshot
    row = next((r for r in rows if r.get("DeveloperName") == name), None)
    evidence = (Evidence(source="Tooling SOQL", detail=NAMED_CREDENTIALS.soql),)
    expected = f"Username: the Aircall API ID you entered ({mask(api_id)})"
    if row is None:
        return make_result(guide, where, Status.FAIL, expected=expected, observed="(missing)",
                           message=f"The named credential {name} does not exist yet.", evidence=evidence, fix_name="named_credential",
                           hint="Let the wizard create it, or follow this page's steps in Setup.")
    username = str(row.get("Username") or "")
    if username == api_id:
        return make_result(guide, where, Status.PASS, expected=expected, observed=f"Username {mask(username)}",
                           message="The user name is the API ID you entered.", evidence=evidence)
    observed = f"Username {mask(username)}" if username else "Username (not set)"
    return make_result(guide, where, Status.FAIL, expected=expected, observed=observed,
                       message="The named credential's user name is not the API ID you entered, so Salesforce signs in to "
                               "Aircall with another key (or none).", evidence=evidence, fix_name="named_credential",
                       hint="Let the wizard write the API ID and token from the keyring into the named credential, or edit it in Setup.")
