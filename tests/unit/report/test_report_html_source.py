"""The HTML names the vendor's document as a reader would look it up, and each row's check id."""

from __future__ import annotations

from lxml import etree
from report_samples import ZONE, sample_guide, sample_run

from wizard.report import build_report
from wizard.report.html import render_html

XHTML = "{http://www.w3.org/1999/xhtml}"
URL = "https://docs.natterbox.com/docs/eci-deployment-guide"


def _html(guide=None):
    guide = guide or sample_guide()
    return render_html(build_report(guide, sample_run(), zone=ZONE))


def _facts(html: str) -> dict[str, etree._Element]:
    root = etree.fromstring(html.split("\n", 1)[1].encode("utf-8"))
    table = root.find(f".//{XHTML}table[@class='facts']")
    return {"".join(tr.find(f"{XHTML}th").itertext()): tr.find(f"{XHTML}td") for tr in table.iter(f"{XHTML}tr")}


def test_the_source_document_is_its_title_publisher_and_address_not_a_file_name():
    guide = sample_guide()
    guide = guide.model_copy(update={"source": guide.source.model_copy(update={"url": URL})})
    html = _html(guide)
    assert "000_0905a9a90d8bac68" not in html
    facts = _facts(html)
    assert "".join(facts["Source document"].itertext()) == "24.2. ECI Deployment Guide (Natterbox, 19 Jun 2024)"
    link = facts["Source address"].find(f"{XHTML}a")
    assert link is not None and link.get("href") == URL and link.text == URL


def test_a_source_without_an_address_shows_title_and_publisher_only():
    facts = _facts(_html())
    assert "Source address" not in facts
    assert "".join(facts["Source document"].itertext()) == "24.2. ECI Deployment Guide (Natterbox, 19 Jun 2024)"


def test_every_row_shows_its_check_id_in_small_type():
    report = build_report(sample_guide(), sample_run(), zone=ZONE)
    root = etree.fromstring(render_html(report).split("\n", 1)[1].encode("utf-8"))
    shown = [span.text for span in root.iter(f"{XHTML}span") if span.get("class") == "cid"]
    assert shown == [row.check_id for page in report.pages for row in page.rows if row.check_id]
    assert "callback-url" in shown
    assert ".cid {" in render_html(report)  # styled apart from the setting's name
