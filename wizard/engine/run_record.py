"""A verification run as the report sees it: the single input of every rendering.

The window, ``verify --json`` and graduation all build one `VerificationRun`; the report
(`wizard.report`) renders it to JSON (the source of truth), HTML and PDF.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from wizard.engine.changes import AppliedChange
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult, Status


class ManualConfirmation(BaseModel):
    """The admin's "I've done this" on a manual step."""

    model_config = ConfigDict(frozen=True)

    page_id: str
    setting_id: str
    by: str
    at: datetime
    note: str = ""


class PreflightItem(BaseModel):
    """One line of the connection preflight (permissions, edition, blockers)."""

    model_config = ConfigDict(frozen=True)

    name: str
    status: Status
    observed: str = ""
    expected: str = ""
    message: str = ""


class VerificationRun(BaseModel):
    """Everything one verification found, with what was changed and confirmed along the way."""

    model_config = ConfigDict(frozen=True)

    guide_id: str
    wizard_version: str
    org: OrgFacts | None = None
    started: datetime
    finished: datetime
    results: tuple[CheckResult, ...] = ()
    changes: tuple[AppliedChange, ...] = ()
    confirmations: tuple[ManualConfirmation, ...] = ()
    preflight: tuple[PreflightItem, ...] = ()
    requests_made: int | None = Field(default=None, description="HTTP requests the verification took")

    def counts(self) -> dict[Status, int]:
        """How many results per status (every status present, zero when none)."""
        counts = {status: 0 for status in Status}
        for result in self.results:
            counts[result.status] += 1
        return counts
