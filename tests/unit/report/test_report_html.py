"""The HTML report: well-formed, self-contained, accessible, every setting and status in words."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from wizard.engine.results import Status
from wizard.report import blank_checklist
from wizard.report.html import XHTML, render_html

NS = {"h": XHTML}


def _parse(text: str) -> etree._Element:
    return etree.fromstring(text.split("\n", 1)[1].encode("utf-8"))


def test_html_file_is_well_formed_xhtml(exported):
    text = exported.html_path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    root = _parse(text)
    assert root.tag == f"{{{XHTML}}}html" and root.get("lang") == "en"
    # Parsing the file itself (doctype included) works too.
    etree.parse(str(exported.html_path))


def test_html_parser_sees_the_same_document(report):
    """No `<td/>`-style self-closed elements: an HTML parser must build the same table rows."""
    text = render_html(report)
    assert not re.search(r"<(?!meta|br|hr|img|link|col|input|path|rect|circle)(\w+)[^>]*/>", text)
    xml_rows = len(_parse(text).findall(".//h:tr", NS))
    html_rows = len(lxml_html.document_fromstring(text.encode("utf-8")).findall(".//tr"))
    assert xml_rows == html_rows > 30


def test_self_contained_inline_css_and_logo(report):
    root = _parse(render_html(report))
    assert root.findall(".//h:link", NS) == [] and root.findall(".//h:script", NS) == []
    assert all(not img.get("src", "").startswith("http") for img in root.iter(f"{{{XHTML}}}img"))
    style = root.find(".//h:style", NS).text
    assert "@media print" in style and "thead { display: table-header-group; }" in style
    assert root.find(".//{http://www.w3.org/2000/svg}svg") is not None
    # The status glyphs travel inside the file (not every system font has ✋).
    assert '@font-face { font-family: "ECI Report Symbols"; src: url(data:font/ttf;base64,' in style


def test_every_setting_and_status_is_shown_with_icon_and_word(report):
    root = _parse(render_html(report))
    pages = root.find(".//h:section[@aria-labelledby='pages']", NS)
    text = "".join(pages.itertext())
    for page in report.pages:
        for row in page.rows:
            assert row.setting in text
            tr = pages.xpath(f".//h:tr[h:td[1]='{row.number}']", namespaces=NS)
            assert len(tr) == 1, row.number
            badge = "".join(tr[0].xpath(".//h:span[contains(@class,'badge')]", namespaces=NS)[0].itertext())
            assert badge == f"{row.status.icon} {row.status.label}"
    # Icons are decorative for screen readers: the word carries the status.
    icons = root.xpath(".//h:span[@class='icon']", namespaces=NS)
    assert icons and all(i.get("aria-hidden") == "true" for i in icons)


def test_tables_are_accessible(report):
    root = _parse(render_html(report))
    tables = root.findall(".//h:table", NS)
    assert len(tables) >= 10
    for table in tables:
        assert table.find("h:caption", NS) is not None
        for th in table.findall("h:thead/h:tr/h:th", NS):
            assert th.get("scope") == "col"
        for th in table.findall("h:tbody/h:tr/h:th", NS):
            assert th.get("scope") == "row"


def test_sections_and_appendix_links(report):
    root = _parse(render_html(report))
    headings = [h.text for h in root.findall(".//h:h2", NS)]
    assert headings == [
        "Verdict", "Summary", "Settings, page by page", "Changes made by the wizard", "Manual confirmations",
        "What’s left to do", "Connection preflight", "Appendix: evidence queries",
    ]
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    links = [a.get("href")[1:] for a in root.iter(f"{{{XHTML}}}a") if a.get("href", "").startswith("#")]
    assert links and set(links) <= ids
    verdict = "".join(root.find(".//h:section[@aria-labelledby='verdict']", NS).itertext())
    assert "Not ready" in verdict and report.summary.verdict.text in verdict


def test_checklist_html_has_boxes_and_no_results(guide):
    root = _parse(render_html(blank_checklist(guide)))
    boxes = root.xpath(".//h:span[@class='box']", namespaces=NS)
    assert len(boxes) == len(guide.settings())
    text = "".join(root.itertext())
    assert all(s.label not in ("", None) and s.label in text for _, s in guide.settings())
    assert not any(status.label in text for status in (Status.PASS, Status.FAIL))
