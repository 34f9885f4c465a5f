"""``eci-wizard aws check``: read the account once, judge every AWS step, print it page by page.

`print_results` is shared with the fixes (`cli_fixes`), which re-check what they wrote and print
the rows the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from datetime import UTC, datetime

from wizard.commands.aws import EXIT_FAILED, EXIT_OK, EXIT_UNVERIFIED
from wizard.engine.results import CheckResult, Status
from wizard.providers.aws import cors, names
from wizard.providers.aws.cli_access import open_access, origins
from wizard.result_table import masker, result_lines, tally, terminal_width

PAGE_TITLES = {
    names.PAGE_CLOUDFORMATION: "CloudFormation template",
    names.PAGE_CLOUDFRONT_KEYS: "CloudFront keys and the SalesforceCredentials secret",
    names.PAGE_BUCKET_CORS: "Recordings bucket CORS",
    names.PAGE_STREAMING_IAM_USER: "IAM user for the named credential",
    names.PAGE_EDGE_LAMBDA: "sfSig4RequestToS3 at the edge",
    names.PAGE_TRANSCRIPTS: "Recording transcripts",
    names.PAGE_ANALYSIS: "AI-driven contact analysis",
}


def run_check(args: argparse.Namespace) -> int:
    from wizard.output_files import OutputFileError, check_output_file, write_output_text
    from wizard.providers.aws.checks import AwsCheckInputs, run_checks, salesforce_handoff
    from wizard.providers.aws.snapshot import AwsTarget, read_snapshot

    try:
        org_origins = origins(args)
    except cors.OriginError as exc:
        print(f"Cannot use that org address: {exc}", file=sys.stderr)
        return EXIT_UNVERIFIED
    if args.json is not None:
        try:
            check_output_file(args.json, "--json")
        except OutputFileError as exc:
            print(f"{exc} Nothing was read from AWS.", file=sys.stderr)
            return EXIT_UNVERIFIED
    started = datetime.now(UTC)
    with ExitStack() as stack:
        if args.demo:
            from wizard.providers.aws.demo import LocalAws, seed_configured_account

            try:
                local = stack.enter_context(LocalAws())
            except RuntimeError as exc:
                print(f"Demo mode needs the local AWS emulator: {exc} (pip install 'moto[server]')", file=sys.stderr)
                return EXIT_UNVERIFIED
            access = local.access(args.region or "us-west-2")
            org_origins = org_origins or cors.origins_from_my_domain("https://eci-demo.my.salesforce.com")
            seed_configured_account(access, org_origins)
        else:
            access = open_access(args)
        started = datetime.now(UTC)
        snapshot = read_snapshot(access, AwsTarget(args.stack))
    inputs = AwsCheckInputs(org_origins=org_origins, concurrent_calls=args.concurrent_calls, want_transcripts=args.transcripts,
                            want_analysis=bool(args.analysis), transcribe_language=args.language, analysis_codes=args.analysis)
    results = run_checks(snapshot, inputs)
    handoff = salesforce_handoff(snapshot)
    print(f"Amazon Connect, AWS side — account {snapshot.account}, {snapshot.region}, {snapshot.credential_source}")
    print_results(results)
    if "named_credential_url" in handoff:
        print(f"\n{names.NAMED_CREDENTIAL} URL (Salesforce): {handoff['named_credential_url']}")
    print(f"Read in {snapshot.calls} AWS API calls, {(datetime.now(UTC) - started).total_seconds():.2f} s")
    if args.json:
        document = {
            "guide": {"id": names.GUIDE_ID, "side": "aws"},
            "aws": {"account": snapshot.account, "region": snapshot.region, "caller": snapshot.caller_arn, "credentials": snapshot.credential_source},
            "started": started.isoformat(), "finished": datetime.now(UTC).isoformat(), "requests_made": snapshot.calls,
            "counts": {s.value: sum(r.status == s for r in results) for s in Status},
            "results": [r.model_dump(mode="json") for r in results],
            "salesforce_handoff": handoff,
        }
        try:
            write_output_text(args.json, json.dumps(document, indent=2), "--json")
        except OutputFileError as exc:
            print(f"{exc} The results above are complete; only the file is missing.", file=sys.stderr)
            return EXIT_UNVERIFIED
    # As verify: a setting that failed or could not be checked is 1; 2 is kept for "could not check AWS at all".
    return EXIT_FAILED if any(r.status in (Status.FAIL, Status.ERROR) for r in results) else EXIT_OK


def print_results(results: list[CheckResult]) -> None:
    """Page by page, masked as the report is (`wizard.result_table`)."""
    mask, width = masker(), terminal_width()
    print(tally(results))
    page = None
    for r in results:
        if r.page_id != page:
            page = r.page_id
            print(f"\n{PAGE_TITLES.get(page, page)}")
        rows: list[tuple[str, str]] = []
        if r.status in (Status.FAIL, Status.WARN, Status.ERROR, Status.MANUAL):
            rows = [("expected", r.expected), ("observed", r.observed), ("why", r.message)]
            if r.fix:
                rows += [("fix", r.fix.hint), ("open", r.fix.console_url or ""), ("wizard", f"eci-wizard aws fix {r.fix.fix_name.split('.')[-1]}" if r.fix.fix_name else "")]
        print("\n".join(result_lines(r, rows, mask, width)))
