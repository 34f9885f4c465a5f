"""Legacy named credentials through the Tooling API: ECI's, Aircall's, RingCentral's, S3, Lambda.

A missing credential is created whole (``FullName`` + ``Metadata``), with its password or AWS
secret key taken from the keyring at that moment. An existing one is changed field by field
(``PATCH``), so its stored password, keys and OAuth authentication stay as they are. The URL
comes from the guide, the org's My Domain (ECI), the chosen environment (RingCentral) or the
Lambda's region and full name (Amazon Connect, never with a trailing slash, which breaks AWS
Signature Version 4).
"""

from __future__ import annotations

from typing import Any

from wizard.apply.executors.auth_provider import pick_environment
from wizard.apply.executors.base import Draft, ExecContext, PlanContext, state_of
from wizard.apply.model import (
    ApplyInputs,
    ComponentState,
    InputNeed,
    ManualAction,
    Outcome,
    SecretNeed,
    ValueForm,
)
from wizard.apply.ops import soql_quote
from wizard.apply.targets import FixTarget
from wizard.checks.auth_provider import AUTH_PROVIDERS
from wizard.checks.aws_access_key import EXPECTED as KEY_ID_EXPECTED
from wizard.checks.aws_access_key import KEY_ID
from wizard.checks.common import MISSING, normalise_scopes, url_equal
from wizard.checks.named_credential import (
    NAMED_CREDENTIALS,
    OPTION_FIELDS,
    PRINCIPAL_LABELS,
    PROTOCOL_LABELS,
    lambda_url_parts,
)
from wizard.engine.changes import SECRET_PLACEHOLDER
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read
from wizard.providers.aws.named_credential import expected_named_credential_url

SOBJECT = "NamedCredential"
READ_FIELDS = (
    "DeveloperName", "MasterLabel", "Endpoint", "PrincipalType", "Protocol", "AuthProviderId", "OauthScope",
    "Username", "AwsRegion", "AwsService", "GenerateAuthorizationHeader", "AllowMergeFieldsInHeader",
    "AllowMergeFieldsInBody",
)  # fmt: skip
#: Tooling column -> Metadata element, for creating with FullName + Metadata.
METADATA_NAMES = {
    "MasterLabel": "label", "Endpoint": "endpoint", "PrincipalType": "principalType", "Protocol": "protocol",
    "OauthScope": "oauthScope", "Username": "username", "AwsRegion": "awsRegion", "AwsService": "awsService",
    "GenerateAuthorizationHeader": "generateAuthorizationHeader", "AllowMergeFieldsInHeader": "allowMergeFieldsInHeader",
    "AllowMergeFieldsInBody": "allowMergeFieldsInBody", "Password": "password", "AwsAccessKey": "awsAccessKey",
    "AwsAccessSecret": "awsAccessSecret",
}  # fmt: skip
PRINCIPALS = {"NamedPrincipal": "NamedUser", "NamedUser": "NamedUser", "PerUser": "PerUser", "Anonymous": "Anonymous"}
SECRET_LABELS = {
    "username": "user name",
    "password": "password",
    "aws_access_key": "AWS access key ID",
    "aws_access_secret": "AWS secret access key",
}


def endpoint_for(target: FixTarget, facts: OrgFacts, inputs: ApplyInputs, current: str | None) -> tuple[str | None, list[InputNeed]]:
    """The URL the credential must have (None when it cannot be known yet), and what is missing."""
    params = target.checks.get("named_credential.url") or {}
    if params.get("my_domain"):
        return facts.my_domain_url, []
    if params.get("environments"):
        envs = dict(params["environments"])
        if current and any(url_equal(current, v) for v in envs.values()):
            return current, []
        chosen = pick_environment({k: {"url": v} for k, v in envs.items()}, inputs.environment)
        return (chosen[1]["url"] if chosen else None), []
    if params.get("lambda_invocations"):
        if inputs.aws_region and inputs.lambda_function:
            try:
                return expected_named_credential_url(inputs.aws_region, inputs.lambda_function), []
            except ValueError as exc:
                return None, [InputNeed(name="lambda_function", label=f"The Lambda's region and full name ({exc})")]
        if current and current.endswith("/"):
            return current.rstrip("/"), []
        if current:
            return current, []
        return None, [
            InputNeed(name="aws_region", label="The AWS region your serverless application runs in (e.g. us-east-1)"),
            InputNeed(name="lambda_function", label="The full name of the sfGenerateAudioRecordingStreaming Lambda function"),
        ]
    url = params.get("url")
    return (str(url) if url else None), []


