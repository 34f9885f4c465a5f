"""Check results as lines for a terminal: one table layout for every command that prints them.

`verify`, the provider checks (Aircall, RingCentral, ExecVision, AWS) all print the same kind of
result, and their output ends up in CI logs and support tickets. So the layout lives here once:
an icon and a word per status (never colour alone), the details wrapped to the terminal, and
every line masked exactly as the report is (every secret value in play, and anything shaped like
a credential), because a value an admin pasted into the wrong field is still a secret.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterable

from wizard.engine.results import CheckResult, Status

#: Where wrapped details (expected, observed, why...) start.
VALUE_COLUMN = 30
#: Where the setting's name starts on its status line ("  ✔ Pass            "), and the details'
#: labels under it, so each result reads as one block.
_LABEL_COLUMN = 20


def terminal_width() -> int:
    """The terminal's width, kept between 80 and 140 columns (pipes and CI logs get 100)."""
    return max(80, min(shutil.get_terminal_size((100, 20)).columns, 140))


def masker() -> Callable[[str], str]:
    """Masks the secrets in play in this process and credential-shaped text, as the report does."""
    from wizard.report.redact import Redactor
    from wizard.secrets import redaction_values

    return Redactor(redaction_values()).text


def _phrase(status: Status, n: int) -> str:
    if status is Status.ERROR:
        return f"{n} could not be checked"
    noun = status.label.lower()
    if status in (Status.WARN, Status.MANUAL) and n != 1:
        noun += "s"
    return f"{n} {noun}"


def tally(results: Iterable[CheckResult]) -> str:
    """'34 settings: 24 pass, 1 warning, 5 manual steps'."""
    listed = list(results)
    counts = {s: sum(1 for r in listed if r.status == s) for s in Status}
    return f"{len(listed)} settings: " + ", ".join(_phrase(s, n) for s, n in counts.items() if n)


def result_lines(result: CheckResult, details: Iterable[tuple[str, str]], mask: Callable[[str], str],
                 width: int) -> list[str]:
    """The result's status line, then each non-empty detail as ``label: value``, wrapped."""
    head = f"  {result.status.icon} {result.status.label:<15} "
    # A long setting name wraps under itself, not back at the left edge where the statuses stand.
    lines = textwrap.fill(mask(result.setting), width, initial_indent=head, subsequent_indent=" " * _LABEL_COLUMN,
                          break_on_hyphens=False, break_long_words=False).splitlines() or [head.rstrip()]
    indent = " " * VALUE_COLUMN
    for label, value in details:
        if value:
            # Long words (URLs, ids) stay whole, so they can be copied from the terminal.
            wrapped = textwrap.fill(mask(value), width, initial_indent=indent, subsequent_indent=indent,
                                    break_on_hyphens=False, break_long_words=False)
            lines.append(f"{'':{_LABEL_COLUMN}}{label + ':':<{VALUE_COLUMN - _LABEL_COLUMN}}{wrapped[VALUE_COLUMN:]}")
    return lines
