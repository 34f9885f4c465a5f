"""The RingCentral sign-in over HTTPS (the person's clicks scripted): what it proves and refuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult, Status
from wizard.engine.snapshot import OrgSnapshot
from wizard.guides.loader import load_guide
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.headless import demo_redirect
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.emulators.scenario import parse_providers
from wizard.providers.ringcentral.credentials import RingCentralClient
from wizard.providers.ringcentral.environments import DUMMY_REDIRECT_URI, callback_url
from wizard.providers.ringcentral.extensions import list_users
from wizard.providers.ringcentral.gather import gather
from wizard.providers.ringcentral.results import judge
from wizard.providers.ringcentral.signin import RingCentralSignIn
from wizard.providers.voice.problems import ProviderProblem

ORG = "https://acme-demo.my.salesforce.example"
CALLBACK = callback_url(ORG)
#: The org's callback URL as an admin may type it: the host in capitals and a trailing slash (the same address).
CALLBACK_TYPED = "https://ACME-DEMO.my.salesforce.example/services/authcallback/Ring_Central/"
OTHER_ORG_CALLBACK = callback_url("https://globex.my.salesforce.example")
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
            {"name": "many addresses app", "client_id": "rcManyAddresses00004", "client_secret": "rc-many-secret-Mm6",
             "redirect_uris": [DUMMY_REDIRECT_URI, CALLBACK_TYPED, OTHER_ORG_CALLBACK]},
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


#: The org the checks compare with: its My Domain gives the callback URL the app must have.
ORG_SNAPSHOT = OrgSnapshot(OrgFacts(org_id="00D000000000001AAA", name="Acme Demo", edition="Enterprise Edition", is_sandbox=False,
                                    instance_url=ORG, my_domain_url=ORG, api_version="66.0"))
GIVEN = "the redirect URI given with --redirect-uri"  # whose address it is when the admin types one


def _signin(emulators: ProviderEmulators, client_id: str, secret: str, env: str = "sandbox") -> RingCentralSignIn:
    return RingCentralSignIn(RingCentralClient(env, client_id, secret), CALLBACK, emulators.endpoints)


def _redirect_row(emulators: ProviderEmulators, redirect_uri: str, given: bool = True,
                  snapshot: OrgSnapshot | None = ORG_SNAPSHOT) -> CheckResult:
    """Sign in to the app that has several addresses registered, with `redirect_uri` (`given` with --redirect-uri,
    else as the org's callback URL, as the window does), and judge the callback URL row."""
    client = RingCentralClient("sandbox", "rcManyAddresses00004", "rc-many-secret-Mm6")
    signin = (RingCentralSignIn(client, redirect_uri, emulators.endpoints, redirect_source=GIVEN) if given
              else RingCentralSignIn(client, redirect_uri, emulators.endpoints))
    signin.check_start()
    grant = signin.complete(demo_redirect(signin, *LOGIN))
    facts = gather(client, emulators.endpoints, grant=grant)
    results = {r.check_id: r for r in judge(load_guide("ringcentral"), facts, snapshot)}
    assert results["ringcentral.permissions"].status == Status.PASS  # any sign-in proves the app's permissions
    return results["ringcentral.redirect-uri"]


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
    results = {r.check_id: r for r in judge(load_guide("ringcentral"), facts, ORG_SNAPSHOT)}
    for setting in ("ringcentral.redirect-uri", "ringcentral.auth-flow", "ringcentral.refresh-tokens", "ringcentral.permissions"):
        assert results[setting].status == Status.PASS, results[setting]


def test_a_sign_in_with_another_redirect_uri_does_not_pass_the_callback_url(emulators: ProviderEmulators) -> None:
    """``--redirect-uri https://dummyurl.com`` signs in, but the org's callback URL is not what it proved."""
    row = _redirect_row(emulators, DUMMY_REDIRECT_URI)
    assert row.status == Status.MANUAL, row
    assert DUMMY_REDIRECT_URI in row.observed and "temporary" in row.observed and "not to the callback URL" in row.observed
    assert CALLBACK in row.expected and DUMMY_REDIRECT_URI in row.message and CALLBACK in row.message
    assert row.fix is not None
    assert f"replace {DUMMY_REDIRECT_URI} with {CALLBACK}" in row.fix.hint
    assert "without --redirect-uri" in row.fix.hint and f"--redirect-uri {CALLBACK}" in row.fix.hint
    assert any(DUMMY_REDIRECT_URI in e.detail for e in row.evidence)


def test_the_callback_url_typed_with_capitals_and_a_slash_still_proves_it(emulators: ProviderEmulators) -> None:
    row = _redirect_row(emulators, CALLBACK_TYPED)
    assert row.status == Status.PASS and "redirected" in row.observed, row


def test_a_sign_in_made_for_another_orgs_callback_url_does_not_pass_this_org(emulators: ProviderEmulators) -> None:
    """The window's sign-in uses the callback URL of the org connected then; it proves nothing about another org."""
    row = _redirect_row(emulators, OTHER_ORG_CALLBACK, given=False)
    assert row.status == Status.MANUAL and OTHER_ORG_CALLBACK in row.message and CALLBACK in row.message, row
    assert row.fix is not None and "--redirect-uri" not in row.fix.hint and CALLBACK in row.fix.hint
    assert "replace" not in row.fix.hint  # not the guide's temporary address: nothing to swap in the console


def test_without_an_org_a_sign_in_proves_only_the_address_it_used(emulators: ProviderEmulators) -> None:
    row = _redirect_row(emulators, CALLBACK_TYPED, snapshot=None)
    assert row.status == Status.MANUAL and CALLBACK_TYPED in row.observed and "no org" in row.observed, row
    assert row.fix is not None and "--org" in row.fix.hint


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
