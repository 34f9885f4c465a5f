"""Object-specific rules of writes: unique names, duplicate assignments, licence seats, cascades.

These are the refusals an admin meets in the real org when applying a fix twice or to a user
who cannot take it (a second identical PermissionSetAssignment, a full permission set licence,
a DeveloperName already used), so the wizard's idempotent apply can be tested against them.
"""

from __future__ import annotations

from typing import Any

from wizard.demo.api_error import bad_request
from wizard.demo.rest_context import RestContext
from wizard.demo.setup_views import MediaProviderView
from wizard.demo.sobjects import SObjectType
from wizard.demo.views import check_developer_name

#: sObject -> (field naming the component, metadata type) for component-backed writes.
_NAMED = {"AuthProvider": "DeveloperName", "NamedCredential": "DeveloperName", "PermissionSet": "Name"}


def before_create(ctx: RestContext, obj: SObjectType, values: dict[str, Any], mtype: str | None) -> None:
    """Refuse a create Salesforce would refuse (raises ApiError)."""
    org = ctx.org
    name_field = _NAMED.get(obj.name)
    if name_field and mtype:
        check_developer_name(values.get(name_field), name_field)
        if org.get_component(mtype, values[name_field]) is not None:
            raise bad_request(
                "DUPLICATE_DEVELOPER_NAME",
                "This Unique Name already exists or has been previously used. Please choose a different name.",
                [name_field],
            )
    if obj.name == "CallCoachingMediaProvider":
        full_name = MediaProviderView().full_name_for_create(values)
        existing = org.get_component("CallCoachingMediaProvider", full_name)
        clash = existing or next(
            (c for c in org.list_components("CallCoachingMediaProvider")
             if str(c.get("providerName", "")).lower() == str(values["ProviderName"]).lower()),
            None,
        )
        if clash:
            cid = org.component_id("CallCoachingMediaProvider", clash["fullName"])
            raise bad_request("DUPLICATE_VALUE", f"duplicate value found: ProviderName duplicates value on record with id: {cid}", ["ProviderName"])
    if obj.name == "User":
        wanted = str(values["Username"]).lower()
        if any(str(u.get("Username", "")).lower() == wanted for u in org.rows("User")):
            raise bad_request("DUPLICATE_USERNAME", "Duplicate Username. The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations.", ["Username"])
    if obj.name == "PermissionSetAssignment":
        _unique_pair(ctx, obj.name, values, "AssigneeId", "PermissionSetId", "Duplicate PermissionSetAssignment")
        lic = _licence_needed(ctx, values)
        if lic is not None and int(lic.get("UsedLicenses") or 0) >= int(lic.get("TotalLicenses") or 0):
            raise bad_request(
                "LICENSE_LIMIT_EXCEEDED",
                f"License Limit Exceeded: the permission set requires the {lic.get('MasterLabel')} permission set license "
                "and the user has none; no license is available to assign",
                ["AssigneeId"],
            )
    if obj.name == "SetupEntityAccess":
        _unique_pair(ctx, obj.name, values, "ParentId", "SetupEntityId", "duplicate value found: SetupEntityId duplicates value on record")
    if obj.name == "PermissionSetLicenseAssign":
        _unique_pair(ctx, obj.name, values, "AssigneeId", "PermissionSetLicenseId", "duplicate value found: PermissionSetLicenseId duplicates value on record")
        lic = org.get("PermissionSetLicense", values["PermissionSetLicenseId"]) or {}
        if int(lic.get("UsedLicenses") or 0) >= int(lic.get("TotalLicenses") or 0):
            raise bad_request("LICENSE_LIMIT_EXCEEDED", f"License Limit Exceeded: {lic.get('MasterLabel') or 'permission set licence'}", ["PermissionSetLicenseId"])
    if obj.name == "CallCoachingMediaProvider" and values.get("ConversationVendorInfoId"):
        raise bad_request("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", ["ConversationVendorInfoId"])


def _unique_pair(ctx: RestContext, sobject: str, values: dict[str, Any], a: str, b: str, message: str) -> None:
    wanted = (str(values.get(a, ""))[:15], str(values.get(b, ""))[:15])
    with ctx.org.lock:  # read in place: copying every assignment per record is too slow for bulk writes
        clash = next(
            (r["Id"] for r in ctx.org.records.get(sobject, {}).values()
             if (str(r.get(a, ""))[:15], str(r.get(b, ""))[:15]) == wanted),
            None,
        )
    if clash:
        raise bad_request("DUPLICATE_VALUE", f"{message} (id {clash})", [b])


def after_write(ctx: RestContext, obj: SObjectType, record_id: str, values: dict[str, Any]) -> None:
    """Side effects Salesforce applies when a record is saved."""
    org = ctx.org
    if obj.name == "User":
        user = org.get("User", record_id) or {}
        name = " ".join(p for p in (user.get("FirstName"), user.get("LastName")) if p)
        org.update("User", record_id, {"Name": name, "UserType": user.get("UserType") or "Standard"})
    if obj.name == "PermissionSetLicenseAssign":
        _recount_licence(ctx, values.get("PermissionSetLicenseId"))
    if obj.name == "PermissionSetAssignment":
        lic = _licence_needed(ctx, values)
        if lic is not None:  # Salesforce assigns the permission set's licence along with it
            org.insert("PermissionSetLicenseAssign", {"AssigneeId": values["AssigneeId"], "PermissionSetLicenseId": lic["Id"]})
            _recount_licence(ctx, lic["Id"])
        org.update("PermissionSetAssignment", record_id, {"IsActive": True, "IsRevoked": False})


def after_delete(ctx: RestContext, obj: SObjectType, row: dict[str, Any]) -> None:
    """Cascades: a deleted permission set takes its assignments and access grants with it."""
    org = ctx.org
    if obj.name == "PermissionSet":
        key = str(row["Id"])[:15]
        for sobject, field in (("PermissionSetAssignment", "PermissionSetId"), ("SetupEntityAccess", "ParentId")):
            for rec in org.rows(sobject):
                if str(rec.get(field, ""))[:15] == key:
                    org.delete(sobject, rec["Id"])
    if obj.name == "PermissionSetLicenseAssign":
        _recount_licence(ctx, row.get("PermissionSetLicenseId"))


def _recount_licence(ctx: RestContext, licence_id: Any) -> None:
    if licence_id and ctx.org.get("PermissionSetLicense", licence_id):
        used = len(ctx.org.find("PermissionSetLicenseAssign", PermissionSetLicenseId=licence_id))
        ctx.org.update("PermissionSetLicense", licence_id, {"UsedLicenses": used})


def _licence_needed(ctx: RestContext, values: dict[str, Any]) -> dict[str, Any] | None:
    """The permission set licence the assignment needs and the assignee lacks, or None."""
    org = ctx.org
    found = org.component_by_id(str(values.get("PermissionSetId", "")))
    name = found[1].get("license") if found and found[0] == "PermissionSet" else None
    if not name:
        return None
    with org.lock:  # read in place: bulk assignments must not copy every row per record
        lic = next((r for r in org.records.get("PermissionSetLicense", {}).values() if name in (r.get("DeveloperName"), r.get("MasterLabel"))), None)
        if lic is None:
            return None
        user = str(values.get("AssigneeId", ""))[:15]
        held = any(
            str(r.get("AssigneeId", ""))[:15] == user and r.get("PermissionSetLicenseId") == lic["Id"]
            for r in org.records.get("PermissionSetLicenseAssign", {}).values()
        )
        return None if held else dict(lic)
