"""Every Metadata API call for every emulated type, through the unmodified simple-salesforce client.

The demo org runs over real HTTPS; `sf.mdapi` is simple-salesforce's zeep client built from the
WSDL it ships. Each test gets a fresh org behind the same server.
"""

from __future__ import annotations

from typing import Any

import pytest
from zeep.exceptions import Fault
from zeep.helpers import serialize_object

from tests.integration.demo.metadata_samples import ECA_PARENT, SAMPLES, SECRETS, UPDATES, without
from tests.integration.demo.metadata_support import (
    ADMIN_TOKEN,
    NO_API_SCOPE_TOKEN,
    DemoOrg,
    post_soap,
    soap_envelope,
)
from wizard.demo.metadata_rules import TYPES


def plain(obj: Any) -> Any:
    """A zeep object as plain dicts and lists."""
    return serialize_object(obj, dict)


def assert_subset(expected: Any, actual: Any, path: str = "") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected a record, got {actual!r}"
        for key, value in expected.items():
            assert_subset(value, actual.get(key), f"{path}.{key}")
    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert len(actual) == len(expected), f"{path}: {len(actual)} items, expected {len(expected)}"
        for i, (want, got) in enumerate(zip(expected, actual, strict=True)):
            assert_subset(want, got, f"{path}[{i}]")
    else:
        assert actual == expected, f"{path}: read back {actual!r}, expected {expected!r}"


def second(mtype: str) -> dict[str, Any]:
    """A second valid component of the type (fields that must be unique differ)."""
    data = dict(SAMPLES[mtype])
    if mtype == "CustomSite":
        data.update(urlPathPrefix="eci2", masterLabel="ECI Site 2")
    return data


def test_every_emulated_type_has_a_sample() -> None:
    settings = {name for name, rule in TYPES.items() if rule.settings}
    assert set(SAMPLES) == set(TYPES) - settings


@pytest.mark.parametrize("mtype", sorted(SAMPLES))
def test_create_read_update_upsert_list_delete(fresh: DemoOrg, md: Any, mtype: str) -> None:
    fresh.org.behaviours["allow_connected_app_creation"] = True
    if mtype.startswith("ExtlClntApp"):
        md.ExternalClientApplication.create([md.ExternalClientApplication(fullName=ECA_PARENT, **SAMPLES["ExternalClientApplication"])])
    api = getattr(md, mtype)
    expected = without(SAMPLES[mtype], SECRETS.get(mtype, ()))

    api.create([api(fullName="ECI_One", **SAMPLES[mtype])])
    created = plain(api.read(["ECI_One"]))
    assert created["fullName"] == "ECI_One"
    assert_subset(expected, created)

    field, value = UPDATES[mtype]
    api.update([api(fullName="ECI_One", **{**SAMPLES[mtype], field: value})])
    assert plain(api.read(["ECI_One"]))[field] == value

    api.upsert([api(fullName="ECI_One", **SAMPLES[mtype]), api(fullName="ECI_Two", **second(mtype))])
    both = [plain(r) for r in api.read(["ECI_One", "ECI_Two"])]
    assert [r["fullName"] for r in both] == ["ECI_One", "ECI_Two"]
    assert both[0].get(field) == SAMPLES[mtype].get(field), "upsert replaces the existing component"

    listed = {p.fullName: p for p in md.list_metadata([md.ListMetadataQuery(type=mtype)])}
    assert set(listed) == {"ECI_One", "ECI_Two"}
    rule = TYPES[mtype]
    assert listed["ECI_One"].fileName == f"{rule.directory}/ECI_One.{rule.suffix}"
    assert listed["ECI_One"].type == mtype
    assert listed["ECI_One"].id == fresh.org.component_id(mtype, "ECI_One")
    assert listed["ECI_One"].createdByName == "System Administrator User"

    api.delete(["ECI_One", "ECI_Two"])
    assert api.read(["ECI_One"]).fullName is None
    assert md.list_metadata([md.ListMetadataQuery(type=mtype)]) == []
    assert fresh.org.get_component(mtype, "ECI_One") is None


