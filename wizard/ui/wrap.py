"""Long names and URLs that still wrap: break opportunities in the text a label shows, never in values.

A word-wrapped QLabel wraps only at spaces, so one long identifier (an IAM policy name, a URL
template) sets the label's minimum width and the whole page scrolls sideways. The labels here show
the same text with invisible zero-width spaces after '/', '_', '.', '-' and between a lower- and an
upper-case letter, so Qt may break a long token there. Only the drawing sees them: `WrapLabel.text()`
returns the text as given, and a copy of a selection in the window is put on the clipboard without
them (`clean_clipboard`), so nothing the admin pastes ever carries them.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

ZWSP = "\u200b"
#: Tokens shorter than this never get break opportunities (ordinary words and short values).
LONG_TOKEN = 16
#: A piece still longer than this after the natural breaks is cut every so many characters.
HARD_BREAK = 24
_TOKEN = re.compile(rf"\S{{{LONG_TOKEN},}}")
_SOFT = re.compile(r"(?<=[/_.\-=&?,;:])(?![/_.\-=&?,;:])|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _break_token(token: str) -> str:
    pieces = _SOFT.sub(ZWSP, token).split(ZWSP)
    out = []
    for piece in pieces:
        out.append(ZWSP.join(piece[i:i + HARD_BREAK] for i in range(0, len(piece), HARD_BREAK)) if len(piece) > HARD_BREAK
                   else piece)
    return ZWSP.join(out).rstrip(ZWSP)


def breakable(text: str) -> str:
    """`text` with zero-width break opportunities inside its long tokens (for display only)."""
    return _TOKEN.sub(lambda m: _break_token(m.group(0)), text) if text else text


def unbreak(text: str) -> str:
    """The text without the break opportunities `breakable` added."""
    return text.replace(ZWSP, "")


class WrapLabel(QLabel):
    """A plain-text word-wrapped label whose long tokens may break (see the module doc).

    `setText` and `text` speak the real text; only what is drawn (and measured) has the breaks.
    """

    def setText(self, text: str) -> None:
        super().setText(breakable(text))

    def text(self) -> str:
        return unbreak(super().text())


def wrap_label(text: str = "", parent: QWidget | None = None) -> WrapLabel:
    widget = WrapLabel(parent)
    widget.setText(text)
    return widget


def clean_clipboard(app: QGuiApplication) -> None:
    """Take the break opportunities out of anything copied from the window's labels.

    Only while the wizard has focus (the copy came from it), and only text that carries them.
    """
    if getattr(app, "_eci_clipboard_hooked", False):
        return
    clipboard = app.clipboard()

    def changed() -> None:
        text = clipboard.text(QClipboard.Mode.Clipboard)
        if ZWSP in text and app.focusWindow() is not None:
            clipboard.setText(unbreak(text), QClipboard.Mode.Clipboard)

    clipboard.dataChanged.connect(changed)
    app._eci_clipboard_hooked = True  # type: ignore[attr-defined]
