"""Faults on demand, seen through the real clients: the exception types they raise against a real org.

REST faults are checked with simple-salesforce's REST calls, Metadata faults with its zeep-based
Metadata client. Tests that need the REST handler skip until ``wizard.demo.rest_api`` exists.
"""

from __future__ import annotations

import importlib.util

import pytest
import requests
from pydantic import ValidationError
from simple_salesforce.exceptions import (
    SalesforceExpiredSession,
    SalesforceGeneralError,
    SalesforceRefusedRequest,
)
from zeep.exceptions import Fault

from tests.conftest import DemoOAuth

needs_rest = pytest.mark.skipif(
    importlib.util.find_spec("wizard.demo.rest_api") is None, reason="the REST handler (wizard.demo.rest_api) is not built yet"
)
ORG_QUERY = "SELECT Id, Name FROM Organization"


@pytest.fixture
def server(demo_org):
    return demo_org("fresh")


@pytest.fixture
def signed_in(server):
    """(server, token response, OAuth driver) after a real PKCE sign-in."""
    oauth = DemoOAuth(server)
    return server, oauth.login(), oauth


def userinfo(oauth: DemoOAuth, token: str) -> requests.Response:
    return oauth.app.get(oauth.url("/services/oauth2/userinfo"), headers={"Authorization": f"Bearer {token}"})


def test_latency_delays_every_request(signed_in) -> None:
    server, tokens, oauth = signed_in
    server.faults.set(latency_ms=300)
    server.log.clear()
    assert userinfo(oauth, tokens["access_token"]).status_code == 200
    (entry,) = server.log.entries()
    assert entry.seconds >= 0.3
    server.faults.set(latency_ms=0)


def test_metadata_latency_delays_only_the_soap_calls(signed_in, demo_sf, monkeypatch) -> None:
    """Real orgs answer the Metadata API slower than REST; the demo org can be told to do the same."""
    server, tokens, _ = signed_in
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))  # zeep builds its own session
    sf = demo_sf(server, tokens["access_token"], version="63.0")
    sf.mdapi  # noqa: B018 - build the client (it parses the WSDL) before timing
    server.faults.set(latency_ms=0, metadata_latency_ms=300)
    server.log.clear()
    sf.query(ORG_QUERY)
    sf.mdapi.PermissionSet.read("ConversationInsightsForSales")
    rest, soap = server.log.entries()
    assert (rest.family, soap.family) == ("rest", "metadata-read")
    assert rest.seconds < 0.3 <= soap.seconds
    server.faults.clear()


def test_maintenance_page_is_html_503_until_cleared(signed_in) -> None:
    server, tokens, oauth = signed_in
    server.faults.set(maintenance=True)
    page = userinfo(oauth, tokens["access_token"])
    assert page.status_code == 503
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Maintenance" in page.text
    server.faults.clear()
    assert userinfo(oauth, tokens["access_token"]).status_code == 200


def test_dropped_connection_on_a_path(signed_in) -> None:
    server, tokens, oauth = signed_in
    server.faults.set(drop_path="/services/oauth2/userinfo")
    with pytest.raises(requests.ConnectionError):
        userinfo(oauth, tokens["access_token"])
    assert server.log.entries()[-1].status == 0, "the log records the drop"
    server.faults.set(drop_path=None)
    assert userinfo(oauth, tokens["access_token"]).status_code == 200


def test_settings_are_validated(server) -> None:
    with pytest.raises(ValidationError):
        server.faults.set(error_rate=1.5)
    with pytest.raises(ValidationError):
        server.faults.set(no_such_fault=True)
    assert server.faults.settings.error_rate == 0.0, "a refused change leaves the settings as they were"


def test_control_endpoint_sets_and_clears_faults(signed_in, demo_http) -> None:
    server, tokens, oauth = signed_in
    control = demo_http(server)
    url = f"{server.instance_url}/_demo/faults"
    answer = control.post(url, json={"maintenance": True, "latency_ms": 1})
    assert answer.status_code == 200
    assert answer.json()["settings"]["maintenance"] is True
    assert userinfo(oauth, tokens["access_token"]).status_code == 503
    assert control.get(url).json()["settings"]["latency_ms"] == 1, "the control endpoint itself is never faulted"
    bad = control.post(url, json={"error_rate": "lots"})
    assert bad.status_code == 400
    assert bad.json()["problems"][0].startswith("error_rate:")
    assert control.delete(url).json()["settings"]["maintenance"] is False
    assert userinfo(oauth, tokens["access_token"]).status_code == 200
    log = control.get(f"{server.instance_url}/_demo/log").json()
    assert log["counters"]["oauth"] >= 3


@needs_rest
def test_session_expiry_raises_expired_session_and_refresh_recovers(signed_in, demo_sf) -> None:
    server, tokens, oauth = signed_in
    server.faults.set(session_expires_after=2)
    sf = demo_sf(server, tokens["access_token"])
    sf.query(ORG_QUERY)
    sf.query(ORG_QUERY)
    with pytest.raises(SalesforceExpiredSession) as caught:
        sf.query(ORG_QUERY)
    assert caught.value.content[0]["errorCode"] == "INVALID_SESSION_ID"
    with pytest.raises(SalesforceExpiredSession):
        sf.query(ORG_QUERY)  # an expired session stays expired
    fresh = oauth.refresh(tokens["refresh_token"]).json()["access_token"]
    assert demo_sf(server, fresh).query(ORG_QUERY)["totalSize"] == 1


