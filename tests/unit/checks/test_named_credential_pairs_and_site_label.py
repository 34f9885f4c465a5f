"""Settings judged against each other, on hand-built snapshots.

The Lambda named credential's AWS Region against the region its URL calls (a mismatch breaks AWS
Signature Version 4), its URL's function against the guide's sfGenerateAudioRecordingStreaming,
RingCentral's auth provider against its named credential (one environment for both), and the
Salesforce Site's label against the guide's.
"""

from __future__ import annotations

from wizard.checks.auth_provider import AUTH_PROVIDERS
from wizard.checks.named_credential import NAMED_CREDENTIALS
from wizard.checks.registry import CheckContext, describe_check, get_check
from wizard.checks.site import SITES
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import MetadataRead
from wizard.engine.results import Status
from wizard.engine.snapshot import OrgSnapshot

FACTS = OrgFacts(org_id="00D000000000001AAA", name="Acme", edition="Enterprise Edition", is_sandbox=False,
                 instance_url="https://acme.my.salesforce.com", my_domain_url="https://acme.my.salesforce.com", api_version="63.0")
LAMBDA = "AwsGenerateAudioRecordingURL"
URL = "https://lambda.us-west-2.amazonaws.com/2015-03-31/functions/{}/invocations"
AWS = {"name": LAMBDA, "service": "lambda", "region_in_url": True}
URL_PARAMS = {"name": LAMBDA, "lambda_invocations": True, "function": "sfGenerateAudioRecordingStreaming"}


def judge(name: str, params: dict, snapshot: OrgSnapshot):
    return get_check(name).judge(CheckContext(snapshot, params))


def lambda_credential(**fields: str) -> OrgSnapshot:
    row = {"DeveloperName": LAMBDA, "Endpoint": URL.format("Stack-sfGenerateAudioRecordingStreaming-1A"), "AwsRegion": "us-west-2",
           "AwsService": "lambda", **fields}
    return OrgSnapshot(facts=FACTS, queries={NAMED_CREDENTIALS: [row]})


# --- the AWS Region and the URL's region ---------------------------------------------------------


def test_the_aws_region_of_the_url_passes() -> None:
    verdict = judge("named_credential.aws", AWS, lambda_credential())
    assert verdict.status == Status.PASS
    assert verdict.expected == "AWS Region: us-west-2 (the region in the URL); AWS Service: lambda"
    assert verdict.observed == "AWS Region: us-west-2; AWS Service: lambda"


def test_another_aws_region_than_the_urls_fails_naming_both() -> None:
    verdict = judge("named_credential.aws", AWS, lambda_credential(AwsRegion="eu-west-1"))
    assert verdict.status == Status.FAIL
    assert verdict.observed == "AWS Region: eu-west-1; AWS Service: lambda"
    assert "us-west-2 (the region in the URL)" in verdict.expected
    assert "The AWS Region is eu-west-1, but the URL calls the Lambda in us-west-2" in verdict.message


def test_the_region_is_read_from_a_url_with_the_trailing_slash_too() -> None:
    """The slash fails the URL row; the region row still compares the region the URL names."""
    url = URL.format("sfGenerateAudioRecordingStreaming") + "/"
    assert judge("named_credential.aws", AWS, lambda_credential(Endpoint=url, AwsRegion="us-east-1")).status == Status.FAIL
    assert judge("named_credential.aws", AWS, lambda_credential(Endpoint=url)).status == Status.PASS


def test_an_empty_region_fails_and_names_the_urls() -> None:
    verdict = judge("named_credential.aws", AWS, lambda_credential(AwsRegion=""))
    assert verdict.status == Status.FAIL and verdict.observed.startswith("AWS Region: (not set)")
    assert "us-west-2, as in the URL" in verdict.message


def test_a_url_without_a_lambda_region_leaves_the_region_uncompared() -> None:
    verdict = judge("named_credential.aws", AWS, lambda_credential(Endpoint="https://example.com/invoke"))
    assert verdict.status == Status.WARN
    assert "cannot be compared" in verdict.message and "correct the URL first" in verdict.message


def test_a_wrong_service_fails_whatever_the_region() -> None:
    verdict = judge("named_credential.aws", AWS, lambda_credential(AwsService="s3"))
    assert verdict.status == Status.FAIL and "The AWS Service is s3; set it to lambda." in verdict.message


