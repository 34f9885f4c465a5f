"""The last line of the command line: an exception no command explained becomes one clear message.

Every command explains the failures it expects (an org that can't be reached, a bad file...).
One it did not expect must still not end in a traceback, nor exit with 1, which means "a setting
failed". The admin gets what happened in a sentence, exit code 3, and the details for a bug
report in a file of the wizard's data folder, with every secret this process knows masked.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

#: "The wizard itself failed": distinct from 1 (something failed) and 2 (could not start or check).
EXIT_WIZARD_FAILED = 3


def save_details(exc: BaseException, command: str) -> Path | None:
    """Write the traceback (secrets masked) for a bug report; None when even that is impossible."""
    from wizard.atomic_file import write_atomic
    from wizard.paths import data_dir
    from wizard.report.redact import redact_text
    from wizard.secrets import redaction_values

    text = "".join(traceback.format_exception(exc))
    try:
        path = data_dir() / "problems" / f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{command or 'window'}.txt"
        write_atomic(path, redact_text(f"eci-wizard {command}\n{text}", redaction_values()).encode("utf-8"), private=True)
    except OSError:
        return None
    return path


def explain_unexpected(exc: BaseException, command: str) -> str:
    """The message for the admin: what happened, what it means for their org, where the details are."""
    from wizard.report.redact import redact_text
    from wizard.secrets import redaction_values

    detail = redact_text(str(exc).splitlines()[0] if str(exc) else "", redaction_values())[:300]
    saved = save_details(exc, command)
    where = f" The details (no secrets) are in {saved}; please include that file when you report it." if saved else ""
    return (
        f"eci-wizard {command} stopped on a problem it does not know how to explain: {type(exc).__name__}"
        f"{': ' + detail if detail else ''}. This is a gap in the wizard, not something you did wrong. "
        f"What was already done stays as it is: run the same command again to see where things stand "
        f"(if it was changing an org, 'eci-wizard undo' restores that change's backup).{where}"
    )
