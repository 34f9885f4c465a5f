"""The shapes of an apply: the guide's plan, what it still needs, what happened, what was kept.

A `GuidePlan` holds one `ChangePlan` per fix target (a named credential, the ECI app, the site...)
in the order they must run, plus what only a person can provide: secrets to enter into the
keyring (`SecretNeed`), choices to make (`InputNeed`) and steps no API can do (`ManualAction`).
`ApplyResult` and `UndoResult` say what happened, for the window, the CLI and the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

from wizard.engine.changes import AppliedChange, ChangePlan
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult

AppKind = Literal["external_client_app", "connected_app"]


class ValueForm(BaseModel):
    """The form a typed value must have, when its issuer gives every value one (an AWS access key ID).

    A value of the wrong form would be written to the org as typed, and only the check after the
    fix would notice; so the places where it is typed refuse it there, with these words, before
    anything is kept or written. The pattern is the check's own, so the two never disagree.
    """

    model_config = ConfigDict(frozen=True)

    pattern: str  # a regular expression the whole value must match
    expected: str  # what such a value looks like, in words: "an AWS access key ID (AKIA followed by ...)"
    advice: str  # what to do about a value of another form: "Copy it again from Natterbox, exactly as given."

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None


class SecretNeed(BaseModel):
    """A secret a fix needs from the keyring: which one, and where the admin finds it."""

    model_config = ConfigDict(frozen=True)

    name: str  # e.g. "Aircall/password" (stored per org in the keyring)
    label: str  # e.g. "Aircall API token (the named credential's password)"
    where: str  # where the admin finds the value
    setup_page: str | None = None
    #: False for an identifier kept beside the secrets but not secret itself (an Aircall API ID is
    #: the named credential's user name): it is typed visibly, so the admin can see a typo.
    hidden: bool = True
    #: The form every value of this kind has (None: any value is taken as typed).
    form: ValueForm | None = None

    def cleaned(self, typed: str) -> str:
        """The value to keep: without the spaces or line break a paste brings along, when the value
        has a form (no such value holds them); any other secret is kept exactly as typed."""
        return typed.strip() if self.form is not None else typed

    def refusal(self, typed: str) -> str:
        """Why `typed` cannot be this value ('' when it can, or when nothing is typed yet): what was
        typed (its length and what is out of place, never a hidden value itself), what was expected,
        and what to do. The place where it was typed adds its own way on."""
        value = self.cleaned(typed)
        if self.form is None or not value or self.form.matches(value):
            return ""
        return f"{self.label}, as typed, is {described(value, self.hidden)}. Expected {self.form.expected}. {self.form.advice}"


def described(value: str, hidden: bool) -> str:
    """A typed value as a refusal may say it: its length and what in it stands out (spaces inside,
    lower-case letters, signs), quoted only when it was typed visibly."""
    kinds = [kind for kind, present in (
        ("a space inside", any(c.isspace() for c in value)),
        ("lower-case letters", any(c.islower() for c in value)),
        ("characters other than letters and digits", any(not c.isalnum() and not c.isspace() for c in value)),
    ) if present]
    count = f"{len(value)} character{'s' if len(value) != 1 else ''} long"
    said = count if hidden else f"“{value}” ({count})"
    if kinds:
        said += ", with " + (", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else kinds[0])
    return said


class InputNeed(BaseModel):
    """A choice a fix needs (not a secret), e.g. the AWS region the Lambda runs in."""

    model_config = ConfigDict(frozen=True)

    name: str  # the `ApplyInputs` field
    label: str
    choices: tuple[str, ...] = ()

    def cleaned(self, typed: str) -> str:
        """The choice to keep: without the spaces a paste brings, a region code in lower case (as
        the command line's ``--aws-region`` takes it)."""
        value = typed.strip()
        return value.lower() if self.name == "aws_region" else value

    def refusal(self, typed: str) -> str:
        """Why `typed` cannot be this choice ('' when it can, or when nothing is typed yet), checked
        as the plan will check it (`expected_named_credential_url`): a value refused only there
        would come back as a new question after the org was read again."""
        from wizard.providers.aws.named_credential import expected_named_credential_url

        value = self.cleaned(typed)
        if not value:
            return ""
        if self.choices and value not in self.choices:
            return f"“{value}” is not one of the choices. Expected one of: {', '.join(self.choices)}. Pick one from the list."
        try:
            if self.name == "aws_region":
                expected_named_credential_url(value, "f")
            elif self.name == "lambda_function":
                expected_named_credential_url("us-east-1", value)
        except ValueError:
            return INPUT_REFUSALS[self.name].format(value=value)
        return ""


#: What a choice of the wrong form was, what was expected, and what to do (`InputNeed.refusal`).
INPUT_REFUSALS = {
    "aws_region": ("“{value}” is not an AWS region code. Expected the code the AWS console shows beside the "
                   "region's name, e.g. us-east-1 or eu-west-2. Type the region your serverless application runs in."),
    "lambda_function": ("“{value}” is not a Lambda function's full name. Expected letters, digits, hyphens and "
                        "underscores only (no ARN, no spaces). Copy the function's name from the Lambda console."),
}


class ManualAction(BaseModel):
    """A step the API cannot do: the window opens `setup_page` and re-checks afterwards."""

    model_config = ConfigDict(frozen=True)

    title: str
    do: str
    setup_page: str | None = None
    setting_id: str | None = None  # the guide's manual setting this step completes, if any


class UnreadSetting(BaseModel):
    """A setting the plan covers whose current value could not be read (a "Could not check" result).

    The wizard never writes blind: what it could not read is not planned, and neither can be what
    depends on it (an auth provider copies the ECI app's consumer key), so a plan with any of these
    is incomplete and the door refuses to apply it.
    """

    model_config = ConfigDict(frozen=True)

    page_id: str
    setting_id: str
    label: str
    reason: str  # why it could not be read, in the verification's words


class GuidePlan(BaseModel):
    """Everything one "Fix it for me" would do to one org, shown before anything is written."""

    model_config = ConfigDict(frozen=True)

    guide_id: str
    org: OrgFacts
    plans: tuple[ChangePlan, ...] = ()
    secrets_needed: tuple[SecretNeed, ...] = ()
    inputs_needed: tuple[InputNeed, ...] = ()
    manual: tuple[ManualAction, ...] = ()
    notes: tuple[str, ...] = ()
    #: Settings the plan covers that could not be read: while any is here the plan is incomplete.
    unread: tuple[UnreadSetting, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every setting the plan covers was read (an incomplete plan is never applied)."""
        return not self.unread

    @property
    def empty(self) -> bool:
        """True when the org already matches: applying would write nothing."""
        return all(p.empty for p in self.plans)

    @property
    def production(self) -> bool:
        return not self.org.is_sandbox

    def change_count(self) -> int:
        return sum(len(p.changes) for p in self.plans)

    def setting_ids(self) -> list[tuple[str, str]]:
        """(page id, setting id) of every setting the plan touches."""
        seen: dict[tuple[str, str], None] = {}
        for plan in self.plans:
            for page_id, setting_id in plan.payload.get("settings", []):
                seen[(page_id, setting_id)] = None
        return list(seen)


@dataclass(frozen=True)
class ApplyInputs:
    """The admin's choices for an apply; none of them is a secret.

    `environment` picks the endpoints where a guide offers several (RingCentral sandbox or
    production). `users` / `profile` choose who receives permission sets the guide assigns to
    "your users" (default: the signed-in user). `app_kind` says what to create when the org has
    no ECI app: an External Client App, or a Connected App where the org still allows it.
    """

    environment: Literal["sandbox", "production"] = "sandbox"
    aws_region: str | None = None
    lambda_function: str | None = None
    users: tuple[str, ...] = ()
    profile: str | None = None
    app_kind: AppKind = "external_client_app"


class ComponentState(BaseModel):
    """One touched item as it was before the apply (never with secrets); `before` None = absent."""

    model_config = ConfigDict(frozen=True)

    api: Literal["metadata", "rest", "tooling", "assignment"]
    type: str  # metadata type or sObject name
    name: str  # fullName, DeveloperName, ProviderName or "<PermissionSetId>:<AssigneeId>"
    record_id: str | None = None
    before: dict | None = None


@dataclass
class Outcome:
    """What one executor did: the changes made, the notes worth telling."""

    applied: list[AppliedChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class ApplyResult(BaseModel):
    """What an apply did, and how the touched settings look now."""

    model_config = ConfigDict(frozen=True)

    guide_id: str
    org_id: str
    backup_id: str | None = None
    applied: tuple[AppliedChange, ...] = ()
    notes: tuple[str, ...] = ()
    results: tuple[CheckResult, ...] = ()
    manual: tuple[ManualAction, ...] = ()
    writes: int = 0
    requests: int = 0
    error: str | None = None
    resumable: bool = False
    rolled_back: bool = False
    #: Of `writes`, those Salesforce refused and those whose answer was lost (a dropped connection):
    #: a summary must not call them made. Writes that put the org back after a refusal are in
    #: `writes` but in neither count.
    refused_writes: int = 0
    unanswered_writes: int = 0
    #: Writes Salesforce accepted before any putting back; None (results made elsewhere) = `writes`.
    accepted_writes: int | None = None
    #: The step under way when the apply stopped, when part of it had been written already.
    partly_written: str | None = None
    #: Why the touched settings could not be read again after the writes (None: re-checked, or no
    #: re-check asked for). The changes were made; only their check is missing.
    recheck_failed: str | None = None
    #: Cancelled between steps: what was written before stays (and `resumable` says the rest can follow).
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def made_writes(self) -> int:
        """Writes Salesforce said it made (before any putting back)."""
        return self.writes if self.accepted_writes is None else self.accepted_writes

    @property
    def wrote_nothing(self) -> bool:
        """This run changed nothing in the org: no write was accepted, and none is left unanswered
        (a write whose answer was lost may have been made)."""
        return self.made_writes == 0 and self.unanswered_writes == 0


class UndoResult(BaseModel):
    """What "Undo last change" restored and removed, and how the settings look afterwards."""

    model_config = ConfigDict(frozen=True)

    backup_id: str
    restored: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    results: tuple[CheckResult, ...] = ()
    writes: int = 0
