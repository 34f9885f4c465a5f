"""What the ``eci-wizard aws`` subcommands do; `wizard.commands.aws` only declares the arguments.

Kept apart so ``eci-wizard --help`` imports neither boto3 nor cryptography. Each subcommand lives
in its own module and is named here, where `wizard.commands.aws` looks it up: `cli_check`
(``aws check``), `cli_fixes` (``aws fix cors|secret`` and ``aws undo``), `cli_keys` (``aws keys``);
`cli_access` builds the AWS access and the org's origins for all of them. ``aws tool`` is here.
"""

from __future__ import annotations

import argparse
import sys

from wizard.commands.aws import EXIT_OK, EXIT_UNVERIFIED
from wizard.providers.aws.cli_access import open_access, origins
from wizard.providers.aws.cli_check import PAGE_TITLES, print_results, run_check
from wizard.providers.aws.cli_fixes import (
    preview_and_confirm,
    run_fix_cors,
    run_fix_secret,
    run_undo,
)
from wizard.providers.aws.cli_keys import run_keys

__all__ = [
    "PAGE_TITLES", "open_access", "origins", "preview_and_confirm", "print_results",
    "run_check", "run_fix_cors", "run_fix_secret", "run_keys", "run_tool", "run_undo",
]


def run_tool(args: argparse.Namespace) -> int:
    from wizard.providers.aws import tools

    try:
        if args.tool_name == "cors-json":
            found = origins(args)
            if not found:
                raise ValueError("give --org-origin or --my-domain")
            print(tools.cors_json(found))
        elif args.tool_name == "attributes":
            for attribute in tools.contact_flow_attributes(transcribe=args.transcripts, language=args.language or "en-US", analysis=args.analysis):
                print(f"{attribute.key}\t{attribute.value}\t({attribute.purpose})")
            print("\n" + tools.AFTER_CALL_WORK_REMINDER)
        else:
            if not (args.region and args.function):
                raise ValueError("give --region and --function")
            print(tools.expected_named_credential_url(args.region, args.function))
    except ValueError as exc:
        print(f"Cannot build it: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED
    return EXIT_OK
