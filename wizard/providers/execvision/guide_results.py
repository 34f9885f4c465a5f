"""The ExecVision checks on the guide's own settings (the window's rows and the report's lines).

The delivery check judges rule by rule (`findings.RULES`); the guide file names the settings the
vendor's guide lists. The vendor's guide has two cases, and so does this mapping: Five9 (its push
and pull pages, and its Salesforce link) and homegrown or rarer dialers (the upload folder, the
recording names and the metadata pages). `setting_map(mode, case)` says which rules judge which
setting in the case the admin chose; every setting on a page of the other case is
"Skipped: not your case" (`not_your_case`), never passed or failed. Settings no rule covers (the
time zone agreed with the implementation manager, the delivery model itself) stay manual, and so
does the Five9 naming row when no layout was given (the guide gives none to judge names by).
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.engine.results import CheckResult, Fix, Status
from wizard.guides.schema import Guide
from wizard.providers.guide_fold import SettingMap, fold

from .findings import CASE_WORDS, FIVE9, HOMEGROWN

#: The pages of each case (the first page, choose-delivery, belongs to both).
CASE_PAGES: dict[str, tuple[str, ...]] = {
    FIVE9: ("sftp-push", "sftp-pull", "salesforce-link"),
    HOMEGROWN: ("upload-folder", "recording-names", "metadata-files", "metadata-updates"),
}

HOMEGROWN_MAP: dict[str, tuple[str, ...]] = {
    "execvision.upload.account": ("execvision.connection", "execvision.host-key", "execvision.read-access"),
    "execvision.upload.data-subdirectory": ("execvision.data-folder", "execvision.write-access"),
    "execvision.upload.no-folders": ("execvision.no-directories",),
    "execvision.upload.formats": ("execvision.media-type", "execvision.other-files"),
    "execvision.upload.max-size": ("execvision.file-size",),
    "execvision.upload.frequency": ("execvision.cadence",),
    "execvision.names.pattern": ("execvision.recording-name",),
    "execvision.metadata.one-per-recording": ("execvision.metadata-pair", "execvision.metadata-parse"),
    "execvision.metadata.flat": ("execvision.metadata-nested",),
    "execvision.metadata.naming": ("execvision.metadata-name",),
    "execvision.metadata.fields": ("execvision.metadata-fields",),
    "execvision.metadata.updates": ("execvision.metadata-updates",),
}
_FIVE9_METADATA = ("execvision.metadata-pair", "execvision.metadata-parse", "execvision.metadata-nested")
PUSH: dict[str, tuple[str, ...]] = {
    "execvision.push.credentials": ("execvision.connection", "execvision.host-key"),
    "execvision.push.recording-folder": ("execvision.recording-folder", "execvision.write-access"),
    "execvision.push.schedule": ("execvision.cadence",),
    "execvision.push.file-names": ("execvision.five9-info",),
    "execvision.push.metadata-files": _FIVE9_METADATA,
}
PULL: dict[str, tuple[str, ...]] = {
    "execvision.pull.server": ("execvision.connection", "execvision.host-key", "execvision.read-access"),
    "execvision.pull.schedule": ("execvision.cadence",),
    "execvision.pull.file-names": ("execvision.five9-info",),
    "execvision.pull.metadata-files": _FIVE9_METADATA,
}


def setting_map(mode: str, case: str | None = None) -> SettingMap:
    """Setting id -> rule check ids, for the delivery model ``push`` or ``pull`` and the guide's case.

    Without a case: every setting a rule can land on in either case (the pages a delivery check may change).
    """
    five9 = PULL if mode == "pull" else PUSH
    if case == FIVE9:
        return five9
    if case == HOMEGROWN:
        return HOMEGROWN_MAP
    return {**five9, **HOMEGROWN_MAP}


def not_your_case(guide: Guide, case: str) -> list[CheckResult]:
    """"Skipped: not your case" on every setting of the other case's pages, with what to do if the choice was wrong."""
    other = HOMEGROWN if case == FIVE9 else FIVE9
    pages = CASE_PAGES[other]
    observed = f"not your case: this page is for {CASE_WORDS[other]}, and you said your recordings come from {CASE_WORDS[case]}"
    hint = (f"Nothing to do here. If your recordings come from {CASE_WORDS[other]}, choose that case in the delivery "
            "check on the first page and check again")
    return [
        CheckResult(guide_id=guide.id, page_id=page.id, check_id=setting.id, setting=setting.label, status=Status.SKIPPED,
                    expected=f"only for {CASE_WORDS[other]}", observed=observed,
                    message=f"Not your case: this page is for {CASE_WORDS[other]}; your recordings come from {CASE_WORDS[case]}.",
                    fix=Fix(hint=hint))
        for page, setting in guide.settings() if page.id in pages
    ]


def refreshed_pages(guide: Guide, mode: str) -> list[str]:
    """The pages a delivery check or a change of case can change: both cases' pages (one is judged, the other skipped)."""
    wanted = {p for pages in CASE_PAGES.values() for p in pages}
    return [page.id for page in guide.pages if page.id in wanted]


def guide_results(guide: Guide, results: Iterable[CheckResult], mode: str, case: str | None = None) -> list[CheckResult]:
    """The delivery check's results as results of the guide's settings, judged in the guide's case.

    A Five9 naming row the check could only mark "to confirm" (no layout given) is left to the guide's own
    manual step, so the admin can still confirm it by hand; the other case's pages are `not_your_case`.
    """
    mapped = [r for r in results if not (r.check_id == "execvision.five9-info" and r.status is Status.MANUAL)]
    folded = fold(guide, setting_map(mode, case), mapped)
    return folded + (not_your_case(guide, case) if case in (FIVE9, HOMEGROWN) else [])
