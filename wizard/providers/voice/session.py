"""The window's Qt-free handle on the provider pages: what the admin entered, and what to run.

The window keeps one `VoiceSession` per run. The admin's entries land here (the API token and
the client secret go to the keyring once the provider has accepted them, never before; the API ID, client ID and environment are remembered in the
keyring too, so a restart asks for nothing); the optional RingCentral sign-in starts and ends
here; `provider_checks()` is the callable the window's check job takes (`wizard.ui.jobs`), and
`link_for_fixes` hands the credentials to "Fix it for me". Mapping users goes through
`wizard.providers.voice.identifiers` (plan, apply through the door, undo)::

    session = VoiceSession(emulators.endpoints if demo else ProviderEndpoints.from_env())
    problem = session.try_aircall(api_id, token)         # kept (keyring, fixes) only if Aircall accepts it
    controller.provider_checks.append(session.provider_checks(lambda: controller.confirmations.values()))
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from wizard import secrets
from wizard.apply.secret_source import SecretSource
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.engine.run_record import ManualConfirmation
from wizard.guides.schema import Guide
from wizard.providers.aircall.client import AircallClient
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
from wizard.providers.ringcentral.environments import callback_url
from wizard.providers.ringcentral.probe import probe_client
from wizard.providers.ringcentral.signin import RingCentralGrant, RingCentralSignIn
from wizard.providers.voice.apply_link import link_to_apply
from wizard.providers.voice.endpoints import Environment, ProviderEndpoints
from wizard.providers.voice.problems import ProviderProblem
from wizard.providers.voice.verification import (
    VoiceInputs,
    provider_results,
    read_provider_snapshot,
)
from wizard.salesforce.connection import OrgConnection

#: Keyring kind for the last entries (identifiers, so the window remembers them across restarts).
LAST_KIND = "voice-provider-choices"


class SignInNotOpened(ProviderProblem):
    """The app's credentials were refused, so no RingCentral sign-in page was opened (nothing about the redirect URI)."""


def _remember(name: str, value: str) -> None:
    with contextlib.suppress(secrets.KeyringUnavailable):  # else: this session only
        secrets.set_secret(LAST_KIND, name, value)


