"""What the provider commands share: the org, the endpoints, the credentials, the printing.

Secrets are never arguments: the Aircall API token and the RingCentral client secret come from
the keyring or a hidden prompt, and are tried before anything keeps them (`cli_secrets`). In demo
mode the commands start the provider emulators beside the demo org and, when nothing is stored,
use the scenario's own demo key and app (demo data, never real).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from wizard.engine.results import CheckResult, Status
from wizard.output_files import OutputFileError, check_output_file
from wizard.providers.voice.endpoints import EndpointError, ProviderEndpoints
from wizard.result_table import masker, result_lines, terminal_width

EXIT_OK, EXIT_FAILED, EXIT_UNCHECKED = 0, 1, 2


class CliError(Exception):
    """The command cannot go on; the message says what to pass or do. Nothing was changed."""


@dataclass
class Context:
    """An open command: the org (if one was asked for), the endpoints, the emulators (demo)."""

    endpoints: ProviderEndpoints
    target: Any = None  # wizard.commands.targets.Target
    emulators: Any = None  # wizard.providers.emulators.running.ProviderEmulators

    @property
    def demo(self) -> bool:
        return self.emulators is not None


#: The endpoint fields and the options that set them.
ENDPOINT_OPTIONS = {"aircall": "aircall_url", "ringcentral_sandbox": "ringcentral_sandbox_url",
                    "ringcentral_production": "ringcentral_production_url", "ca_bundle": "provider_ca_bundle"}


def _endpoints(args: argparse.Namespace) -> ProviderEndpoints:
    """The providers' addresses: the options, else the ``ECI_WIZARD_*`` variables, else the real hosts.

    A variable an option replaces is not read (nor its mistakes reported), and demo mode replaces
    every address with its emulators', so none is read then.
    """
    demo = bool(getattr(args, "demo", False))
    given = [name for name, option in ENDPOINT_OPTIONS.items() if demo or getattr(args, option, None)]
    base = ProviderEndpoints.from_env(given=given)
    return base.with_overrides(aircall=args.aircall_url, ringcentral_sandbox=args.ringcentral_sandbox_url,
                               ringcentral_production=args.ringcentral_production_url, ca_bundle=args.provider_ca_bundle)


@contextmanager
def open_context(args: argparse.Namespace) -> Iterator[Context]:
    """Open the org (if asked for) and, in demo mode, the emulators; both close at the end.

    An org that cannot be read at all (its API limit reached, down for maintenance, out of reach,
    the session ended) is explained in Salesforce's terms by `SystemicError`, whether that shows
    while the org is opened or while the command reads it: it becomes the command's own stop
    (`CliError`, exit 2) with that sentence, as ``verify`` says it, never a gap in the wizard.
    """
    from wizard.salesforce.errors import SystemicError

    try:
        with _opened(args) as context:
            yield context
    except SystemicError as exc:
        raise CliError(exc.explained.message) from None


@contextmanager
def _opened(args: argparse.Namespace) -> Iterator[Context]:
    from wizard.commands.targets import TargetError, open_target

    wants_org = any(getattr(args, k, None) for k in ("demo", "org", "instance_url"))
    if getattr(args, "org_required", False) and not wants_org:
        raise CliError("Say which org to use: --demo, --org ALIAS, or --instance-url URL (token in $SF_ACCESS_TOKEN).")
    try:
        endpoints = _endpoints(args)
    except EndpointError as exc:
        raise CliError(str(exc)) from None
    if endpoints.ca_bundle is not None and not endpoints.ca_bundle.is_file():
        raise CliError(f"The CA bundle {endpoints.ca_bundle} is not a readable file; pass a PEM file holding the certificate "
                       "authority to trust (it is added to the system's, never used instead). Nothing was checked.")
    if getattr(args, "json", None) is not None:
        try:
            check_output_file(args.json, "--json")
        except OutputFileError as exc:
            raise CliError(f"{exc} Nothing was checked.") from None
    with ExitStack() as stack:
        target = None
        if wants_org:
            try:
                target = stack.enter_context(open_target(args))
            except TargetError as exc:
                raise CliError(str(exc)) from None
        emulators = None
        if getattr(args, "demo", False):
            from wizard.providers.emulators import start_provider_emulators

            emulators = start_provider_emulators(args.scenario or "fresh", org_url=target.demo_server.instance_url)
            stack.callback(emulators.stop)
            endpoints = emulators.endpoints
        yield Context(endpoints, target, emulators)


def print_results(results: list[CheckResult]) -> int:
    """One line per result (and why, when not passed), masked as the report is; returns the exit code."""
    mask, width = masker(), terminal_width()
    for r in results:
        details: list[tuple[str, str]] = []
        if r.status not in (Status.PASS, Status.SKIPPED):
            why = "" if r.message == r.observed else r.message  # a refusal seen is already the observed value
            details = [("expected", r.expected), ("observed", r.observed), ("why", why)]
            if r.fix and r.fix.hint and r.fix.hint != r.message:
                details.append(("do", r.fix.hint))
        print("\n".join(result_lines(r, details, mask, width)))
    if any(r.status == Status.ERROR for r in results):
        return EXIT_UNCHECKED
    return EXIT_FAILED if any(r.status == Status.FAIL for r in results) else EXIT_OK
