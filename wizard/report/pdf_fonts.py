"""Fonts the PDF embeds: DejaVu Sans for text, Noto Sans Symbols 2 for the glyphs DejaVu lacks.

Embedding (rather than using the PDF base fonts) is what makes the status icons print, keeps
the text selectable and searchable (reportlab writes a ToUnicode map), and makes the file look
the same on every machine. Fonts are registered once per process.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from wizard.report.brand import Brand

REGULAR, BOLD, MONO, SYMBOLS = "ECI-Sans", "ECI-Sans-Bold", "ECI-Mono", "ECI-Symbols"


class FontMissingError(FileNotFoundError):
    """A shipped font file is missing: the installation is incomplete."""


@cache
def register_fonts(brand: Brand) -> frozenset[int]:
    """Register the report fonts; returns the code points the text font can draw."""
    for name, key in ((REGULAR, "regular"), (BOLD, "bold"), (MONO, "mono"), (SYMBOLS, "symbols")):
        path = brand.fonts.get(key)
        if path is None or not path.is_file():
            raise FontMissingError(
                f"The report font '{key}' was not found at {path}. The installation is incomplete: "
                "reinstall the wizard (the fonts ship in resources/fonts)."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    text_font = pdfmetrics.getFont(REGULAR)
    return frozenset(text_font.face.charToGlyph)


@cache
def _symbol_points() -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(SYMBOLS).face.charToGlyph)


def markup(text: str, covered: frozenset[int]) -> str:
    """Escape `text` for a reportlab Paragraph, keep its line breaks, and draw any character the
    text font lacks (✋) from the symbol font."""
    if covered.issuperset(map(ord, text)):
        return escape(text).replace("\n", "<br/>")
    out: list[str] = []
    for ch in text:
        if ch == "\n":
            out.append("<br/>")
        elif ord(ch) in covered or ch in " \t":
            out.append(escape(ch))
        elif ord(ch) in _symbol_points():
            out.append(f'<font name="{SYMBOLS}">{escape(ch)}</font>')
        else:
            out.append(escape(ch))
    return "".join(out)
