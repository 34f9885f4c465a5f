"""What a check tells the admin: one `CheckResult` per setting.

The shape follows Salesforce Health Check's "your value vs the expected value": every result
carries what was expected, what was observed, the evidence that showed it (the query or the
metadata read), and how to fix it. Reports, the window and ``verify --json`` all read this model.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    """The outcome of one check. Ordered from best to worst by `SEVERITY`."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    MANUAL = "manual"
    ERROR = "error"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        """The word shown beside the icon (status is never shown by colour alone)."""
        return _LABELS[self]

    @property
    def icon(self) -> str:
        """A text icon that survives plain-text output, PDFs and screen readers."""
        return _ICONS[self]


_LABELS = {
    Status.PASS: "Pass",
    Status.WARN: "Warning",
    Status.FAIL: "Fail",
    Status.MANUAL: "Manual step",
    Status.ERROR: "Could not check",
    Status.SKIPPED: "Skipped",
}
_ICONS = {
    Status.PASS: "✔",
    Status.WARN: "▲",
    Status.FAIL: "✖",
    Status.MANUAL: "✋",
    Status.ERROR: "?",
    Status.SKIPPED: "–",
}

#: Worst first: used to summarise a page or a guide by its worst result.
SEVERITY: tuple[Status, ...] = (
    Status.ERROR,
    Status.FAIL,
    Status.WARN,
    Status.MANUAL,
    Status.PASS,
    Status.SKIPPED,
)


#: The evidence source of a result that only records the admin's "I've done this": a person's
#: word, not a read the wizard made. The one definition every reader of a result goes by
#: (`CheckResult.confirmed_by_hand`), so the window and the report never disagree about it.
MANUAL_CONFIRMATION_SOURCE = "Manual confirmation"


class Evidence(BaseModel):
    """Where an observed value came from, so an auditor can re-run the same read."""

    model_config = ConfigDict(frozen=True)

    source: str = Field(description="API family and call, e.g. 'REST SOQL', 'Tooling SOQL', 'Metadata readMetadata'")
    detail: str = Field(description="The query text, metadata type and name, or request path")


def confirmation_evidence(by: str, when: str) -> Evidence:
    """The evidence of a manual step confirmed by hand: who confirmed it and when."""
    return Evidence(source=MANUAL_CONFIRMATION_SOURCE, detail=f"{by}, {when}")


class Fix(BaseModel):
    """How to put a failed setting right: the wizard's own fix where one exists, else a Setup page."""

    model_config = ConfigDict(frozen=True)

    hint: str = Field(description="What to do, in the admin's words")
    setup_page: str | None = Field(default=None, description="Relative Setup path, e.g. /lightning/setup/NamedCredential/home")
    fix_name: str | None = Field(default=None, description="Registered name of the wizard's fix, if it can do it")
    console_url: str | None = Field(default=None, description="Provider console page, for settings outside Salesforce")


class CheckResult(BaseModel):
    """The verdict on one setting of one guide page."""

    model_config = ConfigDict(frozen=True)

    guide_id: str
    page_id: str
    check_id: str
    setting: str = Field(description="What is being checked, as the guide names it")
    status: Status
    expected: str = ""
    observed: str = ""
    message: str = Field(default="", description="One sentence saying what the result means")
    evidence: tuple[Evidence, ...] = ()
    fix: Fix | None = None

    @property
    def ok(self) -> bool:
        """True when nothing is left to do for this setting."""
        return self.status in (Status.PASS, Status.SKIPPED)

    @property
    def confirmed_by_hand(self) -> bool:
        """True for a manual step the admin confirmed: a pass on their word, not on a read.

        The window badges it "Confirmed" and the report keeps it a manual step with who and
        when, so neither passes it off as something the wizard verified.
        """
        return self.status is Status.PASS and any(e.source == MANUAL_CONFIRMATION_SOURCE for e in self.evidence)


def worst(statuses: list[Status] | tuple[Status, ...]) -> Status:
    """The most severe status of a group (a page, a guide); PASS for an empty group."""
    present = set(statuses)
    for status in SEVERITY:
        if status in present:
            return status
    return Status.PASS
