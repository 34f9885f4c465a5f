"""Graduate a setup profile onto another org (typically production), step by step, without Qt.

The window's "Graduate to production" page and ``eci-wizard graduate`` drive the same object:

1. ``Graduation(profile, conn, facts, client_id=...)`` for a signed-in target org;
2. ``questions()``: only what must differ (RingCentral sandbox or production, AWS names);
3. ``preview(answers)``: verifies the target, reads what it holds, warns ahead of trouble, plans
   through the apply door, and returns the side-by-side rows and the secrets still needed;
4. ``provide_secret(name, value)`` for each of ``preview.secrets_needed`` (into the keyring);
5. ``apply(preview, confirmation)``: the door's production gate (the org's name typed), backup,
   writes, re-check; then the whole guide is verified again, RingCentral's side is asked where it
   applies, and both orgs are compared setting by setting (``result.parity``).

Running it again on a graduated org plans nothing and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wizard.apply.backup import BackupStore
from wizard.apply.door import Cancel, Progress, apply_plan, plan_guide
from wizard.apply.errors import read_stopped
from wizard.apply.model import ApplyInputs, ApplyResult, GuidePlan, ManualAction, SecretNeed
from wizard.apply.secret_source import SecretSource
from wizard.checks.auth_provider import AUTH_PROVIDERS
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult, Status
from wizard.engine.run_record import PreflightItem, VerificationRun
from wizard.engine.runner import judge
from wizard.engine.snapshot import OrgSnapshot, ReadFailed
from wizard.guides.loader import load_guide
from wizard.guides.schema import Guide
from wizard.profiles import ringcentral as rc
from wizard.profiles.capture import env_context
from wizard.profiles.compare import SettingComparison, compare_orgs
from wizard.profiles.environment import ringcentral_environment_of
from wizard.profiles.inventory import read_inventory
from wizard.profiles.model import Inventory, SetupProfile
from wizard.profiles.readiness import Finding, readiness
from wizard.profiles.side_by_side import SideBySideRow, side_by_side
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.errors import SystemicError
from wizard.salesforce.verify import read_guide_snapshot, verify_guide


class GraduationStopped(Exception):
    """Graduation wrote to the target, then the target could not be read to verify it (an API
    limit, a dropped connection, an expired session).

    Carries what the apply did (`applied`: its changes, notes and backup) so the admin is told what
    was written and how to finish or undo it, never "nothing was changed". Running the graduation
    again continues the same backup (an interrupted apply resumes) and writes only what is missing.
    """

    def __init__(self, applied: ApplyResult, reason: str) -> None:
        self.applied = applied
        self.reason = reason
        super().__init__(f"The target could not be verified after {len(applied.applied)} change(s) were written: {reason}.")


class GraduationBlocked(Exception):
    """Something the wizard cannot create is missing in the target (a package, a licence)."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("The target is not ready: " + " ".join(f.text() for f in findings))


@dataclass(frozen=True)
class Question:
    """One value that must (or may) differ in the target; `suggested` is the default answer."""

    key: str
    label: str
    how: str
    choices: tuple[str, ...]
    suggested: str | None
    source_value: str | None


@dataclass
class GraduationPreview:
    """Everything shown before the first write."""

    guide: Guide
    facts: OrgFacts
    answers: dict[str, str]
    inputs: ApplyInputs
    snapshot: OrgSnapshot
    results: list[CheckResult]
    inventory: Inventory
    findings: list[Finding]
    plan: GuidePlan
    rows: list[SideBySideRow]
    secrets_needed: list[SecretNeed]
    manual: list[ManualAction]

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "block"]

    @property
    def writes_planned(self) -> int:
        return self.plan.change_count()


