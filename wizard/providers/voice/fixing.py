""""Fix it for me" with the provider side known: one door plan from the provider-aware verification.

The door plans from a verification's results; these results include the provider findings (the
Aircall named credential's user name against the API ID, the Ring Central auth provider and named
credential against the chosen environment), so the door fixes what only they reveal. The
RingCentral environment drives every URL the door writes: with production chosen, the guide's
graduation settings (the production endpoints and URL) are planned too, which is how the door
moves a sandbox setup to production. A named credential holding another Aircall key gets the
re-key step (user name and password from the keyring). Secrets go to the door's keyring names
first (`link_to_apply`), so nothing is asked twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.apply.door import plan_guide
from wizard.apply.model import ApplyInputs, GuidePlan
from wizard.apply.secret_source import SecretSource
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.engine.run_record import ManualConfirmation, VerificationRun
from wizard.guides.schema import Guide
from wizard.providers.aircall.named_credential_fix import plan_aircall_credentials, register
from wizard.providers.voice.apply_link import apply_inputs, link_to_apply
from wizard.providers.voice.verification import VoiceInputs, check_guide
from wizard.salesforce.connection import OrgConnection

GRADUATION_PAGE = "graduate-ringcentral-app"


def door_selection(guide: Guide, environment: str | None) -> list[tuple[str, str]] | None:
    """Which settings the door plans: the guide's usual ones, plus, for production, the
    graduation page's production endpoints and URL (their params then win)."""
    if environment != "production" or not any(p.id == GRADUATION_PAGE for p in guide.pages):
        return None
    return [(p.id, s.id) for p, s in guide.settings() if s.fix and s.check and (not s.optional or p.id == GRADUATION_PAGE)]


def plan_with_providers(
    conn: OrgConnection,
    guide: Guide,
    facts: OrgFacts,
    inputs: VoiceInputs,
    secrets: SecretSource | None = None,
    confirmations: Iterable[ManualConfirmation] = (),
    base: ApplyInputs | None = None,
) -> tuple[GuidePlan, VerificationRun]:
    """The door's plan for everything the provider-aware verification found wanting."""
    secrets = secrets or SecretSource.for_org(facts)
    link_to_apply(secrets, aircall=inputs.aircall, ringcentral=inputs.ringcentral)
    run, snapshot = check_guide(conn, guide, facts, inputs, confirmations)
    env = inputs.ringcentral.environment if inputs.ringcentral else None
    door_inputs = apply_inputs(inputs.ringcentral, base)
    plan = plan_guide(conn, guide, facts, door_inputs, secrets, results=run.results, snapshot=snapshot,
                      include=door_selection(guide, env))
    rekey = _rekey(guide, facts, run, snapshot, inputs)
    if rekey is not None:
        register()
        plan = plan.model_copy(update={"plans": (*plan.plans, *rekey.plans), "notes": (*plan.notes, *rekey.notes)})
    return plan, run


def _rekey(guide: Guide, facts: OrgFacts, run: VerificationRun, snapshot, inputs: VoiceInputs) -> GuidePlan | None:  # type: ignore[no-untyped-def]
    """The Aircall re-key step, when the named credential exists with another user name."""
    if inputs.aircall is None:
        return None
    failed = any(r.check_id == "aircall-nc.username" and r.status == Status.FAIL and r.observed != "(missing)" for r in run.results)
    if not failed:
        return None
    plan = plan_aircall_credentials(guide, facts, snapshot, inputs.aircall)
    return plan if plan.plans else None
