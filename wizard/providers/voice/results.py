"""Build the guide's `CheckResult`s for provider-side findings, named as the guide names them.

The runner takes provider results as ``extra`` results keyed by (page id, setting id); these
helpers look the setting up in the guide so each result carries the guide's label, the page's
Setup and console links, and a fix hint. A `ProviderProblem` becomes a failure when it is about
the setting (wrong credentials, no access) and "could not check" when it is about the way there
(DNS, network, TLS, rate limit, a server error): the admin must not be told a key is wrong
because a proxy dropped the request.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.engine.results import CheckResult, Evidence, Fix, Status
from wizard.guides.schema import Guide, PageSpec, SettingSpec
from wizard.providers.voice.problems import ProviderProblem

#: Problem kinds that say something about the setting itself (the rest: the way to it).
VERDICT_KINDS = ("credentials", "access", "not_found")


def find_setting(guide: Guide, setting_id: str, page_id: str | None = None) -> tuple[PageSpec, SettingSpec] | None:
    """The (page, setting) with this id (on this page, if given), or None."""
    for page, setting in guide.settings():
        if setting.id == setting_id and (page_id is None or page.id == page_id):
            return page, setting
    return None


def make_result(
    guide: Guide,
    where: tuple[PageSpec, SettingSpec],
    status: Status,
    *,
    expected: str = "",
    observed: str = "",
    message: str = "",
    evidence: Iterable[Evidence] = (),
    hint: str | None = None,
    fix_name: str | None = None,
) -> CheckResult:
    page, setting = where
    fix = None
    if status not in (Status.PASS, Status.SKIPPED):
        fix = Fix(hint=hint or message, setup_page=page.setup_page, console_url=page.console_url, fix_name=fix_name)
    return CheckResult(
        guide_id=guide.id,
        page_id=page.id,
        check_id=setting.id,
        setting=setting.label,
        status=status,
        expected=expected,
        observed=observed,
        message=message,
        evidence=tuple(dict.fromkeys(evidence)),
        fix=fix,
    )


def problem_result(guide: Guide, where: tuple[PageSpec, SettingSpec], problem: ProviderProblem, evidence: Iterable[Evidence] = (),
                   expected: str | None = None) -> CheckResult:
    """A failure (about the setting) or "could not check" (about the way there), with what to do."""
    status = Status.FAIL if problem.kind in VERDICT_KINDS else Status.ERROR
    observed = problem.seen if status == Status.FAIL else f"(could not be checked: {problem.kind.replace('_', ' ')})"
    # why = what was seen, do = what to do: the message is not seen + todo, or 'do' would repeat it
    return make_result(guide, where, status, expected=expected or problem.expected, observed=observed,
                       message=problem.seen, evidence=evidence, hint=problem.todo)


def waiting_result(guide: Guide, where: tuple[PageSpec, SettingSpec], needs: str, expected: str = "") -> CheckResult:
    """Nothing to check yet because the admin has not given what the check needs."""
    return make_result(guide, where, Status.MANUAL, expected=expected, observed="not checked yet", message=needs, hint=needs)
