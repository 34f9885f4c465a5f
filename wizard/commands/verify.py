"""``eci-wizard verify``: check a guide's settings in an org, headless.

Exit codes: 0 nothing failed, 1 something failed, 2 the org could not be verified (and why).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_UNVERIFIED = 0, 1, 2


def add_target_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to connect: the demo org, a saved connection, or an instance URL plus a token."""
    where = parser.add_argument_group("org")
    where.add_argument("--demo", action="store_true", help="use the built-in demo org (in-process)")
    where.add_argument("--scenario", metavar="NAME|FILE", help="demo org scenario: a shipped name (e.g. fresh) or a YAML file")
    where.add_argument("--org", metavar="ALIAS", help="a saved connection (see 'eci-wizard login')")
    where.add_argument("--instance-url", metavar="URL", help="the org's instance URL, with an access token")
    where.add_argument(
        "--token-env",
        metavar="VAR",
        default="SF_ACCESS_TOKEN",
        help="environment variable holding the access token for --instance-url (default SF_ACCESS_TOKEN)",
    )


def register(sub: Any) -> None:
    from wizard.commands.arg_types import GUIDE_HELP, guide_id

    parser = sub.add_parser(
        "verify",
        help="check every setting of a guide in an org",
        description="Check every Salesforce setting of a guide in an org and print the results.",
    )
    parser.add_argument("--guide", required=True, type=guide_id, help=GUIDE_HELP)
    add_target_arguments(parser)
    parser.add_argument("--json", metavar="FILE", type=Path,
                        help="write the results as JSON (with --html or --pdf: the report's full record, which they are drawn from)")
    parser.add_argument("--html", metavar="FILE", type=Path, help="write the HTML report")
    parser.add_argument("--pdf", metavar="FILE", type=Path, help="write the PDF report")
    parser.add_argument("--paper", choices=["auto", "A4", "Letter"], default="auto", help="PDF paper size (default: by locale)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wizard.commands.chosen_guide import GuideUnreadable, load_chosen_guide
    from wizard.commands.targets import TargetError, open_target
    from wizard.output_files import OutputFileError, check_output_files
    from wizard.salesforce.errors import SystemicError
    from wizard.salesforce.verify import verify_guide

    try:
        guide = load_chosen_guide(args.guide)
    except GuideUnreadable as exc:
        print(exc, file=sys.stderr)
        return EXIT_UNVERIFIED
    try:
        check_output_files((("--json", args.json), ("--html", args.html), ("--pdf", args.pdf)))
    except OutputFileError as exc:
        print(f"{exc} Nothing was read from the org.", file=sys.stderr)
        return EXIT_UNVERIFIED
    from wizard.secrets import remember

    try:
        with open_target(args) as target:
            remember(target.connection.access_token)
            run_record = verify_guide(target.connection, guide, target.facts, preflight=target.preflight)
    except TargetError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNVERIFIED
    except SystemicError as exc:
        print(f"Could not verify the org: {exc.explained.message}", file=sys.stderr)
        return EXIT_UNVERIFIED
    from wizard.commands.output import print_results, write_outputs

    print_results(guide, run_record)
    try:
        write_outputs(guide, run_record, json_path=args.json, html_path=args.html, pdf_path=args.pdf, paper=args.paper)
    except OutputFileError as exc:
        print(f"{exc} The results above are complete; only the file is missing.", file=sys.stderr)
        return EXIT_UNVERIFIED
    failed = any(r.status.value in ("fail", "error") for r in run_record.results)
    return EXIT_FAILED if failed else EXIT_OK

