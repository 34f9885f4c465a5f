"""Load the guide a command was given, or say why not in one message every command shares.

``--guide`` is already checked against the guides on disk (`arg_types.guide_id`), so what is left
here is a guide file that cannot be read: a damaged or edited installation, not a typing mistake.
"""

from __future__ import annotations

from pathlib import Path

from wizard.guides.loader import GuideError, load_guide
from wizard.guides.schema import Guide


class GuideUnreadable(Exception):
    """The guide exists but its file could not be read; the message says what was found and what to do."""


def load_chosen_guide(guide_id: str, folder: Path | None = None) -> Guide:
    """The guide ``guide_id`` (from ``folder``, default the shipped guides); `GuideUnreadable`
    saying what is wrong in which file, and what to do, otherwise."""
    try:
        return load_guide(guide_id, folder)
    except (GuideError, OSError) as exc:
        raise GuideUnreadable(
            f"The guide {guide_id!r} could not be read: {exc}\n"
            "Its file in the wizard's installation is damaged or was edited. "
            "Reinstall the wizard, or run 'eci-wizard guides' to see the guides it can read."
        ) from None
