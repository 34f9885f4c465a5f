"""A sign-in page that did not load, or Salesforce's own error page, in the wizard's words."""

from __future__ import annotations

import pytest

from wizard.ui.signin.page_errors import http_error_page, page_not_loaded, salesforce_error_page

URL = "https://acme.my.salesforce.com"


@pytest.mark.parametrize(("code", "what", "seen"), [
    (-105, "net::ERR_NAME_NOT_RESOLVED", "acme.my.salesforce.com could not be found"),
    (-102, "net::ERR_CONNECTION_REFUSED", "acme.my.salesforce.com refused the connection"),
    (-106, "net::ERR_INTERNET_DISCONNECTED", "This computer is not connected to a network"),
    (-118, "net::ERR_CONNECTION_TIMED_OUT", "acme.my.salesforce.com did not answer in time"),
    (-130, "net::ERR_PROXY_CONNECTION_FAILED", "The proxy server did not let"),
    (-324, "net::ERR_EMPTY_RESPONSE", "The connection to acme.my.salesforce.com was broken off"),
    (-999, "net::ERR_SOMETHING_NEW", "The page at acme.my.salesforce.com could not be loaded"),
])
def test_each_network_failure_says_what_was_seen_expected_and_what_to_do(code: int, what: str, seen: str) -> None:
    error = page_not_loaded("acme.my.salesforce.com", URL, code, what, my_domain=True)
    assert error.seen.startswith(seen)
    assert f"({what.removeprefix('net::')})" in error.seen  # the network's own name, in brackets, last
    assert error.expected == f"The sign-in page at {URL}, loading in this window."
    assert error.todo and "net::" not in error.message


def test_a_my_domain_nobody_can_find_points_to_its_spelling() -> None:
    error = page_not_loaded("acme-x.my.salesforce.com", URL, -105, "net::ERR_NAME_NOT_RESOLVED", my_domain=True)
    assert "Setup → My Domain" in error.todo


def test_the_browser_way_is_offered_only_where_it_exists() -> None:
    assert "Sign in with my browser" in page_not_loaded("h", URL, -102, "", browser=True).todo
    assert "Sign in with my browser" not in page_not_loaded("h", URL, -102, "", browser=False).todo


def test_the_stopped_demo_org_is_named() -> None:
    error = page_not_loaded("127.0.0.1:4443", "https://127.0.0.1:4443", -102, "net::ERR_CONNECTION_REFUSED", demo=True)
    assert error.seen == ("The demo org on this computer (127.0.0.1:4443) did not answer (ERR_CONNECTION_REFUSED): "
                          "it is no longer running.")


@pytest.mark.parametrize(("url", "text", "seen"), [
    (f"{URL}/services/oauth2/authorize?client_id=x", "error=invalid_client_id&error_description=client%20identifier%20invalid",
     "Salesforce doesn't know the app 'x' (invalid_client_id: client identifier invalid)."),
    (f"{URL}/services/oauth2/authorize?client_id=x", "We can't authorize this app\n\nerror=redirect_uri_mismatch: "
     "redirect_uri must match configuration", "Salesforce refused the callback address"),
    (f"{URL}/setup/secur/RemoteAccessErrorPage.apexp?error=OAUTH_APP_BLOCKED&error_description=this+app+is+blocked", "",
     "Salesforce refused the app 'x' because it isn't installed"),
])
def test_salesforces_error_pages_get_the_wizards_explanation(url: str, text: str, seen: str) -> None:
    error = salesforce_error_page(url, text, "x")
    assert error is not None and error.seen.startswith(seen)


def test_other_pages_are_no_error_pages() -> None:
    assert salesforce_error_page(f"{URL}/?ec=302&startURL=%2Fservices%2Foauth2%2Fauthorize", "Log in", "x") is None
    assert salesforce_error_page(f"{URL}/services/oauth2/authorize?x=1", "Log in to Acme", "x") is None


def test_an_http_error_page_at_the_sign_in_address() -> None:
    assert "maintenance" in http_error_page("acme.my.salesforce.com", 503).todo
    assert "HTTP 404" in http_error_page("acme.my.salesforce.com", 404).seen
