"""Colours, fonts and the stylesheet: the brand palette, in light or dark as the system is.

The palette comes from ``resources/brand.json`` (shared with the report, so the window and the
PDF look like one product); the stylesheet template ``resources/wizard.qss`` holds
``${token}`` placeholders filled from it. Dark mode keeps the same hues, lifted for contrast.
Status is never shown by colour alone: every badge also carries its icon and its word.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from string import Template

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from wizard.engine.results import Status
from wizard.paths import resource

_DEFAULT_BRAND = {
    "colors": {"primary": "#1B365D", "accent": "#0E7C86", "ink": "#1F2933", "muted": "#5B6573",
               "rule": "#CBD2D9", "surface": "#F2F5F8", "white": "#FFFFFF"},
    "status": {s.value: {"color": "#5B6573", "tint": "#EEF1F4"} for s in Status},
}
#: Dark-mode versions of the brand colours (same hues, readable on a dark background).
_DARK = {"primary": "#8DB4E8", "accent": "#4CC3CB", "ink": "#E6EAEE", "muted": "#A7B1BC",
         "rule": "#3B444E", "surface": "#252B32", "white": "#1B2026"}
_DARK_STATUS = {"pass": "#6FD39A", "warn": "#F2C14E", "fail": "#FF8A80", "manual": "#8AB4F8",
                "error": "#C9A7F5", "skipped": "#A7B1BC"}


@cache
def brand() -> dict:
    """The brand file, or built-in defaults when it is missing or damaged (never fatal)."""
    try:
        data = json.loads(resource("brand.json").read_text(encoding="utf-8"))
        if isinstance(data.get("colors"), dict) and isinstance(data.get("status"), dict):
            return data
    except (OSError, ValueError):
        pass
    return _DEFAULT_BRAND


def _mix(color: str, background: str, share: float) -> str:
    a, b = QColor(color), QColor(background)
    mixed = QColor(round(a.red() * share + b.red() * (1 - share)), round(a.green() * share + b.green() * (1 - share)),
                   round(a.blue() * share + b.blue() * (1 - share)))
    return mixed.name()


@dataclass(frozen=True)
class Theme:
    """The colours in use right now."""

    dark: bool
    colors: dict[str, str]
    status: dict[str, tuple[str, str]]  # status value -> (colour, tint)

    def status_color(self, status: Status) -> str:
        return self.status[status.value][0]

    def status_tint(self, status: Status) -> str:
        return self.status[status.value][1]


def system_is_dark(app: QGuiApplication | None = None) -> bool:
    """Whether the desktop asks for a dark appearance.

    ``ECI_WIZARD_THEME=dark|light`` decides if set; else the platform's colour scheme (Windows,
    macOS, GNOME and KDE report it); else the lightness of the system palette as it was before
    the wizard set its own.
    """
    from PySide6.QtCore import Qt

    forced = os.environ.get("ECI_WIZARD_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    app = app or QGuiApplication.instance()
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    system = getattr(app, "_eci_system_palette", None) or app.palette()
    return system.color(QPalette.ColorRole.Window).lightness() < 128


def make_theme(dark: bool) -> Theme:
    data = brand()
    colors = dict(_DEFAULT_BRAND["colors"]) | dict(data["colors"])
    if dark:
        colors |= _DARK
    background = colors["white"]
    status = {}
    for s in Status:
        entry = data["status"].get(s.value) or _DEFAULT_BRAND["status"][s.value]
        color = _DARK_STATUS[s.value] if dark else entry["color"]
        tint = _mix(color, background, 0.18) if dark else entry.get("tint", _mix(color, background, 0.12))
        status[s.value] = (color, tint)
    return Theme(dark=dark, colors=colors, status=status)


_current: Theme = make_theme(False)


def current() -> Theme:
    """The theme applied last (light until `apply_theme` runs)."""
    return _current


def stylesheet(theme: Theme) -> str:
    """The application stylesheet for a theme (``resources/wizard.qss`` with its tokens filled)."""
    try:
        template = resource("wizard.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
    values = dict(theme.colors)
    for s in Status:
        values[f"{s.value}_color"], values[f"{s.value}_tint"] = theme.status[s.value]
    values["banner_text"] = "#FFFFFF"
    values["prod_bg"] = "#8C1D18" if not theme.dark else "#7A1F1A"
    values["sandbox_bg"] = theme.colors["accent"] if not theme.dark else "#1F5E63"
    values["selection_text"] = "#FFFFFF" if not theme.dark else "#10151A"
    values["disabled_text"] = _mix(theme.colors["muted"], theme.colors["surface"], 0.6)  # a disabled button's words
    return Template(template).safe_substitute(values)


def load_fonts() -> None:
    """Register the shipped fonts so status icons (✔ ✖ ▲ ✋) render on every system."""
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf", "NotoSansSymbols2-Regular.ttf"):
        path = resource(f"fonts/{name}")
        if path.is_file():
            QFontDatabase.addApplicationFont(str(path))


def mono_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setFamilies([font.family(), "DejaVu Sans Mono", "monospace"])
    return font


def apply_theme(app: QApplication, dark: bool | None = None) -> Theme:
    """Style the application after the system's light or dark appearance, now and when it changes."""
    from PySide6.QtCore import Qt

    global _current
    if not getattr(app, "_eci_theme_hooked", False):
        app._eci_system_palette = QPalette(app.palette())  # type: ignore[attr-defined]
        app.setStyle("Fusion")  # the same look everywhere; light or dark still follows the system
        font = app.font()
        font.setFamilies([font.family(), "DejaVu Sans", "Noto Sans Symbols2"])
        app.setFont(font)
        app.styleHints().colorSchemeChanged.connect(
            lambda scheme: apply_theme(app, None if scheme == Qt.ColorScheme.Unknown else scheme == Qt.ColorScheme.Dark))
        app._eci_theme_hooked = True  # type: ignore[attr-defined]
    _current = make_theme(system_is_dark(app) if dark is None else dark)
    app.setPalette(palette(_current))
    app.setStyleSheet(stylesheet(_current))
    return _current


def palette(theme: Theme) -> QPalette:
    """A palette matching the stylesheet, so native parts (menus, dialogs) agree with it."""
    c = theme.colors
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in ((role.Window, c["white"]), (role.Base, c["white"]), (role.AlternateBase, c["surface"]),
                     (role.WindowText, c["ink"]), (role.Text, c["ink"]), (role.ButtonText, c["ink"]),
                     (role.Button, c["surface"]), (role.Highlight, c["primary"]), (role.ToolTipBase, c["surface"]),
                     (role.ToolTipText, c["ink"]), (role.PlaceholderText, c["muted"]), (role.Link, c["accent"]),
                     (role.LinkVisited, c["accent"]), (role.Mid, c["rule"]), (role.Midlight, c["rule"])):
        pal.setColor(r, QColor(value))
    pal.setColor(role.HighlightedText, QColor("#10151A" if theme.dark else "#FFFFFF"))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c["muted"]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c["muted"]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c["muted"]))
    return pal
