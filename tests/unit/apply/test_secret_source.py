"""Where fix secrets are kept: the keyring for a real org, this process's memory for the demo org."""

from __future__ import annotations

import pytest

from tests.support.memory_keyring import MemoryKeyring
from wizard.apply.secret_source import SecretSource, forget_session_values
from wizard.engine.org_facts import OrgFacts


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: type[MemoryKeyring]) -> None:
    """An empty in-memory keyring for each test."""


def facts(instance_url: str, org_id: str = "00D000000000001AAA") -> OrgFacts:
    return OrgFacts(org_id=org_id, name="Org", edition="Enterprise Edition", is_sandbox=True, instance_name="CS1",
                    instance_url=instance_url, my_domain_url=instance_url, has_my_domain=True, api_version="63.0")


@pytest.mark.parametrize("url", ["https://127.0.0.1:50123", "https://localhost:443", "https://[::1]:8443"])
def test_the_demo_orgs_values_stay_in_this_process(url: str) -> None:
    source = SecretSource.for_org(facts(url))
    assert source.session_only
    assert source.put("Aircall/password", "typed-in-demo-mode") is False
    assert "demo org" in source.kept_where()
    assert MemoryKeyring._store == {}
    assert SecretSource.for_org(facts(url)).get("Aircall/password") == "typed-in-demo-mode"  # another holder finds it
    forget_session_values()  # the process ends
    assert SecretSource.for_org(facts(url)).get("Aircall/password") is None


def test_a_real_orgs_values_go_to_the_keyring() -> None:
    source = SecretSource.for_org(facts("https://acme.my.salesforce.com"))
    assert not source.session_only
    assert source.put("Aircall/password", "a-real-api-token") is True
    assert list(MemoryKeyring._store.values()) == ["a-real-api-token"]
    forget_session_values()
    assert SecretSource.for_org(facts("https://acme.my.salesforce.com")).get("Aircall/password") == "a-real-api-token"


def test_a_value_stored_in_the_keyring_before_is_still_read_for_the_demo_org() -> None:
    SecretSource("00D000000000001AAA").put("Aircall/password", "stored-earlier")
    assert SecretSource.for_org(facts("https://127.0.0.1:9")).get("Aircall/password") == "stored-earlier"
