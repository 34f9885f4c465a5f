"""The Aircall and RingCentral guides in demo mode, from `fresh` to fully verified.

The admin only does what a person must: install the Voice Connector package (the scenario
starts right after), type the provider credentials and choices, act in the provider's console
(RingCentral: the redirect URI, the graduation), click through the provider's sign-in page, and
confirm the steps no API can read. Everything else goes through the wizard: provider checks, the
apply door (with the credentials from the keyring), and the bulk mapping of users.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.providers.support import (
    WITH_PACKAGE,
    by_id,
    confirm_all,
    not_ok,
    scenario_file,
    started,
)
from wizard.apply.door import apply_plan
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.aircall.client import AircallClient
from wizard.providers.aircall.credentials import AircallCredentials, load_credentials, store_token
from wizard.providers.emulators.headless import demo_redirect
from wizard.providers.ringcentral.credentials import load_client, store_secret
from wizard.providers.ringcentral.environments import GUIDE_URLS, callback_url
from wizard.providers.ringcentral.extensions import list_users
from wizard.providers.ringcentral.signin import RingCentralSignIn
from wizard.providers.voice import identifiers
from wizard.providers.voice.fixing import plan_with_providers
from wizard.providers.voice.mapping import gather_mapping
from wizard.providers.voice.matching import accepted_writes
from wizard.providers.voice.verification import VoiceInputs, verify_with_providers

#: Enterprise Edition includes ECI only as a paid add-on; the demo org has it (its permission sets
#: that grant ECI come with the licence), so the edition passes and nothing is left open.
EDITION = "org.edition"


def _apply(demo, guide, inputs) -> None:  # type: ignore[no-untyped-def]
    conn, facts = demo.org.connection, demo.org.facts
    plan, _run = plan_with_providers(conn, guide, facts, inputs)
    assert not plan.secrets_needed and not plan.inputs_needed, (plan.secrets_needed, plan.inputs_needed)
    result = apply_plan(conn, guide, plan, confirmation=facts.name)
    assert result.error is None, result.error


def _map_users(demo, guide, provider, fetch) -> int:  # type: ignore[no-untyped-def]
    conn, facts = demo.org.connection, demo.org.facts
    gathered = gather_mapping(conn, provider, fetch)
    page, setting = next((p, s) for p, s in guide.settings() if s.check == f"{provider}.user_identifiers")
    matches = gathered.matches()
    plan = identifiers.plan_identifiers(guide, facts, provider, gathered.field, matches, accepted_writes(matches), (page.id, setting.id))
    result = identifiers.apply_identifiers(conn, guide, plan, confirmation=facts.name)
    assert result.error is None
    return len(result.applied)


def _finish(demo, guide, inputs) -> None:  # type: ignore[no-untyped-def]
    """The admin confirms what only a person can do; then the guide verifies fully."""
    conn, facts = demo.org.connection, demo.org.facts
    # Authenticating the ECI named credential (Start Authentication Flow on Save, a person's step in
    # the browser) leaves the admin's OAuth token for the ECI app: the demo org has no such browser flow.
    demo.org.server.org.insert("OauthToken", {"AppName": "ECI Connected App", "UserId": facts.user_id,
                                              "CreatedDate": "2026-03-02T10:00:00.000+0000"})
    run = verify_with_providers(conn, guide, facts, inputs)
    waiting = [r for r in run.results if r.status == Status.MANUAL]
    assert all(s.manual is not None for r in waiting for p, s in guide.settings() if s.id == r.check_id), \
        [r.check_id for r in waiting]  # only genuinely manual steps are left to confirm
    final = verify_with_providers(conn, guide, facts, inputs, confirm_all(run.results, facts.username))
    assert not_ok(final.results) == []
    assert by_id(final.results)[EDITION].status == Status.PASS
    assert by_id(final.results)[EDITION].observed == "Enterprise Edition with ECI licences"


def test_aircall_from_fresh_to_fully_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with started(scenario_file(tmp_path, WITH_PACKAGE), monkeypatch) as demo:
        conn, facts, emulators = demo.org.connection, demo.org.facts, demo.emulators
        before = by_id(verify_with_providers(conn, guide, facts, VoiceInputs(emulators.endpoints)).results)
        assert before["aircall.api-key"].status == Status.MANUAL
        assert before["aircall-nc.exists"].status == Status.FAIL
        assert before["aircall.user-identifiers"].status == Status.WARN  # nobody holds an ECI permission set yet

        # What a person types: the API ID and API token from the Aircall dashboard.
        typed = emulators.demo_credentials()
        store_token(str(typed.aircall_api_id), str(typed.aircall_api_token))
        inputs = VoiceInputs(emulators.endpoints, aircall=load_credentials(str(typed.aircall_api_id)))
        _apply(demo, guide, inputs)
        component = demo.org.server.org.components["NamedCredential"]["Aircall"]
        assert component["username"] == typed.aircall_api_id and component["password"] == typed.aircall_api_token

        checked = by_id(verify_with_providers(conn, guide, facts, inputs).results)
        assert checked["aircall.api-key"].status == Status.PASS and checked["aircall-nc.username"].status == Status.PASS
        assert checked["aircall.user-identifiers"].status == Status.WARN  # Ada now holds ECI, without an identifier

        assert _map_users(demo, guide, "aircall", AircallClient(inputs.aircall, emulators.endpoints).users) == 1
        _finish(demo, guide, inputs)


def test_ringcentral_from_fresh_to_fully_verified_through_graduation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("ringcentral")
    with started(scenario_file(tmp_path, WITH_PACKAGE), monkeypatch) as demo:
        conn, facts, emulators = demo.org.connection, demo.org.facts, demo.emulators
        rc = emulators.ringcentral.state
        typed = emulators.demo_credentials()
        client_id, secret = str(typed.ringcentral_client_id), str(typed.ringcentral_client_secret)
        login = typed.ringcentral_login
        assert login is not None

        # Choices and values a person gives: the sandbox, the app's client ID and secret.
        store_secret("sandbox", client_id, secret)
        sandbox = VoiceInputs(emulators.endpoints, ringcentral=load_client("sandbox", client_id))
        _apply(demo, guide, sandbox)
        after = by_id(verify_with_providers(conn, guide, facts, sandbox).results)
        for setting in ("ringcentral.client-credentials", "rc-auth-provider.consumer-key", "rc-auth-provider.endpoints", "rc-nc.url"):
            assert after[setting].status == Status.PASS, after[setting]
        assert after["ringcentral.redirect-uri"].status == Status.MANUAL

        # In RingCentral's console: the callback URL the page shows becomes the OAuth Redirect URI.
        callback = callback_url(facts.my_domain_url)
        assert callback == f"{facts.my_domain_url}/services/authcallback/Ring_Central"
        rc.set_redirect_uri(client_id, callback)
        signin = RingCentralSignIn(sandbox.ringcentral, callback, emulators.endpoints)
        signin.check_start()
        grant = signin.complete(demo_redirect(signin, *login))
        sandbox = VoiceInputs(emulators.endpoints, ringcentral=sandbox.ringcentral, ringcentral_grant=grant)
        assert _map_users(demo, guide, "ringcentral", lambda: list_users(grant, emulators.endpoints)) == 1

        graduation = by_id(verify_with_providers(conn, guide, facts, sandbox).results)
        assert graduation["ringcentral.redirect-uri"].status == Status.PASS
        assert graduation["ringcentral.graduated"].status == Status.MANUAL  # the guide's last page waits for RingCentral

        # RingCentral graduates the app; the admin chooses production.
        rc.graduate(client_id)
        store_secret("production", client_id, secret)
        production = VoiceInputs(emulators.endpoints, ringcentral=load_client("production", client_id))
        moved = by_id(verify_with_providers(conn, guide, facts, production).results)
        assert moved["ringcentral.graduated"].status == Status.PASS
        assert moved["rc-auth-provider.endpoints"].status == Status.FAIL and "sandbox addresses" in moved["rc-auth-provider.endpoints"].message
        assert moved["rc-nc.url"].status == Status.FAIL
        _apply(demo, guide, production)
        provider = demo.org.server.org.components["AuthProvider"]["Ring_Central"]
        assert provider["tokenUrl"] == GUIDE_URLS["production"].token_url
        assert demo.org.server.org.components["NamedCredential"]["Ring_Central"]["endpoint"] == GUIDE_URLS["production"].named_credential_url

        signin = RingCentralSignIn(production.ringcentral, callback, emulators.endpoints)
        grant = signin.complete(demo_redirect(signin, *login))
        production = VoiceInputs(emulators.endpoints, ringcentral=production.ringcentral, ringcentral_grant=grant)
        _finish(demo, guide, production)


def test_a_named_credential_holding_another_key_is_rekeyed_from_the_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    text = "extends: aircall-configured\nmetadata: {NamedCredential: {Aircall: {username: old-aircall-api-id, password: old-token-value}}}\n"
    with started(scenario_file(tmp_path, text), monkeypatch) as demo:
        conn, facts, emulators = demo.org.connection, demo.org.facts, demo.emulators
        typed = emulators.demo_credentials()
        inputs = VoiceInputs(emulators.endpoints, aircall=AircallCredentials(str(typed.aircall_api_id), str(typed.aircall_api_token)))
        result = by_id(verify_with_providers(conn, guide, facts, inputs).results)["aircall-nc.username"]
        assert result.status == Status.FAIL and "…i-id" in result.expected and "old-aircall-api-id" not in result.observed
        plan, _ = plan_with_providers(conn, guide, facts, inputs)
        assert [c.setting for p in plan.plans for c in p.changes] == ["Username", "Password"]
        assert any("undo cannot restore the previous key" in n for n in plan.notes)
        assert apply_plan(conn, guide, plan, confirmation=facts.name).error is None
        component = demo.org.server.org.components["NamedCredential"]["Aircall"]
        assert component["username"] == typed.aircall_api_id and component["password"] == typed.aircall_api_token
        assert by_id(verify_with_providers(conn, guide, facts, inputs).results)["aircall-nc.username"].status == Status.PASS