@dataclass
class GraduationResult:
    """What graduation did, how the target verifies now, and how both orgs compare."""

    preview: GraduationPreview
    applied: ApplyResult
    run: VerificationRun
    comparisons: list[SettingComparison]
    provider_results: list[CheckResult] = field(default_factory=list)
    #: The preview's manual steps still open (a step whose setting now passes is done).
    manual: list[ManualAction] = field(default_factory=list)
    secrets_seen: set[str] = field(default_factory=set, repr=False)
    finished: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def unexplained(self) -> list[SettingComparison]:
        return [c for c in self.comparisons if c.category == "unexplained"]


def effective_guide(guide: Guide, answers: dict[str, str]) -> Guide:
    """The guide as this graduation judges it: with RingCentral production chosen, the graduation
    page's production rows are required rather than optional (they are the point of the switch)."""
    if answers.get(rc.ENV_KEY) != "production":
        return guide
    wanted = set(rc.graduation_settings(guide))
    pages = []
    for page in guide.pages:
        settings = [s.model_copy(update={"optional": False}) if (page.id, s.id) in wanted else s for s in page.settings]
        pages.append(page.model_copy(update={"settings": settings}))
    return guide.model_copy(update={"pages": pages})


class Graduation:
    """One profile onto one signed-in target org."""

    def __init__(
        self,
        profile: SetupProfile,
        conn: OrgConnection,
        facts: OrgFacts,
        *,
        client_id: str = "",
        preflight: Iterable[PreflightItem] = (),
        secrets: SecretSource | None = None,
        endpoints: ProviderEndpoints | None = None,
        store: BackupStore | None = None,
    ) -> None:
        self.profile = profile
        self.conn = conn
        self.facts = facts
        self.client_id = client_id
        self.preflight = tuple(preflight)
        self.secrets = secrets or SecretSource.for_org(facts)
        self.endpoints = endpoints
        self.store = store
        self.guide = load_guide(profile.guide)

    # -- 2. questions ------------------------------------------------------------------------------
    def questions(self) -> list[Question]:
        """The values the admin chooses for the target (everything else is derived or copied)."""
        return [
            Question(e.key, e.label, e.how, tuple(e.choices), e.suggested, e.value)
            for e in self.profile.environment
            if e.derive == "choice"
        ]

    def default_answers(self) -> dict[str, str]:
        return {q.key: q.suggested for q in self.questions() if q.suggested}

    # -- 3. preview --------------------------------------------------------------------------------
    def preview(self, answers: dict[str, str] | None = None) -> GraduationPreview:
        """Verify and inventory the target, warn, and plan through the apply door (no writes)."""
        answers = {**self.default_answers(), **(answers or {})}
        self._check_answers(answers)
        guide = effective_guide(self.guide, answers)
        snapshot = read_guide_snapshot(self.conn, guide, self.facts)
        results = judge(guide, snapshot)
        source_sets = [i.name for i in self.profile.inventory.permission_sets]
        inventory = read_inventory(self.conn, self.facts, guide, results, also=source_sets)
        findings = readiness(self.profile, self.facts, inventory, self.client_id)
        inputs = self._inputs(answers)
        plan = plan_guide(self.conn, guide, self.facts, inputs, self.secrets, results=results, snapshot=snapshot)
        manual = list(plan.manual)
        needs = list(plan.secrets_needed)
        if rc.applies(self.profile):
            environment = answers.get(rc.ENV_KEY, "sandbox")
            current = self._ringcentral_environment(snapshot)
            needs = rc.relabel(needs, environment)
            switching = current is not None and current != environment
            if switching:
                needs += [n for n in rc.secret_needs(environment) if n.name not in {x.name for x in needs}]
            manual += rc.manual_steps(self.facts.my_domain_url, self.profile.source.my_domain_url, environment,
                                      provider_existed=switching)
        missing = [n for n in needs if not self.secrets.has(n.name)]
        rows = side_by_side(self.profile, guide, results, plan)
        return GraduationPreview(guide, self.facts, answers, inputs, snapshot, results, inventory, findings, plan, rows, missing, manual)

    def _verify(self, guide: Guide, preview: GraduationPreview, applied: ApplyResult) -> tuple[list[CheckResult], VerificationRun]:
        """RingCentral's side (where it applies) and the whole guide, after the writes."""
        provider: list[CheckResult] = []
        if rc.applies(self.profile) and not applied.error:
            provider = rc.provider_checks(guide, preview.inputs.environment, self.secrets, self.facts.my_domain_url, self.endpoints)
        return provider, verify_guide(self.conn, guide, self.facts, extra=provider, preflight=self.preflight)

    def _check_answers(self, answers: dict[str, str]) -> None:
        for question in self.questions():
            value = answers.get(question.key)
            if question.choices and value is not None and value not in question.choices:
                raise ValueError(f"{question.label}: {value!r} is not one of {', '.join(question.choices)}.")

    @staticmethod
    def _inputs(answers: dict[str, str]) -> ApplyInputs:
        environment = answers.get(rc.ENV_KEY, "sandbox")
        return ApplyInputs(
            environment="production" if environment == "production" else "sandbox",
            aws_region=answers.get("aws_region") or None,
            lambda_function=answers.get("lambda_function") or None,
        )

    @staticmethod
    def _ringcentral_environment(snapshot: OrgSnapshot) -> str | None:
        """The environment the target's Ring Central auth provider points at now (None: no provider)."""
        try:
            rows = snapshot.records(AUTH_PROVIDERS)
        except (KeyError, ReadFailed):
            return None
        row = next((r for r in rows if r.get("DeveloperName") == rc.AUTH_PROVIDER), None)
        if row is None:
            return None
        return ringcentral_environment_of(str(row.get("AuthorizeUrl") or "")) or "unknown"

    # -- 4. secrets --------------------------------------------------------------------------------
    def provide_secret(self, name: str, value: str) -> bool:
        """Keep a secret the preview asked for; True when it went to the keyring (else this session)."""
        return self.secrets.put(name, value.strip())

    # -- 5. apply ----------------------------------------------------------------------------------
    def apply(
        self,
        preview: GraduationPreview,
        confirmation: str | None = None,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        allow_blockers: bool = False,
        command: str | None = "eci-wizard graduate",
    ) -> GraduationResult:
        """Write through the apply door, verify the whole guide, ask RingCentral, compare both orgs.

        Raises `GraduationBlocked`, or the door's `ConfirmationRequired` / `MissingSecrets` /
        `MissingInputs`, before anything is written; `GraduationStopped` when the target cannot be
        read after the writes. `command` is what a stop's advice tells the admin to run again: the
        command line's command, or the window's menu entry (an admin in the window has no command).
        """
        if preview.blockers and not allow_blockers:
            raise GraduationBlocked(preview.blockers)
        guide = preview.guide
        # Planned again: secrets given since the preview (a RingCentral client ID) may add a change.
        plan = plan_guide(self.conn, guide, self.facts, preview.inputs, self.secrets, results=preview.results, snapshot=preview.snapshot)
        plan = plan.model_copy(update={"secrets_needed": tuple(rc.relabel(list(plan.secrets_needed), preview.inputs.environment))})
        recheck_touched = False  # the whole guide is verified right after, with RingCentral's answers
        applied = apply_plan(self.conn, guide, plan, confirmation=confirmation, inputs=preview.inputs, secrets=self.secrets,
                             progress=progress, cancel=cancel, store=self.store, reverify=recheck_touched,
                             command=command)  # a stop's advice names the command to run again
        try:
            provider, run = self._verify(guide, preview, applied)
        except SystemicError as exc:
            raise GraduationStopped(applied, read_stopped(exc)) from exc
        if applied.applied:
            run = run.model_copy(update={"changes": tuple(applied.applied)})
        target_ctx = env_context(self.facts, choices=preview.answers)
        comparisons = compare_orgs(self.profile, guide, run.results, target_ctx, preview.answers)
        passed = {r.check_id for r in run.results if r.status == Status.PASS}
        still = [m for m in preview.manual if not (m.setting_id and m.setting_id in passed)]
        return GraduationResult(preview, applied, run, comparisons, provider, still, secrets_seen=self.secrets.values_seen())
