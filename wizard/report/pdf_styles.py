"""Paragraph and table styles of the PDF, derived from the brand.

One place for sizes and colours keeps the document consistent: body text 8.5 pt in tables
(dense enough for a full guide, large enough to read on paper), headings in the brand's
primary colour, status words in their status colour on a light tint.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from wizard.engine.results import Status
from wizard.report.brand import Brand
from wizard.report.pdf_fonts import BOLD, MONO, REGULAR, markup, register_fonts

#: A text longer than this is cut in the PDF (the JSON keeps the whole value), so that a table
#: row always fits on a page; `render_pdf` retries with `TIGHT_CELL_CHARS` if one still does not.
MAX_CELL_CHARS = 1200
TIGHT_CELL_CHARS = 250


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
    max_chars: int = MAX_CELL_CHARS

    def color(self, name: str) -> colors.Color:
        return colors.HexColor(self.brand.color(name))

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain text (escaped, symbols from the fallback font, long values cut)."""
        if len(text) > self.max_chars:
            text = text[: self.max_chars] + " … (cut here; the JSON file has the full value)"
        return Paragraph(markup(text, self.covered), style or self.cell)

    def rich(self, markup_text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of trusted markup built by the renderer itself (values already escaped)."""
        return Paragraph(markup_text, style or self.cell)

    def esc(self, text: str) -> str:
        return markup(text, self.covered)

    def status(self, status: Status | None, size: float = 8) -> Paragraph:
        """Icon and word in the status colour; never colour alone."""
        if status is None:
            return Paragraph(f'<font size="{size + 6}">☐</font>', self.cell)
        color = self.brand.status_color(status)
        text = self.esc(f"{status.icon} {status.label}")
        return Paragraph(f'<font name="{BOLD}" size="{size}" color="{color}">{text}</font>', self.cell)

    def table_style(self, *, header: bool = True, zebra: bool = True, rows: int = 0) -> TableStyle:
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # reportlab's default would be Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, self.color("rule")),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), self.color("primary")), ("LINEBELOW", (0, 0), (-1, 0), 0, self.color("primary"))]
        if zebra:
            start = 1 if header else 0
            commands += [("BACKGROUND", (0, r), (-1, r), self.color("surface")) for r in range(start + 1, rows, 2)]
        return TableStyle(commands)


def make_styles(brand: Brand, max_chars: int = MAX_CELL_CHARS) -> Styles:
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
        max_chars=max_chars,
    )