def test_stored_component_uses_wsdl_names_and_python_types(fresh: DemoOrg, md: Any) -> None:
    """The REST and Tooling views project these dicts, so their shape is part of the contract."""
    md.PermissionSet.create([md.PermissionSet(fullName="ECI_Users", **SAMPLES["PermissionSet"])])
    md.ExternalCredential.create([md.ExternalCredential(fullName="ECI_EC", **SAMPLES["ExternalCredential"])])
    assert fresh.org.get_component("PermissionSet", "ECI_Users") == {
        "fullName": "ECI_Users",
        "label": "ECI Users",
        "description": "Conversation Insights for the call team",
        "userPermissions": [{"enabled": True, "name": "CallCoachingUser"}],
    }
    ec = fresh.org.get_component("ExternalCredential", "ECI_EC")
    assert ec["externalCredentialParameters"] == [
        {"parameterName": "ECI_Principal", "parameterType": "NamedPrincipal", "sequenceNumber": 1}
    ]


def test_conversational_intelligence_settings_always_exist_and_update(fresh: DemoOrg, md: Any) -> None:
    api = md.ConversationalIntelligenceSettings
    before = api.read(["ConversationalIntelligence"])
    assert before.fullName == "ConversationalIntelligence"
    assert before.enableCallCoaching is False
    api.update([api(fullName="ConversationalIntelligence", enableCallCoaching=True)])
    assert api.read(["ConversationalIntelligence"]).enableCallCoaching is True
    api.upsert([api(fullName="ConversationalIntelligence", enableCallCoaching=True, enableCallExplorer=True)])
    after = api.read(["ConversationalIntelligence"])
    assert (after.enableCallCoaching, after.enableCallExplorer) == (True, True)
    listed = md.list_metadata([md.ListMetadataQuery(type="Settings")])
    assert [(p.fullName, p.fileName) for p in listed] == [("ConversationalIntelligence", "settings/ConversationalIntelligence.settings")]
    with pytest.raises(Exception, match="INVALID_TYPE_FOR_OPERATION"):
        api.delete(["ConversationalIntelligence"])
    with pytest.raises(Exception, match="INVALID_CROSS_REFERENCE_KEY"):
        api.update([api(fullName="Conversational", enableCallCoaching=True)])


def test_custom_site_gets_a_guest_user_and_guest_profile(fresh: DemoOrg, md: Any) -> None:
    md.CustomSite.create([md.CustomSite(fullName="ECI_Site", **SAMPLES["CustomSite"])])
    guest = fresh.org.site_guest_user("ECI_Site")
    assert guest is not None and guest["UserType"] == "Guest"
    site = md.CustomSite.read(["ECI_Site"])
    assert site.guestProfile == fresh.org.get("Profile", guest["ProfileId"])["Name"]
    md.CustomSite.delete(["ECI_Site"])
    assert fresh.org.get("User", guest["Id"])["IsActive"] is False
    md.CustomSite.create([md.CustomSite(fullName="ECI_Site", **SAMPLES["CustomSite"])])
    new_guest = fresh.org.site_guest_user("ECI_Site")
    assert new_guest["Id"] != guest["Id"] and new_guest["IsActive"] is True
    # A site seeded without its read-only guestProfile still reads back with it.
    fresh.org.put_component("CustomSite", "Seeded_Site", {**SAMPLES["CustomSite"], "masterLabel": "Seeded"})
    assert md.CustomSite.read(["Seeded_Site"]).guestProfile == "Seeded Profile"


def test_missing_components_read_back_empty(fresh: DemoOrg, md: Any) -> None:
    md.AuthProvider.create([md.AuthProvider(fullName="ECI_Auth", **SAMPLES["AuthProvider"])])
    assert md.NamedCredential.read(["No_Such_Credential"]).fullName is None
    found, missing = md.AuthProvider.read(["ECI_Auth", "No_Such_Provider"])
    assert (found.fullName, missing.fullName) == ("ECI_Auth", None)


