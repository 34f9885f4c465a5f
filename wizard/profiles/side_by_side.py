"""The graduation preview: per setting, the source's value, the target's now, and what it will get.

Built before anything is written, from the profile, the target's verification and the apply
door's plan, so the admin sees exactly which settings change, which already match, which only a
person can do, and which the wizard cannot set (a missing package, for one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from wizard.apply.model import GuidePlan
from wizard.checks.registry import check_names
from wizard.engine.changes import Change
from wizard.engine.results import CheckResult, Status
from wizard.guides.schema import Guide
from wizard.profiles.model import SetupProfile

Action = Literal["keep", "change", "manual", "cannot", "skip"]


@dataclass(frozen=True)
class SideBySideRow:
    """One setting of the guide across both orgs."""

    page_id: str
    page_title: str
    setting_id: str
    label: str
    source: str
    target_now: str
    target_will_get: str
    action: Action
    environment_dependent: bool


def _changes_by_setting(plan: GuidePlan) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for step in plan.plans:
        for change in step.changes:
            for setting_id in change.check_ids:
                found.setdefault(setting_id, []).append(change)
    return found


def _will_get(changes: list[Change]) -> str:
    if len(changes) == 1:
        return changes[0].desired
    return "; ".join(f"{c.setting}: {c.desired}" for c in changes)


def _value(status: Status | None, observed: str) -> str:
    if status == Status.MANUAL:
        return "(manual step)"
    if status == Status.SKIPPED and not observed:
        return "(not checked)"
    return observed or "(not set)"


def side_by_side(profile: SetupProfile, guide: Guide, results: Iterable[CheckResult], plan: GuidePlan) -> list[SideBySideRow]:
    """One row per captured setting, in guide order."""
    by_id = {r.check_id: r for r in results}
    planned = _changes_by_setting(plan)
    #: Settings no fix writes may still follow from one (a new site brings its guest user).
    followers = {str(step.payload.get("key")): step.title for step in plan.plans if step.payload.get("key")}
    captured = {s.id: s for s in profile.settings}
    salesforce_checks = check_names()
    rows: list[SideBySideRow] = []
    for page, setting in guide.settings():
        source = captured.get(setting.id)
        if source is None:
            continue
        now = by_id.get(setting.id)
        status = now.status if now else None
        if setting.manual is not None:
            action: Action = "manual"
            will = f"by hand: {setting.manual.do}"
        elif setting.check not in salesforce_checks:
            action, will = "keep", f"checked on {guide.provider}'s side" + (" after the switch" if setting.check.startswith("ringcentral.") else "")
        elif setting.id in planned:
            action, will = "change", _will_get(planned[setting.id])
        elif status in (Status.PASS, Status.WARN) or (status == Status.SKIPPED and source.status == Status.SKIPPED):
            action, will = "keep", "unchanged (already as the guide asks)" if status != Status.SKIPPED else "unchanged (optional, not done)"
        elif status == Status.SKIPPED:
            action, will = "skip", "not part of this graduation"
        elif (step := followers.get(str(setting.params.get("name")))) is not None:
            action, will = "change", f"follows from: {step}"
        else:
            action = "cannot"
            will = f"cannot be set by the wizard: {now.fix.hint if now and now.fix else 'follow the guide page in Setup.'}"
        rows.append(SideBySideRow(
            page_id=page.id,
            page_title=page.title,
            setting_id=setting.id,
            label=setting.label,
            source=_value(source.status, source.value),
            target_now=_value(status, now.observed if now else ""),
            target_will_get=will,
            action=action,
            environment_dependent=bool(source.depends_on),
        ))
    return rows