def test_a_fixed_region_is_still_compared_as_the_guide_gives_it() -> None:
    """Natterbox's S3 credential names its region; that comparison is unchanged."""
    row = {"DeveloperName": "NatterboxS3AWS", "AwsRegion": "us-east-1", "AwsService": "s3"}
    verdict = judge("named_credential.aws", {"name": "NatterboxS3AWS", "region": "eu-west-1", "service": "s3"},
                    OrgSnapshot(facts=FACTS, queries={NAMED_CREDENTIALS: [row]}))
    assert verdict.status == Status.FAIL and verdict.observed == "AWS Region: us-east-1; AWS Service: s3"


def test_a_missing_credential_states_the_same_expected_value_as_the_catalogue() -> None:
    verdict = judge("named_credential.aws", AWS, OrgSnapshot(facts=FACTS, queries={NAMED_CREDENTIALS: []}))
    assert verdict.status == Status.FAIL and verdict.observed == "(missing)"
    assert verdict.expected == describe_check("named_credential.aws", AWS) == "AWS Region: the region in the URL; AWS Service: lambda"


# --- the URL's function ---------------------------------------------------------------------------


def test_the_guides_function_passes_also_as_cloudformation_shortens_it() -> None:
    for name in ("sfGenerateAudioRecordingStreaming", "AmazonConnectSfLambdas-sfGenerateAudioRecordingStreaming-DEMO01",
                 "serverlessrepo-AmazonConnectSal-sfGenerateAudioRecording-1A2B3C4D5E6F"):
        assert judge("named_credential.url", URL_PARAMS, lambda_credential(Endpoint=URL.format(name))).status == Status.PASS, name


def test_another_function_warns_and_says_how_to_find_the_right_one() -> None:
    verdict = judge("named_credential.url", URL_PARAMS, lambda_credential(Endpoint=URL.format("Stack-sfCTRTrigger-1A")))
    assert verdict.status == Status.WARN and verdict.observed == URL.format("Stack-sfCTRTrigger-1A")
    assert "Stack-sfCTRTrigger-1A" in verdict.message and "search for sfgenerate" in verdict.message


def test_a_function_in_other_letter_case_warns_that_names_are_case_sensitive() -> None:
    verdict = judge("named_credential.url", URL_PARAMS, lambda_credential(Endpoint=URL.format("stack-sfgenerateaudiorecordingstreaming-1a")))
    assert verdict.status == Status.WARN and "case-sensitive" in verdict.message


def test_the_trailing_slash_still_fails_first() -> None:
    url = URL.format("sfGenerateAudioRecordingStreaming") + "/"
    verdict = judge("named_credential.url", URL_PARAMS, lambda_credential(Endpoint=url))
    assert verdict.status == Status.FAIL and "slash" in verdict.message


# --- RingCentral: one environment for the auth provider and the named credential ------------------

SANDBOX = "https://platform.devtest.ringcentral.com"
PRODUCTION = "https://platform.ringcentral.com"
ENVIRONMENTS = {
    env: {"url": host + ("/" if env == "sandbox" else ""), "authorize_url": f"{host}/restapi/oauth/authorize",
          "token_url": f"{host}/restapi/oauth/token", "user_info_url": f"{host}/restapi/oauth/userinfo"}
    for env, host in (("sandbox", SANDBOX), ("production", PRODUCTION))
}
PAIR = {"name": "Ring_Central", "auth_provider": "Ring_Central", "provider": "RingCentral", "environments": ENVIRONMENTS}


def ringcentral(provider_host: str | None, url: str | None, token_host: str | None = None) -> OrgSnapshot:
    providers = [] if provider_host is None else [{
        "DeveloperName": "Ring_Central", "AuthorizeUrl": f"{provider_host}/restapi/oauth/authorize",
        "TokenUrl": f"{token_host or provider_host}/restapi/oauth/token", "UserInfoUrl": f"{provider_host}/restapi/oauth/userinfo"}]
    credentials = [] if url is None else [{"DeveloperName": "Ring_Central", "Endpoint": url}]
    return OrgSnapshot(facts=FACTS, queries={NAMED_CREDENTIALS: credentials, AUTH_PROVIDERS: providers})


