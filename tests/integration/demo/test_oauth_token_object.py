"""The demo org's OauthToken object: the OAuth grants users made to connected apps, query-only.

Salesforce lists one row per grant with the app's label (AppName), the user, when it was made and
last used. The configured scenarios hold the token the integration user's sign-in left for the ECI
app when the ECI named credential was authenticated; the fresh org has none. Over HTTPS with the
unmodified simple-salesforce client.
"""

from __future__ import annotations

import pytest

from tests.integration.verify.support import connected

TOKENS = ("SELECT AppName, User.Username, User.IsActive, CreatedDate, LastUsedDate FROM OauthToken "
          "WHERE AppName = 'ECI Connected App' ORDER BY CreatedDate DESC")


def test_the_object_is_described_as_salesforce_lists_it_and_cannot_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("fresh", monkeypatch) as org:
        describe = org.connection.call(lambda sf: sf.OauthToken.describe())
    fields = {f["name"]: f for f in describe["fields"]}
    assert {"AppName", "UserId", "CreatedDate", "LastUsedDate", "UseCount"} <= set(fields)
    assert fields["UserId"]["referenceTo"] == ["User"] and fields["UserId"]["relationshipName"] == "User"
    assert fields["CreatedDate"]["type"] == "datetime"
    assert describe["queryable"] and not describe["createable"] and not describe["updateable"] and not describe["deletable"]


def test_a_configured_org_lists_the_integration_users_token_and_a_fresh_org_none(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("natterbox-configured", monkeypatch) as org:
        rows = org.connection.call(lambda sf: sf.query(TOKENS))["records"]
    assert len(rows) == 1
    assert rows[0]["AppName"] == "ECI Connected App"
    assert rows[0]["User"]["Username"] == "admin@acme-demo.example" and rows[0]["User"]["IsActive"] is True
    assert rows[0]["CreatedDate"] == "2026-01-12T09:30:00.000+0000"
    with connected("fresh", monkeypatch) as org:
        assert org.connection.call(lambda sf: sf.query(TOKENS))["records"] == []
