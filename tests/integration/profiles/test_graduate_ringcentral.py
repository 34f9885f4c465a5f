"""RingCentral graduation: the sandbox org's setup on a RingCentral sandbox app moves to production.

The Salesforce side switches the Ring Central auth provider and the Ring_Central named credential
from the devtest endpoints to the production ones through the apply door; RingCentral's side is
the HTTPS emulator's production platform, which must know the app (graduated) and accept the
production org's callback URL as the redirect URI. The story runs in the order an admin lives it:
graduate the org before the app has graduated (RingCentral says so), then graduate the app and
redo the redirect URI step, and graduate again: no writes, everything at parity.
"""

from __future__ import annotations

import pytest

from tests.integration.profiles.support import (
    DEMO_SECRETS,
    RINGCENTRAL_ANSWERS,
    assert_no_secret,
    org_writes,
    two_orgs,
)
from wizard import secrets as keyring_secrets
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.profiles.capture import capture_profile
from wizard.profiles.files import dump_profile
from wizard.profiles.graduate import Graduation
from wizard.profiles.report import parity_report
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.ringcentral.environments import GUIDE_URLS, callback_url

pytestmark = pytest.mark.timeout(240)
CLIENT_ID = RINGCENTRAL_ANSWERS["Ring_Central/consumer_key"]
PRODUCTION = {"ringcentral_environment": "production"}


def _provider_row(org) -> dict:
    rows = org.connection.call(lambda sf: sf.query(
        "SELECT AuthorizeUrl, TokenUrl, UserInfoUrl, ConsumerKey FROM AuthProvider WHERE DeveloperName = 'Ring_Central'"))["records"]
    return rows[0]


def _named_credential_url(org) -> str:
    rows = org.connection.call(lambda sf: sf.toolingexecute(
        "query/", params={"q": "SELECT Endpoint FROM NamedCredential WHERE DeveloperName = 'Ring_Central'"}))["records"]
    return rows[0]["Endpoint"]


