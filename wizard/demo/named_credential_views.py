"""The NamedCredential views: the data API's read-only subset and the Tooling API's full object.

The data API's NamedCredential has no Protocol, OauthScope or Username columns; the Tooling
object has every legacy field plus ``FullName`` and ``Metadata`` (the whole component, secrets
never returned), and writes through it change the component the Metadata API reads.
"""

from __future__ import annotations

from typing import Any

from wizard.demo.api_error import bad_request
from wizard.demo.rest_context import RestContext
from wizard.demo.state import Component, Record
from wizard.demo.views import Link, View, as_bool


class NamedCredentialView(View):
    """The data API's read-only NamedCredential: no Protocol, OauthScope or Username columns."""

    sobject = mtype = "NamedCredential"
    links = (
        Link("DeveloperName", kind="name"),
        Link("MasterLabel", "label"),
        Link("NamespacePrefix", kind="const"),
        Link("Endpoint", "endpoint"),
        Link("PrincipalType", "principalType", default="Anonymous"),
        Link("AuthProviderId", "authProvider", "auth_provider"),
        Link("CalloutOptionsAllowMergeFieldsInBody", "allowMergeFieldsInBody", "bool"),
        Link("CalloutOptionsAllowMergeFieldsInHeader", "allowMergeFieldsInHeader", "bool"),
        Link("CalloutOptionsGenerateAuthorizationHeader", "generateAuthorizationHeader", "bool", True),
        Link("JwtIssuer", "jwtIssuer"),
        Link("JwtAudience", "jwtAudience"),
        Link("JwtFormulaSubject", "jwtFormulaSubject"),
        Link("JwtTextSubject", "jwtTextSubject"),
        Link("JwtValidityPeriodSeconds", "jwtValidityPeriodSeconds"),
    )


#: NamedCredential elements in WSDL order, as the Tooling ``Metadata`` field lists them.
NAMED_CREDENTIAL_ELEMENTS = (
    "allowMergeFieldsInBody", "allowMergeFieldsInHeader", "authProvider", "authTokenEndpointUrl",
    "awsAccessKey", "awsAccessSecret", "awsRegion", "awsService", "calloutStatus", "certificate",
    "endpoint", "generateAuthorizationHeader", "jwtAudience", "jwtFormulaSubject", "jwtIssuer",
    "jwtSigningCertificate", "jwtTextSubject", "jwtValidityPeriodSeconds", "label",
    "namedCredentialParameters", "namedCredentialType", "oauthRefreshToken", "oauthScope", "oauthToken",
    "outboundNetworkConnection", "password", "principalType", "protocol", "username",
)  # fmt: skip
NAMED_CREDENTIAL_SECRETS = ("awsAccessSecret", "oauthRefreshToken", "oauthToken", "password")
_NC_DEFAULTS = {"calloutStatus": "Enabled", "namedCredentialType": "Legacy"}
_NC_BOOLEANS = {"allowMergeFieldsInBody": False, "allowMergeFieldsInHeader": False, "generateAuthorizationHeader": True}


class ToolingNamedCredentialView(View):
    """The Tooling API's NamedCredential: every legacy field, plus FullName and Metadata."""

    sobject = mtype = "NamedCredential"
    links = (
        Link("DeveloperName", kind="name"),
        Link("MasterLabel", "label"),
        Link("NamespacePrefix", kind="const"),
        Link("Language", kind="const", default="en_US"),
        Link("Endpoint", "endpoint"),
        Link("PrincipalType", "principalType", default="Anonymous"),
        Link("Protocol", "protocol", default="NoAuthentication"),
        Link("AuthProviderId", "authProvider", "auth_provider"),
        Link("OauthScope", "oauthScope"),
        Link("Username", "username"),
        Link("Password", "password", "secret"),
        Link("AwsAccessKey", "awsAccessKey"),
        Link("AwsAccessSecret", "awsAccessSecret", "secret"),
        Link("AwsRegion", "awsRegion"),
        Link("AwsService", "awsService"),
        Link("GenerateAuthorizationHeader", "generateAuthorizationHeader", "bool", True),
        Link("AllowMergeFieldsInBody", "allowMergeFieldsInBody", "bool"),
        Link("AllowMergeFieldsInHeader", "allowMergeFieldsInHeader", "bool"),
        Link("NamedCredentialType", "namedCredentialType", default="Legacy"),
        Link("CalloutStatus", "calloutStatus", default="Enabled"),
        Link("AuthTokenEndpointUrl", "authTokenEndpointUrl"),
        Link("JwtIssuer", "jwtIssuer"),
        Link("JwtAudience", "jwtAudience"),
        Link("JwtFormulaSubject", "jwtFormulaSubject"),
        Link("JwtTextSubject", "jwtTextSubject"),
        Link("JwtValidityPeriodSeconds", "jwtValidityPeriodSeconds"),
    )

    def project(self, ctx: RestContext, comp: Component) -> Record:
        row = super().project(ctx, comp)
        row["FullName"] = comp.get("fullName")
        row["Metadata"] = tooling_metadata(comp)
        return row

    def normalize(self, values: Record) -> Record:
        """``{"FullName": ..., "Metadata": {...}}`` is a complete create: fill the named columns from it."""
        metadata = values.get("Metadata")
        out = dict(values)
        if values.get("FullName") and not values.get("DeveloperName"):
            out["DeveloperName"] = values["FullName"]
        if isinstance(metadata, dict) and metadata.get("label") and not values.get("MasterLabel"):
            out["MasterLabel"] = metadata["label"]
        return out

    def full_name_for_create(self, values: Record) -> str:
        return str(values.get("FullName") or values.get("DeveloperName") or "")

    def apply(self, ctx: RestContext, values: Record, existing: Component | None) -> tuple[str, Component]:
        base = dict(existing or {})
        if isinstance(values.get("Metadata"), dict):
            base = metadata_to_component(values["Metadata"], existing)
        full_name, comp = super().apply(ctx, {k: v for k, v in values.items() if k != "Metadata"}, base or None)
        if existing is not None:
            full_name = existing["fullName"]
        for key, default in _NC_BOOLEANS.items():
            comp.setdefault(key, default)
        return full_name, comp


def tooling_metadata(comp: Component) -> dict[str, Any]:
    """The Tooling ``Metadata`` value: every element, null when unset, secrets never returned."""
    out: dict[str, Any] = {}
    for key in NAMED_CREDENTIAL_ELEMENTS:
        value = None if key in NAMED_CREDENTIAL_SECRETS else comp.get(key)
        if key in _NC_BOOLEANS:
            value = as_bool(comp.get(key), _NC_BOOLEANS[key])
        if key == "namedCredentialParameters":
            value = list(comp.get(key) or [])
        if value is None and key in _NC_DEFAULTS:
            value = _NC_DEFAULTS[key]
        out[key] = value
    out["urls"] = None
    return out


def metadata_to_component(metadata: dict[str, Any], existing: Component | None) -> Component:
    """A Tooling ``Metadata`` value written back as the component (secrets kept when not resent)."""
    unknown = [k for k in metadata if k not in NAMED_CREDENTIAL_ELEMENTS and k not in ("urls", "fullName")]
    if unknown:
        raise bad_request("JSON_PARSER_ERROR", f'Unrecognized field "{unknown[0]}" in the NamedCredential metadata')
    comp: Component = {k: v for k, v in metadata.items() if v is not None and k not in ("urls", "fullName")}
    for secret in NAMED_CREDENTIAL_SECRETS:
        if secret not in comp and existing and existing.get(secret):
            comp[secret] = existing[secret]
    if existing:
        comp["fullName"] = existing["fullName"]
    return comp
