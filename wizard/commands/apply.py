"""``eci-wizard apply``, ``undo`` and ``assign-permission-set``: the fixes, headless.

``apply`` shows the plan (current -> desired) and, unless ``--dry-run``, asks before writing. A
production org needs its name typed; ``--yes`` alone is refused there unless
``--production-confirm ORGNAME`` names the org exactly. Secrets the plan needs are asked for
with a hidden prompt and kept in the keyring; they are never taken as arguments.

What each command runs lives beside this module, which only declares the arguments: `apply_run`,
`undo_run`, `assign_run`, and `apply_prompts` for the questions all three ask (``confirm`` is
importable from here too).

Exit codes: 0 done (or nothing to do), 1 the apply stopped with an error (the message says how
to resume or what was put back), 2 nothing was written (bad arguments, no confirmation, missing
values, org not reachable).
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from wizard.commands.apply_prompts import confirm

__all__ = ["EXIT_NOT_STARTED", "EXIT_OK", "EXIT_STOPPED", "FIXES", "confirm", "register"]

EXIT_OK, EXIT_STOPPED, EXIT_NOT_STARTED = 0, 1, 2
FIXES = ("eci_settings", "media_provider", "eci_app", "auth_provider", "named_credential", "site", "guest_permission_sets", "assign_permission_set")


def register(sub: Any) -> None:
    from wizard.commands.arg_types import GUIDE_HELP, guide_id, lambda_function_name
    from wizard.commands.aws import aws_region
    from wizard.commands.verify import add_target_arguments

    apply = sub.add_parser(
        "apply",
        help="fix what a guide's verification found (shows the plan first)",
        description="Plan, confirm, back up and apply the fixes a guide's settings need, then re-check them.",
    )
    apply.add_argument("--guide", required=True, type=guide_id, help=GUIDE_HELP)
    add_target_arguments(apply)
    _confirm_arguments(apply)
    apply.add_argument("--dry-run", action="store_true", help="show the plan and write nothing")
    apply.add_argument("--only", metavar="FIX", choices=FIXES, help=f"apply one fix only ({', '.join(FIXES)})")
    apply.add_argument("--users", nargs="+", metavar="USER", default=(), help="ids or usernames who get the permission sets the guide gives 'your users' (default: you)")
    apply.add_argument("--profile", metavar="PROFILE", help="give those permission sets to every active user of this profile")
    apply.add_argument("--environment", choices=("sandbox", "production"), default="sandbox", help="RingCentral endpoints to use (default sandbox)")
    apply.add_argument("--aws-region", metavar="REGION", type=aws_region,
                       help="Amazon Connect: the region the serverless application runs in")
    apply.add_argument("--lambda-function", metavar="NAME", type=lambda_function_name,
                       help="Amazon Connect: full name of the sfGenerateAudioRecordingStreaming Lambda")
    apply.add_argument("--app-kind", choices=("external-client-app", "connected-app"), default="external-client-app", help="what to create when the org has no ECI app")
    apply.set_defaults(func=_run("apply_run", "run_apply"))

    undo = sub.add_parser("undo", help="undo the wizard's last change to an org", description="Restore the newest backup of an org and remove what the wizard created.")
    undo.add_argument("--guide", type=guide_id, help="re-check this guide's settings afterwards")
    undo.add_argument("--overwrite-later-changes", action="store_true",
                      help="also put back what was changed in the org after the fix (by hand or another tool); "
                           "without it, such changes stop the undo and are named")
    add_target_arguments(undo)
    _confirm_arguments(undo)
    undo.set_defaults(func=_run("undo_run", "run_undo"))

    assign = sub.add_parser(
        "assign-permission-set",
        help="assign a permission set to many users (200 per request)",
        description="Assign a permission set to users given by id or username, or to every active user of a profile.",
    )
    assign.add_argument("--permission-set", required=True, metavar="NAME", help="API name or label, e.g. 'Conversation Insights for Sales'")
    who = assign.add_mutually_exclusive_group(required=True)
    who.add_argument("--users", nargs="+", metavar="USER", help="user ids or usernames")
    who.add_argument("--profile", metavar="PROFILE", help="every active user of this profile")
    add_target_arguments(assign)
    _confirm_arguments(assign)
    assign.set_defaults(func=_run("assign_run", "run_assign"))


def _confirm_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", action="store_true", help="do not ask before writing (refused for production without --production-confirm)")
    parser.add_argument("--production-confirm", metavar="ORGNAME", help="the production org's name, typed to confirm")


def _run(module: str, name: str) -> Any:
    """The command function ``name`` of ``wizard.commands.<module>``, imported only when the command runs."""

    def call(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module(f"wizard.commands.{module}"), name)(args))

    return call
