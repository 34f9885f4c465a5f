"""Legacy named credentials: ECI's, Aircall's, RingCentral's, Natterbox's S3 and the Lambda one.

All named credentials are read with one Tooling query (the Tooling object has the protocol,
scope and user name columns the data API lacks).
"""

from __future__ import annotations

from typing import Any

from wizard.checks.auth_provider import AUTH_PROVIDERS
from wizard.checks.common import (
    checkboxes_verdict,
    compare,
    failed,
    missing,
    my_domain_of,
    normalise_scopes,
    passed,
    row_named,
    shown,
    url_equal,
    wanted_checkboxes,
)
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine import fact_evidence
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import SoqlRead

NAMED_CREDENTIALS = SoqlRead(
    "SELECT Id, DeveloperName, MasterLabel, Endpoint, PrincipalType, Protocol, AuthProviderId, OauthScope, "
    "Username, AwsRegion, AwsService, GenerateAuthorizationHeader, AllowMergeFieldsInHeader, AllowMergeFieldsInBody "
    "FROM NamedCredential",
    api="tooling",
)
PROTOCOL_LABELS = {
    "Oauth": "OAuth 2.0",
    "Password": "Password Authentication",
    "AwsSv4": "AWS Signature Version 4",
    "NoAuthentication": "No Authentication",
    "Jwt": "JWT",
    "JwtExchange": "JWT Token Exchange",
}
PRINCIPAL_LABELS = {"NamedUser": "Named Principal", "NamedPrincipal": "Named Principal", "PerUser": "Per User", "Anonymous": "Anonymous"}
OPTION_FIELDS = {
    "generate_authorization_header": ("GenerateAuthorizationHeader", "Generate Authorization Header"),
    "allow_merge_fields_in_header": ("AllowMergeFieldsInHeader", "Allow Merge Fields in HTTP Header"),
    "allow_merge_fields_in_body": ("AllowMergeFieldsInBody", "Allow Merge Fields in HTTP Body"),
}


def find_named_credential(ctx: CheckContext, name: str | None = None) -> dict[str, Any] | None:
    return row_named(ctx.snapshot.records(NAMED_CREDENTIALS), name or str(ctx.param("name")))


def _nc_or_missing(ctx: CheckContext, expected: Any) -> dict[str, Any] | Verdict:
    row = find_named_credential(ctx)
    return row if row is not None else missing(f"The named credential {ctx.param('name')}", expected)


LAMBDA_URL_PATTERN = "https://lambda.{region}.amazonaws.com/2015-03-31/functions/{function}/invocations"


def _expected_url(params: Params, facts: OrgFacts | None) -> str:
    if params.get("my_domain"):
        return my_domain_of(facts)
    if params.get("environments"):
        return " or ".join(f"{e}: {v}" for e, v in params["environments"].items())
    if params.get("lambda_invocations"):
        return LAMBDA_URL_PATTERN
    return str(params["url"])


def lambda_url(region: str, function_name: str) -> str:
    """The Lambda invocation URL the Amazon Connect guide gives, without the trailing slash."""
    return f"https://lambda.{region}.amazonaws.com/2015-03-31/functions/{function_name}/invocations"


def _exists_expected(params: Params, facts: OrgFacts | None) -> str:
    return f"{params.get('label', params['name'])} ({params['name']})"


@check("named_credential.exists", reads=lambda params, facts: [NAMED_CREDENTIALS], expected=_exists_expected)
def exists(ctx: CheckContext) -> Verdict:
    """The named credential exists with the guide's name."""
    expected = _exists_expected(ctx.params, ctx.facts)
    row = _nc_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    return passed(expected, f"{row.get('MasterLabel')} ({row.get('DeveloperName')})", "The named credential exists.")


@check("named_credential.url", reads=lambda params, facts: [NAMED_CREDENTIALS], expected=_expected_url,
       facts=lambda params: (fact_evidence.MY_DOMAIN,) if params.get("my_domain") else ())
def url(ctx: CheckContext) -> Verdict:
    """The URL: a fixed one, the org's My Domain, one environment's, or the Lambda invocation URL."""
    row = _nc_or_missing(ctx, _expected_url(ctx.params, ctx.facts))
    if isinstance(row, Verdict):
        return row
    observed = row.get("Endpoint") or ""
    if ctx.param("my_domain"):
        expected = ctx.facts.my_domain_url
        return compare(expected, observed, "The URL", equal=url_equal(expected, observed))
    if ctx.param("environments"):
        envs: dict[str, str] = ctx.param("environments")
        for env, value in envs.items():
            if url_equal(value, observed):
                return passed(f"{env}: {value}", observed, f"The URL is the {env} one.")
        return failed(" or ".join(f"{e}: {v}" for e, v in envs.items()), observed, _url_mismatch(observed, envs, ctx.param("other_environments", {})))
    if ctx.param("lambda_invocations"):
        expected = LAMBDA_URL_PATTERN
        if observed.endswith("/"):
            return failed(expected, observed, "The URL ends with a slash, which breaks AWS request signing; remove it.")
        parts = observed.split("/")
        ok = observed.startswith("https://lambda.") and ".amazonaws.com/2015-03-31/functions/" in observed and parts[-1] == "invocations"
        return compare(expected, observed, "The URL", equal=ok)
    expected = str(ctx.param("url"))
    return compare(expected, observed, "The URL", equal=url_equal(expected, observed))


