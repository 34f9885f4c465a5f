"""Shared shapes of the AWS checks: what the admin told us, and what a judge returns.

A judge is a pure function ``(AwsSnapshot, AwsCheckInputs) -> Outcome``; `checks.run_checks` turns
outcomes into the project's `CheckResult` with the guide's ids. When a check cannot be judged
because an earlier step failed, it says so as *skipped, waiting for* that step, so a broken step
shows up as exactly one failure instead of a cascade.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.engine.results import Evidence, Fix, Status
from wizard.providers.aws.names import DEFAULT_TRANSCRIBE_LANGUAGE
from wizard.providers.aws.snapshot import ReadIssue


@dataclass(frozen=True)
class AwsCheckInputs:
    """What only the admin (or the Salesforce side) knows."""

    #: Browser origins of the org (Visualforce and Lightning), already normalised.
    org_origins: tuple[str, ...] = ()
    #: Expected concurrent calls; above 1000 the sfCTRTrigger timeout matters.
    concurrent_calls: int | None = None
    want_transcripts: bool = False
    want_analysis: bool = False
    transcribe_language: str = DEFAULT_TRANSCRIBE_LANGUAGE
    analysis_codes: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A judge's verdict before it is dressed as a `CheckResult`."""

    status: Status
    expected: str = ""
    observed: str = ""
    message: str = ""
    evidence: tuple[Evidence, ...] = ()
    fix: Fix | None = None


#: What a row observed when the stack was not identified (see `snapshot._no_stack`): nothing was read for it.
_UNREAD = {"no_stack": "(not checked: no stack found)", "several_stacks": "(not checked: several stacks)"}


def from_issue(issue: ReadIssue, expected: str, evidence: tuple[Evidence, ...] = ()) -> Outcome:
    """A part that could not be read: the check cannot say pass or fail, and gives no fix of its own
    (the cause, a refused call or a missing stack, has one place to be put right)."""
    observed = _UNREAD.get(issue.kind) or f"(could not read: {issue.operation})"
    return Outcome(Status.ERROR, expected, observed, issue.message, evidence)


def waiting_for(step: str, expected: str, evidence: tuple[Evidence, ...] = ()) -> Outcome:
    """Skipped because `step` fails first; it is checked again once that step passes."""
    return Outcome(Status.SKIPPED, expected, "(not checked yet)", f"Checked once “{step}” passes.", evidence)


def steps(*lines: str) -> str:
    """Numbered steps for a fix hint."""
    return " ".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def is_true(value: str | None) -> bool:
    """The template's own test: 'true' or 'True' (AllowedPattern ^([Tt]rue|[Ff]alse)$)."""
    return (value or "").strip() in {"true", "True"}
