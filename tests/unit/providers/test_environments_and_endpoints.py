"""RingCentral URLs have one source: the guide's values, per environment; endpoints are https only."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.guides.loader import load_guide
from wizard.providers.ringcentral.environments import (
    GUIDE_URLS,
    PERMISSIONS,
    callback_url,
    environment_of_url,
    urls_for,
)
from wizard.providers.voice.endpoints import (
    AIRCALL_API,
    RINGCENTRAL_PRODUCTION,
    RINGCENTRAL_SANDBOX,
    EndpointError,
    ProviderEndpoints,
)

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / "003_254321e37e87bcde.txt"


def _params(setting_id: str) -> dict:
    return next(s.params for _p, s in load_guide("ringcentral").settings() if s.id == setting_id)


def test_the_guide_file_and_the_helper_agree() -> None:
    endpoints = _params("rc-auth-provider.endpoints")["environments"]
    urls = _params("rc-nc.url")["environments"]
    for env in ("sandbox", "production"):
        mine = urls_for(env)
        assert endpoints[env] == {"authorize_url": mine.authorize_url, "token_url": mine.token_url, "user_info_url": mine.user_info_url}
        assert urls[env] == mine.named_credential_url
    graduation = _params("rc-graduation.auth-provider-production")["environments"]["production"]
    assert graduation["token_url"] == GUIDE_URLS["production"].token_url


def test_the_values_are_the_source_guides() -> None:
    if not SEED.is_file():
        pytest.skip("the source guides are not beside the repository")
    text = SEED.read_text(encoding="utf-8")
    for urls in GUIDE_URLS.values():
        for value in (urls.authorize_url, urls.token_url, urls.user_info_url, urls.named_credential_url):
            assert value in text
    for label in PERMISSIONS:
        assert f"- {label}" in text


def test_callback_url_and_environment_of_an_address() -> None:
    assert callback_url("https://acme.my.salesforce.com/") == "https://acme.my.salesforce.com/services/authcallback/Ring_Central"
    assert environment_of_url("https://platform.devtest.ringcentral.com/restapi/oauth/token") == "sandbox"
    assert environment_of_url("https://platform.ringcentral.com") == "production"
    assert environment_of_url("https://example.com") is None
    with pytest.raises(EndpointError):
        urls_for("staging")


def test_endpoints_default_to_the_real_hosts_and_move_by_environment_variables() -> None:
    assert (ProviderEndpoints().aircall, ProviderEndpoints().ringcentral("sandbox"), ProviderEndpoints().ringcentral("production")) == (
        AIRCALL_API, RINGCENTRAL_SANDBOX, RINGCENTRAL_PRODUCTION)
    moved = ProviderEndpoints.from_env({"ECI_WIZARD_AIRCALL_URL": "https://aircall.proxy.example:8443/", "ECI_WIZARD_PROVIDER_CA_BUNDLE": "/tmp/ca.pem"})
    assert moved.aircall == "https://aircall.proxy.example:8443" and str(moved.ca_bundle) == "/tmp/ca.pem"
    assert moved.ringcentral_production == RINGCENTRAL_PRODUCTION


@pytest.mark.parametrize("bad", ["http://api.aircall.io", "api.aircall.io", "https://", "https://x.example/?a=1"])
def test_only_plain_https_addresses_are_accepted(bad: str) -> None:
    with pytest.raises(EndpointError):
        ProviderEndpoints(aircall=bad)
