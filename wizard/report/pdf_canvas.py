"""Page furniture of the PDF: running header, "Page X of Y" and the JSON hash in the footer.

"Page X of Y" needs the page count before it is known, so the canvas keeps each finished
page's state and draws the furniture on every page at `save()`, when the total is known. The
footer's SHA-256 lets anyone holding a printout find (and verify) the JSON file it came from.
The running header's right title (the org's name) is shortened with "…" to the room the left
title leaves, so the two never overlap, whatever the name's length or script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from wizard.report.pdf_fonts import BOLD, MONO, REGULAR, runs, string_width

#: Space kept between the running header's two titles.
TITLE_GAP = 6 * mm
HEADER_SIZE = 8


@dataclass(frozen=True)
class Furniture:
    """What every page shows besides the content."""

    left_title: str
    right_title: str
    json_sha256: str | None
    primary: str
    muted: str
    rule: str
    margin: float
    logo: ImageReader | None = None
    #: Printed whole after `right_title` (the org id: it identifies the org when the name is cut).
    right_suffix: str = ""


def fitted(text: str, suffix: str, font: str, size: float, room: float) -> list[tuple[str, str]]:
    """`text` + `suffix` as (font, text) runs no wider than `room`: the text is shortened with
    "…" (the suffix kept) as far as needed, and left out if even the suffix alone is too wide."""
    text = " ".join(text.split())
    whole = runs(text + suffix, font)
    if string_width(whole, size) <= room:
        return whole
    lo, hi = 0, len(text)
    best = runs(suffix.strip(" ·"), font)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        candidate = runs(text[:mid].rstrip() + "…" + suffix, font)
        if string_width(candidate, size) <= room:
            lo, best = mid, candidate
        else:
            hi = mid - 1
    return best if string_width(best, size) <= room else []


def canvas_maker(furniture: Furniture) -> type[Canvas]:
    """A canvas class (reportlab wants a class) that draws `furniture` on every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            f = furniture
            width, height = self._pagesize
            page = self._pageNumber
            self.saveState()
            self.setStrokeColor(colors.HexColor(f.rule))
            self.setLineWidth(0.5)
            if page > 1:  # the first page carries the full masthead instead
                top = height - f.margin + 4 * mm
                x = f.margin
                if f.logo is not None:
                    self.drawImage(f.logo, x, top - 1.2 * mm, 5 * mm, 5 * mm, mask="auto")
                    x += 6.5 * mm
                right_edge = width - f.margin
                left = fitted(f.left_title, "", BOLD, HEADER_SIZE, right_edge - x)
                self.setFillColor(colors.HexColor(f.primary))
                self._draw_runs(x, top, left)
                room = right_edge - x - string_width(left, HEADER_SIZE) - TITLE_GAP
                right = fitted(f.right_title, f.right_suffix, REGULAR, HEADER_SIZE, room)
                self.setFillColor(colors.HexColor(f.muted))
                self._draw_runs(right_edge - string_width(right, HEADER_SIZE), top, right)
                self.line(f.margin, top - 2.2 * mm, width - f.margin, top - 2.2 * mm)
            bottom = f.margin - 7 * mm
            self.line(f.margin, bottom + 4 * mm, width - f.margin, bottom + 4 * mm)
            self.setFillColor(colors.HexColor(f.muted))
            if f.json_sha256:
                label = "SHA-256 of the report’s JSON file: "
                self.setFont(REGULAR, 6.5)
                self.drawString(f.margin, bottom, label)
                self.setFont(MONO, 6.5)
                self.drawString(f.margin + self.stringWidth(label, REGULAR, 6.5), bottom, f.json_sha256)
            else:
                self.setFont(REGULAR, 6.5)
                self.drawString(f.margin, bottom, "Rendered without its JSON file: no hash to match.")
            self.setFont(BOLD, 8)
            self.setFillColor(colors.HexColor(f.primary))
            self.drawRightString(width - f.margin, bottom, f"Page {page} of {total}")
            self.restoreState()

        def _draw_runs(self, x: float, y: float, pieces: list[tuple[str, str]]) -> None:
            for font, text in pieces:
                self.setFont(font, HEADER_SIZE)
                self.drawString(x, y, text)
                x += self.stringWidth(text, font, HEADER_SIZE)

    return NumberedCanvas
