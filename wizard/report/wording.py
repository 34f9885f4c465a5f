"""The words both renderings use, so the HTML and the PDF say the same thing the same way."""

from __future__ import annotations

from wizard.engine.results import Status
from wizard.report.model import FixInfo, Page, Report, Row
from wizard.report.standing import WORDS, Standing, report_standings, row_standing, tally
from wizard.report.timefmt import show

SIDES = {"salesforce": "Salesforce", "provider": "Provider", "aws": "AWS", "sftp": "SFTP"}
ROW_COLUMNS = ("#", "Setting", "Expected", "Observed", "Status", "Evidence")
CHECKLIST_COLUMNS = ("Done", "#", "Setting", "Expected", "Notes")
BLANK_LINE = "_" * 28
SECRET_NOTE = (
    "Secret values (keys, tokens, passwords) are never written to this report; "
    "any that turned up in what the org returned are shown as [secret hidden]."
)


def status_text(status: Status | None) -> str:
    """Icon and word together: a status is never shown by colour alone."""
    if status is None:
        return "☐"
    return f"{status.icon} {status.label}"


def header_facts(report: Report) -> list[tuple[str, str]]:
    """The header as (label, value) pairs, in reading order."""
    h = report.header
    title, provider = h.guide.title, h.guide.provider
    # "ECI with Aircall", not "ECI with Aircall — Aircall": the provider only when the title does not name it.
    shown = title if not provider or provider.casefold() in title.casefold() else f"{title} — {provider}"
    guide = [("Guide", shown), *source_facts(report)]
    if report.kind == "checklist":
        return [
            *guide,
            ("Wizard version", h.wizard_version),
            ("Printed", show(report.generated)),
            ("Org name", BLANK_LINE),
            ("Org ID", BLANK_LINE),
            ("Sandbox or production", BLANK_LINE),
            ("Completed by", BLANK_LINE),
        ]
    facts: list[tuple[str, str]] = []
    org = h.org
    if org is None:
        facts.append(("Org", "Not connected (no Salesforce org was read in this run)"))
    else:
        user = org.user
        who = user.display_name or user.username or "—"
        if user.display_name and user.username:
            who = f"{user.display_name} ({user.username})"
        if user.user_id:
            who += f", user Id {user.user_id}"
        instance = org.instance or "—"
        if org.instance_url:
            instance = f"{instance} — {org.instance_url}" if org.instance else org.instance_url
        facts += [
            ("Org", org.name),
            ("Org ID", org.org_id),
            ("Edition", org.edition),
            ("Environment", org.environment),
            ("Instance", instance),
            ("My Domain", org.my_domain or "—"),
            ("API version", org.api_version or "—"),
            ("Signed in as", who),
        ]
    facts += [
        *guide,
        ("Wizard version", h.wizard_version),
        ("Started", show(h.started)),
        ("Finished", show(h.finished)),
    ]
    if h.requests_made is not None:
        # The settings' reads only: the connection check after sign-in (three requests) is not counted.
        facts.append(("HTTP requests", f"{h.requests_made} to read the settings (the connection check not counted)"))
    return facts


def source_facts(report: Report) -> list[tuple[str, str]]:
    """The vendor document the guide follows, as a reader would look it up: its title, who
    published it and when, and where it is online (the wizard's own file name means nothing to them)."""
    source = report.header.guide.source
    facts = [("Source document", f"{source.title} ({source.publisher}" + (f", {source.date}" if source.date else "") + ")")]
    if source.url:
        facts.append(("Source address", source.url))
    return facts


def setup_url(report: Report, path: str | None) -> str | None:
    """A Setup path made absolute with the org's My Domain when it is known."""
    if not path:
        return None
    org = report.header.org
    if path.startswith("/") and org is not None and org.my_domain:
        return org.my_domain.rstrip("/") + path
    return path


#: Said where the wizard has a fix for a row, unless the row's own advice already says so.
WIZARD_CAN_FIX = "The wizard can do this for you: “Fix it for me” in its window, or eci-wizard apply"


def says_wizard_fixes(hint: str) -> bool:
    """Whether advice already offers the wizard's fix ("Let the wizard fix it, or ..."), so it is not said twice."""
    return "let the wizard" in hint.casefold()


def fix_detail(report: Report, fix_name: str | None, setup_page: str | None, console_url: str | None,
               hint: str = "") -> str:
    """The ways to fix, on one line: the wizard's own fix, the Setup page, the provider console.

    The fix is named in the admin's words, never by its internal name (which the JSON keeps), and
    not at all when `hint`, printed just before, already offers it."""
    parts = []
    if fix_name and not says_wizard_fixes(hint):
        parts.append(WIZARD_CAN_FIX)
    if url := setup_url(report, setup_page):
        parts.append(f"Setup: {url}")
    if console_url:
        parts.append(f"Console: {console_url}")
    return " · ".join(parts)


def fix_lines(report: Report, fix: FixInfo | None) -> list[str]:
    """How to fix a row: the hint, then (if any) the line of ways to do it."""
    if fix is None:
        return []
    detail = fix_detail(report, fix.fix_name, fix.setup_page, fix.console_url, fix.hint)
    return [fix.hint, detail] if detail else [fix.hint]


def observed_text(row: Row) -> str:
    """What was observed; for a manual step, whether the admin has confirmed it."""
    if row.observed:
        return row.observed
    if row.awaits_check:
        return "Waiting for its check on the provider's side"
    if row.status is Status.MANUAL:
        return "" if row.confirmation else "Not confirmed yet"
    return "—"


def evidence_refs(row: Row) -> str:
    return ", ".join(f"E{n}" for n in row.evidence)


def confirmation_line(row: Row) -> str:
    if row.confirmation is None:
        return ""
    c = row.confirmation
    line = f"Confirmed by {c.by}, {show(c.at)}"
    return f"{line}: {c.note}" if c.note else line


def counts_line(report: Report) -> list[tuple[Standing, int]]:
    """(standing, count) for the summary, in `Standing` order, those counted: the numbers and words of
    the window's Summary badges and of `verify`'s headline (`wizard.report.standing`)."""
    if report.summary is None:
        return []
    return tally(report_standings(report.pages))


def row_status_words(row: Row, page: Page | None = None) -> tuple[Status, str, str] | None:
    """(the status whose colours it takes, icon, word) of a row's status cell: a row "to check" or
    "not your case" says so, never "Manual step" or "Skipped" (`wizard.report.standing`)."""
    standing = row_standing(row, page)
    if standing is None or row.status is None:
        return None
    if standing in (Standing.TO_CHECK, Standing.OTHER_CASE):
        words = WORDS[standing]
        return row.status, words.icon, words.label
    return row.status, row.status.icon, row.status.label
