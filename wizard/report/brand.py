"""The team's look, read from ``resources/brand.json``: colours, fonts and the logo.

Both renderers take their colours from here so the HTML and the PDF match the window, and a
rebrand is an edit of one JSON file. If the file is missing (a broken install), the built-in
defaults keep reports working and looking the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wizard.engine.results import Status
from wizard.paths import resource

_DEFAULT_COLORS = {
    "primary": "#1B365D",
    "accent": "#0E7C86",
    "ink": "#1F2933",
    "muted": "#5B6573",
    "rule": "#CBD2D9",
    "surface": "#F2F5F8",
    "white": "#FFFFFF",
}
_DEFAULT_STATUS = {
    "pass": ("#17663A", "#E3F4EA"),
    "warn": ("#8A5A00", "#FFF4D6"),
    "fail": ("#B3261E", "#FDE7E6"),
    "manual": ("#1C4E9C", "#E4EDFB"),
    "error": ("#6B3FA0", "#F0E8FA"),
    "skipped": ("#5B6573", "#EEF1F4"),
}
_DEFAULT_FONTS = {
    "regular": "fonts/DejaVuSans.ttf",
    "bold": "fonts/DejaVuSans-Bold.ttf",
    "mono": "fonts/DejaVuSansMono.ttf",
    "symbols": "fonts/NotoSansSymbols2-Regular.ttf",
    "cjk": "fonts/DroidSansFallback.ttf",
    "html_symbols": "fonts/ECIReportSymbols-Subset.ttf",
}


@dataclass(frozen=True, eq=False)  # hashed by identity: load_brand() returns one instance
class Brand:
    name: str = "ECI Setup Wizard"
    colors: dict[str, str] = field(default_factory=lambda: dict(_DEFAULT_COLORS))
    status_colors: dict[Status, tuple[str, str]] = field(
        default_factory=lambda: {Status(k): v for k, v in _DEFAULT_STATUS.items()}
    )
    fonts: dict[str, Path] = field(default_factory=dict)
    logo_svg: Path | None = None
    logo_png: Path | None = None

    def color(self, name: str) -> str:
        return self.colors.get(name, _DEFAULT_COLORS.get(name, "#000000"))

    def status_color(self, status: Status) -> str:
        """The colour of a status word and icon (dark enough for text on white)."""
        return self.status_colors[status][0]

    def status_tint(self, status: Status) -> str:
        """A light background for a status cell."""
        return self.status_colors[status][1]


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


@cache
def load_brand() -> Brand:
    """The brand from resources/brand.json, with defaults for anything missing."""
    path = resource("brand.json")
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    colors = {**_DEFAULT_COLORS, **data.get("colors", {})}
    status = {Status(k): v for k, v in _DEFAULT_STATUS.items()}
    for key, value in data.get("status", {}).items():
        status[Status(key)] = (value["color"], value["tint"])
    fonts = {key: resource(rel) for key, rel in {**_DEFAULT_FONTS, **data.get("fonts", {})}.items()}
    logo = data.get("logo", {"svg": "logo.svg", "png": "logo.png"})
    return Brand(
        name=data.get("name", "ECI Setup Wizard"),
        colors=colors,
        status_colors=status,
        fonts=fonts,
        logo_svg=_existing(resource(logo.get("svg", "logo.svg"))),
        logo_png=_existing(resource(logo.get("png", "logo.png"))),
    )
