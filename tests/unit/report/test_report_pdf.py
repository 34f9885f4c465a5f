"""The PDF: every setting and status findable in its text, numbered pages, the JSON's hash in
the footer, A4 or Letter, embedded fonts, clean breaks across pages."""

from __future__ import annotations

import hashlib
import re

import pytest
from pypdf import PdfReader
from report_samples import ZONE, big_run, sample_guide, sample_results, sample_run, squash

from wizard.engine.results import Status
from wizard.report import blank_checklist, build_report
from wizard.report.export import export
from wizard.report.paper import default_paper, resolve_paper, territory
from wizard.report.pdf import render_pdf
from wizard.report.pdf_styles import CUT_NOTE
from wizard.report.standing import WORDS
from wizard.report.wording import counts_line


def _texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_every_setting_and_status_is_in_the_pdf_text(exported, report):
    text = squash("\n".join(_texts(exported.pdf_path)))
    position = text.index(squash("Settings, page by page"))
    rows = [r for p in report.pages for r in p.rows]
    starts = []
    for row in rows:
        start = text.index(squash(row.number + row.setting), position)
        starts.append(start)
        position = start + 1
    for row, start, end in zip(rows, starts, [*starts[1:], len(text)], strict=True):
        segment = text[start:end]
        assert squash(f"{row.status.icon} {row.status.label}") in segment, row.number
        assert squash(row.observed or "") in segment, row.number
        assert squash(row.expected) in segment, row.number


def test_summary_verdict_and_sections_are_in_the_pdf(exported, report):
    first = squash(_texts(exported.pdf_path)[0])
    assert squash(report.summary.verdict.headline + report.summary.verdict.text) in first
    for standing, count in counts_line(report):  # the standings counted, as the window and `verify` count them
        assert squash(f"{WORDS[standing].icon} {WORDS[standing].label}{count}") in first
    everything = squash("\n".join(_texts(exported.pdf_path)))
    for title in ("What’s left to do", "Connection preflight", "Changes made by the wizard", "Manual confirmations", "Appendix: evidence queries", "Sign-off"):
        assert squash(title) in everything
    for entry in report.evidence:
        assert squash(f"E{entry.ref}{entry.source}{entry.detail}") in everything
    for change in report.changes:
        assert squash(change.before) in everything and squash("→ " + change.after) in everything


def test_page_numbers_and_footer_hash_match_the_json_file(exported):
    digest = hashlib.sha256(exported.json_path.read_bytes()).hexdigest()
    assert exported.json_sha256 == digest
    texts = _texts(exported.pdf_path)
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert re.search(r"SHA-256 of the report’s JSON file:\s*" + digest, text), number


def test_no_hash_is_printed_without_a_json_file(report, tmp_path):
    result = export(report, pdf=tmp_path / "only.pdf")
    text = _texts(result.pdf_path)[0]
    assert result.json_sha256 not in text
    assert "no hash to match" in text
    assert not (tmp_path / "only.json").exists()


@pytest.mark.parametrize(("paper", "size"), [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0)), ("letter", (612.0, 792.0))])
def test_paper_sizes(report, paper, size):
    import io

    reader = PdfReader(io.BytesIO(render_pdf(report, paper=paper)))
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size


def test_paper_follows_the_locale(monkeypatch):
    assert default_paper("en_US.UTF-8") == "Letter"
    assert default_paper("fr_CA.UTF-8") == "Letter"
    assert default_paper("es-MX") == "Letter"
    assert default_paper("English_United States") == "Letter"
    assert default_paper("en_GB.UTF-8") == "A4"
    assert default_paper("de_DE@euro") == "A4"
    assert default_paper("") == "A4"
    assert territory("fil_PH.UTF-8") == "PH"
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert resolve_paper(None) == resolve_paper("auto") == "Letter"
    monkeypatch.setenv("LC_PAPER", "de_DE.UTF-8")
    assert resolve_paper(None) == "A4"
    with pytest.raises(ValueError, match="Unknown paper size 'B5'"):
        resolve_paper("B5")


