"""What ``eci-wizard assign-permission-set`` runs: one permission set to many users, 200 per request.

Apart from the argument declarations (`wizard.commands.apply`) so ``eci-wizard --help`` imports
none of the apply engine; every heavy import is inside the functions.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wizard.commands.apply import EXIT_NOT_STARTED, EXIT_OK, EXIT_STOPPED
from wizard.commands.apply_prompts import confirm

#: The command, as a stop's advice to run it again names it.
COMMAND = "eci-wizard assign-permission-set"


def run_assign(args: argparse.Namespace) -> int:
    from wizard.apply import bulk_assign
    from wizard.apply.backup import BackupUnreadable, BackupUnwritable
    from wizard.apply.door import AssignUsersStopped, assign_users
    from wizard.apply.errors import from_exception
    from wizard.apply.ops import Ops
    from wizard.apply.preview import UNDO_HINT
    from wizard.apply.user_refs import UserChoiceError
    from wizard.commands.targets import TargetError, open_target
    from wizard.salesforce.errors import SystemicError

    try:
        with open_target(args) as target:
            ops = Ops(target.connection)
            found = bulk_assign.find_permission_set(ops, args.permission_set)
            if found is None:
                print(f"{bulk_assign.permission_set_refusal(ops, args.permission_set, target.facts.name)} Nothing was changed.", file=sys.stderr)
                return EXIT_NOT_STARTED
            try:
                users = _assignees(ops, args, target.facts.name)
            except UserChoiceError as exc:
                print(f"{exc} Nothing was changed.", file=sys.stderr)
                return EXIT_NOT_STARTED
            names = {u["Id"]: u.get("Name") or u.get("Username") for u in users}
            print(f"Assign {found.get('Label')} to {len(users)} user(s) in {target.facts.name}.")
            print(bulk_assign.PROCESSING_WARNING)
            if not users:
                print(f"No active user has the profile {args.profile!r}: nothing to assign." if args.profile else "No user was named: nothing to assign.")
                return EXIT_OK
            confirmation = confirm(args, target.facts.name, not target.facts.is_sandbox, "assign it")
            if confirmation is None:
                return EXIT_NOT_STARTED
            try:
                result, backup_id = assign_users(target.connection, target.facts, found, list(names), confirmation, progress=_count)
            except BackupUnreadable as exc:  # raised before the first write
                print(f"{exc} Nothing was changed.", file=sys.stderr)
                return EXIT_NOT_STARTED
            except BackupUnwritable as exc:  # raised before the first write; it says nothing was changed
                print(str(exc), file=sys.stderr)
                return EXIT_NOT_STARTED
            except AssignUsersStopped as exc:  # the users of the requests answered before the stop hold the set
                print(f"Stopped: {exc.text(COMMAND, _undo_advice(target, exc.backup_id))}", file=sys.stderr)
                _print_failures(exc.result, names)
                return EXIT_STOPPED
            except Exception as exc:
                print(f"Stopped: {from_exception(exc).text}", file=sys.stderr)
                return EXIT_STOPPED
            print(target.undo_hint(f"{found.get('Label')}: {result.summary()} ({result.requests} requests). Backup: {backup_id} {UNDO_HINT}."))
            _print_failures(result, names)
            return EXIT_OK
    except (TargetError, SystemicError) as exc:
        print(getattr(getattr(exc, "explained", None), "message", None) or str(exc), file=sys.stderr)
        return EXIT_NOT_STARTED


def _assignees(ops: Any, args: argparse.Namespace, org: str) -> list[dict]:
    """The users `--users` or `--profile` name; raises `UserChoiceError` for any that match nobody
    (the same refusal as ``apply --users/--profile``), so a typo never shrinks the assignment."""
    from wizard.apply import bulk_assign
    from wizard.apply.user_refs import unknown_users

    if args.profile:
        return bulk_assign.users_of_profile(ops, args.profile, org)
    users, missing = bulk_assign.users_by_reference(ops, args.users)
    if missing:
        raise unknown_users(missing, org)
    return users


def _undo_advice(target: Any, backup_id: str) -> str:
    """How to take back what a stopped assignment made: the backup undo reads, or, for a demo org
    that stops with the command, that there is nothing to undo later."""
    from wizard.apply.preview import DEMO_UNDO_HINT

    if not target.outlives_command:
        return f"Backup: {backup_id} {DEMO_UNDO_HINT}."
    return f"Backup: {backup_id}; 'eci-wizard undo' takes back every assignment this run made."


def _print_failures(result: Any, names: dict[str, Any]) -> None:
    """Each user Salesforce refused, with its own words and what they mean."""
    for failure in result.failed:
        print(f"  {names.get(failure.user_id, failure.user_id)}: {failure.code}: {failure.message}. {failure.meaning}")


def _count(done: int, total: int) -> None:
    print(f"  {done}/{total}", flush=True)
