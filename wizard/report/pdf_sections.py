"""The PDF's sections as platypus flowables, one function per section.

Tables repeat their header row on every page (``repeatRows=1``) and split between rows; a
heading is kept with its table's header and first rows (`_headed`) so no title is left alone at
a page foot. Rows too tall for a page are cut cell by cell (`Styles.fit_rows`).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wizard.engine.results import Status
from wizard.report.model import Page, Report, Row
from wizard.report.pdf_fonts import BOLD, REGULAR
from wizard.report.pdf_styles import Styles
from wizard.report.standing import COLOUR_OF, WORDS
from wizard.report.timefmt import show
from wizard.report.wording import (
    CHECKLIST_COLUMNS,
    ROW_COLUMNS,
    SIDES,
    WIZARD_CAN_FIX,
    confirmation_line,
    counts_line,
    evidence_refs,
    fix_detail,
    header_facts,
    observed_text,
    row_status_words,
    says_wizard_fixes,
)


def _style(commands: list[tuple]) -> TableStyle:
    """A table style whose cells use the embedded font (reportlab's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


#: A heading is kept with its table's header row and this many rows.
KEPT_ROWS = 1


def _table(s: Styles, head: tuple[str, ...], body: list[list], widths: list[float], *, status_col: int | None = None, statuses: list[Status | None] | None = None) -> Table:
    head_row = [s.p(h, s.cell_head) for h in head]
    head_height = s.row_height(head_row, widths)
    body = s.fit_rows(body, widths, s.row_limit - head_height)
    data = [head_row, *body]
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1, hAlign="LEFT")
    table.eci_start = head_height + sum(s.row_height(row, widths) for row in body[:KEPT_ROWS])  # type: ignore[attr-defined]
    style = s.table_style(rows=len(data))
    if status_col is not None and statuses:
        for r, status in enumerate(statuses, start=1):
            if status is not None:
                style.add("BACKGROUND", (status_col, r), (status_col, r), colors.HexColor(s.brand.status_tint(status)))
    table.setStyle(style)
    return table


