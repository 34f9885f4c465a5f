"""The Aircall API key checked live against the HTTPS emulator: every outcome explained."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.aircall.client import AircallClient
from wizard.providers.aircall.credentials import (
    AircallCredentials,
    MissingToken,
    load_credentials,
    store_token,
)
from wizard.providers.aircall.results import AircallFacts, gather, judge
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.emulators.scenario import parse_providers
from wizard.providers.voice.endpoints import ProviderEndpoints
from wizard.providers.voice.problems import ProviderProblem

API_ID, TOKEN = "ac-test-api-id-0042", "ac-test-api-token-Zq81x"
PROVIDERS = {
    "aircall": {
        "api_keys": [
            {"api_id": API_ID, "api_token": TOKEN},
            {"api_id": "ac-blocked-id", "api_token": "ac-blocked-token-77", "access": False},
        ],
        "users": [{"id": 2000 + n, "name": f"Caller {n}", "email": f"caller{n}@acme-demo.example"} for n in range(73)],
        "rate_limit_per_minute": 60,
    }
}


@pytest.fixture
def emulators() -> Iterator[ProviderEmulators]:
    with start_provider_emulators(parse_providers(PROVIDERS)) as running:
        yield running
        assert running.errors == []


def _result(emulators: ProviderEmulators, credentials: AircallCredentials | None, endpoints: ProviderEndpoints | None = None):
    guide = load_guide("aircall")
    facts = gather(credentials, endpoints or emulators.endpoints)
    return next(r for r in judge(guide, facts) if r.check_id == "aircall.api-key")


def test_good_credentials_pass(emulators: ProviderEmulators) -> None:
    result = _result(emulators, AircallCredentials(API_ID, TOKEN))
    assert result.status == Status.PASS
    assert result.evidence and "/v1/ping" in result.evidence[0].detail
    assert API_ID not in result.model_dump_json() and TOKEN not in result.model_dump_json()


def test_wrong_token_fails_with_what_to_do(emulators: ProviderEmulators) -> None:
    result = _result(emulators, AircallCredentials(API_ID, "not-the-token"))
    assert result.status == Status.FAIL
    assert "HTTP 401" in result.observed and "Check your API ID and API token" in result.message
    assert result.fix and "generate a new key" in result.fix.hint
    assert result.fix.console_url == "https://dashboard.aircall.io/integrations/api-keys"


def test_unknown_api_id_fails_the_same_way(emulators: ProviderEmulators) -> None:
    assert _result(emulators, AircallCredentials("someone-else", TOKEN)).status == Status.FAIL


def test_key_without_access_is_explained_as_access(emulators: ProviderEmulators) -> None:
    with pytest.raises(ProviderProblem) as caught:
        AircallClient(AircallCredentials("ac-blocked-id", "ac-blocked-token-77"), emulators.endpoints).ping()
    assert caught.value.kind == "access" and caught.value.status == 403
    assert "plan allows API access" in caught.value.todo


def test_rate_limit_is_could_not_check_with_the_wait(emulators: ProviderEmulators) -> None:
    emulators.aircall.limit = 2
    client = AircallClient(AircallCredentials(API_ID, TOKEN), emulators.endpoints)
    client.ping()
    client.ping()
    with pytest.raises(ProviderProblem) as caught:
        client.ping()
    problem = caught.value
    assert problem.kind == "rate_limit" and problem.status == 429
    assert problem.retry_after is not None and 0 < problem.retry_after <= 60
    result = _result(emulators, AircallCredentials(API_ID, TOKEN))
    assert result.status == Status.ERROR and "rate limit" in result.message


def test_users_are_read_page_by_page(emulators: ProviderEmulators) -> None:
    client = AircallClient(AircallCredentials(API_ID, TOKEN), emulators.endpoints)
    users = client.users()
    assert [u.id for u in users] == [str(2000 + n) for n in range(73)]
    assert client.requests == 2  # 50 per page
    assert emulators.servers["aircall"].counts["GET /v1/users"] == 2


def test_an_untrusted_certificate_is_a_tls_problem(emulators: ProviderEmulators) -> None:
    system_only = emulators.endpoints.with_overrides()  # same addresses...
    system_only = ProviderEndpoints(aircall=system_only.aircall)  # ...without the emulators' CA
    result = _result(emulators, AircallCredentials(API_ID, TOKEN), system_only)
    assert result.status == Status.ERROR
    assert "certificate" in result.message and "could not be checked: tls" in result.observed


def test_an_unknown_host_is_a_dns_problem(emulators: ProviderEmulators) -> None:
    endpoints = ProviderEndpoints(aircall="https://api.aircall.invalid", ca_bundle=emulators.ca_bundle)
    with pytest.raises(ProviderProblem) as caught:
        AircallClient(AircallCredentials(API_ID, TOKEN), endpoints).ping()
    assert caught.value.kind == "dns" and "api.aircall.invalid" in caught.value.seen


def test_a_closed_port_is_a_network_problem(emulators: ProviderEmulators) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    endpoints = ProviderEndpoints(aircall=f"https://127.0.0.1:{port}", ca_bundle=emulators.ca_bundle)
    result = _result(emulators, AircallCredentials(API_ID, TOKEN), endpoints)
    assert result.status == Status.ERROR and "Could not connect" in result.message


def test_without_credentials_the_setting_waits_for_them(emulators: ProviderEmulators) -> None:
    result = _result(emulators, None)
    assert result.status == Status.MANUAL and "Enter the API ID and API token" in result.message


def test_the_token_lives_in_the_keyring_only() -> None:
    with pytest.raises(MissingToken):
        load_credentials(API_ID)
    store_token(API_ID, TOKEN)
    credentials = load_credentials(API_ID)
    assert credentials.api_token == TOKEN and TOKEN not in repr(credentials)


def test_an_http_address_is_refused() -> None:
    with pytest.raises(ValueError, match="https://"):
        ProviderEndpoints(aircall="http://api.aircall.io")


def test_judge_leaves_the_users_setting_alone_without_an_org() -> None:
    results = judge(load_guide("aircall"), AircallFacts())
    assert [r.check_id for r in results] == ["aircall.api-key"]
