"""The setup entities the guides configure, each as a view of its metadata component.

Field-to-element mappings follow the object references (AuthProvider, NamedCredential,
ConnectedApplication, Site, SiteDetail, CallCoachingMediaProvider, PermissionSet); see
shared/reference/salesforce-api.md sections 1.1 and 1.4-1.8.
"""

from __future__ import annotations

import re
from typing import Any

from wizard.demo.named_credential_views import NamedCredentialView, ToolingNamedCredentialView
from wizard.demo.rest_context import RestContext
from wizard.demo.sobject_catalogue import permission_names
from wizard.demo.state import Component, Record
from wizard.demo.views import Link, View, as_bool, get_path, user_id_for


class AuthProviderView(View):
    sobject = mtype = "AuthProvider"
    links = (
        Link("DeveloperName", kind="name"),
        Link("FriendlyName", "friendlyName"),
        Link("ProviderType", "providerType"),
        Link("ConsumerKey", "consumerKey"),
        Link("ConsumerSecret", "consumerSecret", "secret"),
        Link("AuthorizeUrl", "authorizeUrl"),
        Link("TokenUrl", "tokenUrl"),
        Link("UserInfoUrl", "userInfoUrl"),
        Link("DefaultScopes", "defaultScopes"),
        Link("IdTokenIssuer", "idTokenIssuer"),
        Link("LogoutUrl", "logoutUrl"),
        Link("ErrorUrl", "errorUrl"),
        Link("IconUrl", "iconUrl"),
        Link("CustomMetadataTypeRecord", "customMetadataTypeRecord"),
        Link("ExecutionUserId", "executionUser", "user"),
        Link("RegistrationHandlerId", kind="const"),
        Link("PluginId", kind="const"),
        Link("OptionsIncludeOrgIdInId", "includeOrgIdInIdentifier", "bool"),
        Link("OptionsSendAccessTokenInHeader", "sendAccessTokenInHeader", "bool"),
        Link("OptionsSendClientCredentialsInHeader", "sendClientCredentialsInHeader", "bool"),
        Link("OptionsSendSecretInApis", "sendSecretInApis", "bool", True),
        Link("OptionsIsPkceEnabled", "isPkceEnabled", "bool"),
        Link("OptionsRequireMfa", "requireMfa", "bool"),
    )

    def project(self, ctx: RestContext, comp: Component) -> Record:
        row = super().project(ctx, comp)
        name = comp.get("fullName")
        for field, kind in (("SsoKickoffUrl", "sso"), ("OauthKickoffUrl", "oauth"), ("LinkKickoffUrl", "link")):
            row[field] = f"{ctx.base_url}/services/auth/{kind}/{name}"
        return row


class MediaProviderView(View):
    """CallCoachingMediaProvider: the provider record ECI reads recordings from."""

    sobject = mtype = "CallCoachingMediaProvider"
    links = (
        Link("ProviderName", "providerName"),
        Link("ProviderDescription", "providerDescription"),
        Link("IsActive", "isActive", "bool"),
        Link("ConversationVendorInfoId", kind="const"),
    )

    def full_name_for_create(self, values: Record) -> str:
        """Salesforce derives the API name from the provider name."""
        name = re.sub(r"[^A-Za-z0-9]+", "_", str(values.get("ProviderName") or "")).strip("_")
        name = re.sub(r"_+", "_", name)
        return name if name[:1].isalpha() else f"X{name}"

    def defaults(self, comp: Component) -> None:
        super().defaults(comp)
        comp.setdefault("providerDescription", "")  # the WSDL requires the element


class PermissionSetView(View):
    """PermissionSet: Name/Label/Description and one ``Permissions<Name>`` boolean per user permission."""

    sobject = mtype = "PermissionSet"
    links = (
        Link("Name", kind="name"),
        Link("Label", "label"),
        Link("Description", "description"),
        Link("HasActivationRequired", "hasActivationRequired", "bool"),
        Link("IsCustom", kind="const", default=True),
        Link("IsOwnedByProfile", kind="const", default=False),
        Link("ProfileId", kind="const"),
        Link("PermissionSetGroupId", kind="const"),
        Link("NamespacePrefix", kind="const"),
        Link("Type", kind="const", default="Regular"),
    )

    def project(self, ctx: RestContext, comp: Component) -> Record:
        row = super().project(ctx, comp)
        enabled = {p.get("name") for p in comp.get("userPermissions") or [] if as_bool(p.get("enabled"))}
        for name in permission_names(ctx.org):
            row["Permissions" + name] = name in enabled
        license_name = comp.get("license")
        row["LicenseId"] = None
        if license_name:
            for lic in ctx.org.rows("PermissionSetLicense"):
                if license_name in (lic.get("DeveloperName"), lic.get("MasterLabel")):
                    row["LicenseId"] = lic["Id"]
        return row

    def apply(self, ctx: RestContext, values: Record, existing: Component | None) -> tuple[str, Component]:
        full_name, comp = super().apply(ctx, values, existing)
        perms = {p["name"]: as_bool(p.get("enabled")) for p in comp.get("userPermissions") or [] if p.get("name")}
        for field, value in values.items():
            if field.startswith("Permissions"):
                perms[field[len("Permissions") :]] = bool(value)
        comp["userPermissions"] = [{"enabled": True, "name": n} for n in sorted(perms) if perms[n]]
        return full_name, comp


