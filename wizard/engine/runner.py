"""Run a guide's checks: plan the reads, judge each setting purely, never crash the whole run.

`plan_reads` gives the merged `ReadPlan` of a guide (what the Salesforce reader fetches);
`judge` turns a frozen `OrgSnapshot` into one `CheckResult` per setting, in guide order. A check
that breaks, or whose read failed, becomes an error result with the reason; manual steps become
manual results (or, once the admin confirmed them, a pass that is `confirmed_by_hand`).
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.checks.registry import CheckContext, Verdict, check_names, get_check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.read_plan import ReadPlan
from wizard.engine.reads import DeferredRead, MetadataRead, Read, SoqlRead
from wizard.engine.results import CheckResult, Evidence, Fix, Status, confirmation_evidence
from wizard.engine.run_record import ManualConfirmation
from wizard.engine.snapshot import OrgSnapshot, ReadFailed
from wizard.guides.schema import Guide, PageSpec, SettingSpec


def checked_settings(guide: Guide) -> list[tuple[PageSpec, SettingSpec]]:
    """Settings the Salesforce reader serves: those whose check is a registered Salesforce check.

    A provider-side page may still hold Salesforce settings (RingCentral's graduation page checks
    the auth provider's production endpoints); checks of other systems arrive as `extra` results.
    """
    known = check_names()
    return [(p, s) for p, s in guide.settings() if s.check in known]


def plan_reads(guide: Guide, facts: OrgFacts) -> ReadPlan:
    """Every read the guide's Salesforce checks declare, merged."""
    reads: list[Read] = []
    for _page, setting in checked_settings(guide):
        reads += get_check(setting.check or "").reads(setting.params, facts)
    return ReadPlan.from_reads(reads)


def evidence_for(reads: Iterable[Read], snapshot: OrgSnapshot) -> tuple[Evidence, ...]:
    """The evidence of a check: the queries and metadata reads it declared (and what they led to)."""
    items: list[Evidence] = []
    queue = list(reads)
    while queue:
        read = queue.pop(0)
        if isinstance(read, SoqlRead):
            items.append(Evidence(source=read.evidence_source, detail=read.soql))
        elif isinstance(read, MetadataRead):
            items.append(Evidence(source=read.evidence_source, detail=read.evidence_detail))
        elif isinstance(read, DeferredRead):
            queue.insert(0, read.after)
            rows = _rows_of(read.after, snapshot)
            if rows is not None:
                queue[1:1] = list(read.resolve(rows))
    return tuple(dict.fromkeys(items))


def _rows_of(read: SoqlRead | MetadataRead, snapshot: OrgSnapshot) -> list[dict] | None:
    if isinstance(read, SoqlRead):
        rows = snapshot.queries.get(read)
        return rows if isinstance(rows, list) else None
    keys = [(read.mtype, n) for n in read.names]
    if read.mtype in snapshot.metadata_failures or any(k not in snapshot.components for k in keys):
        return None
    return [c for k in keys if (c := snapshot.components[k]) is not None]


def _fix(page: PageSpec, setting: SettingSpec, hint: str) -> Fix:
    return Fix(hint=hint, setup_page=setting.setup_page or page.setup_page, fix_name=setting.fix, console_url=page.console_url)


def judge_setting(guide: Guide, page: PageSpec, setting: SettingSpec, snapshot: OrgSnapshot) -> CheckResult:
    """One setting's result; never raises."""
    base = {"guide_id": guide.id, "page_id": page.id, "check_id": setting.id, "setting": setting.label}
    definition = get_check(setting.check or "")
    reads = definition.reads(setting.params, snapshot.facts)
    evidence = tuple(dict.fromkeys(definition.facts(dict(setting.params)) + evidence_for(reads, snapshot)))
    try:
        verdict: Verdict = definition.judge(CheckContext(snapshot, dict(setting.params)))
    except ReadFailed as exc:
        return CheckResult(
            **base,
            status=Status.ERROR,
            expected="",
            observed="(could not be read)",
            message=exc.failure.reason,
            evidence=evidence,
            fix=_fix(page, setting, "Do what the reason above says, then check again."),
        )
    except Exception as exc:  # a broken check is an error result, never a crash of the whole run
        return CheckResult(
            **base,
            status=Status.ERROR,
            observed="(check failed)",
            message=f"The check itself failed ({type(exc).__name__}: {exc}). Please report this.",
            evidence=evidence,
        )
    if setting.optional and verdict.status == Status.FAIL:
        verdict = Verdict(
            Status.SKIPPED, verdict.expected, verdict.observed, f"Optional, not done yet: {verdict.message}", verdict.evidence
        )
    fix = None
    if verdict.status not in (Status.PASS, Status.SKIPPED):
        hint = "Let the wizard fix it, or follow this page's steps in Setup." if setting.fix else "Follow this page's steps in Setup."
        fix = _fix(page, setting, hint)
    return CheckResult(
        **base,
        status=verdict.status,
        expected=verdict.expected,
        observed=verdict.observed,
        message=verdict.message,
        evidence=verdict.evidence or evidence,
        fix=fix,
    )


def manual_result(
    guide: Guide, page: PageSpec, setting: SettingSpec, confirmation: ManualConfirmation | None
) -> CheckResult:
    """A step only a person can do: manual until confirmed, then pass with who and when."""
    assert setting.manual is not None
    base = {"guide_id": guide.id, "page_id": page.id, "check_id": setting.id, "setting": setting.label}
    if confirmation is not None:
        when = confirmation.at.strftime("%Y-%m-%d %H:%M UTC")
        return CheckResult(
            **base,
            status=Status.PASS,
            expected=setting.manual.confirm,
            observed=f"confirmed by {confirmation.by} on {when}",
            message="Confirmed by the admin (a manual step no API can read).",
            evidence=(confirmation_evidence(confirmation.by, when),),
        )
    return CheckResult(
        **base,
        status=Status.MANUAL,
        expected=setting.manual.confirm,
        observed="not confirmed yet",
        message=setting.manual.do,
        fix=Fix(hint=setting.manual.do, setup_page=setting.setup_page or page.setup_page, console_url=page.console_url),
    )


def judge(
    guide: Guide,
    snapshot: OrgSnapshot | None,
    confirmations: Iterable[ManualConfirmation] = (),
    extra: Iterable[CheckResult] = (),
) -> list[CheckResult]:
    """Results for every setting of the guide, in guide order.

    `extra` carries results produced outside the Salesforce reader (SFTP, AWS, provider APIs) for
    settings of those sides; a provider-side setting without one stays manual.
    """
    confirmed = {(c.page_id, c.setting_id): c for c in confirmations}
    provided = {(r.page_id, r.check_id): r for r in extra}
    salesforce_checks = check_names()
    results: list[CheckResult] = []
    for page, setting in guide.settings():
        key = (page.id, setting.id)
        if key in provided:
            results.append(provided[key])
        elif setting.manual is not None:
            results.append(manual_result(guide, page, setting, confirmed.get(key)))
        elif setting.check not in salesforce_checks:
            results.append(
                CheckResult(
                    guide_id=guide.id, page_id=page.id, check_id=setting.id, setting=setting.label,
                    status=Status.SKIPPED, message="Checked from the provider's side, which was not connected in this run.",
                )
            )
        elif snapshot is None:
            results.append(
                CheckResult(
                    guide_id=guide.id, page_id=page.id, check_id=setting.id, setting=setting.label,
                    status=Status.SKIPPED, message="No org connected.",
                )
            )
        else:
            results.append(judge_setting(guide, page, setting, snapshot))
    return results