@needs_rest
def test_request_limit_raises_refused_request(signed_in, demo_sf) -> None:
    server, tokens, _ = signed_in
    sf = demo_sf(server, tokens["access_token"])
    server.faults.set(request_limit=1)
    sf.query(ORG_QUERY)
    with pytest.raises(SalesforceRefusedRequest) as caught:
        sf.query(ORG_QUERY)
    assert caught.value.status == 403
    assert caught.value.content == [{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED", "fields": []}]


@needs_rest
def test_error_rate_is_seeded_and_raises_general_error(signed_in, demo_sf) -> None:
    server, tokens, _ = signed_in
    sf = demo_sf(server, tokens["access_token"])

    def outcomes() -> list[int]:
        seen = []
        for _ in range(16):
            try:
                sf.query(ORG_QUERY)
                seen.append(200)
            except SalesforceGeneralError as exc:
                assert exc.content[0]["errorCode"] == "UNKNOWN_EXCEPTION"
                seen.append(exc.status)
        return seen

    server.faults.set(error_rate=0.5, seed=7)
    first = outcomes()
    server.faults.set(error_rate=0.5, seed=7)
    assert outcomes() == first, "the same seed gives the same answers"
    assert 200 in first and 500 in first


@needs_rest
def test_maintenance_and_drop_after_through_simple_salesforce(signed_in, demo_sf) -> None:
    server, tokens, _ = signed_in
    sf = demo_sf(server, tokens["access_token"])
    server.faults.set(maintenance=True)
    with pytest.raises(SalesforceGeneralError) as caught:
        sf.query(ORG_QUERY)
    assert caught.value.status == 503
    server.faults.set(maintenance=False, drop_after=1)
    sf.query(ORG_QUERY)
    with pytest.raises(requests.ConnectionError):
        sf.query(ORG_QUERY)
    assert sf.query(ORG_QUERY)["totalSize"] == 1, "the drop happens once"


@needs_rest
def test_high_assurance_refuses_writes_of_a_standard_session(signed_in, demo_sf) -> None:
    server, tokens, _ = signed_in
    sf = demo_sf(server, tokens["access_token"])
    server.faults.set(high_assurance="writes")
    assert sf.query(ORG_QUERY)["totalSize"] == 1, "reads still work"
    with pytest.raises(SalesforceExpiredSession) as caught:
        sf.CallCoachingMediaProvider.create({"ProviderName": "Demo", "ProviderDescription": "d", "IsActive": False})
    assert caught.value.content[0] == {
        "message": "This session is not valid for use with the REST API", "errorCode": "INVALID_SESSION_ID", "fields": []
    }
    read_only = {"compositeRequest": [{"method": "GET", "url": "/services/data/v59.0/query?q=SELECT+Id+FROM+Organization", "referenceId": "org"}]}
    assert sf.restful("composite", method="POST", json=read_only)["compositeResponse"][0]["httpStatusCode"] == 200
    server.faults.set(high_assurance="all")
    with pytest.raises(SalesforceExpiredSession):
        sf.query(ORG_QUERY)
    assert server.faults.raise_session_level(tokens["access_token"])
    assert sf.query(ORG_QUERY)["totalSize"] == 1, "a high-assurance session passes"


def test_metadata_faults_are_soap_faults(signed_in, demo_sf, monkeypatch) -> None:
    server, tokens, _ = signed_in
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_bundle))  # zeep builds its own session
    sf = demo_sf(server, tokens["access_token"], version="63.0")
    assert sf.mdapi.PermissionSet.read("ConversationInsightsForSales").label == "Conversation Insights for Sales"
    server.faults.set(high_assurance="writes")
    sf.mdapi.PermissionSet.read("ConversationInsightsForSales")  # reads pass
    with pytest.raises(Fault) as caught:
        sf.mdapi.CallCoachingMediaProvider.create(
            [sf.mdapi.CallCoachingMediaProvider(fullName="Demo", providerName="Demo", providerDescription="d", isActive=False)]
        )
    assert caught.value.code.endswith("INVALID_SESSION_ID")
    server.faults.set(high_assurance=None, request_limit=0)
    with pytest.raises(Fault) as caught:
        sf.mdapi.PermissionSet.read("ConversationInsightsForSales")
    assert caught.value.code.endswith("REQUEST_LIMIT_EXCEEDED")
    assert "TotalRequests Limit exceeded." in caught.value.message
    server.faults.set(request_limit=None, session_expires_after=0)
    with pytest.raises(Fault) as caught:
        sf.mdapi.PermissionSet.read("ConversationInsightsForSales")
    assert caught.value.code.endswith("INVALID_SESSION_ID")
