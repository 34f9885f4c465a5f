"""Legacy named credentials: ECI's, Aircall's, RingCentral's, Natterbox's S3 and the Lambda one.

All named credentials are read with one Tooling query (the Tooling object has the protocol,
scope and user name columns the data API lacks).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from wizard.checks.auth_provider import AUTH_PROVIDERS, ENDPOINT_FIELDS, find_auth_provider
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
    warned,
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
#: A Lambda invocation URL without a trailing slash: its region and its function segment.
LAMBDA_URL = re.compile(r"https://lambda\.(?P<region>[^./]+)\.amazonaws\.com/2015-03-31/functions/(?P<function>[^/]+)/invocations")
#: CloudFormation shortens a long logical id inside the name it gives a function, keeping its start;
#: this many characters of the guide's function name survive (the AWS reader searches the same way).
KEPT_BY_CLOUDFORMATION = 24


def lambda_url_parts(url: str | None) -> tuple[str, str] | None:
    """(region, function segment) of a Lambda invocation URL, or None for any other URL."""
    match = LAMBDA_URL.fullmatch((url or "").strip())
    return (match.group("region"), match.group("function")) if match else None


def names_function(segment: str, function: str) -> bool:
    """Whether a URL's function segment is a full name of `function`, perhaps as CloudFormation shortened it.

    Lambda names are case-sensitive, so the letters must match as written.
    """
    return function in segment or function[:KEPT_BY_CLOUDFORMATION] in segment


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
        return _lambda_url(observed, ctx.param("function"))
    expected = str(ctx.param("url"))
    return compare(expected, observed, "The URL", equal=url_equal(expected, observed))


def _lambda_url(observed: str, function: str | None) -> Verdict:
    """The Lambda invocation URL: its shape, no trailing slash, and a function segment naming `function`.

    Salesforce alone cannot know the function's full name (the AWS reader can, and then replaces
    this verdict); it can see a segment that is not the guide's function at all, which would
    send every streaming request to some other Lambda.
    """
    expected = LAMBDA_URL_PATTERN
    if observed.endswith("/"):
        return failed(expected, observed, "The URL ends with a slash, which breaks AWS request signing; remove it.")
    parts = lambda_url_parts(observed)
    if parts is None:
        return compare(expected, observed, "The URL", equal=False)
    segment = parts[1]
    if function and not names_function(segment, function):
        case = " Only the letter case differs, and Lambda names are case-sensitive." if names_function(segment.lower(), function.lower()) else ""
        return warned(expected, observed,
                      f"The URL's function is {segment}, a name that does not contain {function}.{case} In the Lambda console "
                      f"search for sfgenerate and put the full name of the {function} function in the URL.")
    return passed(expected, observed, "The URL is set as the guide asks.")


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
REGION_IN_URL = "the region in the URL"


def _aws_wanted(params: Params, url_region: str | None = None) -> dict[str, str]:
    """Field key -> the value the guide asks for; with `region_in_url`, the URL's region (or its description)."""
    wanted = {key: str(params[key]) for key in AWS_FIELDS if params.get(key)}
    if params.get("region_in_url"):
        wanted["region"] = f"{url_region} ({REGION_IN_URL})" if url_region else REGION_IN_URL
    return {key: wanted[key] for key in AWS_FIELDS if key in wanted}


def _aws_expected(params: Params, facts: OrgFacts | None) -> str:
    return "; ".join(f"{AWS_FIELDS[key]}: {value}" for key, value in _aws_wanted(params).items())


@check("named_credential.aws", reads=lambda params, facts: [NAMED_CREDENTIALS], expected=_aws_expected)
def aws(ctx: CheckContext) -> Verdict:
    """AWS Region and AWS Service of a Signature Version 4 credential.

    With `region_in_url` the region is the one the credential's own URL calls: Salesforce signs each
    request for the AWS Region field, and AWS rejects a signature made for another region than the
    endpoint's, the same failure the URL's trailing slash causes.
    """
    row = _nc_or_missing(ctx, _aws_expected(ctx.params, ctx.facts))
    if isinstance(row, Verdict):
        return row
    fields = {"region": "AwsRegion", "service": "AwsService"}
    url_parts = lambda_url_parts(str(row.get("Endpoint") or "").rstrip("/")) if ctx.param("region_in_url") else None
    url_region = url_parts[0] if url_parts else None
    wanted = _aws_wanted(ctx.params, url_region)
    expected = "; ".join(f"{AWS_FIELDS[key]}: {value}" for key, value in wanted.items())
    observed = "; ".join(f"{AWS_FIELDS[key]}: {shown(row.get(fields[key]))}" for key in wanted)
    if not ctx.param("region_in_url"):
        return compare(expected, observed, "The AWS settings")
    have_region, have_service = str(row.get("AwsRegion") or ""), row.get("AwsService")
    problems = []
    if "service" in wanted and have_service != wanted["service"]:
        problems.append(f"The AWS Service is {shown(have_service)}; set it to {wanted['service']}.")
    if not have_region:
        problems.append(f"The AWS Region is empty; enter the region your serverless application runs in"
                        f"{f', {url_region}, as in the URL' if url_region else ''}.")
    elif url_region and have_region != url_region:
        problems.append(f"The AWS Region is {have_region}, but the URL calls the Lambda in {url_region}; AWS rejects a request "
                        f"signed for another region. Use the region your serverless application runs in, in both places.")
    if problems:
        return failed(expected, observed, " ".join(problems))
    if url_region is None:
        return warned(expected, observed, f"The URL names no Lambda region, so the AWS Region {have_region} cannot be compared with it; "
                                          "correct the URL first (the URL row of this page says how).")
    return passed(expected, observed, "The AWS Service is set as the guide asks, and the AWS Region is the one the URL calls.")


