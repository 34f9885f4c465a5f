"""Paragraph and table styles of the PDF, derived from the brand, and the fitting of table rows.

One place for sizes and colours keeps the document consistent: body text 8.5 pt in tables
(dense enough for a full guide, large enough to read on paper), headings in the brand's
primary colour, status words in their status colour on a light tint.

A table row cannot be split across pages, so a row taller than a page would stop the whole
PDF. `Styles.fit_rows` cuts only the cells that cannot fit on a page, each saying so; every
other value prints whole (the JSON and HTML files keep every value whole anyway).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle

from wizard.engine.results import Status
from wizard.report.brand import Brand
from wizard.report.pdf_fonts import (
    BOLD,
    MONO,
    REGULAR,
    has_rtl,
    markup,
    reading_order_lines,
    register_fonts,
)

#: What a cell cut to fit on a page ends with.
CUT_NOTE = " … (cut here to fit the page; the JSON and HTML files have the whole value)"
#: Cell padding: left and right, top, bottom (points).
PAD_X, PAD_TOP, PAD_BOTTOM = 4, 3, 4
#: No glyph of the bundled fonts is wider than this many ems (DejaVu Sans Bold's widest: 2.02).
_MAX_EM = 2.1


def _is_flowable(item: object) -> bool:
    return isinstance(item, Flowable)


class ReadingOrderParagraph(Paragraph):
    """A paragraph holding right-to-left text: its lines are broken in reading order first, each
    then drawn in visual order (see `reading_order_lines`), once the width is known."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: object, logical: str | None = None,
                 missing: set[str] | None = None, **kwargs: object) -> None:
        self._logical, self._missing, self._broken_for = logical, missing, -1.0
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._logical is not None and availWidth != self._broken_for:
            self._broken_for = availWidth
            inner = availWidth - self.style.leftIndent - self.style.rightIndent - 0.5  # reportlab's rounding
            broken = reading_order_lines(self._logical, self.style.fontName, self.style.fontSize, inner)
            Paragraph.__init__(self, markup(broken, self.style.fontName, self._missing), self.style)
        return super().wrap(availWidth, availHeight)