def desired_fields(target: FixTarget, facts: OrgFacts, inputs: ApplyInputs, current: dict[str, Any] | None) -> tuple[dict[str, Any], list[InputNeed]]:
    """Tooling column -> wanted value (AuthProvider by DeveloperName under ``AuthProvider``)."""
    fields: dict[str, Any] = {}
    needs: list[InputNeed] = []
    if "named_credential.exists" in target.checks:
        fields["MasterLabel"] = target.param("named_credential.exists", "label") or target.key
    if "named_credential.url" in target.checks:
        url, needs = endpoint_for(target, facts, inputs, (current or {}).get("Endpoint"))
        if url:
            fields["Endpoint"] = url
    auth = target.checks.get("named_credential.auth") or {}
    if auth.get("principal_type"):
        fields["PrincipalType"] = PRINCIPALS.get(str(auth["principal_type"]), auth["principal_type"])
    if auth.get("protocol"):
        fields["Protocol"] = auth["protocol"]
    if auth.get("auth_provider"):
        fields["AuthProvider"] = auth["auth_provider"]
    if auth.get("scope"):
        fields["OauthScope"] = auth["scope"]
    aws = target.checks.get("named_credential.aws") or {}
    if aws:
        # A credential that must sign for the region its URL calls takes that region from the URL
        # it will have: keeping another region would leave the row failing after the fix.
        url_region = None
        if aws.get("region_in_url"):
            parts = lambda_url_parts(str(fields.get("Endpoint") or (current or {}).get("Endpoint") or "").rstrip("/"))
            url_region = parts[0] if parts else None
        region = aws.get("region") or url_region or inputs.aws_region or (current or {}).get("AwsRegion")
        if region:
            fields["AwsRegion"] = region
        elif not any(n.name == "aws_region" for n in needs):
            needs.append(InputNeed(name="aws_region", label="The AWS region your serverless application runs in (e.g. us-east-1)"))
        if aws.get("service"):
            fields["AwsService"] = aws["service"]
    for key, value in (target.checks.get("named_credential.options") or {}).items():
        if key in OPTION_FIELDS:
            fields[OPTION_FIELDS[key][0]] = bool(value)
    return fields, needs


def secret_fields(target: FixTarget) -> dict[str, str]:
    """Tooling column -> keyring name of the secrets the credential holds."""
    name = target.key
    protocol = target.param("named_credential.auth", "protocol")
    out: dict[str, str] = {}
    if "named_credential.username" in target.checks:
        out["Username"] = f"{name}/username"
    if protocol == "Password":
        out["Password"] = f"{name}/password"
    if protocol == "AwsSv4":
        out["AwsAccessKey"] = f"{name}/aws_access_key"
        out["AwsAccessSecret"] = f"{name}/aws_access_secret"
    return out


def _same(field: str, a: Any, b: Any, strict_slash: bool = False) -> bool:
    if field == "Endpoint":
        if strict_slash and str(a or "").endswith("/") != str(b or "").endswith("/"):
            return False  # the Lambda URL: a trailing slash breaks AWS request signing
        return url_equal(a, b)
    if field == "OauthScope":
        return normalise_scopes(a) == normalise_scopes(b)
    if field == "PrincipalType":
        return PRINCIPALS.get(str(a), a) == PRINCIPALS.get(str(b), b)
    if field in ("GenerateAuthorizationHeader", "AllowMergeFieldsInHeader", "AllowMergeFieldsInBody"):
        return bool(a) == bool(b)
    return a == b


