"""The objects the ECI guides touch, as the data API and the Tooling API describe them.

Field names, read-only-ness and supported calls follow Salesforce's object reference (see
shared/reference/salesforce-api.md sections 1.1-1.9): NamedCredential is read-only in the data API
and has no Protocol / OauthScope / Username columns there, while the Tooling object has them plus
``FullName`` and ``Metadata``; ConnectedApplication and Site are read-only; CallCoachingMediaProvider
cannot be deleted; AuthProvider's ConsumerSecret is accepted but never returned.
"""

from __future__ import annotations

from wizard.demo.sobjects import ChildRelationship, Field, SObjectType, flag, id_field, ref, text
from wizard.demo.state import OrgState

#: User permissions every PermissionSet / Profile / UserPermissionAccess row reports, plus any the
#: org's scenario mentions (see `permission_fields`).
KNOWN_PERMISSIONS = (
    "ApiEnabled", "ApiUserOnly", "AssignPermissionSets", "AuthorApex", "CallCoachingUser",
    "CallExplorer", "CanApproveUninstalledApps", "CIPartnerIntegrationUser", "CustomizeApplication",
    "ManageAuthProviders", "ManageConvMiningReports", "ManageInternalUsers", "ManageNamedCredentials",
    "ManageProfilesPermissionsets", "ManageRemoteAccess", "ManageUsers", "ModifyAllData",
    "ViewAllCalls", "ViewAllData", "ViewClientSecret", "ViewSetup",
)  # fmt: skip

PROVIDER_TYPES = (
    "Facebook", "Janrain", "Salesforce", "OpenIdConnect", "MicrosoftACS", "LinkedIn", "Twitter",
    "Google", "GitHub", "Custom", "Apple", "Evergreen", "Slack", "HubSpot", "Microsoft", "MuleSoft",
    "Bitbucket",
)  # fmt: skip
PRINCIPAL_TYPES = ("Anonymous", "PerUser", "NamedUser")
PROTOCOLS = ("NoAuthentication", "Oauth", "Password", "AwsSv4", "Jwt", "JwtExchange", "Custom", "Basic")
NAMED_CREDENTIAL_TYPES = ("Legacy", "SecuredEndpoint", "PrivateEndpoint", "Standard")
CLICKJACK_LEVELS = ("AllowAllFraming", "External", "SameOriginOnly", "NoFraming")


def permission_names(org: OrgState) -> list[str]:
    """Every user permission name the org knows of (without the 'Permissions' prefix)."""
    names = set(KNOWN_PERMISSIONS)
    with org.lock:
        for comp in org.components.get("PermissionSet", {}).values():
            names.update(p.get("name", "") for p in comp.get("userPermissions") or [] if p.get("name"))
        for profile in org.records.get("Profile", {}).values():
            names.update(k[len("Permissions") :] for k in profile if k.startswith("Permissions") and len(k) > 11)
    return sorted(names)


def _permission_fields(writable: bool):
    def fields(org: OrgState) -> list[Field]:
        return [flag("Permissions" + n, create=writable) for n in permission_names(org)]

    return fields


def _user_extra_fields(org: OrgState) -> list[Field]:
    """Custom User fields (declared with labels, e.g. the Voice Connector's user identifiers) and
    free-form User fields from the scenario."""
    known = {f.name.lower() for f in USER_FIELDS}
    with org.lock:
        users = list(org.records.get("User", {}).values())
        keys = sorted(set().union(*users)) if users else []  # union of the records' keys, at C speed
        extra: dict[str, Field] = {
            name.lower(): Field(name, "string", create=True, update=True, label=label)
            for name, label in org.custom_fields.get("User", {}).items()
            if name.lower() not in known
        }
        for key in keys:
            if key.startswith("_") or key.lower() in known or key.lower() in extra:
                continue
            sample = next((u[key] for u in users if u.get(key) is not None), None)
            kind = "boolean" if isinstance(sample, bool) else "string"
            extra[key.lower()] = Field(key, kind, create=True, update=True, default=False if kind == "boolean" else None)
    return list(extra.values())


