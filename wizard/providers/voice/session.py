"""The window's Qt-free handle on the provider pages: what the admin entered, and what to run.

The window keeps one `VoiceSession` per run. The admin's entries land here (the API token and
the client secret go to the keyring; the API ID, client ID and environment are remembered in the
keyring too, so a restart asks for nothing); the optional RingCentral sign-in starts and ends
here; `provider_checks()` is the callable the window's check job takes (`wizard.ui.jobs`), and
`link_for_fixes` hands the credentials to "Fix it for me". Mapping users goes through
`wizard.providers.voice.identifiers` (plan, apply through the door, undo)::

    session = VoiceSession(emulators.endpoints if demo else ProviderEndpoints.from_env())
    session.set_aircall(api_id, token)                    # from the page's two fields
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

    # -- what the admin enters ------------------------------------------------------------------
    def set_aircall(self, api_id: str, api_token: str, keep: bool = True) -> AircallCredentials:
        """The API key from the page's fields (ValueError when a field is empty)."""
        credentials = AircallCredentials(api_id, api_token)
        if keep:
            with contextlib.suppress(secrets.KeyringUnavailable):  # else: kept for this session only
                store_token(credentials.api_id, credentials.api_token)
            _remember("aircall/api-id", credentials.api_id)
        self.aircall = credentials
        return credentials

    def set_ringcentral(self, environment: Environment, client_id: str, client_secret: str, keep: bool = True) -> RingCentralClient:
        """The app's credentials and the environment chosen (a new choice forgets an old sign-in)."""
        client = RingCentralClient(environment, client_id, client_secret)
        if keep:
            with contextlib.suppress(secrets.KeyringUnavailable):
                store_secret(environment, client.client_id, client.client_secret)
            _remember("ringcentral/app", f"{environment}/{client.client_id}")
        if self.ringcentral is None or (self.ringcentral.environment, self.ringcentral.client_id) != (environment, client.client_id):
            self.grant, self.signin_problem = None, None
        self.ringcentral = client
        return client

    def restore(self) -> None:
        """Take back the last entries from the keyring (nothing is asked when all are there)."""
        api_id = secrets.get_secret(LAST_KIND, "aircall/api-id")
        if api_id:
            try:
                self.aircall = load_credentials(api_id)
            except MissingToken:
                self.aircall = None
        app = secrets.get_secret(LAST_KIND, "ringcentral/app")
        if app and "/" in app:
            environment, client_id = app.split("/", 1)
            try:
                self.ringcentral = load_client(environment, client_id)  # type: ignore[arg-type]
            except (MissingSecret, ValueError):
                self.ringcentral = None

    # -- the optional RingCentral sign-in -------------------------------------------------------
    def start_sign_in(self, my_domain_url: str) -> RingCentralSignIn:
        """A sign-in for the embedded view, redirecting to the org's Ring_Central callback URL."""
        if self.ringcentral is None:
            raise ValueError("Enter the RingCentral app's client ID and secret first.")
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
        """Give the credentials to "Fix it for me" in this org (the door's keyring names; memory for the demo org)."""
        return link_to_apply(SecretSource.for_org(facts), aircall=self.aircall, ringcentral=self.ringcentral)
