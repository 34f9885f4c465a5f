"""Build the report model from a guide and a verification run (or from the guide alone).

The guide gives the order and the words (page titles, setting labels, manual steps); the run
gives what was found. Every guide setting gets a row, even one the run has no result for (it
shows as skipped, so a gap in the verification is visible rather than silently absent), and a
result the guide does not know is still shown, under its page or under "Other checks".
Everything passes through the `Redactor` last, so no renderer ever sees a secret.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from functools import partial

from wizard import __version__
from wizard.engine.changes import AppliedChange
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult, Status, worst
from wizard.engine.run_record import PreflightItem, VerificationRun
from wizard.guides.schema import Guide, PageSpec, SettingSpec
from wizard.report.evidence import EvidenceIndex
from wizard.report.expected import DescribeExpected, describe_expected
from wizard.report.model import (
    ChangeRow,
    Confirmation,
    ConfirmationRow,
    FixInfo,
    GuideHeader,
    Header,
    OrgHeader,
    Page,
    PreflightRow,
    Report,
    Row,
    SourceHeader,
    Summary,
    TodoItem,
    UserFacts,
)
from wizard.report.redact import Redactor
from wizard.report.timefmt import local_zone, moment, zone_label
from wizard.report.verdict import is_unchecked, verdict

OTHER_PAGE_ID = "other-checks"
#: The preflight line that says whether the org is a sandbox or production.
ENVIRONMENT_ITEM = "Environment"
#: The evidence source of a result that only records the admin's "I've done this" (the runner and
#: the RingCentral checks write it): an attestation, not a read the wizard made.
MANUAL_CONFIRMATION_SOURCE = "Manual confirmation"


def _guide_header(guide: Guide) -> GuideHeader:
    source = guide.source
    return GuideHeader(
        id=guide.id,
        title=guide.title,
        provider=guide.provider,
        source=SourceHeader(file=source.file, title=source.title, publisher=source.publisher, date=source.date, url=source.url),
    )


def _org_header(run: VerificationRun) -> OrgHeader | None:
    org = run.org
    if org is None:
        return None
    return OrgHeader(
        name=org.name,
        org_id=org.org_id,
        edition=org.edition,
        environment="Sandbox" if org.is_sandbox else "Production",
        instance=org.instance_name,
        instance_url=org.instance_url,
        my_domain=org.my_domain_url,
        api_version=org.api_version,
        user=UserFacts(username=org.username, display_name=org.user_display_name, user_id=org.user_id),
    )


def _attestation(result: CheckResult) -> bool:
    """A pass that only records the admin's confirmation (how the window's checks mark a confirmed step)."""
    return result.status is Status.PASS and any(e.source == MANUAL_CONFIRMATION_SOURCE for e in result.evidence)


def _preflight_row(item: PreflightItem, org: OrgFacts | None) -> PreflightRow:
    """One preflight line; a production org is a fact about the org, not a warning against the setup.

    The sign-in preflight marks production with a warning so the admin pauses before writing
    (every change to production also asks for a typed confirmation). In the report that caution
    stays as the line's message, but being production is not something left to put right: an org
    set up in full must be able to read "Ready".
    """
    status = item.status
    if item.name == ENVIRONMENT_ITEM and status is Status.WARN and org is not None and not org.is_sandbox:
        status = Status.PASS
    return PreflightRow(name=item.name, status=status, observed=item.observed, expected=item.expected, message=item.message)


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


class _Builder:
    def __init__(self, guide: Guide, run: VerificationRun, zone: tzinfo, describe: DescribeExpected) -> None:
        self.guide, self.run, self.zone, self.describe = guide, run, zone, describe
        self.evidence = EvidenceIndex()
        self.confirmations = {(c.page_id, c.setting_id): c for c in run.confirmations}

    def row(self, number: str, page: PageSpec | None, setting: SettingSpec | None, result: CheckResult | None) -> Row:
        status = result.status if result else (Status.MANUAL if setting and setting.manual else Status.SKIPPED)
        setting_id = setting.id if setting else (result.check_id if result else "")
        confirmation = self.confirmations.get((page.id if page else "", setting_id))
        attested = confirmation is not None and (status is Status.MANUAL or (result is not None and _attestation(result)))
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
            setup_page=page.setup_page if page else None,
            fix_name=setting.fix if setting else None,
            console_url=page.console_url if page else None,
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
        pages = [self._page(number, page, rows) for number, (page, rows) in enumerate(built, start=1) if page]
        if strays:
            number = len(pages) + 1
            rows = [self.row(f"{number}.{i}", None, None, r) for i, r in enumerate(strays, start=1)]
            pages.append(
                Page(number=number, id=OTHER_PAGE_ID, title="Other checks", status=worst([r.status for r in rows if r.status]), rows=rows)
            )
        return pages

    @staticmethod
    def _page(number: int, page: PageSpec, rows: list[Row]) -> Page:
        return Page(
            number=number,
            id=page.id,
            title=page.title,
            source_section=page.source_section,
            side=page.side,
            summary=page.summary,
            optional=page.optional,
            status=worst([r.status for r in rows if r.status]) if rows else None,
            rows=rows,
        )


def _todo(guide: Guide, pages: list[Page]) -> list[TodoItem]:
    """Everything not done, in guide order; without a fix, the problem and the page's Setup link.

    A setting that was never checked (and that the guide does not mark optional) is not done
    either: it is listed with the page of the wizard that checks it.
    """
    specs = {p.id: p for p in guide.pages}
    items = []
    for page in pages:
        spec = specs.get(page.id)
        for row in page.rows:
            never_checked = is_unchecked(row, page)
            if not never_checked and (
                row.status in (None, Status.PASS, Status.SKIPPED) or (row.status is Status.MANUAL and row.confirmation)
            ):
                continue
            assert row.status is not None
            fix = row.fix
            if never_checked:
                why = row.message.rstrip(".") + ". " if row.message else ""
                what_to_do = f"{why}Check it on the wizard's page “{page.title}”."
            else:
                what_to_do = fix.hint if fix else (row.message or f"Go through the page '{page.title}' again.")
            items.append(
                TodoItem(
                    number=row.number,
                    page_title=page.title,
                    setting=row.setting,
                    status=row.status,
                    what_to_do=what_to_do,
                    setup_page=fix.setup_page if fix else (spec.setup_page if spec else None),
                    console_url=fix.console_url if fix else (spec.console_url if spec else None),
                    fix_name=fix.fix_name if fix else None,
                )
            )
    return items


def change_row(change: AppliedChange, zone: tzinfo | None = None) -> ChangeRow:
    """A change the wizard made, as both reports (verification and parity) show it."""
    return ChangeRow(target=change.target, setting=change.setting, before=change.before, after=change.after,
                     at=moment(change.at, zone), by=change.by, backup_id=change.backup_id)


def _confirmation_rows(guide: Guide, run: VerificationRun, zone: tzinfo) -> list[ConfirmationRow]:
    labels = {(p.id, s.id): (p.title, s.label) for p, s in guide.settings()}
    rows = []
    for c in sorted(run.confirmations, key=lambda c: c.at):
        page_title, label = labels.get((c.page_id, c.setting_id), (c.page_id, c.setting_id))
        rows.append(
            ConfirmationRow(page_id=c.page_id, page_title=page_title, setting_id=c.setting_id, setting=label, by=c.by, at=moment(c.at, zone), note=c.note)
        )
    return rows


def _finish(report: Report, secrets: Iterable[str]) -> Report:
    """Mask secrets across every string of the report, and record how many were masked."""
    redactor = Redactor(secrets)
    data = redactor.data(report.model_dump(mode="json"))
    data["redactions"] = redactor.count
    return Report.model_validate(data)


def build_report(
    guide: Guide,
    run: VerificationRun,
    *,
    secrets: Iterable[str] = (),
    now: datetime | None = None,
    zone: tzinfo | None = None,
    describe: DescribeExpected = describe_expected,
) -> Report:
    """The verification report of `run` against `guide`.

    `secrets` are the exact secret values in play (from `wizard.secrets`); they are masked
    wherever they appear, as are credential-shaped strings (see `wizard.report.redact`).
    """
    zone = zone or local_zone()
    if describe is describe_expected and run.org is not None:
        describe = partial(describe_expected, facts=run.org)  # the org's own values (its My Domain) filled in
    builder = _Builder(guide, run, zone, describe)
    pages = builder.pages()
    rows = [row for page in pages for row in page.rows]
    counts = {status: 0 for status in Status}
    for row in rows:
        if row.status is not None:
            counts[row.status] += 1
    preflight = [_preflight_row(p, run.org) for p in run.preflight]
    report = Report(
        kind="verification",
        generated=moment(now or datetime.now(UTC), zone),
        header=Header(
            title="Verification report",
            org=_org_header(run),
            wizard_version=run.wizard_version,
            guide=_guide_header(guide),
            started=moment(run.started, zone),
            finished=moment(run.finished, zone),
            timezone=zone_label(run.started, zone),
            requests_made=run.requests_made,
        ),
        summary=Summary(
            counts=counts,
            total=len(rows),
            manual_confirmed=sum(1 for r in rows if r.status is Status.MANUAL and r.confirmation),
            verdict=verdict(pages, preflight),
        ),
        preflight=preflight,
        pages=pages,
        changes=[change_row(c, zone) for c in sorted(run.changes, key=lambda c: c.at)],
        confirmations=_confirmation_rows(guide, run, zone),
        todo=_todo(guide, pages),
        evidence=builder.evidence.entries(),
    )
    return _finish(report, secrets)


def blank_checklist(
    guide: Guide,
    *,
    wizard_version: str = __version__,
    now: datetime | None = None,
    zone: tzinfo | None = None,
    describe: DescribeExpected = describe_expected,
) -> Report:
    """A printable checklist of `guide` before starting: every setting, its expected value and an
    empty box; nothing observed, no verdict."""
    zone = zone or local_zone()
    pages = []
    for number, page in enumerate(guide.pages, start=1):
        rows = [
            Row(number=f"{number}.{i}", setting_id=s.id, check_id=s.check or "", setting=s.label, optional=s.optional, expected=describe(s))
            for i, s in enumerate(page.settings, start=1)
        ]
        pages.append(_Builder._page(number, page, rows))
    generated = now or datetime.now(UTC)
    report = Report(
        kind="checklist",
        generated=moment(generated, zone),
        header=Header(title="Setup checklist", wizard_version=wizard_version, guide=_guide_header(guide), timezone=zone_label(generated, zone)),
        pages=pages,
    )
    return _finish(report, ())