USER_FIELDS = (
    id_field(),
    text("Username", create=True, required=True, id_lookup=True),
    text("Name"),
    text("FirstName", create=True),
    text("LastName", create=True, required=True),
    text("Email", create=True, required=True, type="email"),
    text("Alias", create=True),
    text("Phone", create=True, type="phone"),
    text("MobilePhone", create=True, type="phone"),
    text("Title", create=True),
    text("Department", create=True),
    text("CompanyName", create=True),
    text("FederationIdentifier", create=True),
    text("TimeZoneSidKey", create=True, default="America/Los_Angeles"),
    text("LocaleSidKey", create=True, default="en_US"),
    text("LanguageLocaleKey", create=True, default="en_US"),
    text("EmailEncodingKey", create=True, default="UTF-8"),
    ref("ProfileId", "Profile", create=True, required=True),
    ref("ManagerId", "User", create=True),
    text("UserType", default="Standard"),
    flag("IsActive", create=True, default=True),
    text("LastLoginDate", type="datetime"),
)

_ASSIGNMENTS = ChildRelationship("PermissionSetAssignments", "PermissionSetAssignment", "AssigneeId")

DATA_OBJECTS: tuple[SObjectType, ...] = (
    SObjectType("Organization", "Organization", (
        id_field(), text("Name"), text("OrganizationType"), flag("IsSandbox"), text("InstanceName"),
        text("TrialExpirationDate", type="datetime"), text("NamespacePrefix"), text("LanguageLocaleKey"),
        text("DefaultLocaleSidKey"), text("TimeZoneSidKey"), text("Country"), text("Division"),
    )),
    SObjectType("User", "User", USER_FIELDS, createable=True, updateable=True,
                write_permissions=("ManageUsers",), children=(_ASSIGNMENTS,), dynamic=_user_extra_fields),
    SObjectType("Profile", "Profile", (id_field(), text("Name", id_lookup=True), text("UserType"), text("Description")),
                dynamic=_permission_fields(False)),
    SObjectType("PermissionSet", "Permission Set", (
        id_field(), text("Name", create=True, update=False, required=True, id_lookup=True), text("Label", create=True, required=True),
        text("Description", create=True, type="textarea"), flag("IsCustom", default=True), flag("IsOwnedByProfile"),
        ref("ProfileId", "Profile"), ref("LicenseId", "PermissionSetLicense", relationship="License"),
        ref("PermissionSetGroupId", "PermissionSetGroup"), text("NamespacePrefix"), text("Type", default="Regular"),
        flag("HasActivationRequired", create=True),
    ), createable=True, updateable=True, deletable=True, write_permissions=("ManageProfilesPermissionsets",),
        children=(ChildRelationship("Assignments", "PermissionSetAssignment", "PermissionSetId"),
                  ChildRelationship("SetupEntityAccessItems", "SetupEntityAccess", "ParentId")),
        dynamic=_permission_fields(True)),
    SObjectType("PermissionSetAssignment", "Permission Set Assignment", (
        id_field(), ref("AssigneeId", "User", create=True, update=False, required=True),
        ref("PermissionSetId", "PermissionSet", create=True, update=False, required=True),
        ref("PermissionSetGroupId", "PermissionSetGroup", create=True, update=False),
        text("ExpirationDate", create=True, type="datetime"), flag("IsActive", default=True), flag("IsRevoked"),
    ), createable=True, updateable=True, deletable=True, write_permissions=("AssignPermissionSets",)),
    SObjectType("PermissionSetLicense", "Permission Set License", (
        id_field(), text("DeveloperName", id_lookup=True), text("MasterLabel"), text("PermissionSetLicenseKey"),
        text("Status", default="Active"), Field("TotalLicenses", "int", default=0), Field("UsedLicenses", "int", default=0),
        text("ExpirationDate", type="date"),
    )),
    SObjectType("PermissionSetLicenseAssign", "Permission Set License Assignment", (
        id_field(), ref("AssigneeId", "User", create=True, update=False, required=True),
        ref("PermissionSetLicenseId", "PermissionSetLicense", create=True, update=False, required=True),
    ), createable=True, deletable=True, write_permissions=("ManageUsers",)),
    SObjectType("UserPermissionAccess", "User Permission Access", (id_field(),), dynamic=_permission_fields(False),
                key_prefix="000"),
    SObjectType("AuthProvider", "Auth. Provider", (
        id_field(), text("DeveloperName", create=True, update=False, required=True, id_lookup=True),
        text("FriendlyName", create=True, required=True),
        Field("ProviderType", "picklist", create=True, update=True, required=True, picklist=PROVIDER_TYPES),
        text("ConsumerKey", create=True), Field("ConsumerSecret", "encryptedstring", create=True, write_only=True),
        text("AuthorizeUrl", create=True, type="url"), text("TokenUrl", create=True, type="url"),
        text("UserInfoUrl", create=True, type="url"), text("DefaultScopes", create=True),
        text("IdTokenIssuer", create=True), text("LogoutUrl", create=True, type="url"),
        text("ErrorUrl", create=True, type="url"), text("IconUrl", create=True, type="url"),
        text("CustomMetadataTypeRecord", create=True), ref("RegistrationHandlerId", "ApexClass"),
        ref("ExecutionUserId", "User", create=True), ref("PluginId", "ApexClass"),
        flag("OptionsIncludeOrgIdInId"), flag("OptionsSendAccessTokenInHeader", create=True),
        flag("OptionsSendClientCredentialsInHeader", create=True), flag("OptionsSendSecretInApis", create=True, default=True),
        flag("OptionsIsPkceEnabled", create=True), flag("OptionsRequireMfa", create=True),
        text("SsoKickoffUrl", type="url"), text("OauthKickoffUrl", type="url"), text("LinkKickoffUrl", type="url"),
    ), createable=True, updateable=True, deletable=True,
        write_permissions=("CustomizeApplication", "ManageAuthProviders")),
    SObjectType("NamedCredential", "Named Credential", (
        id_field(), text("DeveloperName", id_lookup=True), text("MasterLabel"), text("NamespacePrefix"),
        text("Endpoint", type="url"), Field("PrincipalType", "picklist", picklist=PRINCIPAL_TYPES),
        ref("AuthProviderId", "AuthProvider"), flag("CalloutOptionsAllowMergeFieldsInBody"),
        flag("CalloutOptionsAllowMergeFieldsInHeader"), flag("CalloutOptionsGenerateAuthorizationHeader", default=True),
        text("JwtIssuer"), text("JwtAudience"), text("JwtFormulaSubject"), text("JwtTextSubject"),
        Field("JwtValidityPeriodSeconds", "int"),
    )),
    SObjectType("ConnectedApplication", "Connected App", (
        id_field(), text("Name", id_lookup=True), text("StartUrl", type="url"), text("MobileStartUrl", type="url"),
        flag("OptionsAllowAdminApprovedUsersOnly"), flag("OptionsRefreshTokenValidityMetric"),
        Field("RefreshTokenValidityPeriod", "int"), flag("OptionsHasSessionLevelPolicy"),
        flag("OptionsTokenExchangeManageBitEnabled"), text("PinLength"), text("MobileSessionTimeout"),
        text("UvidTimeout"), text("NamedUserUvidTimeout"),
    )),
    # One row per OAuth grant a user made to a connected app, labelled as the app (AppName), query
    # only. Salesforce reserves its Id (always null, hence no key prefix of its own) and the token
    # values are left out: nothing here reads them.
    SObjectType("OauthToken", "OAuth Token", (
        id_field(), text("AppName"), ref("UserId", "User"), text("CreatedDate", type="datetime"),
        text("LastUsedDate", type="datetime"), Field("UseCount", "int", default=0),
    ), key_prefix="000"),
    SObjectType("Site", "Site", (
        id_field(), text("Name", id_lookup=True), text("MasterLabel"),
        Field("Status", "picklist", picklist=("Active", "Inactive", "InMaintenance")),
        Field("SiteType", "picklist"), text("UrlPathPrefix"), text("Subdomain"), text("Description", type="textarea"),
        ref("AdminId", "User"), ref("GuestUserId", "User"), ref("GuestRecordDefaultOwnerId", "User"),
        Field("ClickjackProtectionLevel", "picklist", picklist=CLICKJACK_LEVELS),
        flag("OptionsAllowHomePage"), flag("OptionsAllowStandardIdeasPages"), flag("OptionsAllowStandardLookups"),
        flag("OptionsAllowStandardPortalPages"), flag("OptionsAllowStandardSearch"),
        flag("OptionsBrowserXssProtection"), flag("OptionsContentSniffingProtection"),
        flag("OptionsReferrerPolicyOriginWhenCrossOrigin"),
    )),
    SObjectType("SiteDetail", "Site Detail", (
        id_field(), text("DurableId"), text("SecureUrl", type="url"), flag("IsRegistrationEnabled"),
    ), key_prefix="000"),
    SObjectType("CallCoachingMediaProvider", "Call Coaching Media Provider", (
        id_field(), text("ProviderName", create=True, required=True, id_lookup=True),
        text("ProviderDescription", create=True), flag("IsActive", create=True),
        ref("ConversationVendorInfoId", "ConversationVendorInfo", create=True),
    ), createable=True, updateable=True, write_permissions=("CustomizeApplication",)),
    SObjectType("SetupEntityAccess", "Setup Entity Access", (
        id_field(), ref("ParentId", "PermissionSet", create=True, update=False, required=True),
        ref("SetupEntityId", "ConnectedApplication", "ApexPage", create=True, update=False, required=True),
        text("SetupEntityType"),
    ), createable=True, deletable=True, write_permissions=("ManageProfilesPermissionsets",)),
    SObjectType("SubscriberPackage", "Subscriber Package", (
        id_field(), text("Name"), text("NamespacePrefix"), text("Description", type="textarea"),
    ), key_prefix="033"),
    SObjectType("InstalledSubscriberPackage", "Installed Subscriber Package", (
        id_field(), ref("SubscriberPackageId", "SubscriberPackage"),
        ref("SubscriberPackageVersionId", "SubscriberPackageVersion"),
    )),
    SObjectType("ApexPage", "Visualforce Page", (
        id_field(), text("Name", id_lookup=True), text("MasterLabel"), text("NamespacePrefix"),
        Field("ApiVersion", "double"), text("ControllerType"), text("Description", type="textarea"),
        flag("IsAvailableInTouch"),
    )),
    SObjectType("FlexiPage", "Lightning Page", (
        id_field(), text("DeveloperName", id_lookup=True), text("MasterLabel"), text("NamespacePrefix"),
        Field("Type", "picklist"), text("EntityDefinitionId"), text("Description", type="textarea"),
    )),
    # Scheduled jobs, query only: one CronTrigger per schedule, with the State the system keeps and
    # its runs; its CronJobDetail holds the Job Name Setup > Scheduled Jobs shows (JobType 7:
    # Scheduled Apex).
    SObjectType("CronJobDetail", "Cron Job", (id_field(), text("Name"), text("JobType"))),
    SObjectType("CronTrigger", "Cron Trigger", (
        id_field(), ref("CronJobDetailId", "CronJobDetail"), text("CronExpression"), text("State"),
        text("NextFireTime", type="datetime"), text("PreviousFireTime", type="datetime"),
        text("StartTime", type="datetime"), text("EndTime", type="datetime"), Field("TimesTriggered", "int", default=0),
        text("TimeZoneSidKey"), ref("OwnerId", "User"), text("CreatedDate", type="datetime"),
    )),
    SObjectType("VoiceCall", "Voice Call", (
        id_field(), Field("CallType", "picklist", create=True, update=True),
        text("CallStartDateTime", create=True, type="datetime"), text("CallEndDateTime", create=True, type="datetime"),
        Field("CallDurationInSeconds", "int", create=True, update=True), text("CallDisposition", create=True),
        text("FromPhoneNumber", create=True, type="phone"), text("ToPhoneNumber", create=True, type="phone"),
        text("VendorType", create=True), text("VendorCallKey", create=True), flag("IsRecorded", create=True),
        Field("SourceType", "picklist", create=True, update=True),
        ref("MediaProviderId", "CallCoachingMediaProvider", create=True), ref("OwnerId", "User", create=True),
        ref("UserId", "User", create=True),
    ), createable=True, updateable=True, deletable=True, setup=False),
)  # fmt: skip

