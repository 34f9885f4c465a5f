"""The HTML report's inline stylesheet, coloured from the brand.

Kept free of ``<``, ``>`` and ``&`` so the stylesheet survives XML serialisation unescaped and
reads the same to an HTML and an XML parser. Print rules repeat table headers on every page,
keep rows whole, and keep the status colours (which are never the only signal anyway).
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from wizard.engine.results import Status
from wizard.report.brand import Brand

#: The status glyphs the embedded symbol subset carries (not every system font has ✋).
SYMBOL_RANGE = "U+25B2, U+2610, U+270B, U+2714, U+2716"


@cache
def _font_face(path: Path | None) -> str:
    """An @font-face with the few status glyphs inlined (3 kB), so the file needs nothing else."""
    if path is None or not path.is_file():
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        '@font-face { font-family: "ECI Report Symbols"; '
        f'src: url(data:font/ttf;base64,{data}) format("truetype"); unicode-range: {SYMBOL_RANGE}; }}\n'
    )


def stylesheet(brand: Brand) -> str:
    c = brand.color
    status_rules = "\n".join(
        f".s-{s.value} {{ color: {brand.status_color(s)}; }}\n"
        f".badge.s-{s.value} {{ background: {brand.status_tint(s)}; border-color: {brand.status_color(s)}; }}\n"
        f".verdict.s-{s.value} {{ border-left-color: {brand.status_color(s)}; background: {brand.status_tint(s)}; }}"
        for s in Status
    )
    css = _font_face(brand.fonts.get("html_symbols")) + f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "ECI Report Symbols", "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif, "Segoe UI Symbol", "Noto Sans Symbols 2", "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; color: {c("ink")};
  margin: 0 auto; max-width: 64rem; padding: 1.5rem; font-size: 0.9rem; line-height: 1.4; }}
.masthead {{ display: flex; align-items: center; gap: 1rem; border-bottom: 3px solid {c("primary")};
  padding-bottom: 0.75rem; margin-bottom: 1rem; }}
.masthead .logo {{ width: 3.5rem; height: 3.5rem; flex: none; }}
.brand {{ margin: 0; color: {c("accent")}; font-weight: bold; letter-spacing: 0.04em; text-transform: uppercase; font-size: 0.75rem; }}
h1 {{ margin: 0; color: {c("primary")}; font-size: 1.6rem; }}
.subtitle {{ margin: 0; color: {c("muted")}; }}
h2 {{ color: {c("primary")}; font-size: 1.2rem; border-bottom: 1px solid {c("rule")}; padding-bottom: 0.2rem; margin-top: 1.8rem; }}
h3 {{ color: {c("primary")}; font-size: 1.05rem; margin: 1.4rem 0 0.2rem; }}
.meta {{ color: {c("muted")}; margin: 0 0 0.4rem; font-size: 0.8rem; }}
table {{ width: 100%; border-collapse: collapse; margin: 0.4rem 0 1rem; }}
caption {{ text-align: left; color: {c("muted")}; font-size: 0.8rem; padding-bottom: 0.2rem; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.35rem 0.45rem; border-bottom: 1px solid {c("rule")};
  overflow-wrap: anywhere; }}
thead th {{ background: {c("primary")}; color: {c("white")}; font-weight: bold; border-bottom: none; }}
tbody th {{ font-weight: bold; }}
tbody tr:nth-child(even) {{ background: {c("surface")}; }}
table.fixed {{ table-layout: fixed; }}
table.rows td:first-child {{ white-space: nowrap; }}
table.facts th {{ width: 12rem; color: {c("muted")}; font-weight: normal; }}
table.facts td {{ font-weight: bold; }}
table.counts {{ width: auto; min-width: 18rem; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.total th, tr.total td {{ border-top: 2px solid {c("ink")}; }}
td.status {{ white-space: nowrap; }}
td.refs a {{ color: {c("accent")}; }}
.badge {{ display: inline-block; padding: 0.05rem 0.45rem; border: 1px solid; border-radius: 0.8rem;
  font-weight: bold; font-size: 0.8rem; white-space: nowrap; }}
.box {{ font-size: 1.2rem; }}
.opt {{ color: {c("muted")}; font-weight: normal; font-size: 0.8rem; }}
.by-hand {{ color: {c("muted")}; font-weight: normal; font-size: 0.8rem; }}
.cid {{ display: block; color: {c("muted")}; font-weight: normal; font-size: 0.7rem;
  font-family: "DejaVu Sans Mono", Consolas, monospace; }}
.msg {{ margin: 0.25rem 0 0; color: {c("muted")}; font-size: 0.8rem; }}
.confirmed {{ margin: 0.25rem 0 0; font-size: 0.8rem; }}
.fix {{ margin-top: 0.3rem; padding: 0.25rem 0.4rem; border-left: 3px solid {c("accent")}; background: {c("white")}; font-size: 0.8rem; }}
.fix p, .how {{ margin: 0.15rem 0 0; }}
.verdict {{ border-left: 6px solid; padding: 0.5rem 1rem; margin: 1rem 0; }}
.verdict h2 {{ border: none; margin: 0; }}
.verdict p {{ margin: 0.3rem 0; font-size: 1rem; color: {c("ink")}; }}
.headline {{ font-size: 1.3rem; margin-right: 0.5rem; }}
.pending {{ color: {c("muted")}; font-style: italic; }}
ol.todo li {{ margin-bottom: 0.5rem; }}
code {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.8rem; white-space: pre-wrap; }}
footer {{ margin-top: 2rem; border-top: 1px solid {c("rule")}; color: {c("muted")}; font-size: 0.75rem; }}
{status_rules}
@media print {{
  @page {{ margin: 15mm; }}
  body {{ max-width: none; padding: 0; font-size: 9pt; }}
  thead {{ display: table-header-group; }}
  tr, .verdict, li {{ break-inside: avoid; }}
  h2, h3 {{ break-after: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
  * {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
}}
"""
    if any(ch in css for ch in "<>&"):  # would be escaped by XML serialisation and break the CSS
        raise ValueError("the report stylesheet must not contain '<', '>' or '&'")
    return css
