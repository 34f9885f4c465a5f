"""The report as a PDF an auditor can print, file and match to its JSON.

Rendered with reportlab's platypus from the report model (read back from the JSON). Fonts are
embedded, so the text is selectable and the status icons print everywhere; the footer carries
"Page X of Y" and the SHA-256 of the JSON file; the paper is A4 or US Letter. A character no
bundled font can draw prints as a placeholder, and the first page says so once.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import SimpleDocTemplate, Spacer
from reportlab.platypus.doctemplate import LayoutError

from wizard.report import pdf_sections as sections
from wizard.report.brand import Brand, load_brand
from wizard.report.model import Report
from wizard.report.paper import PAPER_SIZES, resolve_paper
from wizard.report.pdf_canvas import Furniture, canvas_maker
from wizard.report.pdf_fonts import PLACEHOLDER, REGULAR
from wizard.report.pdf_styles import Styles, make_styles
from wizard.report.timefmt import show
from wizard.report.wording import SECRET_NOTE

MARGIN = 16 * mm
#: Said once, under the facts, when some character could not be drawn.
UNDRAWN_NOTE = (
    f"Some characters in this report (emoji, or letters of a script none of the PDF’s fonts has) print as {PLACEHOLDER}. "
    "The HTML and JSON files carry the exact text."
)
#: reportlab's frame keeps 6 pt of padding above and below the content.
FRAME_PADDING = 12
_LOGOS: dict[Path, ImageReader] = {}


def _logo(brand: Brand) -> ImageReader | None:
    if brand.logo_png is None:
        return None
    if brand.logo_png not in _LOGOS:
        _LOGOS[brand.logo_png] = ImageReader(str(brand.logo_png))
    return _LOGOS[brand.logo_png]


def undrawn_note(s: Styles) -> list:
    """The note about placeholders, if the document has any (checked once it is put together)."""
    return [Spacer(1, 2 * mm), s.p(UNDRAWN_NOTE, s.muted)] if s.missing else []


def _story(report: Report, brand: Brand, width: float, row_limit: float) -> list:
    s = make_styles(brand, row_limit)
    # The order of the issue that defined the report: who/what/when and the verdict, the settings
    # page by page, what the wizard changed and what the admin confirmed, what's left, the
    # preflight, a place to sign, and the evidence appendix.
    story = [*sections.masthead(s, report, width), *sections.verdict_and_facts(s, report, width)]
    note_at = len(story)
    lead = [s.p("Settings, page by page", s.h2)]  # kept with the first page's rows
    if report.kind == "checklist":
        lead.append(s.p("Tick each box when the setting matches the expected value. Use the notes column for anything the org does differently.", s.muted))
    for page in report.pages:
        if page.rows:
            story += sections.page_section(s, report, page, width, lead)
            lead = []
    story += lead
    if report.kind == "verification":
        story += sections.changes(s, report, width)
        story += sections.confirmations(s, report, width)
        story += sections.todo(s, report, width)
        story += sections.preflight(s, report, width)
    story += sections.sign_off(s, report, width)
    if report.kind == "verification":
        story += sections.evidence(s, report, width)
    story += [Spacer(1, 6 * mm), sections.closing_note(s, _closing(report, brand))]
    story[note_at:note_at] = undrawn_note(s)
    return story


def _closing(report: Report, brand: Brand) -> str:
    text = f"{brand.name} {report.header.wizard_version} · generated {show(report.generated)} · report format {report.schema_version}. "
    text += SECRET_NOTE
    if report.redactions:
        text += f" Values hidden in this report: {report.redactions}."
    return text


def render_pdf(report: Report, *, paper: str | None = None, json_sha256: str | None = None, brand: Brand | None = None) -> bytes:
    """The PDF bytes. `paper` is 'A4', 'Letter' or None/'auto' (by locale); `json_sha256` is the
    hash of the JSON file the report was read from, printed in every page's footer."""
    brand = brand or load_brand()
    size = PAPER_SIZES[resolve_paper(paper)]
    h = report.header
    org = f"{h.org.name} ({h.org.org_id})" if h.org else "no org connected"
    title = f"{h.title}: {h.guide.title}" + (f" — {h.org.name}" if h.org else "")
    subject = (
        f"{h.title} of {h.guide.provider} setup for Einstein Conversation Insights, org {org}, "
        f"generated {report.generated.utc}"
    )
    furniture = Furniture(
        left_title=f"{brand.name} · {h.title}",
        right_title=h.org.name if h.org else h.guide.title,
        right_suffix=f" · {h.org.org_id}" if h.org else "",
        json_sha256=json_sha256,
        primary=brand.color("primary"),
        muted=brand.color("muted"),
        rule=brand.color("rule"),
        margin=MARGIN,
        logo=_logo(brand),
    )
    try:
        return _build(report, brand, size, furniture, title, subject, 1.0)
    except LayoutError:
        # Rows are fitted to the page before the build; should a measurement still fall short,
        # fit the over-tall cells to a lower height. Cells that fit are never cut.
        return _build(report, brand, size, furniture, title, subject, 0.6)


def _build(report: Report, brand: Brand, size: tuple[float, float], furniture: Furniture, title: str, subject: str, row_share: float) -> bytes:
    h = report.header
    make_styles(brand)  # registers the fonts before the document names its initial font
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN,
        title=title,
        author=brand.name,
        subject=subject,
        creator=f"{brand.name} {h.wizard_version}",
        keywords=["Einstein Conversation Insights", h.guide.provider, h.title],
        lang="en",
        displayDocTitle=1,
        initialFontName=REGULAR,
    )
    row_limit = (doc.height - FRAME_PADDING - 2) * row_share
    doc.build(_story(report, brand, doc.width, row_limit), canvasmaker=canvas_maker(furniture))
    return buffer.getvalue()
