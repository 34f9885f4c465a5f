"""Prove the app's client ID and secret at an environment's token endpoint, without any user.

The wizard asks the token endpoint to exchange an authorization code that was never issued. The
endpoint authenticates the client before it looks at the code, so its answer says which part is
wrong: ``invalid_grant`` (the code, as intended) proves the client is known and the secret right;
``invalid_client`` with ``OAU-153`` means the client ID is unknown in this environment (often a
sandbox app checked against production, or the other way round); any other ``invalid_client``
means the secret does not belong to the client; ``unauthorized_client`` means the app exists but
is not set up for the authorization code flow the guide asks for. No token is ever issued.
"""

from __future__ import annotations

import secrets as random
from dataclasses import dataclass
from typing import Literal

import requests

from wizard.providers.ringcentral.answers import (
    CONSOLE,
    PROVIDER,
    RingCentralError,
    rate_limited,
    read_error,
    said,
)
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.environments import DUMMY_REDIRECT_URI
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.problems import ProviderProblem, mask, send, unexpected_answer

TOKEN_PATH = "/restapi/oauth/token"
UNKNOWN_CLIENT_CODES = ("OAU-153",)

Verdict = Literal["accepted", "unknown_client", "wrong_secret", "wrong_flow"]


@dataclass(frozen=True)
class ProbeResult:
    """What the token endpoint's answer proves about the client."""

    verdict: Verdict
    environment: str
    token_url: str
    status: int
    codes: tuple[str, ...] = ()
    seen: str = ""
    todo: str = ""

    @property
    def accepted(self) -> bool:
        """The client is known in this environment and the secret is right."""
        return self.verdict == "accepted"

    @property
    def client_known(self) -> bool:
        """The client ID exists here (even when the secret or the flow is wrong)."""
        return self.verdict in ("accepted", "wrong_secret", "wrong_flow")


def probe_client(client: RingCentralClient, endpoints: ProviderEndpoints | None = None, *,
                 session: requests.Session | None = None, redirect_uri: str = DUMMY_REDIRECT_URI) -> ProbeResult:
    """Exchange a made-up code and read what the refusal says (`ProviderProblem` on transport errors)."""
    endpoints = endpoints or ProviderEndpoints()
    session = session or endpoints.session()
    url = endpoints.ringcentral(client.environment) + TOKEN_PATH
    response = send(
        session, "POST", url, PROVIDER,
        data={"grant_type": "authorization_code", "code": "eci-wizard-probe-" + random.token_urlsafe(12), "redirect_uri": redirect_uri},
        headers={"Authorization": client.basic_header, "Accept": "application/json"},
    )
    if response.status_code == 429:
        raise rate_limited(read_error(response, (client.client_id,)))
    if response.status_code >= 500:
        raise unexpected_answer(PROVIDER, response, "An answer from RingCentral's token endpoint.")
    error = read_error(response, (client.client_id,))
    return _interpret(client, url, response.status_code, error)


def _other(environment: str) -> str:
    return "production" if environment == "sandbox" else "sandbox"


def _interpret(client: RingCentralClient, url: str, status: int, error: RingCentralError) -> ProbeResult:
    env, cid = client.environment, mask(client.client_id)
    base = {"environment": env, "token_url": url, "status": status, "codes": error.codes}
    if status == 200:
        # A token for a made-up code: not RingCentral's behaviour, and not a proof of anything.
        raise ProviderProblem("answer", f"{url} issued a token for a code that was never granted.",
                              "A refusal of the made-up code.", "Check that the address is RingCentral's token endpoint.",
                              status=status)
    if error.error == "invalid_grant":
        return ProbeResult("accepted", **base, seen=f"The {env} token endpoint knows the client {cid} and accepted its secret "
                           "(it refused only the made-up code, as intended).")
    if error.error == "unauthorized_client":
        return ProbeResult(
            "wrong_flow", **base,
            seen=f"The {env} token endpoint knows the client {cid}, but the app may not use the authorization code "
                 f"flow.{said(error)}",
            todo="In the developer console, set the app's Auth to '3-legged OAuth flow authorization code' with "
                 f"'Server-side web app (most common)' ({CONSOLE}).",
        )
    if error.error == "invalid_client" and error.has(*UNKNOWN_CLIENT_CODES):
        return ProbeResult(
            "unknown_client", **base,
            seen=f"The {env} token endpoint does not know the client ID {cid}.{said(error)}",
            todo=f"Copy the client ID again from the app's Credentials in the developer console ({CONSOLE}). If the app is a "
                 f"{_other(env)} app, choose that environment instead ({_other(env).capitalize()}: a new app starts in the "
                 "sandbox until it graduates).",
        )
    if error.error == "invalid_client":
        return ProbeResult(
            "wrong_secret", **base,
            seen=f"The {env} token endpoint did not accept the client secret for the client {cid}.{said(error)}",
            todo=f"Copy the client secret again from the app's Credentials in the RingCentral developer console ({CONSOLE}), "
                 f"{env} environment, and enter it again.",
        )
    raise ProviderProblem(
        "answer",
        f"{url} answered HTTP {status} in a way the wizard cannot read.{said(error)}",
        "invalid_grant (client known) or invalid_client (client or secret wrong).",
        "Check that the address is RingCentral's token endpoint, then try again.",
        status=status,
        code=error.codes[0] if error.codes else None,
    )
