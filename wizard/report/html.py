"""The report as one self-contained, printable HTML file (also well-formed XHTML).

Built as an lxml element tree rather than by string pasting, so every value is escaped and
the output is well-formed by construction: it opens in any browser, prints with repeated table
headers, and parses as XML for anyone who wants to post-process it. Tables use captions,
column and row headers; a status is always an icon *and* a word.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from wizard.engine.results import Status
from wizard.report.brand import Brand, load_brand
from wizard.report.html_style import stylesheet
from wizard.report.model import Page, Report, Row
from wizard.report.standing import COLOUR_OF, WORDS
from wizard.report.timefmt import show
from wizard.report.wording import (
    CHECKLIST_COLUMNS,
    ROW_COLUMNS,
    SECRET_NOTE,
    SIDES,
    confirmation_line,
    counts_line,
    fix_detail,
    fix_lines,
    header_facts,
    observed_text,
    row_status_words,
)

XHTML = "http://www.w3.org/1999/xhtml"
E = ElementMaker(namespace=XHTML, nsmap={None: XHTML})
_VOID = {"meta", "br", "hr", "img", "link", "col", "input"}  # HTML void elements: self-closed


def _badge(status: Status | None, icon: str = "", word: str = "") -> etree._Element:
    """A status's icon and word in its colours; `icon` and `word` say a standing such as "○ To check"."""
    if status is None:
        return E.span({"class": "box", "role": "img", "aria-label": "not done yet"}, "☐")
    return E.span(
        {"class": f"badge s-{status.value}"},
        E.span({"class": "icon", "aria-hidden": "true"}, icon or status.icon),
        f" {word or status.label}",
    )


def _row_badge(row: Row, page: Page | None) -> etree._Element:
    words = row_status_words(row, page)
    return _badge(*words) if words is not None else _badge(row.status)


def _table(caption: str, columns: tuple[str, ...], body: list[etree._Element], css: str = "", widths: tuple[int, ...] = ()) -> etree._Element:
    """A table with caption and column headers; `widths` in percent fix the layout (every
    page's table then lines up with the next)."""
    parts: list[etree._Element] = [E.caption(caption)]
    if widths:
        parts.append(E.colgroup(*[E.col({"style": f"width: {w}%"}) for w in widths]))
        css = f"{css} fixed".strip()
    parts += [E.thead(E.tr(*[E.th({"scope": "col"}, c) for c in columns])), E.tbody(*body)]
    return E.table({"class": css} if css else {}, *parts)


def _fact_value(value: str) -> etree._Element | str:
    """A web address is a link (the source document's page); anything else is text."""
    return E.a({"href": value}, value) if value.startswith("https://") and " " not in value else value


def _facts(report: Report) -> etree._Element:
    rows = [E.tr(E.th({"scope": "row"}, label), E.td(_fact_value(value))) for label, value in header_facts(report)]
    return E.table({"class": "facts"}, E.caption("About this report"), E.tbody(*rows))


def _observed_cell(report: Report, row: Row) -> etree._Element:
    observed = observed_text(row)
    cell = E.td(E.span({"class": "pending"}, observed) if observed == "Not confirmed yet" else observed)
    if row.message:
        cell.append(E.p({"class": "msg"}, row.message))
    if line := confirmation_line(row):
        cell.append(E.p({"class": "confirmed"}, line))
    lines = fix_lines(report, row.fix)
    if lines:
        fix = E.div({"class": "fix"}, E.strong("How to fix: "), lines[0])
        fix.extend(E.p(line) for line in lines[1:])
        cell.append(fix)
    return cell


def _row(report: Report, row: Row, page: Page | None = None) -> etree._Element:
    setting = E.th({"scope": "row"}, row.setting)
    if row.optional:
        setting.append(E.span({"class": "opt"}, " (optional)"))
    if row.check_id:  # the id an auditor quotes, and finds in the JSON record
        setting.append(E.span({"class": "cid", "title": "Check id"}, row.check_id))
    if report.kind == "checklist":
        return E.tr(E.td({"class": "status"}, _badge(None)), E.td(row.number), setting, E.td(row.expected), E.td(""))
    refs = E.td({"class": "refs"})
    for i, n in enumerate(row.evidence):
        refs.append(E.a({"href": f"#ev-{n}"}, f"E{n}"))
        if i < len(row.evidence) - 1:
            refs[-1].tail = ", "
    status = row.status.value if row.status else "none"
    return E.tr(
        {"class": f"r-{status}"},
        E.td(row.number),
        setting,
        E.td(row.expected),
        _observed_cell(report, row),
        E.td({"class": "status"}, _row_badge(row, page)),
        refs,
    )