@dataclass(frozen=True, eq=False)
class Styles:
    brand: Brand
    covered: frozenset[int]
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    mono: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    kicker: ParagraphStyle
    right: ParagraphStyle
    ref: ParagraphStyle
    #: The tallest a table row may be: the page's frame (a row taller cannot be placed).
    row_limit: float = 10_000.0
    #: Characters no bundled font could draw, collected while the document is put together.
    missing: set[str] = field(default_factory=set)

    def color(self, name: str) -> colors.Color:
        return colors.HexColor(self.brand.color(name))

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain text (escaped, characters the style's font lacks from the
        fallback fonts). It remembers its text, so `fit_rows` can cut it if it must."""
        style = style or self.cell
        if has_rtl(text):
            paragraph: Paragraph = ReadingOrderParagraph(markup(text, style.fontName, self.missing), style,
                                                         logical=text, missing=self.missing)
        else:
            paragraph = Paragraph(markup(text, style.fontName, self.missing), style)
        paragraph.eci_plain = text  # type: ignore[attr-defined]
        return paragraph

    def rich(self, markup_text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of trusted markup built by the renderer itself (values already escaped)."""
        return Paragraph(markup_text, style or self.cell)

    def esc(self, text: str, font: str = REGULAR) -> str:
        """`text` as markup for a span set in `font` (escaped, fallback fonts, placeholders)."""
        return markup(text, font, self.missing)

    def status(self, status: Status | None, size: float = 8) -> Paragraph:
        """Icon and word in the status colour; never colour alone."""
        if status is None:
            return Paragraph(f'<font size="{size + 6}">☐</font>', self.cell)
        color = self.brand.status_color(status)
        text = self.esc(f"{status.icon} {status.label}", BOLD)
        return Paragraph(f'<font name="{BOLD}" size="{size}" color="{color}">{text}</font>', self.cell)

    def words(self, colour: Status, text: str, size: float = 8) -> Paragraph:
        """`text` (an icon and a word) in a status's colour: a standing such as "○ To check"."""
        color = self.brand.status_color(colour)
        return Paragraph(f'<font name="{BOLD}" size="{size}" color="{color}">{self.esc(text, BOLD)}</font>', self.cell)

    def table_style(self, *, header: bool = True, zebra: bool = True, rows: int = 0) -> TableStyle:
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # reportlab's default would be Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, self.color("rule")),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), self.color("primary")), ("LINEBELOW", (0, 0), (-1, 0), 0, self.color("primary"))]
        if zebra:
            start = 1 if header else 0
            commands += [("BACKGROUND", (0, r), (-1, r), self.color("surface")) for r in range(start + 1, rows, 2)]
        return TableStyle(commands)

    def cell_height(self, cell: object, width: float) -> float:
        """How tall `cell` (a flowable, a list of them, or a string) prints in a column `width`
        wide, padding included, as reportlab's Table measures it."""
        items = cell if isinstance(cell, list | tuple) else [cell]
        inner = width - 2 * PAD_X
        total = 0.0
        flowables = [item for item in items if _is_flowable(item)]
        for n, item in enumerate(flowables):  # spaces between flowables, not around them
            total += item.wrap(inner, 1e6)[1] + (item.getSpaceBefore() if n else 0) + (item.getSpaceAfter() if n < len(flowables) - 1 else 0)
        if not flowables and items and items[0]:
            total += (str(items[0]).count("\n") + 1) * 12
        return total + PAD_TOP + PAD_BOTTOM

    def row_height(self, row: list, widths: list[float]) -> float:
        return max(self.cell_height(cell, w) for cell, w in zip(row, widths, strict=True))

    def _surely_fits(self, cell: object, width: float, limit: float) -> bool:
        """A cheap upper bound of the cell's height (every line at most half full of the widest
        glyphs), so only rows that might not fit are measured."""
        inner = width - 2 * PAD_X
        bound = PAD_TOP + PAD_BOTTOM
        for item in cell if isinstance(cell, list | tuple) else [cell]:
            if isinstance(item, Paragraph):
                text = getattr(item, "eci_plain", item.text)
                style = item.style
                breaks = text.count("\n") + text.count("<br")
                bound += (2 * len(text) * style.fontSize * _MAX_EM / max(inner, 1) + breaks + 1) * style.leading
            elif _is_flowable(item):
                return False
            elif item:
                bound += (str(item).count("\n") + 1) * 12
        return bound <= limit

    def fit_rows(self, rows: list[list], widths: list[float], limit: float | None = None) -> list[list]:
        """`rows` with every cell too tall for a page (`limit`, default `row_limit`) cut to fit;
        every other cell untouched."""
        limit = self.row_limit if limit is None else limit
        return [
            [cell if self._surely_fits(cell, w, limit) else self._fit_cell(cell, w, limit) for cell, w in zip(row, widths, strict=True)]
            for row in rows
        ]

    def _fit_cell(self, cell: object, width: float, limit: float) -> object:
        """The cell with its longest texts cut to one common length, the longest that fits;
        shorter texts stay whole. The last cut text carries `CUT_NOTE`, any other ends in "…"."""
        items = list(cell) if isinstance(cell, list | tuple) else [cell]
        texts = {i: f.eci_plain for i, f in enumerate(items) if hasattr(f, "eci_plain")}
        if not texts or self.cell_height(items, width) <= limit:
            return cell  # nothing of ours to cut: the renderer's last resort deals with it

        def capped(n: int) -> list:
            out = list(items)
            cut = [i for i, text in texts.items() if len(text) > n]
            for i in cut:
                piece = texts[i][:n]
                if " " in piece[-20:]:  # end on a whole word where one is near
                    piece = piece[: piece.rindex(" ")]
                out[i] = self.p(piece.rstrip() + (CUT_NOTE if i == cut[-1] else " …"), items[i].style)
            return out

        # No line holds more than this many of the narrowest glyphs (a fifth of an em).
        size = min(items[i].style.fontSize for i in texts)
        leading = min(items[i].style.leading for i in texts)
        most = int((limit / leading + 1) * (width / (0.2 * size) + 1))
        lo, hi = 0, min(max(map(len, texts.values())), most)
        best = capped(0)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            candidate = capped(mid)
            if self.cell_height(candidate, width) <= limit:
                lo, best = mid, candidate
            else:
                hi = mid - 1
        return best if isinstance(cell, list | tuple) else best[0]


def make_styles(brand: Brand, row_limit: float = 10_000.0) -> Styles:
    """The styles, with a fresh record of undrawable characters; `row_limit` is the height of
    the page's frame, the tallest a table row may be."""
    covered = register_fonts(brand)
    ink = colors.HexColor(brand.color("ink"))
    muted = colors.HexColor(brand.color("muted"))
    primary = colors.HexColor(brand.color("primary"))
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=ink, splitLongWords=1)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5)
    return Styles(
        brand=brand,
        covered=covered,
        body=body,
        small=ParagraphStyle("small", parent=cell, fontSize=7.5, leading=9.5),
        muted=ParagraphStyle("muted", parent=cell, fontSize=7.5, leading=9.5, textColor=muted),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD, fontSize=8, textColor=colors.white),
        mono=ParagraphStyle("mono", parent=cell, fontName=MONO, fontSize=7.5, leading=9.5),
        h1=ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=20, leading=24, textColor=primary),
        h2=ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=13, leading=16, textColor=primary, spaceBefore=14, spaceAfter=5),
        h3=ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=10.5, leading=13, textColor=primary, spaceBefore=10, spaceAfter=1),
        kicker=ParagraphStyle(
            "kicker", parent=body, fontName=BOLD, fontSize=8, leading=10, textColor=colors.HexColor(brand.color("accent"))
        ),
        right=ParagraphStyle("right", parent=cell, alignment=TA_RIGHT),
        ref=ParagraphStyle("ref", parent=cell, fontName=MONO, fontSize=6.5, leading=8, textColor=muted, spaceBefore=1.5),
        row_limit=row_limit,
    )