def test_ringcentral_app_graduates_with_the_org(monkeypatch, tmp_path) -> None:
    guide = load_guide("ringcentral")
    with two_orgs("ringcentral-sandbox-configured", "voice-connector-production", monkeypatch, tmp_path) as (sandbox, production):
        emulators = start_provider_emulators("ringcentral-sandbox-configured", org_url=sandbox.server.instance_url)
        try:
            profile = capture_profile(sandbox.connection, sandbox.facts, guide, sign_in_app="PlatformCLI").profile
            env = profile.env("ringcentral_environment")
            assert env is not None and env.value == "sandbox" and env.derive == "choice" and env.suggested == "production"
            assert set(env.settings) >= {"rc-auth-provider.endpoints", "rc-nc.url"}
            assert "platform.devtest.ringcentral.com" in profile.setting("rc-nc.url").value  # type: ignore[union-attr]

            graduation = Graduation(profile, production.connection, production.facts, client_id="PlatformCLI", endpoints=emulators.endpoints)
            assert [q.key for q in graduation.questions()] == ["ringcentral_environment"]
            preview = graduation.preview(PRODUCTION)
            rows = {r.setting_id: r for r in preview.rows}
            assert "platform.ringcentral.com/restapi/oauth/authorize" in rows["rc-auth-provider.endpoints"].target_will_get
            assert "devtest" not in rows["rc-auth-provider.endpoints"].target_will_get
            assert rows["rc-nc.url"].target_will_get == GUIDE_URLS["production"].named_credential_url
            needs = {n.name: n.label for n in preview.secrets_needed}
            assert needs == {"Ring_Central/consumer_key": "Client ID of the RingCentral app in production",
                             "Ring_Central/consumer_secret": "Client secret of the RingCentral app in production"}
            redirect_step = next(m for m in preview.manual if m.setting_id == "ringcentral.redirect-uri")
            assert callback_url(production.facts.my_domain_url) in redirect_step.do
            for name, value in RINGCENTRAL_ANSWERS.items():
                graduation.provide_secret(name, value)

            # 1. The org graduates before the RingCentral app has: Salesforce switches, RingCentral says no.
            first = graduation.apply(preview, confirmation=production.facts.name)
            assert first.applied.error is None and first.applied.writes > 0
            provider = _provider_row(production)
            urls = GUIDE_URLS["production"]
            assert (provider["AuthorizeUrl"], provider["TokenUrl"], provider["UserInfoUrl"]) == (urls.authorize_url, urls.token_url, urls.user_info_url)
            assert provider["ConsumerKey"] == CLIENT_ID
            assert _named_credential_url(production).rstrip("/") == urls.named_credential_url
            checks = {r.check_id: r for r in first.provider_results}
            assert checks["ringcentral.client-credentials"].status == Status.FAIL  # production does not know the client
            assert checks["ringcentral.graduated"].status == Status.MANUAL  # "not graduated yet"
            assert checks["ringcentral.redirect-uri"].status == Status.MANUAL  # an unknown client cannot be asked about it
            assert {c.setting_id for c in first.unexplained} >= {"ringcentral.graduated", "ringcentral.client-credentials"}
            assert "ringcentral.redirect-uri" in {m.setting_id for m in first.manual}

            # 2. The admin graduates the app and redoes the redirect URI step; graduating again writes nothing.
            emulators.ringcentral.state.graduate(CLIENT_ID)
            again = Graduation(profile, production.connection, production.facts, client_id="PlatformCLI", endpoints=emulators.endpoints)
            production.server.log.clear()
            second = again.apply(again.preview(PRODUCTION))
            assert second.applied.writes == 0 and org_writes(production.server.log) == []
            checks = {r.check_id: r for r in second.provider_results}
            assert checks["ringcentral.graduated"].status == Status.PASS
            assert checks["ringcentral.client-credentials"].status == Status.PASS
            assert checks["ringcentral.redirect-uri"].status == Status.FAIL  # still the sandbox org's callback
            emulators.ringcentral.state.set_redirect_uri(CLIENT_ID, callback_url(production.facts.my_domain_url))

            third = Graduation(profile, production.connection, production.facts, client_id="PlatformCLI", endpoints=emulators.endpoints)
            production.server.log.clear()
            done = third.apply(third.preview(PRODUCTION))
            assert done.applied.writes == 0 and org_writes(production.server.log) == []
            assert {r.check_id: r.status for r in done.provider_results} == {
                "ringcentral.client-credentials": Status.PASS, "ringcentral.graduated": Status.PASS, "ringcentral.redirect-uri": Status.PASS}
            assert done.unexplained == [], [(c.setting_id, c.explanation) for c in done.unexplained]
            assert "ringcentral.redirect-uri" not in {m.setting_id for m in done.manual}  # RingCentral confirmed it
            by_id = {c.setting_id: c for c in done.comparisons}
            for setting_id in ("rc-auth-provider.endpoints", "rc-nc.url", "rc-graduation.auth-provider-production",
                               "rc-graduation.named-credential-production", "ringcentral.graduated"):
                assert by_id[setting_id].category == "intentional", setting_id
            assert "production (the source used sandbox)" in by_id["rc-nc.url"].explanation
            assert by_id["eci-named-credential.url"].category == "environment"
            report = parity_report(profile, done)
            assert report.summary.unexplained == 0 and report.answers == PRODUCTION
            assert emulators.errors == []
            secrets = {*DEMO_SECRETS, *keyring_secrets.redaction_values(), *done.secrets_seen}
            assert_no_secret([("profile", dump_profile(profile)), ("report", report.model_dump_json())], secrets)
        finally:
            emulators.stop()


def test_ringcentral_app_graduates_in_place(monkeypatch, tmp_path) -> None:
    """The org stays, the RingCentral app graduates: the same profile applied to its own org."""
    from tests.integration.verify.support import connected

    with connected("ringcentral-sandbox-configured", monkeypatch) as org:
        emulators = start_provider_emulators("ringcentral-sandbox-configured", org_url=org.server.instance_url)
        try:
            profile = capture_profile(org.connection, org.facts, load_guide("ringcentral")).profile
            emulators.ringcentral.state.graduate(CLIENT_ID)
            graduation = Graduation(profile, org.connection, org.facts, endpoints=emulators.endpoints)
            preview = graduation.preview(PRODUCTION)
            assert "Same org" in [f.title for f in preview.findings]
            assert {n.name for n in preview.secrets_needed} == set(RINGCENTRAL_ANSWERS)
            assert any("Consumer Secret" in m.do for m in preview.manual)  # no API changes an existing provider's secret
            for name, value in RINGCENTRAL_ANSWERS.items():
                graduation.provide_secret(name, value)
            org.server.log.clear()
            done = graduation.apply(preview)  # a sandbox: no typed confirmation
            assert len(org_writes(org.server.log)) == done.applied.writes == 2  # the provider's endpoints, the credential's URL
            assert _provider_row(org)["AuthorizeUrl"] == GUIDE_URLS["production"].authorize_url
            assert done.unexplained == [] and all(r.status == Status.PASS for r in done.provider_results)
            org.server.log.clear()
            again = Graduation(profile, org.connection, org.facts, endpoints=emulators.endpoints)
            assert again.apply(again.preview(PRODUCTION)).applied.writes == 0 and org_writes(org.server.log) == []
        finally:
            emulators.stop()
