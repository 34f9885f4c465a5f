"""The window's provider handle: entries kept in the keyring, the check hook, the hand-over to fixes."""

from __future__ import annotations

import pytest

from tests.integration.providers.support import started
from wizard.apply.secret_source import SecretSource
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.emulators.headless import demo_redirect
from wizard.providers.voice.session import VoiceSession


def test_entries_survive_a_restart_and_feed_the_check_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    with started("aircall-configured", monkeypatch) as demo:
        typed = demo.emulators.demo_credentials()
        first = VoiceSession(demo.emulators.endpoints)
        assert first.try_aircall(str(typed.aircall_api_id), str(typed.aircall_api_token)) is None  # accepted: kept

        again = VoiceSession(demo.emulators.endpoints)  # the window started again
        again.restore()
        assert again.aircall is not None and again.aircall.api_token == typed.aircall_api_token

        guide = load_guide("aircall")
        page = guide.model_copy(update={"pages": [guide.page("aircall-named-credential")]})  # a one-page re-check
        hook = again.provider_checks()
        results = {r.check_id: r for r in hook(demo.org.connection, page, demo.org.facts, ["aircall-named-credential"])}
        assert results["aircall-nc.username"].status == Status.PASS
        full = {r.check_id: r.status for r in hook(demo.org.connection, guide, demo.org.facts, None)}
        assert full["aircall.api-key"] == Status.PASS and full["aircall.user-identifiers"] == Status.PASS

        stored = again.link_for_fixes(demo.org.facts)
        assert stored == ["Aircall/username", "Aircall/password"]
        assert SecretSource(demo.org.facts.org_id).get("Aircall/password") == typed.aircall_api_token
        assert again.link_for_fixes(demo.org.facts) == []  # nothing changed: nothing stored again


def test_the_sign_in_and_a_new_environment_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    with started("ringcentral-configured", monkeypatch) as demo:
        typed = demo.emulators.demo_credentials()
        session = VoiceSession(demo.emulators.endpoints)
        session.set_ringcentral("sandbox", str(typed.ringcentral_client_id), str(typed.ringcentral_client_secret))
        signin = session.start_sign_in(demo.org.facts.my_domain_url)
        assert typed.ringcentral_login is not None
        session.signed_in(signin.complete(demo_redirect(signin, *typed.ringcentral_login)))
        guide = load_guide("ringcentral")
        results = {r.check_id: r.status for r in session.provider_checks()(demo.org.connection, guide, demo.org.facts)}
        assert results["ringcentral.redirect-uri"] == Status.PASS and results["ringcentral.permissions"] == Status.PASS

        session.set_ringcentral("production", str(typed.ringcentral_client_id), str(typed.ringcentral_client_secret))
        assert session.grant is None  # a sandbox sign-in proves nothing about production
        results = {r.check_id: r for r in session.provider_checks()(demo.org.connection, guide, demo.org.facts)}
        assert results["ringcentral.client-credentials"].status == Status.FAIL
        assert results["rc-auth-provider.endpoints"].status == Status.FAIL


def test_a_refused_value_replaces_nothing_kept_or_handed_to_fixes(monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard import secrets
    from wizard.providers.aircall.credentials import KIND as AIRCALL_KIND
    from wizard.providers.ringcentral.credentials import load_client

    with started("ringcentral-configured", monkeypatch) as demo:
        typed = demo.emulators.demo_credentials()
        api_id, token = str(typed.aircall_api_id), str(typed.aircall_api_token)
        client_id, secret = str(typed.ringcentral_client_id), str(typed.ringcentral_client_secret)
        source = SecretSource(demo.org.facts.org_id)
        session = VoiceSession(demo.emulators.endpoints)
        assert session.try_aircall(api_id, token) is None
        assert session.try_ringcentral("sandbox", client_id, secret) is None
        session.link_for_fixes(demo.org.facts)

        refused = session.try_aircall(api_id, "TYPO-" + token)
        assert refused is not None and refused.status == 401
        assert session.aircall is not None and session.aircall.api_token == "TYPO-" + token  # the rows show the refusal
        wrong = session.try_ringcentral("sandbox", client_id, "wrong-secret")
        assert wrong is not None and "Credentials" in wrong.todo and "developer console" in wrong.todo
        assert session.link_for_fixes(demo.org.facts) == []  # nothing refused reaches "Fix it for me"
        assert source.get("Aircall/password") == token and source.get("Ring_Central/consumer_secret") == secret
        assert secrets.get_secret(AIRCALL_KIND, api_id) == token  # the keyring keeps the accepted key
        assert load_client("sandbox", client_id).client_secret == secret
        again = VoiceSession(demo.emulators.endpoints)
        again.restore()
        assert again.aircall is not None and again.aircall.api_token == token

        fresh = VoiceSession(demo.emulators.endpoints)  # never accepted: never stored
        assert fresh.try_aircall("other-id", "TYPO-" + token) is not None
        assert secrets.get_secret(AIRCALL_KIND, "other-id") is None and fresh.link_for_fixes(demo.org.facts) == []


def test_the_sign_in_is_not_opened_for_a_refused_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard.providers.voice.session import SignInNotOpened

    with started("ringcentral-configured", monkeypatch) as demo:
        typed = demo.emulators.demo_credentials()
        session = VoiceSession(demo.emulators.endpoints)
        assert session.try_ringcentral("sandbox", str(typed.ringcentral_client_id), "wrong-secret") is not None
        with pytest.raises(SignInNotOpened) as refused:
            session.start_sign_in(demo.org.facts.my_domain_url)
        assert "did not accept the client secret" in refused.value.seen
        assert "Copy the client secret again" in refused.value.todo and "Check the app" in refused.value.todo
