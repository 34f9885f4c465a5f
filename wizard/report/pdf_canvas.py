"""Page furniture of the PDF: running header, "Page X of Y" and the JSON hash in the footer.

"Page X of Y" needs the page count before it is known, so the canvas keeps each finished
page's state and draws the furniture on every page at `save()`, when the total is known. The
footer's SHA-256 lets anyone holding a printout find (and verify) the JSON file it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from wizard.report.pdf_fonts import BOLD, MONO, REGULAR


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
                self.setFillColor(colors.HexColor(f.primary))
                self.setFont(BOLD, 8)
                self.drawString(x, top, f.left_title)
                self.setFillColor(colors.HexColor(f.muted))
                self.setFont(REGULAR, 8)
                self.drawRightString(width - f.margin, top, f.right_title)
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

    return NumberedCanvas