def _shown(field: str, value: Any) -> Any:
    """A value as Setup shows it (protocol and identity type by their labels)."""
    if field == "Protocol":
        return PROTOCOL_LABELS.get(str(value), value)
    if field == "PrincipalType":
        return PRINCIPAL_LABELS.get(str(value), value)
    return value


def _check_of(field: str) -> str:
    return {
        "MasterLabel": "named_credential.exists", "Endpoint": "named_credential.url", "AwsRegion": "named_credential.aws",
        "AwsService": "named_credential.aws", "Username": "named_credential.username",
    }.get(field, "named_credential.options" if field in ("GenerateAuthorizationHeader", "AllowMergeFieldsInHeader", "AllowMergeFieldsInBody") else "named_credential.auth")  # fmt: skip


class NamedCredentialExecutor:
    fix = "named_credential"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return [NAMED_CREDENTIALS, AUTH_PROVIDERS]

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        name = target.key
        row = next((r for r in ctx.rows(NAMED_CREDENTIALS) if r.get("DeveloperName") == name), None)
        if row is not None:
            provider = next((p.get("DeveloperName") for p in ctx.rows(AUTH_PROVIDERS) if p.get("Id") == row.get("AuthProviderId")), None)
            row = {**row, "AuthProvider": provider}
        fields, needs = desired_fields(target, ctx.facts, ctx.inputs, row)
        secrets = secret_fields(target)
        strict = bool(target.param("named_credential.url", "lambda_invocations"))
        payload = {"name": name, "fields": fields, "secrets": secrets, "strict_slash": strict, "settings": target.refs()}
        component = f"Named credential {name}"
        if row is None:
            draft = Draft(f"Create the named credential {name}", component, payload=payload, creates=True, inputs_needed=needs)
            draft.change(target, "named_credential.exists", target.label("named_credential.exists", name), MISSING, f"{fields.get('MasterLabel', name)} ({name})", "create")
            for field, value in fields.items():
                if field != "MasterLabel":
                    draft.change(target, _check_of(field), self._field_label(field), MISSING, _shown(field, value), "create")
            for field, secret in secrets.items():
                draft.change(target, _check_of(field), self._field_label(field), MISSING, SECRET_PLACEHOLDER, "create", secret=True)
                if not ctx.secrets.has(secret):
                    draft.secrets_needed.append(self._need(target, secret))
        else:
            draft = Draft(f"Update the named credential {name}", component, payload=payload, inputs_needed=needs)
            for field, value in fields.items():
                if not _same(field, row.get(field), value, strict):
                    draft.change(target, _check_of(field), self._field_label(field), _shown(field, row.get(field)), _shown(field, value))
            if "Username" in secrets and not row.get("Username"):
                draft.change(target, "named_credential.username", "Username", None, SECRET_PLACEHOLDER, secret=True)
                if not ctx.secrets.has(secrets["Username"]):
                    draft.secrets_needed.append(self._need(target, secrets["Username"]))
        if target.param("named_credential.auth", "protocol") == "Oauth" and (draft.creates or draft.changes):
            draft.manual.append(
                ManualAction(
                    title=f"Authenticate {name}",
                    do=f"Edit {name} in Setup, tick Start Authentication Flow on Save, save, and sign in; no API can do this step.",
                    setup_page="/lightning/setup/NamedCredential/home",
                )
            )
        return draft

    @staticmethod
    def _field_label(field: str) -> str:
        return {
            "Endpoint": "URL", "PrincipalType": "Identity Type", "Protocol": "Authentication Protocol",
            "AuthProvider": "Authentication Provider", "OauthScope": "Scope", "AwsRegion": "AWS Region",
            "AwsService": "AWS Service", "AwsAccessKey": "AWS Access Key ID", "AwsAccessSecret": "AWS Secret Access Key",
            "GenerateAuthorizationHeader": "Generate Authorization Header", "MasterLabel": "Label",
            "AllowMergeFieldsInHeader": "Allow Merge Fields in HTTP Header", "AllowMergeFieldsInBody": "Allow Merge Fields in HTTP Body",
        }.get(field, field)  # fmt: skip

    def _need(self, target: FixTarget, secret: str) -> SecretNeed:
        kind = secret.split("/", 1)[1]
        what = SECRET_LABELS.get(kind, kind)
        pages = [p for p in target.pages.values()]
        hint = pages[0].title if pages else target.key
        # What the value is, where the guide says (Aircall's user name is its API ID, the password its
        # API token): the admin types the thing they have, not a field of Salesforce's.
        meaning = (target.param("named_credential.username", "meaning") if kind == "username" else
                   target.param("named_credential.auth", "password_meaning") if kind == "password" else None)
        label = (f"The {meaning} (the {what} of the named credential {target.key})" if meaning else
                 f"The {what} for the named credential {target.key}")
        return SecretNeed(name=secret, label=label, where=f"See the page '{hint}' of the guide for where this value comes from.",
                          hidden=kind != "username", form=self._form(target, kind))

    @staticmethod
    def _form(target: FixTarget, kind: str) -> ValueForm | None:
        """The form a typed value must have: an access key ID has AWS's, the very one the row
        `named_credential.aws_access_key` checks after the fix (a mistyped ID would make every
        signed request fail, and be written before that row could say so)."""
        if kind != "aws_access_key":
            return None
        source = target.param("named_credential.aws_access_key", "source") or "the key's owner"
        return ValueForm(pattern=KEY_ID.pattern, expected=KEY_ID_EXPECTED,
                         advice=f"Copy it again from {source}, exactly as given.")

    # -- apply ---------------------------------------------------------------------------------------
    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        name = payload["name"]
        rows = ctx.ops.query(f"SELECT Id, {', '.join(READ_FIELDS)} FROM {SOBJECT} WHERE DeveloperName = {soql_quote(name)}", tooling=True)
        row = rows[0] if rows else None
        before = {k: row.get(k) for k in READ_FIELDS} if row else None
        return [ComponentState(api="tooling", type=SOBJECT, name=name, record_id=row["Id"] if row else None, before=before)]

    def _provider_id(self, ctx: ExecContext, developer_name: str) -> str | None:
        rows = ctx.ops.query(f"SELECT Id FROM AuthProvider WHERE DeveloperName = {soql_quote(developer_name)}")
        return rows[0]["Id"] if rows else None

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        outcome = Outcome()
        name, fields, secrets = payload["name"], dict(payload["fields"]), dict(payload["secrets"])
        component = f"Named credential {name}"
        state = state_of(states, "tooling", SOBJECT, name)
        if state is None or state.before is None:
            metadata: dict[str, Any] = {"namedCredentialType": "Legacy"}
            for field, value in fields.items():
                metadata["authProvider" if field == "AuthProvider" else METADATA_NAMES[field]] = value
            for field, secret in secrets.items():
                value = ctx.secrets.get(secret)
                if value:
                    metadata[METADATA_NAMES[field]] = value
            ctx.ops.create(SOBJECT, {"FullName": name, "Metadata": metadata}, component, tooling=True)
            outcome.applied.append(ctx.applied(component, "named credential", MISSING, f"{fields.get('MasterLabel', name)} ({name})"))
            return outcome
        before = dict(state.before)
        changes: dict[str, Any] = {}
        for field, value in fields.items():
            if field == "AuthProvider":
                provider_id = self._provider_id(ctx, value)
                if provider_id and str(before.get("AuthProviderId") or "")[:15] != provider_id[:15]:
                    changes["AuthProviderId"] = provider_id
            elif not _same(field, before.get(field), value, bool(payload.get("strict_slash"))):
                changes[field] = value
        if "Username" in secrets and not before.get("Username") and (username := ctx.secrets.get(secrets["Username"])):
            changes["Username"] = username
        if not changes:
            return outcome
        ctx.ops.update(SOBJECT, str(state.record_id), changes, component, tooling=True)
        for field, value in changes.items():
            shown_after = SECRET_PLACEHOLDER if field == "Username" else value
            outcome.applied.append(ctx.applied(component, self._field_label(field), _shown(field, before.get(field)), _shown(field, shown_after)))
        return outcome
