"""composite, composite/batch, sObject Collections and Tooling composite against the demo org."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from simple_salesforce import SalesforceMalformedRequest

from tests.integration.demo.rest_support import READER, RestOrg, running_rest_org

V = "/services/data/v66.0"


@pytest.fixture
def demo() -> Iterator[RestOrg]:
    with running_rest_org() as running:
        yield running
        assert running.server.errors == [], running.server.errors


def _composite(sf: Any, requests: list[dict[str, Any]], all_or_none: bool = False) -> list[dict[str, Any]]:
    return sf.restful("composite", method="POST", json={"allOrNone": all_or_none, "compositeRequest": requests})["compositeResponse"]


def _state(demo: RestOrg) -> tuple[Any, ...]:
    org = demo.org
    with org.lock:
        return copy.deepcopy((org.records, org.components, org.component_ids))


def test_composite_with_references(demo: RestOrg) -> None:
    sf = demo.client()
    responses = _composite(sf, [
        {"method": "GET", "url": f"{V}/query/?q=SELECT+Id+FROM+PermissionSet+WHERE+Name+=+'Voice_Connector_Permission'", "referenceId": "ps"},
        {"method": "GET", "url": f"{V}/query/?q=SELECT+Id,+GuestUserId+FROM+Site+WHERE+Name+=+'VoiceConnector'", "referenceId": "site"},
        {"method": "POST", "url": f"{V}/sobjects/PermissionSetAssignment", "referenceId": "assign",
         "body": {"AssigneeId": "@{site.records[0].GuestUserId}", "PermissionSetId": "@{ps.records[0].Id}"}},
        {"method": "GET", "url": f"{V}/sobjects/PermissionSetAssignment/@{{assign.id}}", "referenceId": "check"},
        {"method": "POST", "url": f"{V}/sobjects/CallCoachingMediaProvider", "referenceId": "provider", "body": {"ProviderName": "Natterbox"}},
        {"method": "PATCH", "url": f"{V}/sobjects/CallCoachingMediaProvider/@{{provider.id}}", "referenceId": "activate", "body": {"IsActive": True}},
    ])  # fmt: skip
    assert [r["httpStatusCode"] for r in responses] == [200, 200, 201, 200, 201, 204]
    assert [r["referenceId"] for r in responses] == ["ps", "site", "assign", "check", "provider", "activate"]
    guest = demo.org.site_guest_user("VoiceConnector")
    assert responses[3]["body"]["AssigneeId"] == guest["Id"]
    assert responses[2]["httpHeaders"]["Location"] == f"{V}/sobjects/PermissionSetAssignment/{responses[2]['body']['id']}"
    assert demo.org.get_component("CallCoachingMediaProvider", "Natterbox")["isActive"] is True


def test_composite_all_or_none_rolls_everything_back(demo: RestOrg) -> None:
    sf = demo.client()
    before = _state(demo)
    responses = _composite(sf, [
        {"method": "POST", "url": f"{V}/sobjects/CallCoachingMediaProvider", "referenceId": "a", "body": {"ProviderName": "Natterbox"}},
        {"method": "POST", "url": f"{V}/sobjects/AuthProvider", "referenceId": "b",
         "body": {"DeveloperName": "Rolled_Back", "FriendlyName": "Rolled Back", "ProviderType": "Salesforce"}},
        {"method": "POST", "url": f"{V}/sobjects/AuthProvider", "referenceId": "c", "body": {"DeveloperName": "Broken"}},
        {"method": "GET", "url": f"{V}/sobjects/AuthProvider/@{{b.id}}", "referenceId": "d"},
    ], all_or_none=True)  # fmt: skip
    assert [r["httpStatusCode"] for r in responses] == [400, 400, 400, 400]
    assert responses[2]["body"][0]["errorCode"] == "REQUIRED_FIELD_MISSING"
    for rolled in (responses[0], responses[1], responses[3]):
        assert rolled["body"][0]["errorCode"] == "PROCESSING_HALTED"
    assert _state(demo) == before
    assert demo.org.get_component("AuthProvider", "Rolled_Back") is None


def test_composite_without_all_or_none_keeps_what_succeeded(demo: RestOrg) -> None:
    sf = demo.client()
    responses = _composite(sf, [
        {"method": "POST", "url": f"{V}/sobjects/CallCoachingMediaProvider", "referenceId": "bad", "body": {"ProviderName": None}},
        {"method": "PATCH", "url": f"{V}/sobjects/CallCoachingMediaProvider/@{{bad.id}}", "referenceId": "dependent", "body": {"IsActive": True}},
        {"method": "POST", "url": f"{V}/sobjects/CallCoachingMediaProvider", "referenceId": "good", "body": {"ProviderName": "Aircall"}},
    ])  # fmt: skip
    assert [r["httpStatusCode"] for r in responses] == [400, 400, 201]
    assert responses[1]["body"][0]["errorCode"] == "PROCESSING_HALTED"
    assert "bad.id" in responses[1]["body"][0]["message"]
    assert demo.org.get_component("CallCoachingMediaProvider", "Aircall") is not None


def test_composite_limits(demo: RestOrg) -> None:
    sf = demo.client()
    query = {"method": "GET", "url": f"{V}/query/?q=SELECT+Id+FROM+Organization"}
    with pytest.raises(SalesforceMalformedRequest) as exc:
        _composite(sf, [{**query, "referenceId": f"q{i}"} for i in range(6)])
    assert "at most 5" in exc.value.content[0]["message"]
    get = {"method": "GET", "url": f"{V}/sobjects/Organization/{demo.org.org_id}"}
    assert len(_composite(sf, [{**get, "referenceId": f"g{i}"} for i in range(25)])) == 25
    with pytest.raises(SalesforceMalformedRequest):
        _composite(sf, [{**get, "referenceId": f"g{i}"} for i in range(26)])
    with pytest.raises(SalesforceMalformedRequest):
        _composite(sf, [{**get, "referenceId": "same"}, {**get, "referenceId": "same"}])


def test_composite_counts_as_one_call(demo: RestOrg) -> None:
    sf = demo.client()
    before = sf.limits()["DailyApiRequests"]["Remaining"]
    get = {"method": "GET", "url": f"{V}/sobjects/Organization/{demo.org.org_id}"}
    _composite(sf, [{**get, "referenceId": f"g{i}"} for i in range(10)])
    assert sf.limits()["DailyApiRequests"]["Remaining"] == before - 2


def test_composite_subrequests_need_the_users_permissions(demo: RestOrg) -> None:
    responses = _composite(demo.client(READER), [
        {"method": "POST", "url": f"{V}/sobjects/AuthProvider", "referenceId": "a",
         "body": {"DeveloperName": "Nope", "FriendlyName": "Nope", "ProviderType": "Salesforce"}},
    ])  # fmt: skip
    assert responses[0]["httpStatusCode"] == 403 and responses[0]["body"][0]["errorCode"] == "INSUFFICIENT_ACCESS"


def test_batch_halts_on_error(demo: RestOrg) -> None:
    sf = demo.client()
    body = {
        "haltOnError": True,
        "batchRequests": [
            {"method": "GET", "url": "v66.0/query/?q=SELECT+Name+FROM+Organization"},
            {"method": "PATCH", "url": f"v66.0/sobjects/Organization/{demo.org.org_id}", "richInput": {"Name": "x"}},
            {"method": "GET", "url": "v66.0/limits"},
        ],
    }
    result = sf.restful("composite/batch", method="POST", json=body)
    assert result["hasErrors"] is True
    assert [r["statusCode"] for r in result["results"]] == [200, 400, 412]
    assert result["results"][0]["result"]["records"][0]["Name"] == "Rest Test Org"
    assert result["results"][2]["result"][0]["errorCode"] == "BATCH_PROCESSING_HALTED"
    body["haltOnError"] = False
    assert [r["statusCode"] for r in sf.restful("composite/batch", method="POST", json=body)["results"]] == [200, 400, 200]


def test_collections_create_two_hundred_with_partial_failures(demo: RestOrg) -> None:
    sf = demo.client()
    voice = demo.org.component_id("PermissionSet", "Voice_Connector_Permission")
    eci = demo.org.component_id("PermissionSet", "ECI_Users")
    users = [u["Id"] for u in demo.org.rows("User")]
    already = {a["AssigneeId"] for a in demo.org.find("PermissionSetAssignment", PermissionSetId=eci)}
    records = []
    for i in range(200):
        user = users[i % len(users)]
        ps = voice if i < len(users) else eci  # the second round hits users who already hold ECI_Users
        records.append({"attributes": {"type": "PermissionSetAssignment"}, "AssigneeId": user, "PermissionSetId": ps})
    results = sf.restful("composite/sobjects", method="POST", json={"allOrNone": False, "records": records})
    assert len(results) == 200
    ok = [r for r in results if r["success"]]
    failed = [r for r in results if not r["success"]]
    assert ok and failed
    for r in failed:
        assert r["errors"][0]["statusCode"] == "DUPLICATE_VALUE" and r["errors"][0]["fields"] == ["PermissionSetId"]
    assert len(demo.org.find("PermissionSetAssignment", PermissionSetId=voice)) == len(users)
    assert len(demo.org.find("PermissionSetAssignment", PermissionSetId=eci)) == len(users)
    assert len(ok) == len(users) + len(users) - len(already)


def test_collections_all_or_none_and_limits(demo: RestOrg) -> None:
    sf = demo.client()
    voice = demo.org.component_id("PermissionSet", "Voice_Connector_Permission")
    admin = demo.org.find("User", Username="admin@rest.test")[0]["Id"]
    before = _state(demo)
    records = [
        {"attributes": {"type": "PermissionSetAssignment"}, "AssigneeId": admin, "PermissionSetId": voice},
        {"attributes": {"type": "PermissionSetAssignment"}, "AssigneeId": admin, "PermissionSetId": "0PSnotthere000AAAA"},
    ]
    results = sf.restful("composite/sobjects", method="POST", json={"allOrNone": True, "records": records})
    assert results[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    assert results[1]["errors"][0]["statusCode"] == "INVALID_CROSS_REFERENCE_KEY"
    assert _state(demo) == before
    with pytest.raises(SalesforceMalformedRequest) as exc:
        sf.restful("composite/sobjects", method="POST", json={"records": records * 101})
    assert exc.value.content[0]["errorCode"] == "EXCEEDED_ID_LIMIT"
    mixed = [records[0], {"attributes": {"type": "VoiceCall"}, "CallType": "Inbound"}]
    results = sf.restful("composite/sobjects", method="POST", json={"records": mixed})
    assert results[0]["success"] is True and results[1]["errors"][0]["statusCode"] == "MIXED_DML_OPERATION"


def test_collections_update_retrieve_and_delete(demo: RestOrg) -> None:
    sf = demo.client()
    ids = [sf.CallCoachingMediaProvider.create({"ProviderName": name})["id"] for name in ("One", "Two")]
    updates = [{"attributes": {"type": "CallCoachingMediaProvider"}, "Id": i, "IsActive": True} for i in ids]
    updates.append({"attributes": {"type": "CallCoachingMediaProvider"}, "IsActive": True})
    results = sf.restful("composite/sobjects", method="PATCH", json={"records": updates})
    assert [r["success"] for r in results] == [True, True, False]
    assert results[2]["errors"][0]["statusCode"] == "MISSING_ARGUMENT"
    fetched = sf.restful("composite/sobjects/CallCoachingMediaProvider", params={"ids": ",".join([*ids, "0mp000000000000AAA"]), "fields": "ProviderName,IsActive"})
    assert [(r["ProviderName"], r["IsActive"]) for r in fetched[:2]] == [("One", True), ("Two", True)] and fetched[2] is None
    voice = demo.org.component_id("PermissionSet", "Voice_Connector_Permission")
    reader = demo.org.find("User", Username="reader@rest.test")[0]["Id"]
    psa = sf.PermissionSetAssignment.create({"AssigneeId": reader, "PermissionSetId": voice})["id"]
    deleted = sf.restful("composite/sobjects", method="DELETE", params={"ids": f"{psa},{ids[0]},005000000000000AAA"})
    assert [r["success"] for r in deleted] == [True, False, False]
    assert deleted[1]["errors"][0]["statusCode"] == "INVALID_TYPE_FOR_OPERATION"
    assert demo.org.get("PermissionSetAssignment", psa) is None


def test_tooling_composite(demo: RestOrg) -> None:
    sf = demo.client()
    body = {"allOrNone": True, "compositeRequest": [
        {"method": "GET", "url": f"{V}/tooling/query/?q=SELECT+Id+FROM+NamedCredential+WHERE+DeveloperName+=+'ECI_Named_Credential'", "referenceId": "nc"},
        {"method": "GET", "url": f"{V}/tooling/query/?q=SELECT+FullName,+Metadata+FROM+NamedCredential+WHERE+Id+=+'@{{nc.records[0].Id}}'", "referenceId": "full"},
        {"method": "PATCH", "url": f"{V}/tooling/sobjects/NamedCredential/@{{nc.records[0].Id}}", "referenceId": "fix", "body": {"AllowMergeFieldsInHeader": True}},
    ]}  # fmt: skip
    responses = sf.toolingexecute("composite", method="POST", data=body)["compositeResponse"]
    assert [r["httpStatusCode"] for r in responses] == [200, 200, 204]
    assert responses[1]["body"]["records"][0]["Metadata"]["protocol"] == "Oauth"
    assert demo.org.get_component("NamedCredential", "ECI_Named_Credential")["allowMergeFieldsInHeader"] is True
    bad = {"compositeRequest": [{"method": "GET", "url": f"{V}/query/?q=SELECT+Id+FROM+User", "referenceId": "x"}]}
    with pytest.raises(SalesforceMalformedRequest):
        sf.toolingexecute("composite", method="POST", data=bad)
