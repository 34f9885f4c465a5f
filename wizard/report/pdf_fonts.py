"""Fonts the PDF embeds, and which of them draws each character.

DejaVu Sans draws the text (Latin, Greek, Cyrillic, Arabic, Hebrew...), Noto Sans Symbols 2
the icons DejaVu lacks (✋), Droid Sans Fallback Chinese, Japanese and Korean. Embedding
(rather than using the PDF base fonts) is what makes the status icons print, keeps the text
selectable and searchable (reportlab writes a ToUnicode map), and makes the file look the same
on every machine.

reportlab draws each character with the font it is given, and a font without that character
prints an empty box that looks like a real value. So a character none of the fonts has (most
emoji) prints as `PLACEHOLDER` instead, and the renderer says once that the HTML and JSON files
carry the exact text. reportlab also draws glyphs left to right as given, without joining
Arabic letters: right-to-left runs are shaped (arabic-reshaper) and put in visual order
(python-bidi) before they are drawn.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from xml.sax.saxutils import escape

import arabic_reshaper  # at the top, so the self-check's import of every module proves the bundle has them
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from wizard.report.brand import Brand

REGULAR, BOLD, MONO, SYMBOLS, CJK = "ECI-Sans", "ECI-Sans-Bold", "ECI-Mono", "ECI-Symbols", "ECI-CJK"
#: What a character no bundled font can draw prints as (DejaVu's replacement character).
PLACEHOLDER = "\ufffd"
#: Right-to-left runs up to this long are kept on one line (a short name reads better unbroken).
RTL_RUN_KEPT_WHOLE = 40
_FONT_FILES = {REGULAR: "regular", BOLD: "bold", MONO: "mono", SYMBOLS: "symbols", CJK: "cjk"}
_CJK_PATH: list[str] = []  # registered on first use only: parsing its 3.4 MB takes ~60 ms


class FontMissingError(FileNotFoundError):
    """A shipped font file is missing: the installation is incomplete."""


@cache
def register_fonts(brand: Brand) -> frozenset[int]:
    """Register the report fonts; returns the code points the text font can draw."""
    for name, key in _FONT_FILES.items():
        path = brand.fonts.get(key)
        if path is None or not path.is_file():
            raise FontMissingError(
                f"The report font '{key}' was not found at {path}. The installation is incomplete: "
                "reinstall the wizard (the fonts ship in resources/fonts)."
            )
        if name == CJK:
            _CJK_PATH[:] = [str(path)]
        else:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return coverage(REGULAR)


@cache
def coverage(font: str) -> frozenset[int]:
    """The code points `font` has a glyph for (registering the CJK font if it is asked about)."""
    if font == CJK and font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(CJK, _CJK_PATH[0]))
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _invisible(ch: str) -> bool:
    """Formatting characters (joiners, direction marks, variation selectors) print nothing."""
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF


def _joins_previous(ch: str) -> bool:
    """Part of the character before it (a mark, a skin tone, a joiner, an emoji tag)."""
    point = ord(ch)
    return (
        _invisible(ch)
        or unicodedata.category(ch) in ("Mn", "Me")
        or 0x1F3FB <= point <= 0x1F3FF
        or 0xE0020 <= point <= 0xE007F
    )


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def _glue_rtl_runs(line: str) -> str:
    """Join the words of each short right-to-left run with no-break spaces."""
    chars = list(line)
    rtl = [i for i, ch in enumerate(chars) if _is_rtl(ch)]
    first = last = None
    for i in [*rtl, None]:
        between = chars[last + 1 : i] if i is not None and last is not None else None
        if between is not None and all(ch == " " or unicodedata.category(ch)[0] in "MP" for ch in between):
            last = i
            continue
        if first is not None and last is not None and last - first < RTL_RUN_KEPT_WHOLE:
            chars[first:last] = ["\u00a0" if ch == " " else ch for ch in chars[first:last]]
        first = last = i
    return "".join(chars)


def visual(text: str) -> str:
    """`text` as it must be drawn left to right: Arabic letters joined, right-to-left runs
    reversed in place (the report's paragraphs read left to right), line by line. Short runs are
    glued with no-break spaces; where a longer run must wrap, `reading_order_lines` breaks it first."""
    if text.isascii() or not any(_is_rtl(ch) for ch in text):
        return text
    return "\n".join(get_display(arabic_reshaper.reshape(_glue_rtl_runs(line)), base_dir="L") for line in text.split("\n"))


def has_rtl(text: str) -> bool:
    """Whether `text` holds right-to-left letters (Hebrew, Arabic...)."""
    return not text.isascii() and any(_is_rtl(ch) for ch in text)


def reading_order_lines(text: str, font: str, size: float, width: float) -> str:
    """`text` with a line break wherever it must wrap to fit `width` points, decided in reading
    order. The bidirectional algorithm breaks lines before it reorders them: reordering a whole
    paragraph first and letting reportlab wrap the result would print a long right-to-left run's
    last words on its first line. Words glued by `visual` (no-break spaces) stay together."""
    lines: list[str] = []
    for hard in text.split("\n"):
        words = hard.split(" ")
        line = words[0]
        for word in words[1:]:
            candidate = f"{line} {word}"
            if string_width(runs(candidate, font), size) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return "\n".join(lines)


def _cluster_end(text: str, i: int) -> int:
    """Where the user-perceived character starting at `text[i]` ends (emoji sequences, flags,
    marks), so a character no font has becomes one placeholder, not several."""
    j = i + 1
    if 0x1F1E6 <= ord(text[i]) <= 0x1F1FF and j < len(text) and 0x1F1E6 <= ord(text[j]) <= 0x1F1FF:
        j += 1  # a flag is two regional indicators
    while j < len(text) and _joins_previous(text[j]):
        j += 2 if text[j] == "\u200d" else 1  # a zero-width joiner glues the next character on
    return min(j, len(text))


def runs(text: str, font: str = REGULAR, missing: set[str] | None = None) -> list[tuple[str, str]]:
    """(font, text) pieces that draw `text` in visual order: each character from `font` if it
    has it, else from the symbol or CJK font; a character none has becomes `PLACEHOLDER` (drawn
    with `font`) and is added to `missing`. Invisible formatting characters are left out."""
    own = coverage(font)
    text = visual(text)
    if own.issuperset(map(ord, text)):
        return [(font, text)] if text else []
    pieces: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        point = ord(ch)
        if point in own or ch in "\n\t ":
            use = font
        elif _invisible(ch):
            i += 1
            continue
        elif point in coverage(SYMBOLS):
            use = SYMBOLS
        elif point in coverage(CJK):
            use = CJK
        else:
            end = _cluster_end(text, i)
            if missing is not None:
                missing.add(text[i:end])
            ch, use, i = PLACEHOLDER, font, end - 1
        if pieces and pieces[-1][0] == use:
            pieces[-1] = (use, pieces[-1][1] + ch)
        else:
            pieces.append((use, ch))
        i += 1
    return pieces


def markup(text: str, font: str = REGULAR, missing: set[str] | None = None) -> str:
    """Escape `text` for a reportlab Paragraph set in `font`, keep its line breaks, draw what
    `font` lacks from the fallback fonts, and mark what no font has (see `runs`)."""
    out: list[str] = []
    for use, piece in runs(text, font, missing):
        piece = escape(piece).replace("\n", "<br/>")
        out.append(piece if use == font else f'<font name="{use}">{piece}</font>')
    return "".join(out)


def string_width(pieces: list[tuple[str, str]], size: float) -> float:
    """The printed width of `runs` output at `size` points."""
    return sum(pdfmetrics.stringWidth(text, font, size) for font, text in pieces)