_TOOLING_NAMED_CREDENTIAL = SObjectType("NamedCredential", "Named Credential", (
    id_field(), text("DeveloperName", create=True, update=False, required=True, id_lookup=True),
    text("MasterLabel", create=True, required=True), text("NamespacePrefix"), text("Language", default="en_US"),
    text("Endpoint", create=True, type="url"),
    Field("PrincipalType", "picklist", create=True, update=True, picklist=PRINCIPAL_TYPES),
    Field("Protocol", "picklist", create=True, update=True, picklist=PROTOCOLS),
    ref("AuthProviderId", "AuthProvider", create=True), text("OauthScope", create=True), text("Username", create=True),
    Field("Password", "encryptedstring", create=True, update=True, write_only=True),
    text("AwsAccessKey", create=True), Field("AwsAccessSecret", "encryptedstring", create=True, update=True, write_only=True),
    text("AwsRegion", create=True), text("AwsService", create=True),
    flag("GenerateAuthorizationHeader", create=True, default=True), flag("AllowMergeFieldsInBody", create=True),
    flag("AllowMergeFieldsInHeader", create=True),
    Field("NamedCredentialType", "picklist", create=True, update=True, picklist=NAMED_CREDENTIAL_TYPES, default="Legacy"),
    Field("CalloutStatus", "picklist", create=True, update=True, picklist=("Enabled", "Disabled"), default="Enabled"),
    text("AuthTokenEndpointUrl", create=True, type="url"), text("JwtIssuer", create=True), text("JwtAudience", create=True),
    text("JwtFormulaSubject", create=True), text("JwtTextSubject", create=True),
    Field("JwtValidityPeriodSeconds", "int", create=True, update=True),
    text("FullName", create=True, update=False), Field("Metadata", "complexvalue", create=True, update=True),
), createable=True, updateable=True, deletable=True, write_permissions=("ManageNamedCredentials",))  # fmt: skip

_DATA_BY_NAME = {o.name: o for o in DATA_OBJECTS}
_TOOLING_NAMES = (
    "User", "Profile", "PermissionSet", "PermissionSetAssignment", "ConnectedApplication", "SiteDetail",
    "SubscriberPackage", "InstalledSubscriberPackage", "ApexPage", "FlexiPage",
)  # fmt: skip
TOOLING_OBJECTS: tuple[SObjectType, ...] = (_TOOLING_NAMED_CREDENTIAL, *(_DATA_BY_NAME[n] for n in _TOOLING_NAMES))
_TOOLING_BY_NAME = {o.name: o for o in TOOLING_OBJECTS}


def objects(api: str) -> tuple[SObjectType, ...]:
    """Every object of one API ('data' or 'tooling')."""
    return TOOLING_OBJECTS if api == "tooling" else DATA_OBJECTS


def lookup(api: str, name: str) -> SObjectType | None:
    """An object by name, case-insensitively, or None when the API has no such object."""
    table = _TOOLING_BY_NAME if api == "tooling" else _DATA_BY_NAME
    if name in table:
        return table[name]
    return next((o for key, o in table.items() if key.lower() == name.lower()), None)
