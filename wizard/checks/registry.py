"""Registered checks: a name, the reads it declares, and a pure judge.

Guide files name checks (``check: named_credential.url``) and the engine looks them up here, so a
guide never carries an import path (design principle 1 in README). A judge receives a `CheckContext`
(the frozen snapshot, the setting's params, the org facts) and returns a `Verdict`; it never
touches the network. The runner turns verdicts into `CheckResult`s with the guide's names, the
page's Setup link and the evidence of the reads the check declared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read
from wizard.engine.results import Evidence, Status
from wizard.engine.snapshot import OrgSnapshot

Params = dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    """What a judge found. Evidence defaults to the check's declared reads."""

    status: Status
    expected: str = ""
    observed: str = ""
    message: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CheckContext:
    """Everything a judge may look at."""

    snapshot: OrgSnapshot
    params: Params
    facts: OrgFacts = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", self.snapshot.facts)

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


ReadsFn = Callable[[Params, OrgFacts], list[Read]]
JudgeFn = Callable[[CheckContext], Verdict]
#: The expected value of a check from the guide's params alone (facts None: before any org is known,
#: as in the printable checklist). The judge uses the same function, so what a report shows as
#: expected for a missing object is exactly what the check compares once the object exists.
ExpectedFn = Callable[[Params, OrgFacts | None], str]
#: The evidence of the org facts a check judges from (`wizard.engine.fact_evidence`), by the params.
FactsFn = Callable[[Params], tuple[Evidence, ...]]


def _no_facts(params: Params) -> tuple[Evidence, ...]:
    return ()


@dataclass(frozen=True)
class CheckDef:
    """One registered check."""

    name: str
    reads: ReadsFn
    judge: JudgeFn
    description: str
    expected: ExpectedFn | None = None
    facts: FactsFn = _no_facts


_CHECKS: dict[str, CheckDef] = {}


def check(name: str, reads: ReadsFn, expected: ExpectedFn | None = None,
          facts: FactsFn | tuple[Evidence, ...] = ()) -> Callable[[JudgeFn], JudgeFn]:
    """Register a judge under `name` with the reads it needs (and how to state its expected value).

    `facts`: the evidence of the org facts the judge uses (a tuple, or a function of the params when
    only some settings use them), listed before the evidence of its reads.
    """
    facts_fn: FactsFn = facts if callable(facts) else (lambda params, given=tuple(facts): given)

    def decorate(judge: JudgeFn) -> JudgeFn:
        if name in _CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        _CHECKS[name] = CheckDef(name, reads, judge, (judge.__doc__ or "").strip().split("\n")[0], expected, facts_fn)
        return judge

    return decorate


def describe_check(name: str | None, params: Params, facts: OrgFacts | None = None) -> str | None:
    """The expected value the check `name` compares against, from the guide's params (None when the
    check is not registered here or states no expected value of its own)."""
    _load_all()
    found = _CHECKS.get(name or "")
    if found is None or found.expected is None:
        return None
    try:
        return found.expected(dict(params), facts)
    except (KeyError, TypeError, ValueError):  # a guide setting without the params the check needs
        return None


def get_check(name: str) -> CheckDef:
    """The registered check (KeyError with the known names when absent)."""
    _load_all()
    try:
        return _CHECKS[name]
    except KeyError:
        raise KeyError(f"no check named {name!r}; known: {', '.join(sorted(_CHECKS))}") from None


def check_names() -> set[str]:
    """Names of every registered check."""
    _load_all()
    return set(_CHECKS)


def _load_all() -> None:
    """Import the check modules so their decorators run (once)."""
    from wizard.checks import (  # noqa: F401 - imported for registration
        app_authorization,
        auth_provider,
        aws_access_key,
        eci_app,
        media_provider,
        named_credential,
        org,
        permissions,
        scheduled_job,
        site,
    )
