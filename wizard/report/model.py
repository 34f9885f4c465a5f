"""The report model: what an auditor reads, as plain data.

One model, three renderings (JSON, HTML, PDF). The model is built from a `Guide` and a
`VerificationRun` by `wizard.report.build`, serialised to JSON by `wizard.report.json_io`, and
the HTML and PDF renderers read it back from that JSON, so every rendering says exactly what the
JSON file says. Every field is a plain string, number or list, already redacted: nothing in here
can hold a secret the renderers would have to remember to hide.

Field order is the JSON key order (stable across runs); `report.schema.json` mirrors these
classes and a test keeps them in step.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wizard.engine.results import Status

#: Bump the major number when a field is removed or changes meaning; the minor for additions.
SCHEMA_VERSION = "1.1"

ReportKind = Literal["verification", "checklist"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Moment(_Frozen):
    """A point in time shown both in UTC (for the record) and local time (for the reader)."""

    utc: str = Field(description="ISO 8601 in UTC, ending in Z")
    local: str = Field(description="ISO 8601 with the local UTC offset of the machine that built the report")


class UserFacts(_Frozen):
    username: str = ""
    display_name: str = ""
    user_id: str = ""


class OrgHeader(_Frozen):
    """The org the verification ran against."""

    name: str
    org_id: str
    edition: str
    environment: Literal["Sandbox", "Production"]
    instance: str = ""
    instance_url: str = ""
    my_domain: str = ""
    api_version: str = ""
    user: UserFacts = UserFacts()


class SourceHeader(_Frozen):
    file: str
    title: str
    publisher: str
    date: str | None = None
    url: str | None = None


class GuideHeader(_Frozen):
    id: str
    title: str
    provider: str
    source: SourceHeader


class Header(_Frozen):
    title: str
    org: OrgHeader | None = None
    wizard_version: str
    guide: GuideHeader
    started: Moment | None = None
    finished: Moment | None = None
    timezone: str = Field(default="", description="Name and offset of the local time zone, e.g. 'CET (UTC+01:00)'")
    requests_made: int | None = None


class Verdict(_Frozen):
    status: Status = Field(description="The worst status that counts (a confirmed manual step counts as done)")
    headline: str = Field(description="Two or three words: 'Ready', 'Ready with caveats', 'Almost ready', 'Not ready'")
    text: str = Field(description="One sentence saying what is left")


class Summary(_Frozen):
    """Counts per status (every status present, in `Status` order) and the one-line verdict."""

    counts: dict[Status, int]
    total: int
    manual_confirmed: int = 0
    verdict: Verdict


class FixInfo(_Frozen):
    hint: str
    setup_page: str | None = None
    fix_name: str | None = None
    console_url: str | None = None


class Confirmation(_Frozen):
    by: str
    at: Moment
    note: str = ""


class Row(_Frozen):
    """One setting of one page. In a blank checklist `status` is None and nothing is observed."""

    number: str = Field(description="Page and row number, e.g. '3.2'")
    setting_id: str
    check_id: str = ""
    setting: str
    optional: bool = False
    expected: str = ""
    observed: str = ""
    status: Status | None = None
    message: str = ""
    evidence: list[int] = Field(default_factory=list, description="Numbers of entries in the evidence appendix")
    fix: FixInfo | None = None
    confirmation: Confirmation | None = None
    awaits_check: bool = Field(
        default=False,
        description="A manual-step or skipped row of a setting the wizard checks itself, waiting for its provider "
        "check (what it needs, a key or the app's credentials, or a run of the provider's side): to check, not a "
        "step to confirm by hand and not skipped",
    )

    @property
    def done_by_hand(self) -> bool:
        """A manual step the admin confirmed: done, on a person's word (the row says who and when)."""
        return self.status is Status.MANUAL and self.confirmation is not None

    @property
    def counted_status(self) -> Status | None:
        """What the row counts as in its page's status and the verdict: a step done by hand is done.

        The window counts it the same way (`CheckResult.confirmed_by_hand` is a pass there), so a page
        reads "✔ Pass · 1 confirmed by hand" in both, while the row itself stays a manual step.
        """
        return Status.PASS if self.done_by_hand else self.status


class Page(_Frozen):
    number: int
    id: str
    title: str
    source_section: str = ""
    side: str = "salesforce"
    summary: str = ""
    optional: bool = False
    status: Status | None = Field(
        default=None, description="The worst status of the page's rows, a manual step confirmed by hand counting as done"
    )
    confirmed_by_hand: int = Field(default=0, description="How many of the page's rows are manual steps confirmed by hand")
    rows: list[Row] = Field(default_factory=list)

    @property
    def by_hand_note(self) -> str:
        """'1 confirmed by hand' beside a page that passes only with the admin's word, as in the window."""
        if self.status is not Status.PASS or not self.confirmed_by_hand:
            return ""
        return f"{self.confirmed_by_hand} confirmed by hand"


class ChangeRow(_Frozen):
    target: str
    setting: str
    before: str
    after: str
    at: Moment
    by: str = ""
    backup_id: str | None = None


class ConfirmationRow(_Frozen):
    page_id: str
    page_title: str
    setting_id: str
    setting: str
    by: str
    at: Moment
    note: str = ""


class TodoItem(_Frozen):
    """One thing left to do, in guide order, with how to do it."""

    number: str
    page_title: str
    setting: str
    status: Status
    what_to_do: str
    setup_page: str | None = None
    console_url: str | None = None
    fix_name: str | None = None


class PreflightRow(_Frozen):
    name: str
    status: Status
    observed: str = ""
    expected: str = ""
    message: str = ""


class EvidenceEntry(_Frozen):
    """One query or read that showed an observed value; rows point here by `ref`."""

    ref: int
    source: str
    detail: str


class Report(_Frozen):
    """A whole report. JSON (`to_json`) is its canonical form."""

    schema_version: str = SCHEMA_VERSION
    kind: ReportKind
    generated: Moment
    header: Header
    summary: Summary | None = None
    preflight: list[PreflightRow] = Field(default_factory=list)
    pages: list[Page] = Field(default_factory=list)
    changes: list[ChangeRow] = Field(default_factory=list)
    confirmations: list[ConfirmationRow] = Field(default_factory=list)
    todo: list[TodoItem] = Field(default_factory=list)
    evidence: list[EvidenceEntry] = Field(default_factory=list)
    redactions: int = Field(default=0, description="How many secret-looking values were masked")

    def evidence_by_ref(self) -> dict[int, EvidenceEntry]:
        """The appendix as a lookup table for renderers."""
        return {entry.ref: entry for entry in self.evidence}
