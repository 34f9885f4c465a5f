"""What ``eci-wizard undo`` runs: put back the wizard's newest backup of an org, after confirming.

Apart from the argument declarations (`wizard.commands.apply`) so ``eci-wizard --help`` imports
none of the apply engine; every heavy import is inside the functions.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wizard.commands.apply import EXIT_NOT_STARTED, EXIT_OK, EXIT_STOPPED
from wizard.commands.apply_prompts import confirm


def run_undo(args: argparse.Namespace) -> int:
    from wizard.apply.backup import BackupStore, BackupUnreadable
    from wizard.apply.undo import UNDOABLE
    from wizard.commands.chosen_guide import GuideUnreadable, load_chosen_guide
    from wizard.commands.targets import TargetError, open_target
    from wizard.salesforce.errors import SystemicError

    try:
        guide = load_chosen_guide(args.guide) if args.guide else None
    except GuideUnreadable as exc:
        print(exc, file=sys.stderr)
        return EXIT_NOT_STARTED
    try:
        with open_target(args) as target:
            facts = target.facts
            backup = BackupStore().latest(facts.org_id, UNDOABLE)
            if backup is None:
                print(f"There is no change to undo for {facts.name}: the wizard has no backup of this org.")
                if getattr(args, "demo", False):
                    print("Each --demo run starts a new demo org, so a change made by an earlier run is not there to "
                          "undo; in the window, Undo works on the demo org of the session.")
                return EXIT_OK
            print(f"Undo backup {backup.id} ({backup.guide_id}, {backup.started:%Y-%m-%d %H:%M UTC}): {len(backup.entries)} item(s).")
            if confirm(args, facts.name, not facts.is_sandbox, "undo it") is None:
                return EXIT_NOT_STARTED
            return _undo(target, guide, args)
    except BackupUnreadable as exc:
        print(f"{exc} Nothing was undone.", file=sys.stderr)
        return EXIT_NOT_STARTED
    except (TargetError, SystemicError) as exc:
        print(getattr(getattr(exc, "explained", None), "message", None) or str(exc), file=sys.stderr)
        return EXIT_NOT_STARTED


def _undo(target: Any, guide: Any, args: argparse.Namespace) -> int:
    """Undo the newest backup. One that stops says what it had already put back and to run the
    undo again (which continues it), never to apply again: that would redo the change.

    Items changed in the org after the fix are never overwritten on --yes (or a typed org name)
    alone: that confirms the undo, not the loss of someone's later edit. The undo then refuses,
    names them, and says how to keep them or to overwrite them on purpose."""
    from wizard.apply.errors import UndoStopped, undo_error
    from wizard.apply.preview import undo_text
    from wizard.apply.undo import LaterChanges, undo_last

    overwrite = bool(getattr(args, "overwrite_later_changes", False))
    try:
        result = undo_last(target.connection, target.facts, guide, overwrite=overwrite)
    except LaterChanges as exc:
        print(f"{exc} {_later_changes_advice(args)}", file=sys.stderr)
        return EXIT_NOT_STARTED
    except UndoStopped as exc:
        print(exc.text, file=sys.stderr)
        return EXIT_STOPPED
    except Exception as exc:
        print(f"The undo stopped: {undo_error(exc).text}", file=sys.stderr)
        return EXIT_STOPPED
    print(undo_text(result))
    return EXIT_OK


def _later_changes_advice(args: argparse.Namespace) -> str:
    """What to do about later changes: keep them (undo by hand), or overwrite them knowingly."""
    keep = ("To keep those changes, undo the rest of the fix by hand in Setup, or in the window with "
            "Wizard → Undo the last fix, which asks before overwriting each of them.")
    return f"{keep} To put everything back as before the fix anyway, run the same command with --overwrite-later-changes."
