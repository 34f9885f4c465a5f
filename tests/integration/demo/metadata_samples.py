"""One valid component per metadata type the demo org emulates, shaped as the ECI guides use them.

Values are demo data (the secrets are made up for the tests, never real credentials).
"""

from __future__ import annotations

from typing import Any

#: The ExternalClientApplication the ECA OAuth types point at (created first by the tests).
ECA_PARENT = "ECI_External_App"

SAMPLES: dict[str, dict[str, Any]] = {
    "ConnectedApp": {
        "label": "ECI Connected App",
        "contactEmail": "admin@example.com",
        "oauthConfig": {
            "callbackUrl": "https://login.salesforce.com/services/oauth2/callback",
            "consumerSecret": "DemoSecret0123456789",
            "isAdminApproved": False,
            "isPkceRequired": True,
            "scopes": ["Api", "RefreshToken", "OpenID"],
        },
        "oauthPolicy": {"ipRelaxation": "ENFORCE", "refreshTokenPolicy": "infinite"},
    },
    "ExternalClientApplication": {
        "label": "ECI External App",
        "contactEmail": "admin@example.com",
        "distributionState": "Local",
    },
    "ExtlClntAppOauthSettings": {
        "externalClientApplication": ECA_PARENT,
        "commaSeparatedOauthScopes": "Api, RefreshToken",
        "label": "ECI OAuth settings",
    },
    "ExtlClntAppGlobalOauthSettings": {
        "externalClientApplication": ECA_PARENT,
        "callbackUrl": "https://login.salesforce.com/services/oauth2/callback",
        "consumerSecret": "DemoEcaSecret0123456789",
        "isPkceRequired": True,
        "label": "ECI global OAuth settings",
    },
    "ExtlClntAppOauthConfigurablePolicies": {
        "externalClientApplication": ECA_PARENT,
        "ipRelaxationPolicyType": "Enforce",
        "permittedUsersPolicyType": "AdminApprovedPreAuthorized",
        "refreshTokenPolicyType": "Infinite",
        "label": "ECI OAuth policies",
    },
    "ExtlClntAppConfigurablePolicies": {
        "externalClientApplication": ECA_PARENT,
        "isEnabled": True,
        "isOauthPluginEnabled": True,
        "label": "ECI policies",
    },
    "AuthProvider": {
        "friendlyName": "ECI Auth Provider",
        "providerType": "Salesforce",
        "consumerKey": "demo-consumer-key",
        "consumerSecret": "DemoAuthSecret0123",
        "defaultScopes": "refresh_token api",
        "sendSecretInApis": False,
        "isPkceEnabled": True,
    },
    "NamedCredential": {
        "label": "ECI Named Credential",
        "endpoint": "https://eci.example.com/api",
        "principalType": "NamedUser",
        "protocol": "Password",
        "username": "eci-integration",
        "password": "DemoPassword0123",
    },
    "ExternalCredential": {
        "label": "ECI External Credential",
        "authenticationProtocol": "Custom",
        "externalCredentialParameters": [
            {"parameterName": "ECI_Principal", "parameterType": "NamedPrincipal", "sequenceNumber": 1}
        ],
    },
    "CustomSite": {
        "active": True,
        "allowHomePage": False,
        "allowStandardIdeasPages": False,
        "allowStandardLookups": False,
        "allowStandardPortalPages": False,
        "allowStandardSearch": False,
        "browserXssProtection": True,
        "clickjackProtectionLevel": "SameOriginOnly",
        "contentSniffingProtection": True,
        "indexPage": "ECIIndex",
        "masterLabel": "ECI Site",
        "referrerPolicyOriginWhenCrossOrigin": True,
        "siteAdmin": "system@metadata.test",
        "siteType": "Visualforce",
        "urlPathPrefix": "eci",
    },
    "CallCoachingMediaProvider": {
        "isActive": False,
        "providerDescription": "Recordings from the telephony provider",
        "providerName": "Natterbox",
    },
    "PermissionSet": {
        "label": "ECI Users",
        "description": "Conversation Insights for the call team",
        "userPermissions": [{"enabled": True, "name": "CallCoachingUser"}],
    },
}

#: One top-level string field per type that an update changes, and its new value.
UPDATES: dict[str, tuple[str, str]] = {
    "ConnectedApp": ("description", "Used by the recording provider"),
    "ExternalClientApplication": ("description", "Used by the recording provider"),
    "ExtlClntAppOauthSettings": ("label", "ECI OAuth settings (updated)"),
    "ExtlClntAppGlobalOauthSettings": ("label", "ECI global OAuth settings (updated)"),
    "ExtlClntAppOauthConfigurablePolicies": ("label", "ECI OAuth policies (updated)"),
    "ExtlClntAppConfigurablePolicies": ("label", "ECI policies (updated)"),
    "AuthProvider": ("friendlyName", "ECI Auth Provider (updated)"),
    "NamedCredential": ("endpoint", "https://eci.example.com/v2"),
    "ExternalCredential": ("description", "Principal for the ECI callouts"),
    "CustomSite": ("description", "Public site for the recording provider"),
    "CallCoachingMediaProvider": ("providerDescription", "Recordings, updated"),
    "PermissionSet": ("description", "Updated description"),
}

#: Write-only fields per type (dotted paths): stored by the org, never read back.
SECRETS: dict[str, tuple[str, ...]] = {
    "ConnectedApp": ("oauthConfig.consumerSecret",),
    "ExtlClntAppGlobalOauthSettings": ("consumerSecret",),
    "AuthProvider": ("consumerSecret",),  # while sendSecretInApis is false
    "NamedCredential": ("password", "oauthToken", "oauthRefreshToken", "awsAccessSecret"),
}


def without(data: dict[str, Any], paths: tuple[str, ...]) -> dict[str, Any]:
    """A copy of `data` without the dotted paths."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    for path in paths:
        *parents, leaf = path.split(".")
        node = out
        for part in parents:
            node = node.get(part, {})
        node.pop(leaf, None)
    return out
