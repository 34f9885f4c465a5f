"""A saved org whose own record could not be read is never called PRODUCTION on a guess.

When the Organization query is refused (a user without API access) or goes unanswered at sign-in,
the saved connection has no org name and its `is_sandbox` is only the guess "not a sandbox". Every
list of saved orgs (the sign-in page's, ``eci-wizard orgs``) and every sentence naming a saved
sign-in says what is known (address, id, user) and that the name and environment could not be
read; a login address that does tell (login.salesforce.com, test.salesforce.com) is believed.
"""

from __future__ import annotations

import pytest

from wizard.salesforce.auth.connections import SavedConnection, describe

MY_DOMAIN = "https://acme.my.salesforce.com"
UNREAD = "name and environment could not be read"


def _saved(**changes: object) -> SavedConnection:
    values = dict(alias="acme", org_id="00D000000000001AAA", user_id="005000000000001AAA", username="ada@acme.test",
                  instance_url="https://acme.my.salesforce.com", my_domain_url=MY_DOMAIN, is_sandbox=False,
                  login_url=MY_DOMAIN, client_id="PlatformCLI")
    values.update(changes)
    return SavedConnection.model_validate(values)


def test_an_org_read_at_sign_in_is_named_with_its_environment() -> None:
    saved = _saved(org_name="Acme")
    assert saved.environment == "PRODUCTION"
    assert describe(saved) == "Acme (PRODUCTION) as ada@acme.test"
    assert saved.org_known and saved.sandbox_hint is False


def test_an_unread_org_at_a_my_domain_is_not_called_production() -> None:
    saved = _saved()
    assert saved.environment == UNREAD
    assert not saved.org_known and saved.sandbox_hint is None
    said = describe(saved)
    assert "PRODUCTION" not in said and "unknown" not in said
    assert said == (f"the org at {MY_DOMAIN} (org 00D000000000001AAA; its name and whether it is a sandbox or "
                    "production could not be read) as ada@acme.test")


@pytest.mark.parametrize(("login_url", "is_sandbox", "environment", "kind"), [
    ("https://login.salesforce.com", False, "PRODUCTION; its name could not be read", "PRODUCTION"),
    ("https://test.salesforce.com", True, "Sandbox; its name could not be read", "a sandbox"),
    ("https://acme--uat.sandbox.my.salesforce.com", True, "Sandbox; its name could not be read", "a sandbox"),
])
def test_a_login_address_that_tells_the_environment_is_believed(login_url: str, is_sandbox: bool,
                                                                environment: str, kind: str) -> None:
    saved = _saved(login_url=login_url, is_sandbox=is_sandbox)
    assert saved.environment == environment
    assert f"; {kind}, its name could not be read) as ada@acme.test" in describe(saved)
    assert saved.sandbox_hint is is_sandbox


def test_an_unread_demo_org_says_demo_and_what_was_not_read() -> None:
    saved = _saved(login_url="https://127.0.0.1:52001", instance_url="https://127.0.0.1:52001", my_domain_url="",
                   demo=True)
    assert saved.environment == UNREAD
    assert describe(saved).startswith("the org at https://127.0.0.1:52001 (org 00D000000000001AAA, demo; its name and "
                                      "whether it is a sandbox or production could not be read)")
