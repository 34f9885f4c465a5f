"""The report's pages: one row per guide setting, matched to the run's result for it.

Every guide setting gets a row, even one the run has no result for (it shows as skipped, so a gap
in the verification is visible rather than silently absent), and a result the guide does not
know is still shown, under its page or under "Other checks". A manual step the admin confirmed by
hand (`CheckResult.confirmed_by_hand`) stays a manual step here, with who and when: the wizard
never reports a person's word as a pass it verified.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo

from wizard.engine.results import MANUAL_CONFIRMATION_SOURCE, CheckResult, Status, worst
from wizard.engine.run_record import VerificationRun
from wizard.guides.schema import Guide, PageSpec, SettingSpec, console_for
from wizard.report.evidence import EvidenceIndex
from wizard.report.expected import DescribeExpected
from wizard.report.model import Confirmation, FixInfo, Page, Row
from wizard.report.timefmt import moment

OTHER_PAGE_ID = "other-checks"


class _ResultIndex:
    """Finds the result of each guide setting: by setting id, else by its unique check name."""

    def __init__(self, results: Iterable[CheckResult]) -> None:
        self.results = list(results)
        self.used: set[int] = set()

    def take(self, page: PageSpec, setting: SettingSpec) -> CheckResult | None:
        same_check = [s for s in page.settings if s.check == setting.check]
        for i, result in enumerate(self.results):
            if i in self.used or result.page_id != page.id:
                continue
            if result.check_id == setting.id or (len(same_check) == 1 and result.check_id == setting.check):
                self.used.add(i)
                return result
        return None

    def leftovers(self) -> list[CheckResult]:
        return [r for i, r in enumerate(self.results) if i not in self.used]


def _awaits_check(status: Status, setting: SettingSpec | None) -> bool:
    """A setting the wizard checks itself whose check has not decided it: "to check", not a step to confirm.

    Either its provider check waits for what it needs (a manual-status result), or it is checked on
    the provider's side and that side was not checked in this run (`verify` skips it; the provider's
    own command or the window's panel checks it). A skipped Salesforce setting is not one: nobody
    looked at it (`wizard.report.verdict.is_unchecked`).
    """
    if setting is None or setting.manual is not None:
        return False
    if status is Status.MANUAL:
        return True
    from wizard.checks.registry import check_names

    return status is Status.SKIPPED and bool(setting.check) and setting.check not in check_names()


class RowBuilder:
    """Turns a run's results into the report's pages, row by row, collecting the evidence cited."""

    def __init__(self, guide: Guide, run: VerificationRun, zone: tzinfo, describe: DescribeExpected) -> None:
        self.guide, self.run, self.zone, self.describe = guide, run, zone, describe
        self.evidence = EvidenceIndex()
        self.confirmations = {(c.page_id, c.setting_id): c for c in run.confirmations}

    def row(self, number: str, page: PageSpec | None, setting: SettingSpec | None, result: CheckResult | None) -> Row:
        status = result.status if result else (Status.MANUAL if setting and setting.manual else Status.SKIPPED)
        setting_id = setting.id if setting else (result.check_id if result else "")
        confirmation = self.confirmations.get((page.id if page else "", setting_id))
        attested = confirmation is not None and (status is Status.MANUAL or (result is not None and result.confirmed_by_hand))
        observed = result.observed if result else ""
        message = result.message if result else ("" if status is Status.MANUAL else "Not checked in this run.")
        evidence = result.evidence if result else ()
        fix = None
        if attested:
            # A person's word, not a check the wizard made: a manual step with who and when, never a
            # pass, and nothing from the time before it was confirmed ("not confirmed yet").
            status, observed, message = Status.MANUAL, "", ""
            evidence = tuple(e for e in evidence if e.source != MANUAL_CONFIRMATION_SOURCE)
        elif status not in (Status.PASS, Status.SKIPPED):
            fix = self._fix(page, setting, result)
        if fix is not None and message.strip() == fix.hint.strip():
            message = ""  # said once, as what to do
        return Row(
            number=number,
            setting_id=setting_id,
            check_id=result.check_id if result else (setting.check or "" if setting else ""),
            setting=setting.label if setting else (result.setting if result else setting_id),
            optional=bool(setting and setting.optional),
            expected=(result.expected if result and result.expected else (self.describe(setting) if setting else "")),
            observed=observed,
            status=status,
            message=message,
            evidence=self.evidence.refs(evidence),
            fix=fix,
            confirmation=(
                Confirmation(by=confirmation.by, at=moment(confirmation.at, self.zone), note=confirmation.note)
                if confirmation is not None and attested
                else None
            ),
            # The window counts these "to check" (no "I've done this" button): the same rule here.
            awaits_check=not attested and _awaits_check(status, setting),
        )

    @staticmethod
    def _fix(page: PageSpec | None, setting: SettingSpec | None, result: CheckResult | None) -> FixInfo | None:
        """The result's own fix decides (an error's fix is "sign in again", with no Setup page);
        a manual step without one gets the guide's instructions and the page's Setup link."""
        fix = result.fix if result else None
        if fix is not None:
            return FixInfo(hint=fix.hint, setup_page=fix.setup_page, fix_name=fix.fix_name, console_url=fix.console_url)
        manual = setting.manual if setting else None
        if manual is None:
            return None
        return FixInfo(
            hint=manual.do,
            setup_page=(setting.setup_page if setting else None) or (page.setup_page if page else None),
            fix_name=setting.fix if setting else None,
            console_url=console_for(page, setting),
        )

    def pages(self) -> list[Page]:
        index = _ResultIndex(self.run.results)
        built: list[tuple[PageSpec | None, list[Row]]] = []
        for number, page in enumerate(self.guide.pages, start=1):
            rows = [
                self.row(f"{number}.{i}", page, setting, index.take(page, setting))
                for i, setting in enumerate(page.settings, start=1)
            ]
            built.append((page, rows))
        known = {page.id: rows for page, rows in built if page is not None}
        strays: list[CheckResult] = []
        for result in index.leftovers():
            if result.page_id in known:
                rows = known[result.page_id]
                page = self.guide.page(result.page_id)
                number = self.guide.pages.index(page) + 1
                rows.append(self.row(f"{number}.{len(rows) + 1}", page, None, result))
            else:
                strays.append(result)
        pages = [report_page(number, page, rows) for number, (page, rows) in enumerate(built, start=1) if page]
        if strays:
            number = len(pages) + 1
            rows = [self.row(f"{number}.{i}", None, None, r) for i, r in enumerate(strays, start=1)]
            pages.append(
                Page(
                    number=number,
                    id=OTHER_PAGE_ID,
                    title="Other checks",
                    status=worst([r.counted_status for r in rows if r.counted_status]),
                    confirmed_by_hand=sum(1 for r in rows if r.done_by_hand),
                    rows=rows,
                )
            )
        return pages


def report_page(number: int, page: PageSpec, rows: list[Row]) -> Page:
    """A guide page of the report, its status the worst its rows count as (None when it has none)."""
    return Page(
        number=number,
        id=page.id,
        title=page.title,
        source_section=page.source_section,
        side=page.side,
        summary=page.summary,
        optional=page.optional,
        status=worst([r.counted_status for r in rows if r.counted_status]) if rows else None,
        confirmed_by_hand=sum(1 for r in rows if r.done_by_hand),
        rows=rows,
    )
