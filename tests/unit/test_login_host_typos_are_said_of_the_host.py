"""A host name with a typo (a space, a comma, an empty part) is refused as such, before its ending is read.

"acme .my.salesforce.com" ends like a My Domain and used to be accepted (then blamed on the alias);
"acme,my.salesforce.com" ends like an instance server and was called one.
"""

from __future__ import annotations

import pytest

from wizard.salesforce.auth.errors import LoginHostRejected
from wizard.salesforce.auth.login_hosts import resolve_login_host

TYPOS = [
    ("acme .my.salesforce.com", "contains a space"),
    ("https://acme .my.salesforce.com/", "contains a space"),
    ("acme,my.salesforce.com", "contains a comma"),
    ("acme;my.salesforce.com", "contains a semicolon"),
    ("acme_uat.my.salesforce.com", "contains an underscore"),
    ("açme.my.salesforce.com", "contains 'ç'"),
    ("https://acme..my.salesforce.com", "an empty part between two dots"),
    ("https://-acme.my.salesforce.com", "starts or ends with '-'"),
]


@pytest.mark.parametrize(("typed", "words"), TYPOS)
def test_a_typo_in_the_host_name_is_named(typed: str, words: str) -> None:
    with pytest.raises(LoginHostRejected) as caught:
        resolve_login_host(typed)
    error = caught.value
    assert words in error.seen and "(check for a typo)" in error.seen
    assert "not a login address" not in error.seen and "alias" not in error.message.lower()
    assert "My Domain" in error.todo


@pytest.mark.parametrize("typed", ["https://acme--uat.sandbox.my.salesforce.com", "acme-dev-ed.develop.my.salesforce.com",
                                   "https://ACME.my.salesforce.com.", "https://acme.my.salesforce.com/lightning"])
def test_real_host_names_still_pass(typed: str) -> None:
    assert resolve_login_host(typed).url.endswith(".my.salesforce.com")


def test_the_demo_orgs_own_addresses_still_pass_in_demo_mode() -> None:
    assert resolve_login_host("https://[::1]:50123", demo_mode=True).url == "https://[::1]:50123"
