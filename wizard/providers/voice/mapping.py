"""Are the calls of every ECI user mapped? Gather the users and identifiers, then judge purely.

`gather_mapping` reads User's describe (to find the identifier field by label), the active ECI
users with that field, and, when the provider can be asked, the provider's users. `judge_mapping`
turns that into the guide's result: the field is missing (package not installed), nobody holds
an ECI permission set yet, some users have no identifier (their calls are dropped unless the
phone number matches), an identifier names nobody at the provider, or all is well. "All is well"
needs the provider's users: without them every identifier is filled in but none is confirmed, so
the result waits for the API key or the sign-in instead of passing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wizard.engine.results import CheckResult, Evidence, Status
from wizard.guides.schema import Guide, PageSpec, SettingSpec
from wizard.providers.voice.matching import (
    Match,
    ProviderUser,
    describe_shared,
    propose_matches,
    shared_identifiers,
)
from wizard.providers.voice.problems import ProviderProblem
from wizard.providers.voice.results import make_result, problem_result
from wizard.providers.voice.user_fields import (
    IDENTIFIER_LABELS,
    PROVIDER_NAMES,
    FieldNotFound,
    IdentifierField,
    SalesforceUser,
    read_eci_users,
    read_identifier_field,
)
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.errors import explain

FIX_NAME = "user_identifiers"
SHOWN_NAMES = 8
#: How the result observes that mapping cannot start (the window's "Map users…" reads them back).
NO_FIELD = "no User field labelled"
NO_ECI_USERS = "no active user holds an ECI permission set"
#: What lets the check read the provider's users, so it can tell a real identifier from a made-up one.
READ_PROVIDER = {
    "aircall": "enter the Aircall API key so the wizard can compare the identifiers with Aircall's users.",
    "ringcentral": "sign in to RingCentral so the wizard can compare the identifiers with the account's users.",
}


@dataclass(frozen=True)
class MappingFacts:
    """What the mapping check needs, as gathered (problems kept, never raised)."""

    provider: str
    field: IdentifierField | None = None
    field_problem: str | None = None
    users: tuple[SalesforceUser, ...] | None = None
    users_problem: str | None = None
    provider_users: tuple[ProviderUser, ...] | None = None
    provider_problem: ProviderProblem | None = None
    evidence: tuple[Evidence, ...] = ()

    def matches(self) -> list[Match]:
        """Proposals by e-mail (empty unless both sides were read)."""
        if self.users is None or self.provider_users is None:
            return []
        return propose_matches(self.users, self.provider_users)


def gather_mapping(conn: OrgConnection, provider: str, fetch_provider_users: Callable[[], Sequence[ProviderUser]] | None) -> MappingFacts:
    """Read the org (describe + ECI users) and, if possible, the provider's users."""
    evidence: list[Evidence] = []
    try:
        found, seen = read_identifier_field(conn, provider)
        evidence.append(seen)
    except FieldNotFound as exc:
        return MappingFacts(provider, field_problem=str(exc), evidence=(Evidence(source="REST describe", detail="sobjects/User/describe"),))
    except Exception as exc:  # the org could not be read: say so, never crash the verification
        return MappingFacts(provider, field_problem=None, users_problem=f"The User object's fields could not be read: {explain(exc).message}")
    try:
        users, seen = read_eci_users(conn, found)
        evidence.append(seen)
    except Exception as exc:
        return MappingFacts(provider, found, users_problem=f"The ECI users could not be read: {explain(exc).message}", evidence=tuple(evidence))
    provider_users: tuple[ProviderUser, ...] | None = None
    problem: ProviderProblem | None = None
    if fetch_provider_users is not None:
        try:
            provider_users = tuple(fetch_provider_users())
        except ProviderProblem as exc:
            problem = exc
    return MappingFacts(provider, found, None, tuple(users), None, provider_users, problem, tuple(evidence))