def _environment_of_url(url: str | None, environments: dict[str, dict[str, str]]) -> str | None:
    return next((env for env, urls in environments.items() if url_equal(url, urls.get("url"))), None)


def _environment_of_endpoints(row: dict[str, Any], environments: dict[str, dict[str, str]]) -> str | None:
    """The environment whose authorize, token and user info endpoints the provider has, all of them."""
    for env, urls in environments.items():
        keys = [key for key in ENDPOINT_FIELDS if key in urls]
        if keys and all(url_equal(row.get(ENDPOINT_FIELDS[key][0]), urls[key]) for key in keys):
            return env
    return None


def _hosts(*urls: Any) -> str:
    """The hosts of some URLs, each once: where the requests go, without a path that does not matter here."""
    found = [urlsplit(str(u)).hostname or str(u) for u in urls if u]
    return ", ".join(dict.fromkeys(found)) or "(not set)"


def _same_environment_expected(params: Params, facts: OrgFacts | None) -> str:
    envs = list(params.get("environments", {}))
    return ("Auth provider endpoints and named credential URL on the same environment: "
            + " or ".join(f"both {env}" for env in envs))


@check("named_credential.same_environment", reads=lambda params, facts: [NAMED_CREDENTIALS, AUTH_PROVIDERS],
       expected=_same_environment_expected)
def same_environment(ctx: CheckContext) -> Verdict:
    """The named credential's URL and its auth provider's endpoints belong to one environment.

    Each of the two may be right on its own (sandbox or production) and the pair still fail: a token
    the sandbox issues is refused by the production platform, and the other way round.
    """
    environments: dict[str, dict[str, str]] = ctx.param("environments", {})
    expected = _same_environment_expected(ctx.params, ctx.facts)
    row = _nc_or_missing(ctx, expected)
    if isinstance(row, Verdict):
        return row
    provider_name = str(ctx.param("auth_provider"))
    provider = find_auth_provider(ctx, provider_name)
    if provider is None:
        return missing(f"The auth provider with URL suffix {provider_name}", expected)
    endpoints = [provider.get(field) for field, _label in ENDPOINT_FIELDS.values()]
    provider_env = _environment_of_endpoints(provider, environments)
    url_env = _environment_of_url(row.get("Endpoint"), environments)
    if provider_env is not None and provider_env == url_env:
        # The observed value names hosts only, so two orgs on different environments compare alike.
        return passed(expected, f"Auth provider endpoints and named credential URL: {_hosts(*endpoints, row.get('Endpoint'))}",
                      f"The auth provider and the named credential both use {ctx.param('provider', 'the provider')}'s {provider_env} platform.")
    provider_seen = f"{provider_env or 'not one environment'} ({_hosts(*endpoints)})"
    url_seen = f"{url_env or 'neither environment'} ({_hosts(row.get('Endpoint'))})"
    observed = f"Auth provider {provider_name} endpoints: {provider_seen}; named credential {ctx.param('name')} URL: {url_seen}"
    if provider_env is None or url_env is None:
        which = ("the auth provider's endpoints are not all one environment's (correct them on the auth provider's page)"
                 if provider_env is None else "the named credential's URL is neither environment's (correct it in the URL row above)")
        return warned(expected, observed, f"The two cannot be compared yet: {which}. This row compares them once both are known.")
    vendor = ctx.param("provider", "the provider")
    return failed(expected, observed,
                  f"The auth provider signs in on {vendor}'s {provider_env} platform, but the named credential calls its {url_env} "
                  f"platform, which refuses a {provider_env} token. Check whether your {vendor} app is a sandbox or a production app, "
                  "then change whichever of the two does not match it: the auth provider's endpoints or the named credential's URL.")


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
