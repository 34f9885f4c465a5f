"""``--instance-url`` names the org's My Domain for a user-interface host, as sign-in does, and only then.

A Lightning, Setup, Visualforce or Experience Cloud host serves no API: the admin is told the
My Domain address sign-in would use (one mapping, `login_hosts.page_host`). A My Domain address
typed in capitals or with its default port is the right address and is not sent back as a "page".
Every refusal happens before any request: no org and no network are needed.
"""

from __future__ import annotations

import pytest

from wizard.cli import main
from wizard.commands.targets import instance_origin
from wizard.salesforce.auth.login_hosts import resolve_login_host


@pytest.fixture(autouse=True)
def _token(monkeypatch: pytest.MonkeyPatch, wizard_dirs: object) -> None:
    monkeypatch.setenv("SF_ACCESS_TOKEN", "00Dx!an-access-token-value")


@pytest.mark.parametrize(
    ("url", "what", "my_domain"),
    [
        ("https://acme.lightning.force.com/lightning/setup/SetupOneHome/home", "a Lightning Experience page", "https://acme.my.salesforce.com"),
        ("https://acme.lightning.force.com", "a Lightning Experience page", "https://acme.my.salesforce.com"),
        ("https://acme--uat.sandbox.lightning.force.com/lightning/page/home", "a Lightning Experience page",
         "https://acme--uat.sandbox.my.salesforce.com"),
        ("https://acme.my.site.com/s/", "an Experience Cloud site", "https://acme.my.salesforce.com"),
        ("https://acme--c.vf.force.com/apex/Page", "a Visualforce page", "https://acme.my.salesforce.com"),
        ("https://acme.my.salesforce-setup.com/lightning/setup/NamedCredential/home", "a Setup page", "https://acme.my.salesforce.com"),
    ],
)
def test_a_user_interface_address_gets_the_my_domain_sign_in_would_use(
    url: str, what: str, my_domain: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--guide", "aircall", "--instance-url", url]) == 2
    err = capsys.readouterr().err
    assert f"is the address of {what}" in err
    assert f"pass its My Domain address, {my_domain}." in err
    assert "pass only the org's address, https://acme.lightning" not in err
    assert resolve_login_host(url).url == my_domain  # the very address sign-in would open


@pytest.mark.parametrize("url", ["https://login.salesforce.com", "https://test.salesforce.com/"])
def test_a_login_address_is_not_taken_for_the_org(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["apply", "--guide", "aircall", "--instance-url", url, "--dry-run"]) == 2
    assert "Salesforce's sign-in page, not your org's address" in capsys.readouterr().err


@pytest.mark.parametrize(
    "url", ["https://ACME.my.salesforce.com", "https://acme.my.salesforce.com:443", "https://acme--uat.sandbox.my.salesforce.com/"]
)
def test_a_my_domain_address_as_typed_is_taken(url: str) -> None:
    assert instance_origin(url) == url.rstrip("/")


def test_sign_in_says_an_experience_cloud_site() -> None:
    assert "the address of an Experience Cloud site (acme.my.site.com)" in resolve_login_host("https://acme.my.site.com/s").explanation
