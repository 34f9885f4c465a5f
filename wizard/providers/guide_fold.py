"""Put provider results on the guide's own settings, so the runner takes them as ``extra`` results.

The SFTP and AWS checks judge the delivery and the account rule by rule (``execvision.cadence``,
``aws.bucket.cors``...), while the guide files name the settings the vendor's guide names
(``execvision.upload.frequency``, ``aws.s3.cors``). The runner only takes an extra result whose
(page id, check id) is a setting of the guide, so each provider maps its checks onto settings and
`fold` turns the results of one setting's checks into that setting's result: the worst status, the
observations side by side, every piece of evidence, and the fix of the check that needs it most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wizard.engine.results import SEVERITY, CheckResult, Evidence, Fix, Status, worst
from wizard.guides.schema import Guide

#: Setting id -> the provider check ids that judge it.
SettingMap = Mapping[str, tuple[str, ...]]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ")")) else text + "."


def _rank(result: CheckResult) -> int:
    return SEVERITY.index(result.status)


def fold(guide: Guide, mapping: SettingMap, results: Iterable[CheckResult]) -> list[CheckResult]:
    """One result per guide setting that some of `results` judge (settings of other guides: none)."""
    by_check: dict[str, list[CheckResult]] = {}
    for result in results:
        by_check.setdefault(result.check_id, []).append(result)
    folded = []
    for page, setting in guide.settings():
        parts = [r for check_id in mapping.get(setting.id, ()) for r in by_check.get(check_id, [])]
        if not parts:
            continue
        status = worst([r.status for r in parts])
        ordered = sorted(parts, key=_rank)  # the most pressing first
        if len(parts) == 1:
            observed = parts[0].observed
        else:
            observed = "; ".join(f"{r.setting}: {r.observed}" for r in ordered if r.observed)
        needing = [r for r in ordered if not r.ok]
        message = " ".join(_sentence(m) for m in dict.fromkeys(r.message for r in (needing or ordered) if r.message))
        fix = next((r.fix for r in needing if r.fix is not None), None)
        if fix is not None and status not in (Status.PASS, Status.SKIPPED):
            fix = Fix(hint=fix.hint, fix_name=fix.fix_name, setup_page=fix.setup_page or page.setup_page,
                      console_url=fix.console_url or page.console_url)
        else:
            fix = None
        evidence: tuple[Evidence, ...] = tuple(dict.fromkeys(e for r in ordered for e in r.evidence))
        folded.append(CheckResult(
            guide_id=guide.id, page_id=page.id, check_id=setting.id, setting=setting.label, status=status,
            expected="; ".join(dict.fromkeys(r.expected for r in ordered if r.expected)),
            observed=observed, message=message, evidence=evidence, fix=fix,
        ))
    return folded


def unreadable(guide: Guide, mapping: SettingMap, observed: str, message: str, hint: str,
               page_ids: Iterable[str] | None = None) -> list[CheckResult]:
    """"Could not check" on every mapped setting (the provider could not be reached at all)."""
    wanted = set(page_ids) if page_ids is not None else None
    return [
        CheckResult(guide_id=guide.id, page_id=page.id, check_id=setting.id, setting=setting.label, status=Status.ERROR,
                    observed=observed, message=message, fix=Fix(hint=hint, console_url=page.console_url))
        for page, setting in guide.settings()
        if setting.id in mapping and (wanted is None or page.id in wanted)
    ]


def mapped_pages(guide: Guide, mapping: SettingMap) -> list[str]:
    """The ids of the guide's pages that hold a mapped setting, in guide order."""
    return list(dict.fromkeys(page.id for page, setting in guide.settings() if setting.id in mapping))
