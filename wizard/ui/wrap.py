"""Long names and URLs that still wrap: break opportunities in the text a label shows, never in values.

A word-wrapped QLabel wraps only at spaces, so one long identifier (an IAM policy name, a URL
template) sets the label's minimum width and the whole page scrolls sideways. The labels here show
the same text with break opportunities inside its long tokens, so Qt may break them there.

Names the admin types exactly must not look as if they held a space. Qt breaks a line at its last
chance, so a break opportunity is only offered where it is needed:

* a token of at most `SHORT` characters (``VoiceConnector``, ``PostcallRecordingImportEnabled``,
  ``admin@acme-demo.example``) is held together while the label is wide enough for it (a word
  joiner after its separators keeps Qt from breaking there on its own): the line breaks before it;
* a longer token (a URL, a path), and in a label too narrow for it a short one, breaks after its
  separators ``/ . _ @ - = & ? , ; :`` with an invisible zero-width space: the line then ends on
  the separator, as a URL does in print;
* a camel-case piece of `PIECE` characters or more may also break inside, at a case change, or
  every `HARD_BREAK` characters when it has none, with a soft hyphen: Qt draws a hyphen at the end
  of the line when it breaks there, so the break reads as "continued", never as a space, and
  nothing is drawn when it does not. A narrow column (the setting's name) still fits
  ``PostcallRecording-`` / ``ImportEnabled`` without a sideways scroll.

`WrapLabel` picks between the two (`breakable(tight=...)`) by its width.

Only the drawing sees them: `WrapLabel.text()` returns the text as given, and a copy of a selection
in the window is put on the clipboard without them (`clean_clipboard`), so nothing the admin pastes
ever carries them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize
from PySide6.QtGui import QClipboard, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

ZWSP = "\u200b"
#: A word joiner: no break here (Qt would otherwise break after a hyphen or a slash by itself).
JOINER = "\u2060"
#: A soft hyphen: a break inside a word, drawn as a hyphen at the line's end and not at all elsewhere.
SHY = "\u00ad"
#: Tokens of at most this many characters never break (identifiers, e-mail addresses, short values).
SHORT = 30
#: A piece of at least this many characters may also break inside, at a case change.
PIECE = 20
#: A piece still longer than this after the case changes is cut every so many characters.
HARD_BREAK = 24
_TOKEN = re.compile(rf"\S{{{PIECE},}}")
_SEPARATOR = re.compile(r"(?<=[/_.@\-=&?,;:])(?![/_.@\-=&?,;:])")
_CASE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _break_piece(piece: str) -> str:
    """A piece with no separator: soft hyphens at its case changes, then every `HARD_BREAK` characters."""
    if len(piece) < PIECE:
        return piece
    parts = _CASE.sub(SHY, piece).split(SHY)
    out = [SHY.join(p[i:i + HARD_BREAK] for i in range(0, len(p), HARD_BREAK)) if len(p) > HARD_BREAK else p
           for p in parts]
    return SHY.join(out)


def _break_token(token: str) -> str:
    pieces = _SEPARATOR.sub(ZWSP, token).split(ZWSP)
    return ZWSP.join(_break_piece(piece) for piece in pieces).rstrip(ZWSP)


#: Punctuation around a name ("(VoiceConnector)", "Enabled:") that does not make it longer.
_AROUND = "()[]{}<>\"'“”‘’,.;:!?"


def _keep_whole(token: str) -> str:
    """A short token held together: no break at its separators, not even Qt's own after a hyphen."""
    return _SEPARATOR.sub(JOINER, token).rstrip(JOINER)


def _maybe_break(token: str, tight: bool) -> str:
    return _break_token(token) if tight or len(token.strip(_AROUND)) > SHORT else _keep_whole(token)


def breakable(text: str, *, tight: bool = True) -> str:
    """`text` with break opportunities inside its long tokens (for display only).

    `tight=False` holds names of up to `SHORT` characters together: for a text shown wide enough for
    any such name, where a line had better break before the name than inside it.
    """
    return _TOKEN.sub(lambda m: _maybe_break(m.group(0), tight), text) if text else text


def unbreak(text: str) -> str:
    """The text without the break opportunities `breakable` added."""
    return text.replace(ZWSP, "").replace(SHY, "").replace(JOINER, "")


class WrapLabel(QLabel):
    """A plain-text word-wrapped label whose long tokens may break (see the module doc).

    `setText` and `text` speak the real text; only what is drawn (and measured) has the breaks.
    Qt breaks a line at its last chance, so a name with soft hyphens would be split even where it
    fits whole on the next line: while the label is wide enough for every short name it shows the
    text without them (`breakable(tight=False)`), and only a narrower label shows the hyphenable
    text. Its minimum width is always the hyphenable text's, so a layout may still narrow it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = self._tight = ""

    def setText(self, text: str) -> None:
        self._whole, self._tight = breakable(text, tight=False), breakable(text)
        super().setText(self._variant(self.contentsRect().width()))

    def text(self) -> str:
        return unbreak(super().text())

    def _widest(self, shown: str) -> int:
        """The width of the widest run of `shown` that cannot break."""
        metrics = self.fontMetrics()
        runs = re.split(rf"[\s{ZWSP}{SHY}]+", shown)
        return max((metrics.horizontalAdvance(run.replace(JOINER, "")) for run in runs if run), default=0)

    def _variant(self, width: int) -> str:
        if self._whole == self._tight or not self.wordWrap():
            return self._tight
        room = width - 2 * self.margin() - max(self.indent(), 0)
        return self._whole if width > 0 and self._widest(self._whole) <= room else self._tight

    def resizeEvent(self, event: QResizeEvent) -> None:
        shown = self._variant(self.contentsRect().width())
        if shown != super().text():
            super().setText(shown)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.wordWrap() and super().text() != self._tight:
            extra = self.width() - self.contentsRect().width() + 2 * self.margin() + max(self.indent(), 0)
            hint.setWidth(min(hint.width(), self._widest(self._tight) + extra + 1))
        return hint


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
        if any(mark in text for mark in (ZWSP, SHY, JOINER)) and app.focusWindow() is not None:
            clipboard.setText(unbreak(text), QClipboard.Mode.Clipboard)

    clipboard.dataChanged.connect(changed)
    app._eci_clipboard_hooked = True  # type: ignore[attr-defined]
