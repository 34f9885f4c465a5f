"""PKCE values, the authorization URL, and how the flow judges a redirect."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from wizard.salesforce.auth import pkce
from wizard.salesforce.auth.errors import AuthorizationDenied, SignInError, StateMismatch
from wizard.salesforce.auth.flow import AuthorizationFlow, OAuthClient
from wizard.salesforce.auth.login_hosts import resolve_login_host
from wizard.salesforce.auth.tokens import TokenGrant, parse_identity_url
from wizard.salesforce.http import make_session

# RFC 7636, Appendix B.
RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_s256_challenge_matches_rfc_7636_appendix_b() -> None:
    assert pkce.challenge_s256(RFC_VERIFIER) == RFC_CHALLENGE


def test_verifiers_are_long_random_and_url_safe() -> None:
    verifiers = {pkce.new_verifier() for _ in range(50)}
    assert len(verifiers) == 50
    for v in verifiers:
        assert len(v) == 128 and re.fullmatch(r"[A-Za-z0-9_-]+", v)
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", pkce.challenge_s256(v))


@pytest.mark.parametrize("bad", ["short", "x" * 42, "x" * 129])
def test_verifiers_outside_the_rfc_length_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="43 to 128"):
        pkce.challenge_s256(bad)


def test_states_differ_and_compare_exactly() -> None:
    a, b = pkce.new_state(), pkce.new_state()
    assert a != b and len(a) >= 40
    assert pkce.same_state(a, a) and not pkce.same_state(a, b) and not pkce.same_state(a, None)


def _flow(port: int = 1717, client_id: str = "PlatformCLI") -> AuthorizationFlow:
    host = resolve_login_host("https://acme.my.salesforce.com")
    return AuthorizationFlow(host, OAuthClient(client_id=client_id, port=port), session=make_session())


def _redirect(flow: AuthorizationFlow, **params: str) -> str:
    return f"{flow.client.redirect_uri}?{urlencode(params)}"


def test_authorization_url_carries_pkce_state_and_loopback_redirect() -> None:
    flow = _flow(port=1818, client_id="3MVG9.my.eca")
    parts = urlsplit(flow.authorization_url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://acme.my.salesforce.com/services/oauth2/authorize"
    assert query["response_type"] == "code"
    assert query["client_id"] == "3MVG9.my.eca"
    assert query["redirect_uri"] == "http://localhost:1818/OauthRedirect"
    assert query["state"] == flow.state
    assert query["code_challenge_method"] == "S256"
    assert query["scope"] == "refresh_token api web"
    assert query["prompt"] == "login"
    assert "code_verifier" not in query
    # The challenge is the S256 of the verifier held in memory, which never appears in the URL.
    assert query["code_challenge"] == pkce.challenge_s256(flow._verifier or "")
    assert (flow._verifier or "") not in flow.authorization_url


def test_two_flows_never_share_state_or_verifier() -> None:
    a, b = _flow(), _flow()
    assert a.state != b.state and a._verifier != b._verifier


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://localhost:1717/OauthRedirect?code=x", True),
        ("http://127.0.0.1:1717/OauthRedirect?code=x", True),
        ("http://[::1]:1717/OauthRedirect?code=x", True),
        ("http://localhost:1718/OauthRedirect?code=x", False),
        ("https://localhost:1717/OauthRedirect?code=x", False),
        ("http://localhost:1717/Other?code=x", False),
        ("http://evil.example:1717/OauthRedirect?code=x", False),
        ("https://acme.my.salesforce.com/services/oauth2/authorize", False),
    ],
)
def test_only_the_loopback_callback_counts_as_the_redirect(url: str, expected: bool) -> None:
    assert _flow().is_redirect(url) is expected


def test_a_wrong_state_is_rejected() -> None:
    flow = _flow()
    with pytest.raises(StateMismatch) as caught:
        flow.code_from_redirect(_redirect(flow, code="aPrxCODE", state="someone-elses-state"))
    assert "does not belong to this sign-in" in caught.value.seen
    assert "aPrxCODE" not in caught.value.message


def test_a_missing_state_is_rejected() -> None:
    flow = _flow()
    with pytest.raises(StateMismatch):
        flow.code_from_redirect(_redirect(flow, code="aPrxCODE"))


def test_a_wrong_state_does_not_spend_the_flow() -> None:
    flow = _flow()
    with pytest.raises(StateMismatch):
        flow.complete(_redirect(flow, code="x", state="forged"))
    assert not flow.finished
    assert flow.code_from_redirect(_redirect(flow, code="good", state=flow.state)) == "good"


def test_access_denied_says_to_choose_allow() -> None:
    flow = _flow()
    with pytest.raises(AuthorizationDenied) as caught:
        flow.code_from_redirect(_redirect(flow, error="access_denied",
                                          error_description="end-user denied authorization", state=flow.state))
    error = caught.value
    assert error.error == "access_denied"
    assert "end-user denied authorization" in error.seen
    assert "Allow" in error.todo


def test_uninstalled_app_error_explains_the_restriction() -> None:
    flow = _flow(client_id="PlatformCLI")
    with pytest.raises(AuthorizationDenied) as caught:
        flow.code_from_redirect(_redirect(flow, error="invalid_client",
                                          error_description="app must be installed into org", state=flow.state))
    error = caught.value
    assert "isn't installed" in error.seen and "PlatformCLI" in error.seen
    assert "Approve Uninstalled Connected Apps" in error.expected
    assert "--client-id" in error.todo and "Connected Apps OAuth Usage" in error.todo


@pytest.mark.parametrize(("error", "words"), [
    ("invalid_client_id", "doesn't know the app"),
    ("redirect_uri_mismatch", "callback address"),
    ("server_error", "stopped the sign-in"),
])
def test_other_redirect_errors_have_their_own_message(error: str, words: str) -> None:
    flow = _flow()
    with pytest.raises(AuthorizationDenied, match=words):
        flow.code_from_redirect(_redirect(flow, error=error, state=flow.state))


def test_a_redirect_without_code_or_error_is_refused() -> None:
    flow = _flow()
    with pytest.raises(SignInError, match="neither a sign-in code"):
        flow.code_from_redirect(_redirect(flow, state=flow.state))


def test_identity_url_names_org_and_user() -> None:
    assert parse_identity_url("https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA") == (
        "00D000000000001AAA", "005000000000001AAA")
    assert parse_identity_url("https://x/not-an-identity") == ("", "")


def test_token_grant_keeps_tokens_out_of_repr() -> None:
    grant = TokenGrant.from_response({
        "access_token": "00D!ACCESS-SECRET", "refresh_token": "5Aep-REFRESH-SECRET",
        "instance_url": "https://acme.my.salesforce.com/", "id": "https://login.salesforce.com/id/00Dx/005y",
    })
    assert (grant.org_id, grant.user_id, grant.instance_url) == ("00Dx", "005y", "https://acme.my.salesforce.com")
    assert "SECRET" not in repr(grant) and "SECRET" not in str(grant)
