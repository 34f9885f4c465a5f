"""What the provider commands share: the org, the endpoints, the credentials, the printing.

Secrets are never arguments: the Aircall API token and the RingCentral client secret come from
the keyring, or from a hidden prompt (and are saved with ``--save``). In demo mode the commands
start the provider emulators beside the demo org and, when nothing is stored, use the scenario's
own demo key and app (demo data, never real).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from wizard import secrets
from wizard.engine.results import CheckResult, Status
from wizard.output_files import OutputFileError, check_output_file
from wizard.providers.aircall.credentials import (
    AircallCredentials,
    MissingToken,
    load_credentials,
    store_token,
)
from wizard.providers.ringcentral.credentials import (
    MissingSecret,
    RingCentralClient,
    load_client,
    store_secret,
)
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


def _endpoints(args: argparse.Namespace) -> ProviderEndpoints:
    base = ProviderEndpoints.from_env()
    return base.with_overrides(aircall=args.aircall_url, ringcentral_sandbox=args.ringcentral_sandbox_url,
                               ringcentral_production=args.ringcentral_production_url, ca_bundle=args.provider_ca_bundle)


@contextmanager
def open_context(args: argparse.Namespace) -> Iterator[Context]:
    """Open the org (if asked for) and, in demo mode, the emulators; both close at the end."""
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


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask_secret(label: str) -> str:
    if not _interactive():
        raise CliError(f"No {label} is stored in the keyring for these values. Run the command in a terminal to type it "
                       "(hidden), with --save to keep it. Secrets are never taken as arguments.")
    value = getpass.getpass(f"{label} (hidden): ").strip()
    if not value:
        raise CliError(f"No {label} was typed. Nothing was checked.")
    return value


def _save(store: Any, what: str) -> None:
    try:
        store()
        print(f"The {what} is saved in the system keyring ({secrets.backend_name()}).")
    except secrets.KeyringUnavailable as exc:
        print(f"{exc} It is used for this run only.")


def aircall_credentials(args: argparse.Namespace, ctx: Context) -> AircallCredentials:
    """The API key: API ID from the arguments (or the demo's), token from the keyring or a prompt."""
    demo = ctx.emulators.demo_credentials() if ctx.demo else None
    api_id = args.api_id or (demo.aircall_api_id if demo else None)
    if not api_id:
        raise CliError("Give the Aircall API ID with --api-id (Integrations & API > API Keys in the Aircall dashboard).")
    try:
        return load_credentials(api_id)
    except MissingToken:
        pass
    if demo and demo.aircall_api_id == api_id and demo.aircall_api_token:
        print("Using the demo scenario's Aircall API key (demo data).")
        return AircallCredentials(api_id, demo.aircall_api_token)
    credentials = AircallCredentials(api_id, _ask_secret("Aircall API token"))
    if args.save:
        _save(lambda: store_token(api_id, credentials.api_token), "Aircall API token")
    return credentials


def ringcentral_client(args: argparse.Namespace, ctx: Context) -> RingCentralClient:
    """The app's credentials in the chosen environment: client ID argument, secret keyring or prompt."""
    demo = ctx.emulators.demo_credentials() if ctx.demo else None
    client_id = args.client_id or (demo.ringcentral_client_id if demo else None)
    if not client_id:
        raise CliError("Give the RingCentral app's client ID with --client-id (the app's dashboard in the developer console).")
    try:
        return load_client(args.env, client_id)
    except MissingSecret:
        pass
    if demo and demo.ringcentral_client_id == client_id and demo.ringcentral_client_secret:
        print("Using the demo scenario's RingCentral app (demo data).")
        return RingCentralClient(args.env, client_id, demo.ringcentral_client_secret)
    client = RingCentralClient(args.env, client_id, _ask_secret(f"RingCentral client secret ({args.env})"))
    if args.save:
        _save(lambda: store_secret(args.env, client_id, client.client_secret), "RingCentral client secret")
    return client


def print_results(results: list[CheckResult]) -> int:
    """One line per result (and why, when not passed), masked as the report is; returns the exit code."""
    mask, width = masker(), terminal_width()
    for r in results:
        details: list[tuple[str, str]] = []
        if r.status not in (Status.PASS, Status.SKIPPED):
            details = [("expected", r.expected), ("observed", r.observed), ("why", r.message)]
            if r.fix and r.fix.hint and r.fix.hint != r.message:
                details.append(("do", r.fix.hint))
        print("\n".join(result_lines(r, details, mask, width)))
    if any(r.status == Status.ERROR for r in results):
        return EXIT_UNCHECKED
    return EXIT_FAILED if any(r.status == Status.FAIL for r in results) else EXIT_OK
