"""Paper size: US Letter where Letter is the norm, A4 everywhere else, or the admin's choice.

The default follows the locale's territory, because that is where the printer is, read as glibc
does: ``LC_ALL`` overrides everything, then ``LC_PAPER``, then ``LANG``; with none of them set,
the platform locale (Windows, macOS). A locale with no territory (``C``, ``POSIX``, ``C.UTF-8``,
the default of containers and CI machines) gives A4: Python would report ``C.UTF-8`` as
``en_US``, which is not a place anybody chose.
"""

from __future__ import annotations

import locale
import os
import re
from typing import Literal

from reportlab.lib.pagesizes import A4, LETTER

Paper = Literal["A4", "Letter"]
PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

#: Territories whose paper is US Letter (the Americas that use it, and the Philippines).
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "PR", "CL", "CO", "CR", "DO", "GT", "NI", "PA", "SV", "VE", "BZ"})
#: Windows reports locales as "English_United States"; the few names that matter here.
_WINDOWS_NAMES = {
    "united states": "US",
    "canada": "CA",
    "mexico": "MX",
    "philippines": "PH",
    "puerto rico": "PR",
    "chile": "CL",
    "colombia": "CO",
}


def territory(locale_name: str | None) -> str | None:
    """The two-letter territory of a locale name: 'en_US.UTF-8' and 'en-CA' give 'US' and 'CA'."""
    if not locale_name:
        return None
    base = locale_name.split(".", 1)[0].split("@", 1)[0]
    match = re.fullmatch(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})", base)
    if match:
        return match.group(1).upper()
    if "_" in base:
        return _WINDOWS_NAMES.get(base.split("_", 1)[1].strip().lower())
    return None


def _environment_locale() -> str | None:
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(name)
        if value:
            return None if value in ("C", "POSIX") or value.startswith("C.") else value
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


def default_paper(locale_name: str | None = None) -> Paper:
    """'Letter' for the territories in `LETTER_TERRITORIES`, else 'A4'."""
    found = territory(locale_name if locale_name is not None else _environment_locale())
    return "Letter" if found in LETTER_TERRITORIES else "A4"


def resolve_paper(choice: str | None) -> Paper:
    """An explicit choice ('a4', 'letter', any case) or the locale's default for None/'auto'."""
    if choice is None or choice.lower() == "auto":
        return default_paper()
    for name in PAPER_SIZES:
        if choice.lower() == name.lower():
            return name  # type: ignore[return-value]
    raise ValueError(f"Unknown paper size {choice!r}: use 'A4', 'Letter' or 'auto' (by locale).")