def _url_mismatch(observed: str, accepted: dict[str, str], others: dict[str, str]) -> str:
    """Why an environment URL fails, true to what the org has: another known environment's URL, or none.

    A row that accepts only one environment (the graduation row expects production) names the one
    the org is on, instead of claiming the sandbox URL matches no environment.
    """
    wanted = " or ".join(f"the {env} one ({value})" for env, value in accepted.items())
    for env, value in others.items():
        if env not in accepted and url_equal(value, observed):
            return (f"The URL is the {env} one ({observed}); this setting expects {wanted}. When the app moves to "
                    f"{' or '.join(accepted)}, set the named credential's URL to that one.")
    known = {**others, **accepted}
    return f"The URL {observed or '(empty)'} is none of the known ones ({', '.join(known)}); set it to {wanted}."


def _auth_expected(params: Params, facts: OrgFacts | None) -> str:
    want_protocol = str(params.get("protocol"))
    expected = [f"Identity Type: {PRINCIPAL_LABELS.get(str(params.get('principal_type')), params.get('principal_type'))}",
                f"Authentication Protocol: {PROTOCOL_LABELS.get(want_protocol, want_protocol)}"]
    if params.get("auth_provider"):
        expected.append(f"Authentication Provider: {params['auth_provider']}")
    if params.get("scope"):
        expected.append(f"Scope: {params['scope']}")
    return "; ".join(expected)


@check("named_credential.auth", reads=lambda params, facts: [NAMED_CREDENTIALS, AUTH_PROVIDERS], expected=_auth_expected)
def auth(ctx: CheckContext) -> Verdict:
    """Identity type, protocol, and for OAuth the auth provider and scope."""
    want_protocol = str(ctx.param("protocol"))
    expected = _auth_expected(ctx.params, ctx.facts)
    row = _nc_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    observed = [f"Identity Type: {PRINCIPAL_LABELS.get(str(row.get('PrincipalType')), shown(row.get('PrincipalType')))}",
                f"Authentication Protocol: {PROTOCOL_LABELS.get(str(row.get('Protocol')), shown(row.get('Protocol')))}"]
    ok = PRINCIPAL_LABELS.get(str(row.get("PrincipalType"))) == PRINCIPAL_LABELS.get(str(ctx.param("principal_type"))) and row.get("Protocol") == want_protocol
    if ctx.param("auth_provider"):
        provider_name = next((p.get("DeveloperName") for p in ctx.snapshot.records(AUTH_PROVIDERS) if p.get("Id") == row.get("AuthProviderId")), None)
        observed.append(f"Authentication Provider: {shown(provider_name)}")
        ok = ok and provider_name == ctx.param("auth_provider")
    if ctx.param("scope"):
        observed.append(f"Scope: {shown(row.get('OauthScope'))}")
        ok = ok and normalise_scopes(ctx.param("scope")) == normalise_scopes(row.get("OauthScope"))
    return compare(expected, "; ".join(observed), "Authentication", equal=ok)


@check("named_credential.options", reads=lambda params, facts: [NAMED_CREDENTIALS],
       expected=lambda params, facts: wanted_checkboxes(params, OPTION_FIELDS)[1])
def options(ctx: CheckContext) -> Verdict:
    """Generate Authorization Header and the merge-field options."""
    wanted, expected = wanted_checkboxes(ctx.params, OPTION_FIELDS)
    row = _nc_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    return checkboxes_verdict(row, wanted, expected, OPTION_FIELDS, "The options")


AWS_FIELDS = {"region": "AWS Region", "service": "AWS Service"}


def _aws_expected(params: Params, facts: OrgFacts | None) -> str:
    return "; ".join(f"{label}: {params[key]}" for key, label in AWS_FIELDS.items() if params.get(key))


@check("named_credential.aws", reads=lambda params, facts: [NAMED_CREDENTIALS], expected=_aws_expected)
def aws(ctx: CheckContext) -> Verdict:
    """AWS Region and AWS Service of a Signature Version 4 credential."""
    wanted = AWS_FIELDS
    expected = _aws_expected(ctx.params, ctx.facts)
    row = _nc_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    fields = {"region": "AwsRegion", "service": "AwsService"}
    observed = "; ".join(f"{label}: {shown(row.get(fields[key]))}" for key, label in wanted.items() if ctx.param(key))
    return compare(expected, observed, "The AWS settings")


@check("named_credential.username", reads=lambda params, facts: [NAMED_CREDENTIALS],
       expected=lambda params, facts: f"{params.get('meaning', 'the user name')} as user name")
def username(ctx: CheckContext) -> Verdict:
    """A user name is set (for Aircall: the API ID)."""
    meaning = ctx.param("meaning", "the user name")
    row = _nc_or_missing(ctx, f"{meaning} as user name")
    if isinstance(row, Verdict):
        return row
    if row.get("Username"):
        return passed(f"{meaning} as user name", "set", f"A user name is set; it should be {meaning}.")
    return failed(f"{meaning} as user name", "(not set)", f"The user name is empty; enter {meaning}.")
