"""The parity report as a PDF: both orgs side by side, page by page, every difference explained.

It reuses the verification report's brand, fonts, styles and page furniture (running header,
"Page X of Y", the JSON's SHA-256 in the footer), so the two reports read as one family.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
)
from reportlab.platypus.doctemplate import LayoutError

from wizard.engine.results import Status
from wizard.report.brand import Brand, load_brand
from wizard.report.paper import PAPER_SIZES, resolve_paper
from wizard.report.parity import CATEGORY_LABELS, ParityOrg, ParityReport, ParityRow
from wizard.report.pdf import FRAME_PADDING, undrawn_note
from wizard.report.pdf_canvas import Furniture, canvas_maker
from wizard.report.pdf_fonts import BOLD, REGULAR
from wizard.report.pdf_styles import Styles, make_styles
from wizard.report.timefmt import show
from wizard.report.wording import SECRET_NOTE

MARGIN = 16 * mm
#: Category -> (icon, the status whose colours it borrows). Explained differences are fine: green.
LOOK: dict[str, tuple[str, Status]] = {
    "same": ("=", Status.PASS),
    "environment": ("≈", Status.PASS),
    "intentional": ("≠", Status.PASS),
    "manual": ("✋", Status.MANUAL),
    "unexplained": ("✖", Status.FAIL),
    "not_checked": ("–", Status.SKIPPED),
}


def _table(s: Styles, head: tuple[str, ...], body: list[list], widths: list[float], tints: list[str | None] | None = None, col: int = 0) -> Table:
    head_row = [s.p(h, s.cell_head) for h in head]
    body = s.fit_rows(body, widths, s.row_limit - s.row_height(head_row, widths))
    table = Table([head_row, *body], colWidths=widths, repeatRows=1, splitByRow=1, hAlign="LEFT")
    style = s.table_style(rows=len(body) + 1)
    for r, tint in enumerate(tints or [], start=1):
        if tint:
            style.add("BACKGROUND", (col, r), (col, r), colors.HexColor(tint))
    table.setStyle(style)
    return table


def _category(s: Styles, key: str) -> Flowable:
    icon, status = LOOK[key]
    return s.rich(f'<font name="ECI-Sans-Bold" color="{s.brand.status_color(status)}">{s.esc(icon + " " + CATEGORY_LABELS[key], BOLD)}</font>')


def _value(s: Styles, value: str, status: Status | None) -> list[Flowable]:
    cell = [s.p(value or "(not set)")]
    if status is not None:
        cell.append(s.p(f"{status.icon} {status.label}", s.muted))
    return cell


def _org_lines(org: ParityOrg) -> list[tuple[str, str]]:
    seen = "captured" if org.role == "source" else "verified"
    return [("Org", f"{org.name} ({org.org_id})"), ("Environment", org.environment), ("My Domain", org.my_domain or "—"),
            ("Edition", org.edition or "—"), ("Signed in as", org.username or "—"), (seen.capitalize(), show(org.seen))]


def _head(s: Styles, report: ParityReport, width: float) -> list[Flowable]:
    out: list[Flowable] = [s.p(s.brand.name.upper(), s.kicker), s.p("Parity report", s.h1),
                           s.p(f"{report.guide.title}: {report.source.name} ({report.source.environment}) → {report.target.name} ({report.target.environment})", s.muted),
                           Spacer(1, 4 * mm)]
    # Not compared is not a pass: the verdict box is not green while settings were never checked.
    status = Status.FAIL if report.summary.unexplained else Status.SKIPPED if report.summary.not_checked else Status.PASS
    color = s.brand.status_color(status)
    verdict = s.rich(f'<font name="ECI-Sans-Bold" size="15" color="{color}">{s.esc(report.summary.headline, BOLD)}</font>&nbsp;&nbsp;&nbsp;{s.esc(report.summary.text)}', s.body)
    box = Table(s.fit_rows([[verdict]], [width]), colWidths=[width], hAlign="LEFT")
    box.setStyle(s.table_style(header=False, zebra=False))
    box.setStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(s.brand.status_tint(status))), ("LINEBEFORE", (0, 0), (0, -1), 4, colors.HexColor(color))])
    half = width / 2
    facts = [[s.p("Source", s.cell_head), "", s.p("Target", s.cell_head), ""]]
    for (a, b), (c, d) in zip(_org_lines(report.source), _org_lines(report.target), strict=True):
        facts.append([s.p(a, s.muted), s.p(b, s.cell_bold), s.p(c, s.muted), s.p(d, s.cell_bold)])
    fact_widths = [24 * mm, half - 24 * mm, 24 * mm, half - 24 * mm]
    table = Table(s.fit_rows(facts, fact_widths), colWidths=fact_widths, hAlign="LEFT")
    table.setStyle(s.table_style(rows=len(facts), zebra=False))
    counts = [[_category(s, key), s.p(str(report.summary.counts.get(key, 0)), s.right)] for key in CATEGORY_LABELS]
    counts_table = Table([[s.p("Difference", s.cell_head), s.p("Settings", s.cell_head)], *counts], colWidths=[width - 30 * mm, 30 * mm], hAlign="LEFT")
    counts_table.setStyle(s.table_style(rows=len(counts) + 1, zebra=False))
    out += [box, Spacer(1, 4 * mm), table, Spacer(1, 3 * mm), counts_table]
    if report.answers:
        out += [Spacer(1, 2 * mm), s.p("Chosen for the target: " + "; ".join(f"{k} = {v}" for k, v in report.answers.items()), s.muted)]
    return out


def _rows(s: Styles, report: ParityReport, width: float) -> list[Flowable]:
    out: list[Flowable] = [s.p("Settings, page by page", s.h2)]
    pages: dict[str, list[ParityRow]] = {}
    for row in report.rows:
        pages.setdefault(row.page_title, []).append(row)
    widths = [w * width for w in (0.06, 0.2, 0.22, 0.22, 0.3)]
    for title, rows in pages.items():
        body = [[s.p(r.number), s.p(r.setting, s.cell_bold), _value(s, r.source_value, r.source_status), _value(s, r.target_value, r.target_status),
                 [_category(s, r.category), *([s.p(r.explanation, s.muted)] if r.explanation else [])]] for r in rows]
        tints = [s.brand.status_tint(LOOK[r.category][1]) for r in rows]
        out += [CondPageBreak(40 * mm), KeepTogether([s.p(title, s.h3), Spacer(1, 1 * mm)]),
                _table(s, ("#", "Setting", report.source.environment, report.target.environment, "Difference"), body, widths, tints, col=4)]
    return out


def _lists(s: Styles, report: ParityReport, width: float) -> list[Flowable]:
    out: list[Flowable] = [s.p("Ahead of trouble", s.h2)]
    if report.findings:
        body = [[s.p(f.severity), s.p(f.title, s.cell_bold), [s.p(f.detail), *([s.p(f.todo, s.muted)] if f.todo else [])]] for f in report.findings]
        out.append(_table(s, ("Level", "Finding", "Detail"), body, [w * width for w in (0.1, 0.3, 0.6)]))
    else:
        out.append(s.p("Nothing: the target had every licence, permission set, package and app the source had.", s.body))
    out.append(s.p("Changes made in the target", s.h2))
    if report.changes:
        body = [[s.p(show(c.at), s.small), [s.p(c.target, s.cell_bold), s.p(c.setting, s.muted)], s.p(c.before or "(empty)"), s.p("→ " + (c.after or "(empty)"))] for c in report.changes]
        out.append(_table(s, ("When", "What", "Before", "After"), body, [w * width for w in (0.18, 0.34, 0.24, 0.24)]))
    else:
        out.append(s.p(f"None in this run ({report.writes} writes): the target already matched.", s.body))
    out.append(s.p("Still to do by hand", s.h2))
    if report.manual_steps:
        body = [[s.p(m.title, s.cell_bold), [s.p(m.do), *([s.p(m.where, s.muted)] if m.where else [])]] for m in report.manual_steps]
        out.append(_table(s, ("Step", "What to do"), body, [w * width for w in (0.3, 0.7)]))
    else:
        out.append(s.p("Nothing.", s.body))
    closing = f"{s.brand.name} {report.wizard_version} · generated {show(report.generated)} · parity format {report.schema_version}. {SECRET_NOTE}"
    if report.redactions:
        closing += f" Values hidden in this report: {report.redactions}."
    return [*out, Spacer(1, 6 * mm), s.p(closing, s.muted)]


def _build(report: ParityReport, brand: Brand, size: tuple[float, float], furniture: Furniture, row_share: float) -> bytes:
    make_styles(brand)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm, bottomMargin=MARGIN,
        title=f"Parity report: {report.guide.title}", author=brand.name, creator=f"{brand.name} {report.wizard_version}",
        subject=f"{report.source.name} ({report.source.org_id}) and {report.target.name} ({report.target.org_id})",
        lang="en", displayDocTitle=1, initialFontName=REGULAR,
    )
    s = make_styles(brand, (doc.height - FRAME_PADDING - 2) * row_share)
    head, rows, lists = _head(s, report, doc.width), _rows(s, report, doc.width), _lists(s, report, doc.width)
    doc.build([*head, *undrawn_note(s), *rows, *lists], canvasmaker=canvas_maker(furniture))
    return buffer.getvalue()


def render_parity_pdf(report: ParityReport, *, paper: str | None = None, json_sha256: str | None = None, brand: Brand | None = None) -> bytes:
    """The PDF bytes (paper 'A4', 'Letter' or None/'auto'); the footer carries the JSON's hash."""
    brand = brand or load_brand()
    furniture = Furniture(
        left_title=f"{brand.name} · Parity report", right_title=f"{report.source.name} → {report.target.name}",
        json_sha256=json_sha256, primary=brand.color("primary"), muted=brand.color("muted"), rule=brand.color("rule"), margin=MARGIN,
    )
    size = PAPER_SIZES[resolve_paper(paper)]
    try:
        return _build(report, brand, size, furniture, 1.0)
    except LayoutError:  # as in `render_pdf`: fit the over-tall cells to a lower height
        return _build(report, brand, size, furniture, 0.6)
