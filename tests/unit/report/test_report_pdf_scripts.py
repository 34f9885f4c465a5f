"""Names in any script print in the PDF: CJK from the bundled fallback font, Arabic joined and in
reading order, and anything no bundled font has as a visible placeholder, explained once."""

from __future__ import annotations

import io
import unicodedata
from functools import cache

from pypdf import PdfReader
from report_samples import ZONE, sample_guide, sample_org, sample_results, sample_run, squash
from reportlab.pdfbase.ttfonts import TTFont

from wizard.paths import resource
from wizard.report import build_report
from wizard.report.pdf import render_pdf

JAPANESE = "株式会社アクメ・デモ"
KOREAN = "한국지사"
CHINESE = "北京分公司"
ARABIC = "مؤسسة أكمي التجريبية"
HEBREW = "חברת בדיקה"
NOTE = "print as �. The HTML and JSON files carry the exact text."
FONT_FILES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
    "NotoSansSymbols2-Regular": "NotoSansSymbols2-Regular.ttf",
    "DroidSansFallback": "DroidSansFallback.ttf",
}


@cache
def _glyphs(base_font: str) -> frozenset[int]:
    """The characters the embedded font (named by its PDF BaseFont) has glyphs for."""
    family = base_font.lstrip("/").split("+")[-1]
    return frozenset(TTFont(family, str(resource("fonts/" + FONT_FILES[family]))).face.charToGlyph)


def _pdf(org_name: str = "Acme Corporation", display_name: str = "Dana Admin", observed: str | None = None) -> bytes:
    results = sample_results()
    if observed is not None:
        results[1] = results[1].model_copy(update={"observed": observed})
    run = sample_run(results).model_copy(update={"org": sample_org().model_copy(update={"name": org_name, "user_display_name": display_name})})
    return render_pdf(build_report(sample_guide(), run, zone=ZONE), paper="A4")


def _chunks(pdf: bytes) -> list[tuple[str, str]]:
    """(text, BaseFont) of every piece of text drawn, in the order it is drawn."""
    out: list[tuple[str, str]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: out.append((text, font["/BaseFont"])) if font and text.strip() else None)
    return out


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _undrawable(pdf: bytes) -> list[tuple[str, str]]:
    """Characters printed with a font that has no glyph for them (an empty box on paper)."""
    return [(ch, font) for text, font in _chunks(pdf) for ch in text if not ch.isspace() and ord(ch) not in _glyphs(font)]


def test_chinese_japanese_and_korean_names_print_with_real_glyphs():
    pdf = _pdf(org_name=f"{JAPANESE} {CHINESE} {KOREAN}", display_name="山田太郎")
    assert _undrawable(pdf) == []
    text = squash(_text(pdf))
    for name in (JAPANESE, CHINESE, KOREAN, "山田太郎"):
        assert name in text
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font["/FontDescriptor"].get_object()
    cjk = [descriptor for name, descriptor in fonts.items() if name.endswith("+DroidSansFallback")]
    assert cjk and all("/FontFile2" in descriptor for descriptor in cjk)  # embedded, as every font
    assert NOTE not in _text(pdf)  # every character could be drawn: nothing to explain


def test_arabic_is_joined_and_reads_right_to_left():
    pdf = _pdf(org_name=f"Acme — {ARABIC} — EMEA", display_name=HEBREW)
    assert _undrawable(pdf) == []
    text = _text(pdf)
    # Joined letters are the contextual (initial, medial, final) forms, not the isolated letters.
    assert any("\ufe70" <= ch <= "\ufeff" for ch in text)
    # Read back (as a viewer copies it), the name comes out exactly, in its reading order.
    plain = unicodedata.normalize("NFKC", text)
    assert ARABIC in plain and HEBREW in plain
    assert plain.index("Acme") < plain.index(ARABIC) < plain.index("EMEA")


def test_characters_no_font_has_become_a_placeholder_explained_once():
    pdf = _pdf(org_name="Acme 🚀 Rockets", observed="Team 👩‍💻 and 🇫🇷 ok")
    assert _undrawable(pdf) == []
    text = _text(pdf)
    assert "Acme � Rockets" in text
    assert "Team � and � ok" in text  # one placeholder per emoji, even a joined one or a flag
    assert squash(text).count(squash(NOTE)) == 1
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert squash(NOTE) in squash(first)  # said near the top, where the org name is


def test_a_long_right_to_left_value_wraps_in_reading_order():
    """Lines are broken in reading order, then each is reordered (as the bidirectional algorithm
    does): the first printed line holds the first words, not the last."""
    hebrew = "אחת שתיים שלוש ארבע חמש שש שבע שמונה תשע עשר אחת-עשרה שתים-עשרה שלוש-עשרה ארבע-עשרה חמש-עשרה"
    arabic = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة أحد عشر اثنا عشر ثلاثة عشر أربعة عشر"
    for value in (hebrew, arabic):
        pdf = _pdf(observed=value)
        assert _undrawable(pdf) == []
        lines = [unicodedata.normalize("NFKC", line).strip() for line in _text(pdf).splitlines()]
        rtl = [line for line in lines if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in line)]
        assert len(rtl) > 1  # the value wraps in its cell
        assert " ".join(rtl) == value