def _page(report: Report, page: Page) -> etree._Element:
    title = E.h3({"id": f"page-{page.id}"}, f"{page.number}. {page.title} ")
    if page.status is not None and report.kind == "verification":
        title.append(_badge(page.status))
        if page.by_hand_note:
            title.append(E.span({"class": "by-hand"}, f" · {page.by_hand_note}"))
    meta = f"{SIDES.get(page.side, page.side)}"
    if page.source_section:
        meta += f" · in the guide: “{page.source_section}”"
    if page.optional:
        meta += " · optional"
    columns = CHECKLIST_COLUMNS if report.kind == "checklist" else ROW_COLUMNS
    widths = (7, 6, 27, 36, 24) if report.kind == "checklist" else (6, 18, 21, 30, 14, 11)
    table = _table(f"Settings on page {page.number}, {page.title}", columns, [_row(report, r, page) for r in page.rows], "rows", widths)
    return E.section({"class": "page", "aria-labelledby": f"page-{page.id}"}, title, E.p({"class": "meta"}, meta), table)


def _summary(report: Report) -> list[etree._Element]:
    summary = report.summary
    if summary is None:
        return []
    verdict = E.section(
        {"class": f"verdict s-{summary.verdict.status.value}", "aria-labelledby": "verdict"},
        E.h2({"id": "verdict"}, "Verdict"),
        E.p(E.strong({"class": f"headline s-{summary.verdict.status.value}"}, summary.verdict.headline), " ", summary.verdict.text),
    )
    counts = [E.tr(E.th({"scope": "row"}, _badge(COLOUR_OF[s], WORDS[s].icon, WORDS[s].label)), E.td({"class": "num"}, str(n)))
              for s, n in counts_line(report)]
    counts.append(E.tr({"class": "total"}, E.th({"scope": "row"}, "All settings"), E.td({"class": "num"}, str(summary.total))))
    table = _table("Settings by status", ("Status", "Settings"), counts, "counts")
    return [verdict, E.section({"aria-labelledby": "summary"}, E.h2({"id": "summary"}, "Summary"), table)]


def _section(ident: str, title: str, *content: etree._Element | str) -> etree._Element:
    return E.section({"aria-labelledby": ident}, E.h2({"id": ident}, title), *content)


def _todo(report: Report) -> etree._Element:
    if not report.todo:
        return _section("todo", "What’s left to do", E.p("Nothing: every setting passes or was confirmed."))
    items = []
    for t in report.todo:
        item = E.li(_badge(t.status), " ", E.strong(f"{t.number} {t.setting}"), f" ({t.page_title}): {t.what_to_do}")
        if detail := fix_detail(report, t.fix_name, t.setup_page, t.console_url, t.what_to_do):
            item.append(E.p({"class": "how"}, detail))
        items.append(item)
    return _section("todo", "What’s left to do", E.ol({"class": "todo"}, *items))


def _preflight(report: Report) -> etree._Element:
    if not report.preflight:
        return _section("preflight", "Connection preflight", E.p("No preflight was recorded for this run."))
    rows = [E.tr(E.th({"scope": "row"}, p.name), E.td(p.expected), E.td(p.observed, E.p({"class": "msg"}, p.message) if p.message else ""), E.td({"class": "status"}, _badge(p.status))) for p in report.preflight]
    return _section("preflight", "Connection preflight", _table("Checks made on connecting, before any setting was read", ("Check", "Expected", "Observed", "Status"), rows, "rows", (30, 24, 32, 14)))


