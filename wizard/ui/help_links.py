"""Help for a page: the matching section of the vendor's source guide.

Where the source is online, the link opens it scrolled to the section's heading (a text
fragment, ``#:~:text=``, which current browsers follow); otherwise the page names the
document and section so the admin can find it in their copy.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote


def section_url(guide: Any, section: str) -> str | None:
    """The source guide's URL, pointing at ``section`` when the browser supports it."""
    url = guide.source.url
    if not url:
        return None
    return f"{url.split('#')[0]}#:~:text={quote(section, safe='')}"


def help_html(guide: Any, page: Any) -> str:
    """One line: where this page comes from in the vendor's guide, linked when possible."""
    doc = f"“{escape(guide.source.title)}” ({escape(guide.source.publisher)})"
    section = f"section “{escape(page.source_section)}”"
    url = section_url(guide, page.source_section)
    if url:
        return f"From {doc}, {section} · <a href='{escape(url, quote=True)}'>Open that section of the source guide</a>"
    return f"From {doc}, {section}."
