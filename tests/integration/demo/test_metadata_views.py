"""One org, many views: what the Metadata API writes is what REST and Tooling read, and back.

Driven with the unmodified simple-salesforce client over HTTPS on both APIs.
"""

from __future__ import annotations

import pytest
from simple_salesforce import Salesforce

from tests.integration.demo.metadata_samples import SAMPLES
from tests.integration.demo.metadata_support import DemoOrg


@pytest.fixture()
def sf(fresh: DemoOrg) -> Salesforce:
    return fresh.client()


def test_a_named_credential_created_by_metadata_is_in_rest_and_tooling(sf: Salesforce) -> None:
    md = sf.mdapi
    md.NamedCredential.create([md.NamedCredential(fullName="ECI_NC", **SAMPLES["NamedCredential"])])
    (listed,) = md.list_metadata([md.ListMetadataQuery(type="NamedCredential")])
    rest = sf.query("SELECT Id, DeveloperName, Endpoint FROM NamedCredential WHERE DeveloperName = 'ECI_NC'")
    assert [(r["Id"], r["Endpoint"]) for r in rest["records"]] == [(listed.id, "https://eci.example.com/api")]
    tooling = sf.toolingexecute("query/", params={"q": "SELECT FullName, Metadata FROM NamedCredential WHERE DeveloperName = 'ECI_NC'"})
    (record,) = tooling["records"]
    assert record["FullName"] == "ECI_NC"
    assert record["Metadata"]["protocol"] == "Password"
    assert record["Metadata"]["password"] is None, "secrets stay write-only in every view"


def test_a_site_created_by_metadata_has_a_queryable_guest_user(sf: Salesforce, fresh: DemoOrg) -> None:
    md = sf.mdapi
    md.CustomSite.create([md.CustomSite(fullName="ECI_Site", **SAMPLES["CustomSite"])])
    md.PermissionSet.create([md.PermissionSet(fullName="ECI_Guest_Access", label="ECI Guest Access")])
    (site,) = sf.query("SELECT Id, Name, GuestUserId FROM Site WHERE Name = 'ECI_Site'")["records"]
    ps_id = fresh.org.component_id("PermissionSet", "ECI_Guest_Access")
    sf.PermissionSetAssignment.create({"AssigneeId": site["GuestUserId"], "PermissionSetId": ps_id})
    rows = sf.query(f"SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '{site['GuestUserId']}'")
    assert [r["PermissionSetId"] for r in rows["records"]] == [ps_id]


def test_an_auth_provider_created_by_rest_reads_through_metadata(sf: Salesforce) -> None:
    sf.AuthProvider.create({"DeveloperName": "Rest_Auth", "FriendlyName": "Rest Auth", "ProviderType": "Salesforce", "OptionsSendSecretInApis": False, "ConsumerSecret": "DemoSecret123"})
    read = sf.mdapi.AuthProvider.read(["Rest_Auth"])
    assert (read.fullName, read.friendlyName, read.providerType) == ("Rest_Auth", "Rest Auth", "Salesforce")
    assert read.consumerSecret is None