def _names(users: Sequence[SalesforceUser]) -> str:
    shown = ", ".join(u.name or u.username for u in users[:SHOWN_NAMES])
    return shown + (f" and {len(users) - SHOWN_NAMES} more" if len(users) > SHOWN_NAMES else "")


def judge_mapping(guide: Guide, where: tuple[PageSpec, SettingSpec], facts: MappingFacts) -> CheckResult:
    """The result for "every ECI user's calls can be mapped"."""
    name = PROVIDER_NAMES[facts.provider]
    label = facts.field.label if facts.field else IDENTIFIER_LABELS[facts.provider]
    expected = f"{label} filled in for every active user holding an ECI permission set"
    evidence = facts.evidence
    if facts.field_problem:
        return make_result(guide, where, Status.FAIL, expected=expected, observed=f"{NO_FIELD} '{label}'",
                           message=facts.field_problem, evidence=evidence,
                           hint="Install the Voice Connector package (it adds the field), then check again.")
    if facts.users is None:
        return make_result(guide, where, Status.ERROR, expected=expected, observed="(could not be read)",
                           message=facts.users_problem or "The users could not be read.", evidence=evidence,
                           hint="Check the connection and the signed-in user's access to users, then check again.")
    users = list(facts.users)
    if not users:
        return make_result(guide, where, Status.WARN, expected=expected, observed=NO_ECI_USERS,
                           message="Nobody's calls can be analysed yet: assign an ECI permission set to the people who call, "
                                   "then fill in their identifier.", evidence=evidence,
                           hint="Assign an ECI permission set (Conversation Insights for Sales) to your callers first.")
    missing = [u for u in users if not u.identifier]
    unknown: list[SalesforceUser] = []
    if facts.provider_users is not None:
        ids = {str(p.id) for p in facts.provider_users}
        unknown = [u for u in users if u.identifier and u.identifier not in ids]
    observed = f"{len(users) - len(missing)} of {len(users)} ECI users have an identifier"
    if unknown:
        return make_result(guide, where, Status.FAIL, expected=expected, observed=f"{observed}; {len(unknown)} name nobody in {name}",
                           message=f"The {label} of {_names(unknown)} matches no {name} user, so their calls cannot be "
                                   "mapped to them.", evidence=evidence, fix_name=FIX_NAME,
                           hint=f"Map users: the wizard proposes the {name} user with the same e-mail; accept and apply.")
    if shared := shared_identifiers(users):
        return make_result(guide, where, Status.FAIL, expected=f"{expected}, each person with their own {name} user",
                           observed=f"{observed}; {len(shared)} shared by several people",
                           message=describe_shared(shared, name), evidence=evidence, fix_name=FIX_NAME,
                           hint=f"Map users: give each person the {name} user with their own e-mail, then apply.")
    if missing:
        return make_result(guide, where, Status.WARN, expected=expected, observed=observed,
                           message=f"{_names(missing)} {'has' if len(missing) == 1 else 'have'} no {label}: the Voice Connector "
                                   "drops their calls unless the call's phone number matches their Phone field.",
                           evidence=evidence, fix_name=FIX_NAME,
                           hint=f"Map users: the wizard proposes {name} users by e-mail; accept the matches and apply them.")
    if facts.provider_problem is not None:
        return problem_result(guide, where, facts.provider_problem, evidence, expected=expected)
    if facts.provider_users is None:  # filled in is not mapped: an id nobody at the provider has looks the same
        needs = f"Every ECI user's {label} is filled in, but not yet compared with {name}'s users: {READ_PROVIDER[facts.provider]}"
        return make_result(guide, where, Status.MANUAL, expected=expected, observed=f"{observed}; not compared with {name}'s users",
                           message=needs, evidence=evidence, hint=needs)
    return make_result(guide, where, Status.PASS, expected=expected, observed=observed,
                       message=f"Every ECI user's calls can be mapped to one of {name}'s users.", evidence=evidence)