@pytest.mark.parametrize("call", ["create", "read", "update", "upsert", "delete"])
def test_more_than_ten_components_is_a_fault(fresh: DemoOrg, md: Any, call: str) -> None:
    api = md.CallCoachingMediaProvider
    names = [f"Provider_{i}" for i in range(11)]
    args = names if call in ("read", "delete") else [api(fullName=n, **SAMPLES["CallCoachingMediaProvider"]) for n in names]
    with pytest.raises(Fault) as caught:
        getattr(api, call)(args)
    assert caught.value.code == "sf:EXCEEDED_ID_LIMIT"
    assert "cannot submit more than 10" in caught.value.message
    assert fresh.org.list_components("CallCoachingMediaProvider") == []


def test_ten_components_are_accepted(fresh: DemoOrg, md: Any) -> None:
    api = md.CallCoachingMediaProvider
    api.create([api(fullName=f"Provider_{i}", **SAMPLES["CallCoachingMediaProvider"]) for i in range(10)])
    assert len(api.read([f"Provider_{i}" for i in range(10)])) == 10


def test_list_metadata_takes_at_most_three_queries(fresh: DemoOrg, md: Any) -> None:
    three = [md.ListMetadataQuery(type=t) for t in ("NamedCredential", "AuthProvider", "CustomSite")]
    assert md.list_metadata(three) == []
    with pytest.raises(Fault) as caught:
        md.list_metadata([*three, md.ListMetadataQuery(type="PermissionSet")])
    assert caught.value.code == "sf:EXCEEDED_ID_LIMIT"


def test_list_metadata_answers_several_types_at_once(fresh: DemoOrg, md: Any) -> None:
    md.AuthProvider.create([md.AuthProvider(fullName="ECI_Auth", **SAMPLES["AuthProvider"])])
    md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **SAMPLES["NamedCredential"])])
    listed = md.list_metadata([md.ListMetadataQuery(type="AuthProvider"), md.ListMetadataQuery(type="NamedCredential")])
    assert sorted((p.type, p.fullName) for p in listed) == [("AuthProvider", "ECI_Auth"), ("NamedCredential", "ECI_NC")]


def test_an_unknown_session_is_a_fault(fresh: DemoOrg) -> None:
    with pytest.raises(Fault) as caught:
        fresh.client("00Dnot!a-session").mdapi.NamedCredential.read(["ECI_NC"])
    assert caught.value.code == "sf:INVALID_SESSION_ID"
    assert "Invalid Session ID found in SessionHeader" in caught.value.message


def test_an_ended_session_is_a_fault(fresh: DemoOrg) -> None:
    md = fresh.client(ADMIN_TOKEN).mdapi
    assert md.NamedCredential.read(["ECI_NC"]).fullName is None
    fresh.org.sessions.pop(ADMIN_TOKEN)  # revoked or expired
    with pytest.raises(Fault) as caught:
        md.NamedCredential.read(["ECI_NC"])
    assert caught.value.code == "sf:INVALID_SESSION_ID"


def test_a_session_without_api_scope_is_refused(fresh: DemoOrg) -> None:
    with pytest.raises(Fault) as caught:
        fresh.client(NO_API_SCOPE_TOKEN).mdapi.NamedCredential.read(["ECI_NC"])
    assert caught.value.code == "sf:INVALID_SESSION_ID"


def test_unknown_and_unemulated_types_are_faults(fresh: DemoOrg, md: Any) -> None:
    with pytest.raises(Fault, match="does not emulate metadata type ApexClass") as caught:
        md.ApexClass.read(["X"])
    assert caught.value.code == "sf:INVALID_TYPE"
    # zeep refuses to name a type its WSDL lacks, so this request is written by hand.
    reply = post_soap(fresh, soap_envelope("<md:readMetadata><md:type>NoSuchType</md:type><md:fullNames>X</md:fullNames></md:readMetadata>"))
    assert reply.status_code == 500
    assert "<faultcode>sf:INVALID_TYPE</faultcode>" in reply.text
    assert "Unknown type name 'NoSuchType'" in reply.text


def test_describe_metadata_lists_the_emulated_types(fresh: DemoOrg, md: Any) -> None:
    described = md.describe_metadata()
    names = {o.xmlName for o in described.metadataObjects}
    assert {"NamedCredential", "ConnectedApp", "ExtlClntAppGlobalOauthSettings", "Settings"} <= names
    assert described.testRequired is False  # the test org is a sandbox
