"""The RingCentral sign-in over HTTPS (the person's clicks scripted): what it proves and refuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.headless import demo_redirect
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.emulators.scenario import parse_providers
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.environments import callback_url
from wizard.providers.ringcentral.extensions import list_users
from wizard.providers.ringcentral.gather import gather
from wizard.providers.ringcentral.results import judge
from wizard.providers.ringcentral.signin import RingCentralSignIn
from wizard.providers.voice.problems import ProviderProblem

ORG = "https://acme-demo.my.salesforce.example"
CALLBACK = callback_url(ORG)
LOGIN = ("ada@acme-demo.example", "rc-login-Password-1")
APP = {"client_id": "rcSignInClient000001", "client_secret": "rc-signin-secret-Hh2", "environments": ["sandbox", "production"],
       "redirect_uris": ["{instance_url}/services/authcallback/Ring_Central"]}
PROVIDERS = {
    "ringcentral": {
        "apps": [
            {"name": "full app", **APP},
            {"name": "narrow app", "client_id": "rcNarrowClient000002", "client_secret": "rc-narrow-secret-Kk4",
             "permissions": ["ReadCallRecording"], "issue_refresh_tokens": False,
             "redirect_uris": ["{instance_url}/services/authcallback/Ring_Central"]},
            {"name": "dummy app", "client_id": "rcDummyClient0000003", "client_secret": "rc-dummy-secret-Jj5"},
        ],
        "extensions": [
            {"id": 7001, "extension_number": "101", "first_name": "Ada", "last_name": "Admin", "email": LOGIN[0], "password": LOGIN[1]},
            *({"id": 7100 + n, "extension_number": str(200 + n), "first_name": "User", "last_name": str(n),
               "email": f"user{n}@acme-demo.example"} for n in range(120)),
        ],
    }
}


@pytest.fixture(scope="module")
def emulators() -> Iterator[ProviderEmulators]:
    with start_provider_emulators(parse_providers(PROVIDERS), org_url=ORG) as running:
        yield running
        assert running.errors == []


def _signin(emulators: ProviderEmulators, client_id: str, secret: str, env: str = "sandbox") -> RingCentralSignIn:
    return RingCentralSignIn(RingCentralClient(env, client_id, secret), CALLBACK, emulators.endpoints)


@pytest.mark.parametrize("env", ["sandbox", "production"])
def test_sign_in_proves_redirect_uri_scope_and_refresh_tokens(emulators: ProviderEmulators, env: str) -> None:
    signin = _signin(emulators, APP["client_id"], APP["client_secret"], env)
    signin.check_start()
    redirect = demo_redirect(signin, *LOGIN)
    assert redirect.startswith(CALLBACK + "?") and signin.is_redirect(redirect)
    grant = signin.complete(redirect)
    assert "ReadCallRecording" in grant.scope and grant.issued_refresh_token and grant.environment == env
    assert grant.access_token not in repr(grant)
    with pytest.raises(ProviderProblem):
        signin.complete(redirect)  # one answer per sign-in

    facts = gather(RingCentralClient(env, APP["client_id"], APP["client_secret"]), emulators.endpoints, grant=grant)
    results = {r.check_id: r for r in judge(load_guide("ringcentral"), facts)}
    for setting in ("ringcentral.redirect-uri", "ringcentral.auth-flow", "ringcentral.refresh-tokens", "ringcentral.permissions"):
        assert results[setting].status == Status.PASS, results[setting]


def test_users_are_listed_after_the_sign_in(emulators: ProviderEmulators) -> None:
    signin = _signin(emulators, APP["client_id"], APP["client_secret"])
    grant = signin.complete(demo_redirect(signin, *LOGIN))
    before = emulators.servers["ringcentral-sandbox"].counts["GET /restapi/v1.0/account/~/extension"]
    users = list_users(grant, emulators.endpoints)
    assert len(users) == 121 and users[0].id == "7001" and users[0].email == LOGIN[0]
    assert emulators.servers["ringcentral-sandbox"].counts["GET /restapi/v1.0/account/~/extension"] - before == 2  # 100 per page


def test_a_narrow_app_fails_permissions_and_refresh_tokens(emulators: ProviderEmulators) -> None:
    signin = _signin(emulators, "rcNarrowClient000002", "rc-narrow-secret-Kk4")
    grant = signin.complete(demo_redirect(signin, *LOGIN))
    assert grant.scope == ("ReadCallRecording",) and not grant.issued_refresh_token
    facts = gather(RingCentralClient("sandbox", "rcNarrowClient000002", "rc-narrow-secret-Kk4"), emulators.endpoints, grant=grant)
    results = {r.check_id: r for r in judge(load_guide("ringcentral"), facts)}
    assert results["ringcentral.permissions"].status == Status.FAIL
    assert "Call Control" in results["ringcentral.permissions"].observed and "Read Accounts" in results["ringcentral.permissions"].observed
    assert results["ringcentral.refresh-tokens"].status == Status.FAIL
    with pytest.raises(ProviderProblem) as caught:
        list_users(grant, emulators.endpoints)
    assert caught.value.kind == "access" and caught.value.code == "CMN-401"


def test_an_unregistered_redirect_uri_is_named_before_any_password(emulators: ProviderEmulators) -> None:
    signin = _signin(emulators, "rcDummyClient0000003", "rc-dummy-secret-Jj5")
    with pytest.raises(ProviderProblem) as caught:
        signin.check_start()
    assert "OAU-109" in caught.value.seen and CALLBACK in caught.value.expected
    facts = gather(RingCentralClient("sandbox", "rcDummyClient0000003", "rc-dummy-secret-Jj5"), emulators.endpoints,
                   signin_problem=caught.value)
    result = next(r for r in judge(load_guide("ringcentral"), facts) if r.check_id == "ringcentral.redirect-uri")
    assert result.status == Status.FAIL and "replace the redirect URI" in (result.fix.hint or "")


def test_denying_access_is_explained(emulators: ProviderEmulators) -> None:
    signin = _signin(emulators, APP["client_id"], APP["client_secret"])
    with pytest.raises(ProviderProblem) as caught:
        signin.complete(demo_redirect(signin, *LOGIN, allow=False))
    assert caught.value.kind == "access" and "access_denied" in caught.value.seen


def test_a_redirect_of_another_sign_in_is_refused(emulators: ProviderEmulators) -> None:
    first = _signin(emulators, APP["client_id"], APP["client_secret"])
    second = _signin(emulators, APP["client_id"], APP["client_secret"])
    with pytest.raises(ProviderProblem, match="does not belong to this sign-in"):
        second.complete(demo_redirect(first, *LOGIN))


def test_a_wrong_password_stays_on_the_login_page(emulators: ProviderEmulators) -> None:
    signin = _signin(emulators, APP["client_id"], APP["client_secret"])
    with pytest.raises(ProviderProblem, match="login was refused"):
        demo_redirect(signin, LOGIN[0], "wrong-password")
