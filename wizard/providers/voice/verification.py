"""Wire the providers into verification: the ``extra`` results of a guide, and a whole run.

``provider_results(guide, inputs, conn, snapshot)`` returns the results the runner's ``judge``
takes as ``extra`` (keyed by page and setting id): the live checks of the provider pages, the
Salesforce settings that can only be judged against what the admin entered (the Aircall named
credential's user name, the Ring Central auth provider's consumer key, endpoints and named
credential URL against the chosen environment), and the user mapping. A guide without provider
settings gets none. ``verify_with_providers`` is `verify_guide` with those results included::

    inputs = VoiceInputs(endpoints, aircall=load_credentials(api_id))
    run = verify_with_providers(conn, load_guide("aircall"), facts, inputs, confirmations)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.engine.run_record import ManualConfirmation, PreflightItem, VerificationRun
from wizard.engine.runner import judge
from wizard.engine.snapshot import OrgSnapshot
from wizard.guides.schema import Guide
from wizard.providers.aircall import results as aircall_results
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.ringcentral import results as rc_results
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.environments import AUTH_PROVIDER
from wizard.providers.ringcentral.signin import RingCentralGrant
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.problems import ProviderProblem
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.verify import read_guide_snapshot, record_run

#: Every check name the provider side answers (guides may reference these).
PROVIDER_CHECKS: frozenset[str] = frozenset((*aircall_results.CHECKS, *rc_results.CHECKS))


@dataclass(frozen=True)
class VoiceInputs:
    """What the admin gave for the provider pages: credentials, the environment, the sign-in."""

    endpoints: ProviderEndpoints = field(default_factory=ProviderEndpoints)
    aircall: AircallCredentials | None = None
    ringcentral: RingCentralClient | None = None
    ringcentral_grant: RingCentralGrant | None = field(default=None, repr=False)
    ringcentral_signin_problem: ProviderProblem | None = None
    #: Read the ECI users and the provider's users (off for a quick credentials-only check).
    with_users: bool = True


def read_provider_snapshot(conn: OrgConnection, facts: OrgFacts) -> OrgSnapshot:
    """Only what the provider results compare (named credentials, auth providers): two queries,
    for the provider commands, which do not judge the rest of the guide."""
    from wizard.checks.auth_provider import AUTH_PROVIDERS
    from wizard.checks.named_credential import NAMED_CREDENTIALS
    from wizard.engine.read_plan import ReadPlan
    from wizard.salesforce.reader import read_snapshot

    return read_snapshot(conn, ReadPlan.from_reads([NAMED_CREDENTIALS, AUTH_PROVIDERS]), facts)


def _checks_in(guide: Guide) -> set[str]:
    return {s.check for _p, s in guide.settings() if s.check}


def provider_results(
    guide: Guide,
    inputs: VoiceInputs,
    conn: OrgConnection | None = None,
    snapshot: OrgSnapshot | None = None,
    confirmations: Iterable[ManualConfirmation] = (),
) -> list[CheckResult]:
    """The provider ``extra`` results for `guide` (live calls; problems become results)."""
    from wizard.providers.aircall.results import gather as gather_aircall
    from wizard.providers.ringcentral.gather import gather as gather_rc

    checks = _checks_in(guide)
    results: list[CheckResult] = []
    if checks & set(aircall_results.CHECKS) or _names(guide, "named_credential.username", "meaning", aircall_results.USERNAME_MEANING):
        with_users = inputs.with_users and aircall_results.USERS_CHECK in checks
        facts = gather_aircall(inputs.aircall, inputs.endpoints, conn, with_users)
        results += aircall_results.judge(guide, facts, snapshot)
    if checks & set(rc_results.CHECKS) or any(s.id in rc_results.SIGN_IN_PROVES for _p, s in guide.settings()) or \
            _names(guide, "auth_provider.consumer_key", "developer_name", AUTH_PROVIDER) or _names(guide, "named_credential.url", "name", AUTH_PROVIDER):
        with_users = inputs.with_users and rc_results.USERS_CHECK in checks
        rc = gather_rc(inputs.ringcentral, inputs.endpoints, conn, inputs.ringcentral_grant, inputs.ringcentral_signin_problem,
                       with_users)
        results += rc_results.judge(guide, rc, snapshot, confirmations)
    return results


def _names(guide: Guide, check: str, param: str, value: str) -> bool:
    """Whether the guide has a `check` setting whose `param` is `value` (e.g. the Ring_Central provider)."""
    return any(s.check == check and s.params.get(param) == value for _p, s in guide.settings())


def check_guide(
    conn: OrgConnection,
    guide: Guide,
    facts: OrgFacts,
    inputs: VoiceInputs,
    confirmations: Iterable[ManualConfirmation] = (),
    preflight: Iterable[PreflightItem] = (),
) -> tuple[VerificationRun, OrgSnapshot]:
    """The run and the snapshot it judged (the apply door plans from both)."""
    started = datetime.now(UTC)
    confirmations = tuple(confirmations)
    snapshot = read_guide_snapshot(conn, guide, facts)
    extra = provider_results(guide, inputs, conn, snapshot, confirmations)
    results = judge(guide, snapshot, confirmations, extra)
    return record_run(guide, facts, snapshot, results, started, confirmations, preflight), snapshot


def verify_with_providers(
    conn: OrgConnection,
    guide: Guide,
    facts: OrgFacts,
    inputs: VoiceInputs,
    confirmations: Iterable[ManualConfirmation] = (),
    preflight: Iterable[PreflightItem] = (),
) -> VerificationRun:
    """Read the org once, check the provider side, judge every setting of the guide."""
    return check_guide(conn, guide, facts, inputs, confirmations, preflight)[0]
