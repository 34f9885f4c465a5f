"""Login addresses are checked, converted or refused before anything is opened."""

from __future__ import annotations

import pytest

from wizard.salesforce.auth.errors import LoginHostRejected
from wizard.salesforce.auth.login_hosts import HostKind, production, resolve_login_host, sandbox

ACCEPTED = [
    # typed, url, kind, sandbox
    ("https://login.salesforce.com", "https://login.salesforce.com", HostKind.PRODUCTION, False),
    ("login.salesforce.com", "https://login.salesforce.com", HostKind.PRODUCTION, False),
    ("https://test.salesforce.com/", "https://test.salesforce.com", HostKind.SANDBOX, True),
    ("https://acme.my.salesforce.com", "https://acme.my.salesforce.com", HostKind.MY_DOMAIN, None),
    ("  https://ACME.my.salesforce.com/  ", "https://acme.my.salesforce.com", HostKind.MY_DOMAIN, None),
    ("https://acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", HostKind.MY_DOMAIN, True),
    ("https://acme--uat.my.salesforce.com", "https://acme--uat.my.salesforce.com", HostKind.MY_DOMAIN, True),
    ("https://acme-dev-ed.develop.my.salesforce.com", "https://acme-dev-ed.develop.my.salesforce.com", HostKind.MY_DOMAIN, None),
    ("https://acme.my.salesforce.com:443", "https://acme.my.salesforce.com", HostKind.MY_DOMAIN, None),
]

CONVERTED = [
    # typed, url, sandbox, words in the explanation
    ("https://acme.lightning.force.com/lightning/page/home", "https://acme.my.salesforce.com", None, "Lightning"),
    ("acme--uat.sandbox.lightning.force.com", "https://acme--uat.sandbox.my.salesforce.com", True, "Lightning"),
    ("https://acme-dev-ed.develop.lightning.force.com/", "https://acme-dev-ed.develop.my.salesforce.com", None, "Lightning"),
    ("https://acme.my.site.com/s/login", "https://acme.my.salesforce.com", None, "Experience Cloud"),
    ("https://acme--uat.sandbox.my.site.com", "https://acme--uat.sandbox.my.salesforce.com", True, "Experience Cloud"),
    ("https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home", "https://acme.my.salesforce.com", None, "Setup"),
    ("https://acme--uat.sandbox.my.salesforce-setup.com/lightning/setup/NamedCredential/home",
     "https://acme--uat.sandbox.my.salesforce.com", True, "Setup"),
    ("https://acme--c.vf.force.com/apex/Page", "https://acme.my.salesforce.com", None, "Visualforce"),
    ("https://acme--uat--c.sandbox.vf.force.com/apex/Page", "https://acme--uat.sandbox.my.salesforce.com", True, "Visualforce"),
]

REFUSED = [
    # typed, words in the reason
    ("http://acme.my.salesforce.com", "https"),
    ("ftp://acme.my.salesforce.com", "https"),
    ("https://evil.example.com", "not a Salesforce address"),
    ("https://my.salesforce.com.evil.example", "not a Salesforce address"),
    ("https://acme.my.salesforce.com.evil.example/x", "not a Salesforce address"),
    ("https://na123.salesforce.com", "not a login address"),
    ("https://acme.my.salesforce.com:8443", "port"),
    ("https://user:pw@acme.my.salesforce.com", "password"),
    ("", "empty"),
    ("https://127.0.0.1:8443", "demo mode"),
    ("https://localhost:8443", "demo mode"),
    ("https://[::1]:8443", "demo mode"),
    ("https://acme.my.salesforce.com:notaport", "valid web address"),
]


@pytest.mark.parametrize(("typed", "url", "kind", "is_sandbox"), ACCEPTED)
def test_accepted_hosts_are_taken_as_typed(typed: str, url: str, kind: HostKind, is_sandbox: bool | None) -> None:
    host = resolve_login_host(typed)
    assert (host.url, host.kind, host.sandbox) == (url, kind, is_sandbox)
    assert host.explanation == ""


@pytest.mark.parametrize(("typed", "url", "is_sandbox", "words"), CONVERTED)
def test_pasted_page_addresses_become_my_domain(typed: str, url: str, is_sandbox: bool | None, words: str) -> None:
    host = resolve_login_host(typed)
    assert host.url == url
    assert host.kind is HostKind.MY_DOMAIN
    assert host.sandbox is is_sandbox
    assert words in host.explanation and url in host.explanation


@pytest.mark.parametrize(("typed", "words"), REFUSED)
def test_other_addresses_are_refused_with_the_reason(typed: str, words: str) -> None:
    with pytest.raises(LoginHostRejected) as caught:
        resolve_login_host(typed)
    error = caught.value
    assert words in error.seen
    assert "login.salesforce.com" in error.expected and "My Domain" in error.todo


def test_a_page_path_on_a_login_host_is_dropped_with_a_note() -> None:
    host = resolve_login_host("https://acme.my.salesforce.com/lightning/setup/SetupOneHome/home")
    assert host.url == "https://acme.my.salesforce.com"
    assert "left out" in host.explanation


@pytest.mark.parametrize("typed", ["https://127.0.0.1:50123", "https://localhost:50123", "https://[::1]:50123"])
def test_the_demo_org_is_accepted_in_demo_mode_only(typed: str) -> None:
    host = resolve_login_host(typed, demo_mode=True)
    assert host.kind is HostKind.DEMO
    assert host.url == typed
    with pytest.raises(LoginHostRejected):
        resolve_login_host(typed)


def test_demo_mode_still_requires_https() -> None:
    with pytest.raises(LoginHostRejected, match="https"):
        resolve_login_host("http://127.0.0.1:50123", demo_mode=True)


def test_standard_choices() -> None:
    assert (production().url, production().sandbox) == ("https://login.salesforce.com", False)
    assert (sandbox().url, sandbox().sandbox) == ("https://test.salesforce.com", True)