def test_a_locale_without_a_country_gives_a4_and_lc_all_comes_first(monkeypatch):
    """Containers and CI machines run with C.UTF-8, which Python reports as en_US: that is no
    choice of Letter paper. LC_ALL overrides LC_PAPER, as in glibc."""
    for name in ("LC_ALL", "LC_PAPER"):
        monkeypatch.delenv(name, raising=False)
    for value in ("C.UTF-8", "C", "POSIX"):
        monkeypatch.setenv("LANG", value)
        assert resolve_paper(None) == "A4", value
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert resolve_paper(None) == "A4"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert resolve_paper(None) == "A4"


def test_metadata_and_embedded_fonts(exported, report):
    reader = PdfReader(str(exported.pdf_path))
    meta = reader.metadata
    assert meta.author == "ECI Setup Wizard"
    assert meta.title == "Verification report: Natterbox ECI Deployment Guide — Acme Corporation"
    assert "00D5g000004ABCDEA2" in meta.subject
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert all("/Helvetica" not in name for name in fonts)  # nothing falls back to a non-embedded font
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name
    names = " ".join(fonts)
    assert "DejaVuSans" in names and "NotoSansSymbols2" in names  # ✋ comes from the symbol font


def test_long_tables_repeat_their_header_on_every_page(tmp_path):
    guide, run = big_run(copies=3)
    report = build_report(guide, run, zone=ZONE)
    result = export(report, json=tmp_path / "big.json", pdf=tmp_path / "big.pdf", paper="Letter")
    texts = _texts(result.pdf_path)
    assert len(texts) >= 10
    first = next(i for i, t in enumerate(texts) if squash("Settings, page by page") in squash(t))
    last = next(i for i, t in enumerate(texts) if squash("Changes made by the wizard") in squash(t))
    header = squash("#SettingExpectedObservedStatusEvidence")
    continued = 0
    for text in texts[first + 1 : last]:
        row = re.search(r"^(\d+\.\d+)$", text, re.M)
        assert row, "every page of the settings section shows rows"
        assert header in squash(text[: row.start()]), "the table header comes before the first row"
        continued += not row.group(1).endswith(".1")
    assert continued >= 1, "at least one page starts in the middle of a table"
    all_text = squash("\n".join(texts))
    for page in report.pages:
        for row in page.rows:
            assert squash(row.number + row.setting) in all_text


def test_a_huge_value_is_cut_not_crashing(tmp_path):
    results = sample_results()
    huge = "x" * 20_000 + " " + "word " * 3000
    results[6] = results[6].model_copy(update={"observed": huge, "message": huge, "expected": huge})
    report = build_report(sample_guide(), sample_run(results), zone=ZONE)
    pdf = render_pdf(report, paper="A4")
    text = squash("\n".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf)).pages))
    assert squash(CUT_NOTE) in text
    assert "x" * 5000 not in text


def test_checklist_pdf_has_boxes_and_every_setting(tmp_path):
    guide = sample_guide()
    result = export(blank_checklist(guide, zone=ZONE), json=tmp_path / "c.json", pdf=tmp_path / "c.pdf", paper="A4")
    texts = _texts(result.pdf_path)
    text = squash("\n".join(texts))
    assert text.count("☐") == len(guide.settings())
    for _, setting in guide.settings():
        assert squash(setting.label) in text
    assert squash("Setup checklist") in text
    assert not any(squash(f"{s.icon} {s.label}") in text for s in (Status.PASS, Status.FAIL, Status.ERROR))
    assert f"Page 1 of {len(texts)}" in texts[0]


def test_a_saved_json_prints_again_with_its_own_hash(exported, tmp_path):
    from wizard.report.export import render_from_json

    again = render_from_json(exported.json_path, pdf=tmp_path / "again.pdf", html=tmp_path / "again.html", paper="Letter")
    digest = hashlib.sha256(exported.json_path.read_bytes()).hexdigest()
    assert again.json_sha256 == digest and again.json_path is None
    texts = _texts(again.pdf_path)
    assert all(digest in squash(t) for t in texts)
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == exported.html_path.read_text(encoding="utf-8")


def test_files_get_the_usual_permissions_and_no_temporary_is_left(exported):
    import os

    umask = os.umask(0)
    os.umask(umask)
    for path in (exported.json_path, exported.html_path, exported.pdf_path):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in exported.pdf_path.parent.iterdir()) == ["r.html", "r.json", "r.pdf"]
