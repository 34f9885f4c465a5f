"""Changes the wizard makes: planned as current -> desired, previewed, applied, recorded.

Every change goes through one door (design principle 4 in README): a `ChangePlan` is shown to the
admin, confirmed (typed confirmation for production), the current state is backed up, the writes
happen, the touched settings are read again and re-checked. This module holds the data shapes;
each domain (Salesforce, AWS, provider APIs) supplies the executor that reads, writes and restores.
Secret values never enter a plan: a change that sets a secret says so (``secret=True``) and shows
``"(from the keyring)"`` instead of the value.

A checkbox is said as the pages say it ("selected" / "not selected", `setting_words`), never as
the API's true/false: the preview, the command line and the report then read like the check rows.
Only these words change; what is written to Salesforce comes from each executor's payload.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SECRET_PLACEHOLDER = "(from the keyring)"

#: A checkbox's value as the API gives it -> as the pages say it (`wizard.checks.common.selected`).
CHECKBOX_WORDS = {"true": "selected", "false": "not selected"}


def setting_words(value: Any) -> Any:
    """A value as the admin reads it beside the check rows: a checkbox (a bool, or the "true" /
    "false" the API and `wizard.checks.common.shown` give) is "selected" / "not selected"."""
    if isinstance(value, bool):
        return CHECKBOX_WORDS[str(value).lower()]
    if isinstance(value, str):
        return CHECKBOX_WORDS.get(value.strip().lower(), value)
    return value

Action = Literal["create", "update", "delete", "assign", "unassign"]


class Change(BaseModel):
    """One setting changing from `current` to `desired` on one target."""

    model_config = ConfigDict(frozen=True)

    target: str = Field(description="What is changed, e.g. 'NamedCredential ECI_Named_Credential'")
    setting: str = Field(description="Which setting of it, as the guide names it")
    action: Action = "update"
    current: str = ""
    desired: str = ""
    secret: bool = False
    fix_name: str | None = None
    check_ids: tuple[str, ...] = ()

    _words = field_validator("current", "desired", mode="before")(lambda v: setting_words(v))


class ChangePlan(BaseModel):
    """What a fix will do, shown before anything is written."""

    model_config = ConfigDict(frozen=True)

    title: str
    system: Literal["salesforce", "aws", "aircall", "ringcentral", "sftp"] = "salesforce"
    org_name: str = ""
    production: bool = False
    changes: tuple[Change, ...] = ()
    #: Executor-specific instructions (e.g. metadata payloads), never shown, never holding secrets.
    payload: dict[str, Any] = Field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when the org already matches: applying would write nothing."""
        return not self.changes


class AppliedChange(BaseModel):
    """A change as it was made, for the report: before -> after, and when."""

    model_config = ConfigDict(frozen=True)

    target: str
    setting: str
    before: str
    after: str
    at: datetime
    by: str = ""
    backup_id: str | None = None

    _words = field_validator("before", "after", mode="before")(lambda v: setting_words(v))
