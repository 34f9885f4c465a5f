"""The demo org's object catalogue and its component views agree, field for field."""

from __future__ import annotations

import pytest

from wizard.demo.rest_api import release_label, versions
from wizard.demo.rest_context import RestContext
from wizard.demo.setup_views import DATA_VIEWS, TOOLING_VIEWS
from wizard.demo.sobject_catalogue import lookup, objects
from wizard.demo.sobject_rows import rows
from wizard.demo.state import KEY_PREFIXES, OrgState, Session

SAMPLES = {
    "AuthProvider": {"friendlyName": "P", "providerType": "Salesforce"},
    "NamedCredential": {"label": "N", "endpoint": "https://x.example", "protocol": "Password", "password": "p"},
    "CallCoachingMediaProvider": {"providerName": "M", "providerDescription": "", "isActive": True},
    "PermissionSet": {"label": "S", "userPermissions": [{"enabled": True, "name": "ViewSetup"}]},
    "ConnectedApp": {"label": "A", "contactEmail": "a@x.example", "oauthPolicy": {"refreshTokenPolicy": "infinite"}},
    "CustomSite": {"masterLabel": "Site", "active": True, "urlPathPrefix": "s"},
}


def _ctx(api: str) -> RestContext:
    org = OrgState()
    org.organization = {"Id": "00D000000000001AAA", "Name": "Catalogue Org"}
    for mtype, comp in SAMPLES.items():
        org.put_component(mtype, "Sample", comp)
    user = org.insert("User", {"Username": "u@x.example", "LastName": "U"})
    return RestContext(org, Session("t", user, "c", ("api",)), api, "66.0", "https://demo.example")


@pytest.mark.parametrize(("api", "views"), [("data", DATA_VIEWS), ("tooling", TOOLING_VIEWS)])
def test_every_view_fills_exactly_its_catalogue_fields(api: str, views: dict) -> None:
    ctx = _ctx(api)
    for name, view in views.items():
        obj = lookup(api, name) or lookup("data", name)
        assert obj is not None, name
        comp = ctx.org.list_components(view.mtype)[0]
        projected = set(view.project(ctx, comp))
        declared = {f.name for f in obj.all_fields(ctx.org)}
        assert projected == declared, f"{api} {name}: only projected {projected - declared}, only declared {declared - projected}"


def test_secrets_are_never_read_back() -> None:
    ctx = _ctx("tooling")
    nc = lookup("tooling", "NamedCredential")
    assert nc is not None
    (row,) = rows(ctx, nc)
    assert row["Password"] is None and row["Metadata"]["password"] is None
    assert ctx.org.get_component("NamedCredential", "Sample")["password"] == "p", "the store keeps it"


def test_every_object_has_an_id_field_and_a_prefix() -> None:
    for api in ("data", "tooling"):
        for obj in objects(api):
            assert obj.fields[0].name == "Id", obj.name
            assert obj.prefix, obj.name
    assert lookup("data", "namedcredential") is lookup("data", "NamedCredential")
    assert set(KEY_PREFIXES) >= {"AuthProvider", "PermissionSetAssignment", "VoiceCall"}


def test_writable_objects_name_the_permissions_writes_need() -> None:
    for obj in objects("data"):
        if (obj.createable or obj.updateable or obj.deletable) and obj.name != "VoiceCall":
            assert obj.write_permissions, obj.name
    assert lookup("data", "AuthProvider").write_permissions == ("CustomizeApplication", "ManageAuthProviders")  # type: ignore[union-attr]


def test_release_labels() -> None:
    assert [release_label(v) for v in (31, 32, 33, 34, 59, 60, 61, 66, 67)] == [
        "Summer '14", "Winter '15", "Spring '15", "Summer '15", "Winter '24", "Spring '24", "Summer '24", "Spring '26", "Summer '26",
    ]  # fmt: skip
    org = OrgState()
    org.api_version = "62.0"
    assert versions(org)[-1]["version"] == "62.0" and len(versions(org)) == 62 - 31 + 1