def _changes(report: Report) -> etree._Element:
    if not report.changes:
        return _section("changes", "Changes made by the wizard", E.p("The wizard changed nothing in this run."))
    rows = [E.tr(E.td(show(c.at)), E.th({"scope": "row"}, f"{c.target} — {c.setting}"), E.td(c.before or "(empty)", E.span({"class": "arrow"}, " → "), c.after or "(empty)"), E.td(c.by), E.td(c.backup_id or "")) for c in report.changes]
    return _section("changes", "Changes made by the wizard", _table("Each change, before → after", ("When", "What", "Before → after", "By", "Backup"), rows, "rows", (18, 26, 26, 15, 15)))


def _confirmations(report: Report) -> etree._Element:
    if not report.confirmations:
        return _section("confirmations", "Manual confirmations", E.p("No manual step was confirmed in this run."))
    rows = [E.tr(E.th({"scope": "row"}, f"{c.setting} ({c.page_title})"), E.td(c.by), E.td(show(c.at)), E.td(c.note)) for c in report.confirmations]
    return _section("confirmations", "Manual confirmations", _table("Steps the admin confirmed by hand", ("Step", "Confirmed by", "When", "Note"), rows, "rows", (32, 20, 22, 26)))


def _evidence(report: Report) -> etree._Element:
    if not report.evidence:
        return _section("evidence", "Appendix: evidence queries", E.p("No queries were recorded."))
    rows = [E.tr({"id": f"ev-{e.ref}"}, E.th({"scope": "row"}, f"E{e.ref}"), E.td(e.source), E.td(E.code(e.detail))) for e in report.evidence]
    return _section("evidence", "Appendix: evidence queries", _table("Each query or read behind an observed value; rows cite these numbers", ("Ref", "Source", "Query or read"), rows, "rows evidence", (7, 18, 75)))


def _masthead(report: Report, brand: Brand) -> etree._Element:
    head = E.header({"class": "masthead"})
    if brand.logo_svg is not None:
        logo = etree.parse(str(brand.logo_svg)).getroot()
        for key in ("role", "aria-label"):
            logo.attrib.pop(key, None)
        logo.set("aria-hidden", "true")
        logo.set("focusable", "false")
        logo.set("class", "logo")
        head.append(logo)
    h = report.header
    subtitle = h.guide.title + (f" — {h.org.name} ({h.org.environment})" if h.org else "")
    head.append(E.div(E.p({"class": "brand"}, brand.name), E.h1(h.title), E.p({"class": "subtitle"}, subtitle)))
    return head


def _close_empty(root: etree._Element) -> None:
    """``<td/>`` is fine XML but an unclosed tag to an HTML parser: give empty elements text."""
    for el in root.iter(f"{{{XHTML}}}*"):
        if el.text is None and len(el) == 0 and etree.QName(el).localname not in _VOID:
            el.text = ""


def render_html(report: Report, brand: Brand | None = None) -> str:
    """The report as an HTML document (a string; write it as UTF-8)."""
    brand = brand or load_brand()
    h = report.header
    title = f"{h.title} — {h.guide.title}" + (f" — {h.org.name}" if h.org else "")
    head = E.head(
        E.meta({"charset": "utf-8"}),
        E.meta({"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        E.meta({"name": "generator", "content": f"{brand.name} {h.wizard_version}"}),
        E.title(title),
        E.style(stylesheet(brand)),
    )
    summary = _summary(report)
    main = E.main(*summary[:1], _facts(report), *summary[1:])
    main.append(_section("pages", "Settings, page by page", *[_page(report, p) for p in report.pages if p.rows]))
    if report.kind == "verification":
        main.extend([_changes(report), _confirmations(report), _todo(report), _preflight(report), _evidence(report)])
    footer = E.footer(
        E.p(f"{brand.name} {h.wizard_version} · generated {show(report.generated)} · report format {report.schema_version}"),
        E.p(SECRET_NOTE + (f" Values hidden in this report: {report.redactions}." if report.redactions else "")),
    )
    root = E.html({"lang": "en", "{http://www.w3.org/XML/1998/namespace}lang": "en"}, head, E.body(_masthead(report, brand), main, footer))
    _close_empty(root)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="xml") + "\n"