def test_one_environment_for_both_passes_with_hosts_alone_observed() -> None:
    """The observed value names hosts, not environments, so a sandbox org and its production org compare alike."""
    for host, url in ((SANDBOX, SANDBOX + "/"), (PRODUCTION, PRODUCTION)):
        verdict = judge("named_credential.same_environment", PAIR, ringcentral(host, url))
        assert verdict.status == Status.PASS, verdict
        assert verdict.observed == f"Auth provider endpoints and named credential URL: {host.removeprefix('https://')}"
        assert "sandbox" not in verdict.observed and "production" not in verdict.observed


def test_sandbox_endpoints_with_the_production_url_fail_naming_both_environments() -> None:
    verdict = judge("named_credential.same_environment", PAIR, ringcentral(SANDBOX, PRODUCTION))
    assert verdict.status == Status.FAIL
    assert verdict.observed == ("Auth provider Ring_Central endpoints: sandbox (platform.devtest.ringcentral.com); "
                                "named credential Ring_Central URL: production (platform.ringcentral.com)")
    assert verdict.expected == "Auth provider endpoints and named credential URL on the same environment: both sandbox or both production"
    assert "signs in on RingCentral's sandbox platform, but the named credential calls its production platform" in verdict.message
    assert "the auth provider's endpoints or the named credential's URL" in verdict.message
    reverse = judge("named_credential.same_environment", PAIR, ringcentral(PRODUCTION, SANDBOX + "/"))
    assert reverse.status == Status.FAIL and "production (platform.ringcentral.com); named credential" in reverse.observed


def test_mixed_endpoints_or_an_unknown_url_warn_that_nothing_can_be_compared_yet() -> None:
    mixed = judge("named_credential.same_environment", PAIR, ringcentral(SANDBOX, SANDBOX + "/", token_host=PRODUCTION))
    assert mixed.status == Status.WARN and "endpoints: not one environment" in mixed.observed
    assert "auth provider's endpoints are not all one environment's" in mixed.message
    unknown = judge("named_credential.same_environment", PAIR, ringcentral(SANDBOX, "https://platform.ringcentral.example"))
    assert unknown.status == Status.WARN and "URL: neither environment (platform.ringcentral.example)" in unknown.observed


def test_a_missing_side_fails_as_missing_with_the_catalogue_expected_value() -> None:
    expected = describe_check("named_credential.same_environment", PAIR)
    for snapshot, what in ((ringcentral(SANDBOX, None), "named credential"), (ringcentral(None, SANDBOX), "auth provider")):
        verdict = judge("named_credential.same_environment", PAIR, snapshot)
        assert verdict.status == Status.FAIL and verdict.observed == "(missing)" and what in verdict.message
        assert verdict.expected == expected


# --- the Salesforce Site's label ------------------------------------------------------------------

SITE = {"name": "VoiceConnector", "label": "VoiceConnector"}


def site(label: str | None) -> OrgSnapshot:
    component = None if label is None else {"fullName": "VoiceConnector", "masterLabel": label}
    return OrgSnapshot(facts=FACTS, queries={SITES: []}, components={("CustomSite", "VoiceConnector"): component})


def test_the_guides_site_label_passes() -> None:
    verdict = judge("site.exists", SITE, site("VoiceConnector"))
    assert verdict.status == Status.PASS and verdict.observed == verdict.expected == "VoiceConnector (VoiceConnector)"


def test_another_site_label_warns_with_the_label_the_org_has() -> None:
    verdict = judge("site.exists", SITE, site("Voice Connector"))
    assert verdict.status == Status.WARN and verdict.observed == "Voice Connector (VoiceConnector)"
    assert "Site Label is Voice Connector; the guide asks for VoiceConnector" in verdict.message


def test_a_missing_site_states_label_and_name() -> None:
    verdict = judge("site.exists", SITE, site(None))
    assert verdict.status == Status.FAIL and verdict.expected == describe_check("site.exists", SITE) == "VoiceConnector (VoiceConnector)"
    assert MetadataRead("CustomSite", ("VoiceConnector",)) in get_check("site.exists").reads(SITE, FACTS)