def _headed(s: Styles, head: list[Flowable], table: Table, width: float, at_least: float = 0) -> list[Flowable]:
    """`head` (a heading, an intro) followed by `table`, moved to the next page together unless
    the heading, the table's header and its first rows fit where they are."""
    need = sum(f.wrap(width, s.row_limit)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
    need += getattr(table, "eci_start", 0)
    return [CondPageBreak(min(max(need, at_least), s.row_limit * 0.6)), KeepTogether(head), table]


def masthead(s: Styles, report: Report, width: float) -> list[Flowable]:
    h = report.header
    subtitle = h.guide.title + (f" — {h.org.name} ({h.org.environment})" if h.org else "")
    text = [s.p(s.brand.name.upper(), s.kicker), s.p(h.title, s.h1), s.p(subtitle, s.muted)]
    logo = Image(str(s.brand.logo_png), 16 * mm, 16 * mm) if s.brand.logo_png else Spacer(16 * mm, 16 * mm)
    table = Table(s.fit_rows([[logo, text]], [20 * mm, width - 20 * mm]), colWidths=[20 * mm, width - 20 * mm], hAlign="LEFT")
    table.setStyle(_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 2, s.color("primary")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return [table, Spacer(1, 4 * mm)]


def verdict_and_facts(s: Styles, report: Report, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    summary = report.summary
    if summary is not None:
        v = summary.verdict
        color = s.brand.status_color(v.status)
        line = s.rich(
            f'<font name="ECI-Sans-Bold" size="15" color="{color}">{s.esc(v.headline, BOLD)}</font>'
            f'&nbsp;&nbsp;&nbsp;<font size="10">{s.esc(v.text)}</font>',
            ParagraphStyle("verdict", parent=s.body, leading=17),
        )
        box = Table(s.fit_rows([[s.p("VERDICT", s.kicker)], [line]], [width]), colWidths=[width], hAlign="LEFT")
        box.setStyle(_style([
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(s.brand.status_tint(v.status))),
            ("LINEBEFORE", (0, 0), (0, -1), 4, colors.HexColor(color)),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
        ]))
        out += [box, Spacer(1, 4 * mm)]
    facts = [[s.p(label, s.muted), s.p(value, s.cell_bold)] for label, value in header_facts(report)]
    left_w = width * (0.64 if summary else 1.0)
    fact_widths = [30 * mm, left_w - 30 * mm - 4 * mm]
    facts = s.fit_rows(facts, fact_widths)
    facts_table = Table(facts, colWidths=fact_widths, hAlign="LEFT")
    facts_table.setStyle(s.table_style(header=False, zebra=False))
    if summary is None:
        return [*out, facts_table]
    counts = [[s.words(COLOUR_OF[st], f"{WORDS[st].icon} {WORDS[st].label}", 8.5), s.p(str(n), s.right)]
              for st, n in counts_line(report)]
    total_at = len(counts) + 1  # the line above "All settings" (after the header row and the counts)
    counts.append([s.p("All settings", s.cell_bold), s.p(str(summary.total), s.right)])
    if summary.manual_confirmed:
        counts.append([s.p("Manual steps confirmed", s.muted), s.p(str(summary.manual_confirmed), s.right)])
    right_w = width - left_w
    counts_table = Table([[s.p("Status", s.cell_head), s.p("Settings", s.cell_head)], *counts], colWidths=[right_w - 20 * mm, 20 * mm])
    style = s.table_style(rows=len(counts) + 1, zebra=False)
    style.add("LINEABOVE", (0, total_at), (-1, total_at), 1, s.color("ink"))
    counts_table.setStyle(style)
    if sum(s.row_height(row, fact_widths) for row in facts) > s.row_limit * 0.8:
        # Facts too long to sit beside the counts (a table cell cannot run onto the next page).
        return [*out, facts_table, Spacer(1, 4 * mm), counts_table]
    both = Table([[facts_table, counts_table]], colWidths=[left_w, right_w], hAlign="LEFT")
    both.setStyle(_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [*out, both]


def todo(s: Styles, report: Report, width: float) -> list[Flowable]:
    head = s.p("What’s left to do", s.h2)
    if not report.todo:
        return [KeepTogether([head, s.p("Nothing: every setting passes or was confirmed.", s.body)])]
    body, statuses = [], []
    for t in report.todo:
        detail = fix_detail(report, t.fix_name, t.setup_page, t.console_url, t.what_to_do)
        lines = [t.what_to_do, *([detail] if detail else [])]
        body.append([s.p(t.number), [s.p(t.setting, s.cell_bold), s.p(t.page_title, s.muted)], s.status(t.status), [s.p(lines[0]), *[s.p(x, s.muted) for x in lines[1:]]]])
        statuses.append(t.status)
    widths = [w * width for w in (0.07, 0.27, 0.16, 0.50)]
    return _headed(s, [head], _table(s, ("#", "Setting", "Status", "What to do"), body, widths, status_col=2, statuses=statuses), width)


def preflight(s: Styles, report: Report, width: float) -> list[Flowable]:
    head = s.p("Connection preflight", s.h2)
    if not report.preflight:
        return [KeepTogether([head, s.p("No preflight was recorded for this run.", s.body)])]
    body = [[s.p(p.name, s.cell_bold), s.p(p.expected), [s.p(p.observed), *([s.p(p.message, s.muted)] if p.message else [])], s.status(p.status)] for p in report.preflight]
    widths = [w * width for w in (0.28, 0.24, 0.32, 0.16)]
    return _headed(s, [head], _table(s, ("Check", "Expected", "Observed", "Status"), body, widths, status_col=3, statuses=[p.status for p in report.preflight]), width)


def _observed(s: Styles, report: Report, row: Row) -> list[Flowable]:
    observed = observed_text(row)
    cell: list[Flowable] = [s.p(observed, s.muted if observed == "Not confirmed yet" else s.cell)] if observed else []
    if row.message:
        cell.append(s.p(row.message, s.muted))
    if line := confirmation_line(row):
        cell.append(s.p(line, s.small))
    if row.fix is not None:  # the Setup links are listed once, under "What's left to do"
        # The fix in the admin's words (its internal name is in the JSON), and only if the hint does not offer it.
        offer = row.fix.fix_name and not says_wizard_fixes(row.fix.hint)
        hint = row.fix.hint + (f" {WIZARD_CAN_FIX}." if offer else "")
        cell.append(s.rich(f'<font name="ECI-Sans-Bold" color="{s.brand.color("accent")}">How to fix:</font> {s.esc(hint)}', s.small))
    return cell


def _row_status(s: Styles, row: Row, page: Page) -> Flowable:
    """The row's status cell: "○ To check" and "– Not your case" where the status alone would mislead."""
    words = row_status_words(row, page)
    if words is None:
        return s.status(row.status)
    colour, icon, word = words
    return s.words(colour, f"{icon} {word}")


def _by_hand(s: Styles, page: Page) -> str:
    """The heading's '· 1 confirmed by hand', in the muted colour, after the page's status."""
    note, muted = page.by_hand_note, s.brand.color("muted")
    return f'<font size="8.5" color="{muted}">&nbsp;· {s.esc(note)}</font>' if note else ""


def page_section(s: Styles, report: Report, page: Page, width: float, lead: list[Flowable] | None = None) -> list[Flowable]:
    """One guide page's rows; `lead` (the section heading, before the first page) stays with it."""
    title = f"{page.number}. {page.title}"
    if page.status is not None and report.kind == "verification":
        color = s.brand.status_color(page.status)
        title_p = s.rich(f'{s.esc(title, BOLD)}&nbsp;&nbsp;<font size="8.5" color="{color}">{s.esc(page.status.icon + " " + page.status.label, BOLD)}</font>{_by_hand(s, page)}', s.h3)
    else:
        title_p = s.p(title, s.h3)
    meta = SIDES.get(page.side, page.side) + (f" · in the guide: “{page.source_section}”" if page.source_section else "") + (" · optional" if page.optional else "")
    if report.kind == "checklist":
        widths = [w * width for w in (0.07, 0.06, 0.27, 0.36, 0.24)]
        body = [[s.status(None), s.p(r.number), s.p(r.setting + (" (optional)" if r.optional else ""), s.cell_bold), s.p(r.expected), ""] for r in page.rows]
        table = _table(s, CHECKLIST_COLUMNS, body, widths)
    else:
        widths = [w * width for w in (0.06, 0.19, 0.21, 0.29, 0.145, 0.105)]
        body = [
            # No check id: the row's number ("2.3") is the row's "number" in the JSON record, which keeps the id.
            [s.p(r.number), [s.p(r.setting, s.cell_bold), *([s.p("optional", s.muted)] if r.optional else [])], s.p(r.expected), _observed(s, report, r), _row_status(s, r, page), s.p(evidence_refs(r), s.small)]
            for r in page.rows
        ]
        table = _table(s, ROW_COLUMNS, body, widths, status_col=4, statuses=[r.status for r in page.rows])
    return _headed(s, [*(lead or []), title_p, s.p(meta, s.muted), Spacer(1, 2 * mm)], table, width, at_least=45 * mm)


def changes(s: Styles, report: Report, width: float) -> list[Flowable]:
    head = s.p("Changes made by the wizard", s.h2)
    if not report.changes:
        return [KeepTogether([head, s.p("The wizard changed nothing in this run.", s.body)])]
    body = [[s.p(show(c.at), s.small), [s.p(c.target, s.cell_bold), s.p(c.setting, s.muted)], s.p(c.before or "(empty)"), s.p("→ " + (c.after or "(empty)")), [s.p(c.by or "—", s.small), *([s.p(f"backup {c.backup_id}", s.muted)] if c.backup_id else [])]] for c in report.changes]
    widths = [w * width for w in (0.17, 0.25, 0.2, 0.2, 0.18)]
    return _headed(s, [head], _table(s, ("When", "What", "Before", "After", "By"), body, widths), width)


def confirmations(s: Styles, report: Report, width: float) -> list[Flowable]:
    head = s.p("Manual confirmations", s.h2)
    if not report.confirmations:
        return [KeepTogether([head, s.p("No manual step was confirmed in this run.", s.body)])]
    body = [[[s.p(c.setting, s.cell_bold), s.p(c.page_title, s.muted)], s.p(c.by), s.p(show(c.at), s.small), s.p(c.note)] for c in report.confirmations]
    widths = [w * width for w in (0.34, 0.2, 0.22, 0.24)]
    return _headed(s, [head], _table(s, ("Step", "Confirmed by", "When", "Note"), body, widths), width)


def sign_off(s: Styles, report: Report, width: float) -> list[Flowable]:
    label = "Reviewed by" if report.kind == "verification" else "Completed by"
    cells = [[s.p(label, s.muted), "", s.p("Date", s.muted), "", s.p("Signature", s.muted), ""]]
    table = Table(cells, colWidths=[w * width for w in (0.13, 0.27, 0.07, 0.16, 0.11, 0.26)], rowHeights=[11 * mm], hAlign="LEFT")
    table.setStyle(_style([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *[("LINEBELOW", (c, 0), (c, 0), 0.6, s.color("ink")) for c in (1, 3, 5)]]))
    return [KeepTogether([s.p("Sign-off", s.h2), table])]


def evidence(s: Styles, report: Report, width: float) -> list[Flowable]:
    head = s.p("Appendix: evidence queries", s.h2)
    if not report.evidence:
        return [KeepTogether([head, s.p("No queries were recorded.", s.body)])]
    intro = s.p("Each query or read behind an observed value. Rows cite these numbers; re-running an entry shows the same value.", s.muted)
    body = [[s.rich(f'<a name="E{e.ref}"/>E{e.ref}', s.cell_bold), s.p(e.source), s.p(e.detail, s.mono)] for e in report.evidence]
    widths = [w * width for w in (0.07, 0.2, 0.73)]
    return _headed(s, [head, intro, Spacer(1, 2 * mm)], _table(s, ("Ref", "Source", "Query or read"), body, widths), width)


def closing_note(s: Styles, text: str) -> Paragraph:
    return s.p(text, s.muted)
