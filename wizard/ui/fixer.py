"""The hook for "Fix it for me": the window asks a fixer, the fixer owns the whole change.

A guide page shows "Fix it for me" on a row only when ``fixer.can_fix(result)`` is true, and
calls ``fixer.fix(parent, results, controller)`` when the admin clicks it. The fixer runs the
change door (plan → preview → confirm → back up → apply → re-read); it returns True when
something changed, and the page then checks itself again. Until a fixer is installed, the
window passes ``None`` and no row offers a fix.
"""

from __future__ import annotations

from typing import Any, Protocol

from wizard.engine.results import CheckResult


class Fixer(Protocol):
    def can_fix(self, result: CheckResult) -> bool:
        """Whether this failed result has a fix the wizard can apply in this org."""

    def fix(self, parent: Any, results: list[CheckResult], controller: Any) -> bool:
        """Preview, confirm and apply the fixes; True when the org was changed."""


def installed_fixer() -> Fixer | None:
    """The fixer shipped with this build, if any (looked up by name, so the window works without it)."""
    try:
        from wizard.ui.fix_door import make_fixer  # type: ignore[import-not-found]
    except ModuleNotFoundError as exc:
        if exc.name != "wizard.ui.fix_door":
            raise
        return None
    return make_fixer()
