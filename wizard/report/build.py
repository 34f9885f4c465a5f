"""Build the report model from a guide and a verification run (or from the guide alone).

The guide gives the order and the words (page titles, setting labels, manual steps); the run
gives what was found. The pages and their rows come from `wizard.report.rows`; this module adds
the header, the summary and verdict, the to-do list, the changes and the confirmations around
them. Everything passes through the `Redactor` last, so no renderer ever sees a secret.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from functools import partial

from wizard import __version__
from wizard.engine.changes import AppliedChange
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.engine.run_record import PreflightItem, VerificationRun
from wizard.guides.schema import Guide
from wizard.report.expected import DescribeExpected, describe_expected
from wizard.report.model import (
    ChangeRow,
    ConfirmationRow,
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
from wizard.report.rows import OTHER_PAGE_ID, RowBuilder, report_page
from wizard.report.standing import Standing, how_to_check, row_standing
from wizard.report.timefmt import local_zone, moment, zone_label
from wizard.report.verdict import is_unchecked, verdict

__all__ = ["OTHER_PAGE_ID", "blank_checklist", "build_report", "change_row", "describe_expected"]

#: The preflight line that says whether the org is a sandbox or production.
ENVIRONMENT_ITEM = "Environment"


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


def _todo(guide: Guide, pages: list[Page], how: str = "") -> list[TodoItem]:
    """Everything not done, in guide order; without a fix, the problem and the page's Setup link.

    A setting that was never checked (and that the guide does not mark optional) is not done
    either: it is listed with the page of the wizard that checks it. So is a setting whose provider
    check has not run here ("to check", with `how` this place runs it); a setting of the other case
    of the guide is not, as there is nothing to do for it.
    """
    specs = {p.id: p for p in guide.pages}
    items = []
    for page in pages:
        spec = specs.get(page.id)
        for row in page.rows:
            never_checked = is_unchecked(row, page)
            to_check = row.status is Status.SKIPPED and row_standing(row, page) is Standing.TO_CHECK
            if not never_checked and not to_check and (
                row.status in (None, Status.PASS, Status.SKIPPED) or (row.status is Status.MANUAL and row.confirmation)
            ):
                continue
            assert row.status is not None
            fix = row.fix
            if to_check:
                way = f"{how[:1].upper()}{how[1:]}, or check it" if how else "Check it"
                what_to_do = (f"{way} on the wizard's page “{page.title}”: this setting is checked on the "
                              "provider's side, which was not checked in this run.")
            elif never_checked:
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
    builder = RowBuilder(guide, run, zone, describe)
    how = how_to_check(guide.id)  # in the words of the place building the report (`RetryWords.ways`)
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
            verdict=verdict(pages, preflight, how),
        ),
        preflight=preflight,
        pages=pages,
        changes=[change_row(c, zone) for c in sorted(run.changes, key=lambda c: c.at)],
        confirmations=_confirmation_rows(guide, run, zone),
        todo=_todo(guide, pages, how),
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
        pages.append(report_page(number, page, rows))
    generated = now or datetime.now(UTC)
    report = Report(
        kind="checklist",
        generated=moment(generated, zone),
        header=Header(title="Setup checklist", wizard_version=wizard_version, guide=_guide_header(guide), timezone=zone_label(generated, zone)),
        pages=pages,
    )
    return _finish(report, ())