def _refresh_token_policy(policy: Any) -> tuple[int | None, bool]:
    """(RefreshTokenValidityPeriod, OptionsRefreshTokenValidityMetric) from e.g. 'specific_lifetime:365:DAYS'."""
    parts = str(policy or "").split(":")
    if len(parts) == 3 and parts[0] in ("specific_lifetime", "specific_inactivity") and parts[1].isdigit():
        return int(parts[1]), parts[0] == "specific_inactivity"
    return None, False


class ConnectedApplicationView(View):
    """ConnectedApplication: read-only, and only a few of the app's settings."""

    sobject = "ConnectedApplication"
    mtype = "ConnectedApp"
    links = (
        Link("Name", "label"),
        Link("StartUrl", "startUrl"),
        Link("MobileStartUrl", "mobileStartUrl"),
        Link("OptionsAllowAdminApprovedUsersOnly", "oauthConfig.isAdminApproved", "bool"),
        Link("OptionsTokenExchangeManageBitEnabled", "oauthPolicy.isTokenExchangeFlowEnabled", "bool"),
        Link("PinLength", kind="const"),
        Link("MobileSessionTimeout", kind="const"),
        Link("UvidTimeout", kind="const"),
        Link("NamedUserUvidTimeout", kind="const"),
    )

    def project(self, ctx: RestContext, comp: Component) -> Record:
        row = super().project(ctx, comp)
        row["Name"] = row["Name"] or comp.get("fullName")
        period, metric = _refresh_token_policy(get_path(comp, "oauthPolicy.refreshTokenPolicy"))
        row["RefreshTokenValidityPeriod"] = period
        row["OptionsRefreshTokenValidityMetric"] = metric
        row["OptionsHasSessionLevelPolicy"] = get_path(comp, "sessionPolicy.sessionLevel") == "HIGH_ASSURANCE"
        return row


class SiteView(View):
    """Site (from CustomSite): read-only; its guest user is the one the org created with the site."""

    sobject = "Site"
    mtype = "CustomSite"
    links = (
        Link("Name", kind="name"),
        Link("MasterLabel", "masterLabel"),
        Link("SiteType", "siteType"),
        Link("UrlPathPrefix", "urlPathPrefix"),
        Link("Subdomain", "subdomain"),
        Link("Description", "description"),
        Link("ClickjackProtectionLevel", "clickjackProtectionLevel"),
        Link("AdminId", "siteAdmin", "user"),
        Link("GuestRecordDefaultOwnerId", "siteGuestRecordDefaultOwner", "user"),
        Link("OptionsAllowHomePage", "allowHomePage", "bool"),
        Link("OptionsAllowStandardIdeasPages", "allowStandardIdeasPages", "bool"),
        Link("OptionsAllowStandardLookups", "allowStandardLookups", "bool"),
        Link("OptionsAllowStandardPortalPages", "allowStandardPortalPages", "bool"),
        Link("OptionsAllowStandardSearch", "allowStandardSearch", "bool"),
        Link("OptionsBrowserXssProtection", "browserXssProtection", "bool"),
        Link("OptionsContentSniffingProtection", "contentSniffingProtection", "bool"),
        Link("OptionsReferrerPolicyOriginWhenCrossOrigin", "referrerPolicyOriginWhenCrossOrigin", "bool"),
    )

    def project(self, ctx: RestContext, comp: Component) -> Record:
        row = super().project(ctx, comp)
        row["Status"] = "Active" if as_bool(comp.get("active")) else "Inactive"
        guest = ctx.org.site_guest_user(comp["fullName"])
        row["GuestUserId"] = guest["Id"] if guest else None
        row["MasterLabel"] = row["MasterLabel"] or comp["fullName"]
        return row


class SiteDetailView(View):
    """SiteDetail: the site's URL, keyed by the Site's id (DurableId)."""

    sobject = "SiteDetail"
    mtype = "CustomSite"

    def project(self, ctx: RestContext, comp: Component) -> Record:
        site_id = SiteView().record_id(ctx, comp)
        prefix = str(comp.get("urlPathPrefix") or "").strip("/")
        return {
            "Id": "000000000000000AAA",
            "DurableId": site_id,
            "SecureUrl": f"{ctx.base_url}/{prefix}" if prefix else f"{ctx.base_url}/",
            "IsRegistrationEnabled": bool(comp.get("selfRegPage")),
        }


DATA_VIEWS: dict[str, View] = {
    v.sobject: v
    for v in (
        AuthProviderView(), NamedCredentialView(), MediaProviderView(), PermissionSetView(),
        ConnectedApplicationView(), SiteView(), SiteDetailView(),
    )
}  # fmt: skip
TOOLING_VIEWS: dict[str, View] = {**DATA_VIEWS, "NamedCredential": ToolingNamedCredentialView()}


def view_for(api: str, sobject: str) -> View | None:
    """The component view behind an sObject, or None for objects stored as records."""
    return (TOOLING_VIEWS if api == "tooling" else DATA_VIEWS).get(sobject)


__all__ = ["DATA_VIEWS", "TOOLING_VIEWS", "user_id_for", "view_for"]
