"""RingCentral credentials proven at each environment's token endpoint, without a user."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.emulators.scenario import parse_providers
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.gather import gather
from wizard.providers.ringcentral.probe import probe_client
from wizard.providers.ringcentral.results import judge
from wizard.providers.voice.problems import ProviderProblem

SANDBOX_APP = ("rcSandboxOnlyClient01", "rc-sandbox-secret-Xq7")
GRADUATED_APP = ("rcGraduatedClient0002", "rc-graduated-secret-Pw3")
JWT_APP = ("rcJwtOnlyClient000003", "rc-jwt-secret-Lm9")
PROVIDERS = {
    "ringcentral": {
        "apps": [
            {"name": "sandbox app", "client_id": SANDBOX_APP[0], "client_secret": SANDBOX_APP[1], "environments": ["sandbox"]},
            {"name": "graduated app", "client_id": GRADUATED_APP[0], "client_secret": GRADUATED_APP[1],
             "environments": ["sandbox", "production"]},
            {"name": "jwt app", "client_id": JWT_APP[0], "client_secret": JWT_APP[1], "auth_flow": "jwt"},
        ]
    }
}


@pytest.fixture(scope="module")
def emulators() -> Iterator[ProviderEmulators]:
    with start_provider_emulators(parse_providers(PROVIDERS)) as running:
        yield running
        assert running.errors == []


@pytest.mark.parametrize("env", ["sandbox", "production"])
def test_a_good_client_is_accepted(emulators: ProviderEmulators, env: str) -> None:
    probe = probe_client(RingCentralClient(env, *GRADUATED_APP), emulators.endpoints)
    assert probe.verdict == "accepted" and probe.accepted
    assert probe.codes == ("OAU-106",) and probe.status == 400
    assert probe.token_url == emulators.endpoints.ringcentral(env) + "/restapi/oauth/token"


@pytest.mark.parametrize("env", ["sandbox", "production"])
def test_a_wrong_secret_is_named(emulators: ProviderEmulators, env: str) -> None:
    probe = probe_client(RingCentralClient(env, GRADUATED_APP[0], "not-the-secret"), emulators.endpoints)
    assert probe.verdict == "wrong_secret" and probe.client_known and not probe.accepted
    assert probe.status == 401 and "client secret" in probe.seen and env in probe.todo


@pytest.mark.parametrize("env", ["sandbox", "production"])
def test_an_unknown_client_is_named(emulators: ProviderEmulators, env: str) -> None:
    probe = probe_client(RingCentralClient(env, "rcNobodyKnowsMe", "whatever"), emulators.endpoints)
    assert probe.verdict == "unknown_client" and not probe.client_known
    assert "OAU-153" in probe.codes and "rcNobodyKnowsMe" not in probe.seen  # the id is masked


def test_a_sandbox_app_is_unknown_in_production(emulators: ProviderEmulators) -> None:
    assert probe_client(RingCentralClient("sandbox", *SANDBOX_APP), emulators.endpoints).accepted
    probe = probe_client(RingCentralClient("production", *SANDBOX_APP), emulators.endpoints)
    assert probe.verdict == "unknown_client" and "sandbox app, choose that environment" in probe.todo


def test_an_app_without_the_code_flow_is_named(emulators: ProviderEmulators) -> None:
    probe = probe_client(RingCentralClient("sandbox", *JWT_APP), emulators.endpoints)
    assert probe.verdict == "wrong_flow" and "authorization code" in probe.seen


@pytest.mark.parametrize(
    ("env", "client", "status", "graduated"),
    [
        ("sandbox", GRADUATED_APP, Status.PASS, Status.WARN),
        ("production", GRADUATED_APP, Status.PASS, Status.PASS),
        ("sandbox", SANDBOX_APP, Status.PASS, Status.MANUAL),
        ("sandbox", (SANDBOX_APP[0], "wrong"), Status.FAIL, Status.MANUAL),
        ("production", SANDBOX_APP, Status.FAIL, Status.MANUAL),
        ("sandbox", ("rcNobodyKnowsMe", "rc-unknown-secret-Vb5"), Status.FAIL, Status.MANUAL),
    ],
)
def test_the_guide_results(emulators: ProviderEmulators, env: str, client: tuple[str, str], status: Status, graduated: Status) -> None:
    guide = load_guide("ringcentral")
    results = {r.check_id: r for r in judge(guide, gather(RingCentralClient(env, *client), emulators.endpoints))}
    credentials = results["ringcentral.client-credentials"]
    assert credentials.status == status, credentials
    assert credentials.evidence and "made-up code" in credentials.evidence[0].detail
    assert results["ringcentral.graduated"].status == graduated
    assert results["ringcentral.redirect-uri"].status == Status.MANUAL  # no sign-in, no confirmation
    assert client[1] not in credentials.model_dump_json()


def test_a_wrong_flow_fails_the_checklist_item(emulators: ProviderEmulators) -> None:
    guide = load_guide("ringcentral")
    results = {r.check_id: r for r in judge(guide, gather(RingCentralClient("sandbox", *JWT_APP), emulators.endpoints))}
    assert results["ringcentral.client-credentials"].status == Status.PASS
    assert results["ringcentral.auth-flow"].status == Status.FAIL
    assert "3-legged OAuth flow authorization code" in (results["ringcentral.auth-flow"].fix.hint or "")


def test_rate_limit_is_could_not_check(emulators: ProviderEmulators) -> None:
    spec = parse_providers({"ringcentral": {**PROVIDERS["ringcentral"], "rate_limit_per_minute": 1}})
    with start_provider_emulators(spec) as limited:
        client = RingCentralClient("sandbox", *SANDBOX_APP)
        probe_client(client, limited.endpoints)
        with pytest.raises(ProviderProblem) as caught:
            probe_client(client, limited.endpoints)
        assert caught.value.kind == "rate_limit" and caught.value.retry_after == 60 and caught.value.code == "CMN-301"