class VoiceSession:
    """The provider pages' state for one run of the window."""

    def __init__(self, endpoints: ProviderEndpoints | None = None) -> None:
        self.endpoints = endpoints or ProviderEndpoints.from_env()
        self.aircall: AircallCredentials | None = None
        self.ringcentral: RingCentralClient | None = None
        self.grant: RingCentralGrant | None = None
        self.signin_problem: ProviderProblem | None = None
        #: The last values the provider accepted: the only ones kept in the keyring and handed to fixes.
        self.aircall_accepted: AircallCredentials | None = None
        self.ringcentral_accepted: RingCentralClient | None = None

    # -- what the admin enters ------------------------------------------------------------------
    def set_aircall(self, api_id: str, api_token: str) -> AircallCredentials:
        """The API key to check (ValueError when a field is empty); nothing is kept until Aircall accepts it."""
        self.aircall = AircallCredentials(api_id, api_token)
        return self.aircall

    def try_aircall(self, api_id: str, api_token: str, keep: bool = True) -> ProviderProblem | None:
        """Ask Aircall about the key; only a key it accepts is kept (keyring when ``keep``) and handed to fixes.

        A refused key (or no answer) is still what the checks show, but the last accepted key stays in
        the keyring and stays the one "Fix it for me" writes. Returns why it was not accepted, or None.
        """
        credentials = self.set_aircall(api_id, api_token)
        try:
            AircallClient(credentials, self.endpoints).ping()
        except ProviderProblem as problem:
            return problem
        if keep:
            with contextlib.suppress(secrets.KeyringUnavailable):  # else: kept for this session only
                store_token(credentials.api_id, credentials.api_token)
            _remember("aircall/api-id", credentials.api_id)
        self.aircall_accepted = credentials
        return None

    def set_ringcentral(self, environment: Environment, client_id: str, client_secret: str) -> RingCentralClient:
        """The app's credentials to check and the environment chosen (a new choice forgets an old sign-in)."""
        client = RingCentralClient(environment, client_id, client_secret)
        if self.ringcentral is None or (self.ringcentral.environment, self.ringcentral.client_id) != (environment, client.client_id):
            self.grant, self.signin_problem = None, None
        self.ringcentral = client
        return client

    def try_ringcentral(self, environment: Environment, client_id: str, client_secret: str, keep: bool = True) -> ProviderProblem | None:
        """Prove the app at the environment's token endpoint; only accepted credentials are kept and handed to fixes."""
        client = self.set_ringcentral(environment, client_id, client_secret)
        problem = self.prove_ringcentral()
        if problem is not None:
            return problem
        if keep:
            with contextlib.suppress(secrets.KeyringUnavailable):
                store_secret(environment, client.client_id, client.client_secret)
            _remember("ringcentral/app", f"{environment}/{client.client_id}")
        self.ringcentral_accepted = client
        return None

    def prove_ringcentral(self) -> ProviderProblem | None:
        """Why the token endpoint refuses the app's client ID or secret (None when it accepts them)."""
        if self.ringcentral is None:
            return ProviderProblem("credentials", "No RingCentral app was entered.", "The app's client ID and client secret.",
                                   "Enter them in the panel and click “Check the app”.")
        try:
            found = probe_client(self.ringcentral, self.endpoints)
        except ProviderProblem as problem:
            return problem
        if found.accepted or found.verdict == "wrong_flow":  # the secret is right; the flow has its own row
            return None
        return ProviderProblem("credentials", found.seen, "A client ID and secret the token endpoint accepts.", found.todo,
                               status=found.status, code=found.codes[0] if found.codes else None)

    def restore(self) -> None:
        """Take back the last entries from the keyring (nothing is asked when all are there)."""
        api_id = secrets.get_secret(LAST_KIND, "aircall/api-id")
        if api_id:
            try:
                self.aircall = self.aircall_accepted = load_credentials(api_id)  # only accepted keys are stored
            except MissingToken:
                self.aircall = None
        app = secrets.get_secret(LAST_KIND, "ringcentral/app")
        if app and "/" in app:
            environment, client_id = app.split("/", 1)
            try:
                self.ringcentral = self.ringcentral_accepted = load_client(environment, client_id)  # type: ignore[arg-type]
            except (MissingSecret, ValueError):
                self.ringcentral = None

    # -- the optional RingCentral sign-in -------------------------------------------------------
    def start_sign_in(self, my_domain_url: str) -> RingCentralSignIn:
        """A sign-in for the embedded view, redirecting to the org's Ring_Central callback URL.

        The client ID and secret are proven first (`ProviderProblem` when the token endpoint refuses
        them), so the admin never types a RingCentral password for a code that cannot be exchanged.
        """
        if self.ringcentral is None:
            raise ValueError("Enter the RingCentral app's client ID and secret first.")
        problem = self.prove_ringcentral()
        if problem is not None:
            raise SignInNotOpened(problem.kind, f"The sign-in was not opened: {problem.seen}", problem.expected,
                                  f"{problem.todo} Then click “Check the app” and sign in again.".strip(),
                                  status=problem.status, code=problem.code)
        return RingCentralSignIn(self.ringcentral, callback_url(my_domain_url), self.endpoints)

    def signed_in(self, grant: RingCentralGrant) -> None:
        self.grant, self.signin_problem = grant, None

    def sign_in_failed(self, problem: ProviderProblem) -> None:
        self.grant, self.signin_problem = None, problem

    # -- checks and fixes ---------------------------------------------------------------------------
    def inputs(self, with_users: bool = True) -> VoiceInputs:
        return VoiceInputs(self.endpoints, self.aircall, self.ringcentral, self.grant, self.signin_problem, with_users)

    def provider_checks(self, confirmations: Callable[[], Iterable[ManualConfirmation]] | None = None) -> Callable[..., list[CheckResult]]:
        """The window's provider hook: (connection, guide, facts, page ids) -> extra results."""

        def run(conn: OrgConnection, guide: Guide, facts: OrgFacts, page_ids: Any = None) -> list[CheckResult]:
            snapshot = read_provider_snapshot(conn, facts)
            return provider_results(guide, self.inputs(), conn, snapshot, list(confirmations()) if confirmations else ())

        return run

    def link_for_fixes(self, facts: OrgFacts) -> list[str]:
        """Give the accepted credentials to "Fix it for me" in this org (the door's keyring names; memory for the
        demo org). A value the provider refused is never handed over: the last accepted one stays."""
        return link_to_apply(SecretSource.for_org(facts), aircall=self.aircall_accepted, ringcentral=self.ringcentral_accepted)
