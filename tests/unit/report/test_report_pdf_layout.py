"""How the PDF lays out awkward content: long org names in the running header, a value taller
than a page, headings near a page foot, and each row's check id for matching it to the JSON."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from report_samples import ZONE, sample_guide, sample_org, sample_results, sample_run, squash
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from wizard.report import build_report
from wizard.report.pdf import render_pdf
from wizard.report.pdf_fonts import BOLD, REGULAR

FONTS = {"DejaVuSans": REGULAR, "DejaVuSans-Bold": BOLD}
LEFT_TITLE = "ECI Setup Wizard · Verification report"
#: What a cell cut to fit on a page says.
CUT_WORDS = "(cut here to fit the page; the JSON and HTML files have the whole value)"


def _report(org_name: str = "Acme Corporation", results=None, redactions: int = 0):
    run = sample_run(results).model_copy(update={"org": sample_org().model_copy(update={"name": org_name})})
    report = build_report(sample_guide(), run, zone=ZONE)
    return report.model_copy(update={"redactions": redactions}) if redactions else report


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _header_spans(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """(text, left x, right x) of each piece of text on the running header's line of `page`."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font, size):
        text = text.strip("\n")
        if text.strip() and font is not None:
            family = font["/BaseFont"].split("+")[-1]
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found.append((text, x, x + stringWidth(text, FONTS.get(family, REGULAR), 8), y))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    top = max(y for *_, y in found)
    return sorted(((t, a, b) for t, a, b, y in found if abs(y - top) < 1), key=lambda span: span[1])


@pytest.mark.parametrize(
    ("name", "paper"),
    [
        ("Northwind Traders International Holdings EMEA – UAT Sandbox", "Letter"),
        ("Northwind Traders International Holdings EMEA " * 6, "A4"),
    ],
)
def test_the_running_header_never_overlaps_or_leaves_the_page(name, paper):
    pdf = render_pdf(_report(org_name=name.strip()), paper=paper)
    width = (letter if paper == "Letter" else A4)[0]
    spans = _header_spans(pdf, 1)
    left = next(span for span in spans if span[0] == LEFT_TITLE)
    right = [span for span in spans if span[1] > left[1] and span[0] != LEFT_TITLE]
    assert right, spans
    assert min(a for _, a, _ in right) >= left[2] + 3 * mm  # a clear gap between the two titles
    assert max(b for _, _, b in right) <= width - 16 * mm + 0.5  # inside the right margin
    header = "".join(t for t, _, _ in right)
    assert header.startswith("Northwind Traders") and header.endswith("… · 00D5g000004ABCDEA2")
    # a name that fits is printed whole
    spans = _header_spans(render_pdf(_report(org_name="Acme Corporation"), paper=paper), 1)
    assert [t for t, *_ in spans][-1] == "Acme Corporation · 00D5g000004ABCDEA2"


def test_only_the_cell_too_tall_for_a_page_is_cut_and_the_closing_note_stays_whole():
    results = sample_results()
    tall = "segment " * 4000  # ~32,000 characters: several pages in one cell
    fits = "value-" + "abcdefghij " * 90 + "-end"  # ~1,000 characters: fits a page easily
    results[1] = results[1].model_copy(update={"observed": tall, "message": tall})
    results[4] = results[4].model_copy(update={"observed": fits})
    pdf = render_pdf(_report(results=results, redactions=3), paper="A4")
    text = squash("\n".join(_pages(pdf)))
    assert squash(fits) in text  # a long value that fits is printed whole
    assert text.count(squash(CUT_WORDS)) == 1  # only the over-tall cell is cut, and says so
    assert squash("Values hidden in this report: 3.") in text  # the closing note is whole
    assert text.count("segment") > 150  # the cut cell still fills most of its page
    assert squash(sample_results()[1].expected) in text  # its other cells are whole


def test_no_row_prints_its_internal_check_id():
    """The row's number ("2.3") finds it in the JSON record, which keeps the check id; printed, the id
    only broke across lines under every setting ("integration-user. / integration- / permission-set")."""
    report = _report()
    text = squash("\n".join(_pages(render_pdf(report, paper="A4"))))
    for page in report.pages:
        for row in page.rows:
            assert row.check_id and squash(row.number + row.setting) in text
            if "." in row.check_id or "-" in row.check_id:  # an id, not a word that could be in a sentence
                assert squash(row.check_id) not in text, row.number



HEADINGS = {  # heading -> what must follow it on the same page: its table's header row and first row
    "What’s left to do": lambda r: "#SettingStatusWhattodo" + squash(r.todo[0].number),
    "Connection preflight": lambda r: "CheckExpectedObservedStatus" + squash(r.preflight[0].name),
    "Changes made by the wizard": lambda r: "WhenWhatBeforeAfterBy",
    "Manual confirmations": lambda r: "StepConfirmedbyWhenNote" + squash(r.confirmations[0].setting),
    "Appendix: evidence queries": lambda r: "RefSourceQueryorreadE1",
}


def test_no_section_heading_is_left_alone_at_a_page_foot():
    orphans = []
    for extra in range(0, 64, 3):  # taller and taller content moves every heading down the page
        results = sample_results()
        results[1] = results[1].model_copy(update={"observed": "\n".join(f"line {n}" for n in range(extra + 1))})
        report = _report(results=results)
        for number, page in enumerate(_pages(render_pdf(report, paper="A4")), start=1):
            flat = squash(page)
            for heading, start in HEADINGS.items():
                at = flat.find(squash(heading))
                if at >= 0 and start(report) not in flat[at:]:
                    orphans.append((extra, number, heading))
    assert orphans == []
