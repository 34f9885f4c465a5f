"""An address the admin pasted is named in a refusal without the parts that may hold a secret."""

from __future__ import annotations

import pytest

from wizard.shown_address import shown_address


@pytest.mark.parametrize(("typed", "shown"), [
    ("https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=00DAAAAAAAAAAAA!CANARY", "https://acme.my.salesforce.com/secur/frontdoor.jsp?…"),
    ("https://acme.lightning.force.com/one/one.app#access_token=CANARY", "https://acme.lightning.force.com/one/one.app#…"),
    ("https://proxyuser:CANARY@proxy.acme.example:8443/x?y=1", "https://…@proxy.acme.example:8443/x?…"),
    ("  https://acme.my.salesforce.com  ", "https://acme.my.salesforce.com"),
    ("admin:CANARY@acme.my.salesforce.com/path", "…@acme.my.salesforce.com/path"),
    ("not an address ?CANARY", "not an address ?…"),
    ("https://h/a@b", "https://h/a@b"),  # an @ in the path is no user name
])
def test_secrets_in_an_address_are_not_shown(typed: str, shown: str) -> None:
    assert shown_address(typed) == shown
    assert "CANARY" not in shown_address(typed)
