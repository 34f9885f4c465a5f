"""Compare the source org (as captured) with the target org (as just verified), setting by setting.

Every setting lands in one category, and every category but 'unexplained' says why:

- ``same``: the values match (order of list items and a trailing slash don't count);
- ``environment``: the raw values differ, but only in what each org owns (its My Domain URL and
  what is built on it, its kind of ECI app): the portable forms match;
- ``intentional``: they differ because the admin chose so at graduation (RingCentral production
  instead of sandbox, other AWS names), and the target has what was chosen;
- ``manual``: a step no API can read; it is confirmed by hand in the target;
- ``unexplained``: a difference nothing above accounts for, or a setting the target fails;
- ``not_checked``: the target's check was never made (a provider side that was not connected),
  so there is nothing to compare: counting it as ``same`` would claim parity nobody verified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from wizard.checks.common import normalise_scopes
from wizard.engine.results import CheckResult, Status
from wizard.guides.schema import Guide
from wizard.profiles.environment import EnvContext, portable
from wizard.profiles.model import CapturedSetting, EnvironmentValue, SetupProfile

Category = Literal["same", "environment", "intentional", "manual", "unexplained", "not_checked"]
CATEGORIES: tuple[Category, ...] = ("same", "environment", "intentional", "manual", "unexplained", "not_checked")
BAD = (Status.FAIL, Status.ERROR)
#: Checks whose observed value lists more than the guide asks for (all of a user's permission
#: sets, every installed package): the outcome is what counts, not the whole list.
OUTCOME_ONLY = {"user.permission_set", "site.guest_permission_sets", "package.installed", "permission_set.assigned"}
#: Checks whose observed value is an unordered list.
AS_SET = {"eci_app.profiles"}
#: Checks whose observed value is a list of OAuth scopes, or holds one after "Scope: ".
SCOPES_ONLY = {"eci_app.scopes", "auth_provider.scopes"}
WITH_SCOPE = {"named_credential.auth"}


@dataclass(frozen=True)
class SettingComparison:
    """One setting in both orgs and what their difference (if any) means."""

    page_id: str
    setting_id: str
    label: str
    check: str | None
    source_value: str
    source_status: Status
    target_value: str
    target_status: Status | None
    category: Category
    explanation: str


def _scopes(text: str) -> str:
    """Scopes in one canonical order and spelling (Salesforce treats offline_access as refresh_token)."""
    return " ".join(sorted(normalise_scopes(text)))


def _normal(text: str, check: str | None = None) -> str:
    """Case, spacing, a trailing slash before a separator or the end, and scope spellings don't count."""
    text = (text or "").strip()
    if check in SCOPES_ONLY:
        text = _scopes(text)
    elif check in WITH_SCOPE:
        text = re.sub(r"(Scope: )([^;]*)", lambda m: m.group(1) + _scopes(m.group(2)), text)
    text = re.sub(r"/+(?=$|[;,\s])", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def _items(text: str) -> frozenset[str]:
    return frozenset(_normal(part) for part in re.split(r"[,;]", text or "") if part.strip())


def _equal(a: str, b: str, check: str | None) -> bool:
    if check in AS_SET:
        return _items(a) == _items(b)
    return _normal(a, check) == _normal(b, check)


def _env_reason(keys: list[str], env: dict[str, EnvironmentValue]) -> str:
    parts = [f"{env[k].label}: {env[k].how}" for k in keys if k in env]
    return "Each org has its own value. " + " ".join(parts) if parts else "Each org has its own value."


def _chosen_text(keys: list[str], env: dict[str, EnvironmentValue], changed: dict[str, tuple[str | None, str]]) -> str:
    said = "; ".join(f"{env[k].label}: {changed[k][1]} (the source used {changed[k][0] or 'none'})" for k in keys if k in env)
    return f"Chosen at graduation: {said}."


#: Checks of a sign-in made in the org itself (a token for the ECI app), never copied by graduation:
#: the target needs its own, so a difference is a step to do there, not a difference to explain.
SIGN_IN_STATE = frozenset({"eci_app.authorized"})
#: Checks of a job each org runs on its own (Natterbox's retry job): its run times are always the
#: org's own, so only whether it runs is compared; a target still waiting for it is a step to watch.
OWN_JOB = frozenset({"scheduled_job.running"})


def compare_setting(
    captured: CapturedSetting,
    result: CheckResult | None,
    target_ctx: EnvContext,
    env: dict[str, EnvironmentValue],
    changed_choices: dict[str, tuple[str | None, str]],
) -> SettingComparison:
    """Classify one setting (see the module docstring for the categories)."""
    base = {"page_id": captured.page, "setting_id": captured.id, "label": captured.label, "check": captured.check,
            "source_value": captured.value, "source_status": captured.status}
    if result is None:
        return SettingComparison(**base, target_value="", target_status=None, category="unexplained",
                                 explanation="The target was not verified for this setting.")
    base |= {"target_value": result.observed, "target_status": result.status}
    if captured.check in SIGN_IN_STATE:
        done = result.status == Status.PASS
        return SettingComparison(**base, category="manual", explanation=(
            "Each org has its own sign-ins: " + ("someone has authorized the ECI app in the target." if done
                                                 else "authenticate the ECI named credential in the target, as in the source.")))
    if captured.check in OWN_JOB and result.status not in BAD:
        if result.status == Status.PASS:
            return SettingComparison(**base, category="same", explanation=(
                "Each org runs its own job: it runs in the target too, on the target's own times."))
        return SettingComparison(**base, category="manual", explanation=f"Each org runs its own job. {result.message}")
    if captured.kind == "manual" or (result.status == Status.MANUAL and not captured.check):
        done = result.status == Status.PASS
        return SettingComparison(**base, category="manual", explanation=(
            "No API can read this step; " + ("it was confirmed by hand in the target." if done else f"confirm it by hand in the target: {result.message}")
        ))
    if result.status == Status.SKIPPED and not result.observed.strip():
        return SettingComparison(**base, category="not_checked", explanation=_not_checked_text(captured, result))
    chosen = [k for k in captured.depends_on if k in changed_choices]
    if result.status in BAD and not (captured.status in BAD and _equal(captured.value, result.observed, captured.check)):
        return SettingComparison(**base, category="unexplained", explanation=f"The target fails this check: {result.message or result.status.label}")
    if captured.status == Status.SKIPPED and not captured.value.strip() and result.status == Status.PASS:
        note = "Not checked in the source (it is read on the provider's side); the target passes."
        if chosen:
            return SettingComparison(**base, category="intentional", explanation=f"{note} {_chosen_text(chosen, env, changed_choices)}")
        return SettingComparison(**base, category="environment" if captured.depends_on else "same", explanation=note)
    if captured.check in OUTCOME_ONLY:
        if captured.status == result.status or (captured.status.value in ("pass", "warn") and result.status == Status.PASS):
            extra = "" if _equal(captured.value, result.observed, None) else " The listed items differ only in ones the guide does not ask for."
            return SettingComparison(**base, category="same", explanation=f"Both orgs meet the guide here.{extra}")
        return SettingComparison(**base, category="unexplained", explanation=f"The outcome differs: {captured.status.label} in the source, {result.status.label} in the target.")
    if _equal(captured.value, result.observed, captured.check) and captured.status == result.status:
        return SettingComparison(**base, category="same", explanation="")
    target_portable = portable(result.observed, captured.check, target_ctx)
    if _equal(captured.portable, target_portable, captured.check):
        if chosen:
            status_note = "" if captured.status == result.status else f" The check is {result.status.label.lower()} in the target ({captured.status.label.lower()} in the source)."
            return SettingComparison(**base, category="intentional", explanation=_chosen_text(chosen, env, changed_choices) + status_note)
        if captured.status != result.status and result.status not in (Status.PASS, Status.SKIPPED):
            return SettingComparison(**base, category="unexplained", explanation=f"The same value, but the target's check says: {result.message}")
        keys = [k for k in captured.depends_on if k in env] or ["my_domain_url"]
        return SettingComparison(**base, category="environment", explanation=_env_reason(keys, env))
    return SettingComparison(**base, category="unexplained", explanation=(
        "The values differ and nothing in the profile explains it: neither an org's own address nor a choice made at graduation."
    ))


def _not_checked_text(captured: CapturedSetting, result: CheckResult) -> str:
    """What was (not) seen on each side and how to get the comparison made."""
    why = f" ({result.message.rstrip('.')})" if result.message.strip() else ""
    if captured.status == Status.SKIPPED and not captured.value.strip():
        seen = f"Checked in neither org{why}, so the two were not compared."
    else:
        seen = f"Not checked in the target{why}; the source had {captured.value or '(not set)'} ({captured.status.label.lower()})."
    return f"{seen} Connect the provider's side in the wizard and verify the target again to compare it, or check it by hand in both orgs."


def changed_choices(profile: SetupProfile, answers: dict[str, str]) -> dict[str, tuple[str | None, str]]:
    """Choice keys whose answer differs from the source's value: key -> (source, target)."""
    out: dict[str, tuple[str | None, str]] = {}
    for env in profile.environment:
        if env.derive == "choice" and env.key in answers and answers[env.key] and answers[env.key] != env.value:
            out[env.key] = (env.value, answers[env.key])
    return out


def compare_orgs(
    profile: SetupProfile,
    guide: Guide,
    results: Iterable[CheckResult],
    target_ctx: EnvContext,
    answers: dict[str, str],
) -> list[SettingComparison]:
    """Every captured setting compared with the target's result, in guide order."""
    by_id = {r.check_id: r for r in results}
    env = {e.key: e for e in profile.environment}
    changed = changed_choices(profile, answers)
    captured = {s.id: s for s in profile.settings}
    return [
        compare_setting(captured[setting.id], by_id.get(setting.id), target_ctx, env, changed)
        for _page, setting in guide.settings()
        if setting.id in captured
    ]


def counts(rows: Iterable[SettingComparison]) -> dict[Category, int]:
    found = dict.fromkeys(CATEGORIES, 0)
    for row in rows:
        found[row.category] += 1
    return found
