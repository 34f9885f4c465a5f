"""The AWS checks against a real AWS API emulator: a configured account passes, and breaking each of
the guide's six "common audio streaming setup issues" fails exactly the check that covers it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from wizard.engine.results import Status
from wizard.providers.aws import cors, names
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.checks import (
    TROUBLESHOOTING,
    AwsCheckInputs,
    run_checks,
    salesforce_handoff,
)
from wizard.providers.aws.demo import DEMO_SECRET_VALUES, DemoAccount
from wizard.providers.aws.errors import AwsAccessError
from wizard.providers.aws.named_credential import named_credential_url_verdict
from wizard.providers.aws.pem import flatten_exactly, flatten_private_key
from wizard.providers.aws.snapshot import AwsSnapshot, AwsTarget, read_snapshot

from .conftest import LIGHTNING, ORIGINS, REGION, VF

FULL = AwsCheckInputs(org_origins=ORIGINS, concurrent_calls=500, want_transcripts=True, want_analysis=True, analysis_codes="snt,dl,kw,syn")


def check(access: AwsAccess, inputs: AwsCheckInputs = FULL) -> tuple[AwsSnapshot, dict[str, Status]]:
    snapshot = read_snapshot(access)
    return snapshot, {r.check_id: r.status for r in run_checks(snapshot, inputs)}


def test_configured_account_passes_every_check(access: AwsAccess, account: DemoAccount) -> None:
    snapshot = read_snapshot(access)
    results = run_checks(snapshot, FULL)
    assert {r.check_id: r.status for r in results if r.status is not Status.PASS} == {}
    assert all(r.guide_id == "amazon-connect" and r.evidence and r.expected and r.observed for r in results)
    by_id = {r.check_id: r for r in results}
    assert any("s3:GetBucketCors" in e.source for e in by_id["aws.bucket.cors"].evidence)
    assert any("cloudfront:GetDistributionConfig" in e.source for e in by_id["aws.cloudfront.edge_lambda"].evidence)
    assert snapshot.calls < 25  # one pass over the account, not one per check


def test_moto_gap_lambda_edge_associations_are_dropped(access: AwsAccess, account: DemoAccount) -> None:
    """moto keeps no LambdaFunctionAssociations; the tests bridge that one call with botocore's Stubber.

    If this starts failing, moto has learnt the API: remove EdgeBridge and this test.
    """
    direct = access.client("cloudfront").get_distribution_config(Id=account.distribution_id)
    assert direct["DistributionConfig"]["DefaultCacheBehavior"]["LambdaFunctionAssociations"]["Quantity"] == 0
    routed = access.call("cloudfront", "get_distribution_config", Id=account.distribution_id)
    assert routed["DistributionConfig"]["DefaultCacheBehavior"]["LambdaFunctionAssociations"]["Items"][0]["LambdaFunctionARN"] == account.edge_function_arn
    # The bridge answers with moto's own, current configuration: everything else comes from moto.
    assert routed["DistributionConfig"]["DefaultCacheBehavior"]["TrustedKeyGroups"] == direct["DistributionConfig"]["DefaultCacheBehavior"]["TrustedKeyGroups"]


# ---- ways to break each troubleshooting item ------------------------------------------------
def _rewrite_secret(access: AwsAccess, account: DemoAccount, **changes: str | None) -> None:
    document = json.loads(access.call("secretsmanager", "get_secret_value", SecretId=account.secret_arn)["SecretString"])
    for key, value in changes.items():
        if value is None:
            document.pop(key, None)
        else:
            document[key] = value
    access.call("secretsmanager", "put_secret_value", SecretId=account.secret_arn, SecretString=json.dumps(document))


def _edit_default_behavior(access: AwsAccess, account: DemoAccount, edit: Callable[[dict], None]) -> None:
    cloudfront = access.client("cloudfront")
    current = cloudfront.get_distribution_config(Id=account.distribution_id)
    config = current["DistributionConfig"]
    edit(config["DefaultCacheBehavior"])
    cloudfront.update_distribution(Id=account.distribution_id, IfMatch=current["ETag"], DistributionConfig=config)


def _new_public_key(access: AwsAccess, name: str) -> str:
    public = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return access.call("cloudfront", "create_public_key", PublicKeyConfig={"CallerReference": name, "Name": name, "EncodedKey": public})["PublicKey"]["Id"]


def break_missing_key_id(access: AwsAccess, account: DemoAccount) -> None:
    _rewrite_secret(access, account, **{names.SECRET_KEY_ID: None})


def break_missing_private_key(access: AwsAccess, account: DemoAccount) -> None:
    _rewrite_secret(access, account, **{names.SECRET_PRIVATE_KEY: ""})


def break_pkcs8_flattened_by_hand(access: AwsAccess, account: DemoAccount) -> None:
    pkcs8 = serialization.load_pem_private_key(account.private_key_pem.encode(), None).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    _rewrite_secret(access, account, **{names.SECRET_PRIVATE_KEY: flatten_exactly(pkcs8)})


def break_trailing_space(access: AwsAccess, account: DemoAccount) -> None:
    _rewrite_secret(access, account, **{names.SECRET_PRIVATE_KEY: flatten_private_key(account.private_key_pem) + " "})


def break_key_pair(access: AwsAccess, account: DemoAccount) -> None:
    """The key id names another public key that the trusted key group also holds: only the pair is wrong.

    (moto has no UpdateKeyGroup, so the behaviour switches to a new group holding both keys.)
    """
    other = _new_public_key(access, "other")
    both = access.call("cloudfront", "create_key_group", KeyGroupConfig={"Name": "both", "Items": [account.public_key_id, other]})["KeyGroup"]["Id"]

    def edit(behavior: dict) -> None:
        behavior["TrustedKeyGroups"] = {"Enabled": True, "Quantity": 1, "Items": [both]}

    _edit_default_behavior(access, account, edit)
    _rewrite_secret(access, account, **{names.SECRET_KEY_ID: other})


def break_no_key_groups(access: AwsAccess, account: DemoAccount) -> None:
    def edit(behavior: dict) -> None:
        behavior["TrustedKeyGroups"] = {"Enabled": False, "Quantity": 0}

    _edit_default_behavior(access, account, edit)


def break_wrong_key_group(access: AwsAccess, account: DemoAccount) -> None:
    other_group = access.call("cloudfront", "create_key_group", KeyGroupConfig={"Name": "another-app", "Items": [_new_public_key(access, "another-app")]})["KeyGroup"]["Id"]

    def edit(behavior: dict) -> None:
        behavior["TrustedKeyGroups"] = {"Enabled": True, "Quantity": 1, "Items": [other_group]}

    _edit_default_behavior(access, account, edit)


def break_no_edge_lambda(_access: AwsAccess, account: DemoAccount) -> None:
    account.bridge.associations[account.distribution_id] = []


def break_edge_wrong_role(access: AwsAccess, account: DemoAccount) -> None:
    trust = json.dumps({"Version": "2012-10-17", "Statement": []})
    role = access.call("iam", "create_role", RoleName="someOtherRole", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    access.call("lambda", "create_function", region="us-east-1", FunctionName="sfSig4RequestToS3Copy", Runtime="nodejs20.x", Role=role,
                Handler="index.handler", Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18})
    arn = access.call("lambda", "publish_version", region="us-east-1", FunctionName="sfSig4RequestToS3Copy")["FunctionArn"]
    account.bridge.associations[account.distribution_id] = [{"LambdaFunctionARN": arn, "EventType": "origin-request", "IncludeBody": False}]


def break_edge_viewer_request(_access: AwsAccess, account: DemoAccount) -> None:
    account.bridge.associations[account.distribution_id][0]["EventType"] = "viewer-request"


def break_cors_as_the_guide_prints_it(access: AwsAccess, account: DemoAccount) -> None:
    rule = cors.guide_rule([VF, cors.guide_lightning_entry("acme")])
    access.call("s3", "put_bucket_cors", Bucket=account.bucket, CORSConfiguration={"CORSRules": [rule]})


def break_no_cors(access: AwsAccess, account: DemoAccount) -> None:
    access.call("s3", "delete_bucket_cors", Bucket=account.bucket)


def break_no_generate_function(access: AwsAccess, account: DemoAccount) -> None:
    name = next(f["FunctionName"] for f in access.call("lambda", "list_functions")["Functions"] if "sfGenerateAudioRecording" in f["FunctionName"])
    access.call("lambda", "delete_function", FunctionName=name)


BREAKS = [
    (1, break_missing_key_id, "aws.secret.keys"),
    (1, break_missing_private_key, "aws.secret.keys"),
    (1, break_pkcs8_flattened_by_hand, "aws.secret.private_key"),
    (1, break_trailing_space, "aws.secret.private_key"),
    (1, break_key_pair, "aws.secret.key_pair"),
    (2, break_no_key_groups, "aws.cloudfront.trusted_key_groups"),
    (2, break_wrong_key_group, "aws.cloudfront.trusted_key_groups"),
    (3, break_no_edge_lambda, "aws.cloudfront.edge_lambda"),
    (3, break_edge_wrong_role, "aws.cloudfront.edge_lambda"),
    (3, break_edge_viewer_request, "aws.cloudfront.edge_lambda"),
    (4, break_cors_as_the_guide_prints_it, "aws.bucket.cors"),
    (4, break_no_cors, "aws.bucket.cors"),
    (5, break_no_generate_function, "aws.lambda.generate_function"),
]


@pytest.mark.parametrize(("item", "breaker", "failing"), BREAKS, ids=[b[1].__name__.removeprefix("break_") for b in BREAKS])
def test_breaking_one_item_fails_exactly_its_check(access: AwsAccess, account: DemoAccount, item: int, breaker: Callable, failing: str) -> None:
    assert failing in TROUBLESHOOTING[item - 1].checks
    breaker(access, account)
    _snapshot, statuses = check(access)
    not_ok = {cid: s for cid, s in statuses.items() if s not in (Status.PASS, Status.SKIPPED)}
    assert not_ok == {failing: Status.FAIL}


def test_item_5_named_credential_url_from_the_real_function(access: AwsAccess, account: DemoAccount) -> None:
    handoff = salesforce_handoff(read_snapshot(access))
    url, name = handoff["named_credential_url"], handoff["function_name"]
    assert url == f"https://lambda.{REGION}.amazonaws.com/2015-03-31/functions/{name}/invocations"
    assert named_credential_url_verdict(url, REGION, name).ok
    broken = named_credential_url_verdict(url + "/", REGION, name)  # the guide's own form
    assert not broken.ok and "breaks AWS Signature Version 4" in broken.problem


def test_item_6_is_checked_on_the_salesforce_side(access: AwsAccess, account: DemoAccount) -> None:
    item = TROUBLESHOOTING[5]
    assert item.side == "salesforce" and item.checks == ()
    assert salesforce_handoff(read_snapshot(access))["permission_set"] == "AC_CallRecording"


def test_secret_values_never_enter_the_snapshot(access: AwsAccess, account: DemoAccount) -> None:
    snapshot = read_snapshot(access)
    text = repr(snapshot) + json.dumps([r.model_dump(mode="json") for r in run_checks(snapshot, FULL)])
    body = "".join(account.private_key_pem.splitlines()[1:-1])
    assert all(chunk not in text for chunk in (body[:40], body[-40:], flatten_private_key(account.private_key_pem)[:80]))
    assert not any(value in text for value in DEMO_SECRET_VALUES.values())
    assert sorted(snapshot.secret.keys) == sorted([*DEMO_SECRET_VALUES, names.SECRET_PRIVATE_KEY, names.SECRET_KEY_ID])


def test_no_stack_in_the_region_says_which_region(aws, account: DemoAccount) -> None:
    elsewhere = aws.access("eu-central-1")
    results = {r.check_id: r for r in run_checks(read_snapshot(elsewhere), FULL)}
    stack = results["aws.stack.recording_import"]
    assert stack.status is Status.FAIL and "eu-central-1" in stack.observed and "--region" in stack.message


def test_named_stack_is_used_and_an_unknown_one_is_reported(access: AwsAccess, account: DemoAccount) -> None:
    assert read_snapshot(access, AwsTarget(account.stack_name)).stack.name == account.stack_name
    missing = run_checks(read_snapshot(access, AwsTarget("no-such-stack")), FULL, only={"aws.stack.recording_import"})
    assert missing[0].status is Status.FAIL


def test_two_lookalike_stacks_ask_for_a_choice(access: AwsAccess, account: DemoAccount) -> None:
    template = json.dumps({"Parameters": {p: {"Type": "String"} for p in names.STACK_SIGNATURE_PARAMS},
                           "Resources": {"H": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}})
    access.call("cloudformation", "create_stack", StackName="copy", TemplateBody=template,
                Parameters=[{"ParameterKey": p, "ParameterValue": "x"} for p in names.STACK_SIGNATURE_PARAMS])
    result = run_checks(read_snapshot(access), FULL, only={"aws.stack.recording_import"})[0]
    assert result.status is Status.ERROR and "--stack" in result.message


def test_cors_rule_is_honoured_by_the_emulator(access: AwsAccess, account: DemoAccount) -> None:
    """An end-to-end look at CORS: the emulator answers a browser-style GET with the allowed origin."""
    import urllib.request

    access.call("s3", "put_object", Bucket=account.bucket, Key="connect/rec.wav", Body=b"RIFF")
    url = access.client("s3").generate_presigned_url("get_object", Params={"Bucket": account.bucket, "Key": "connect/rec.wav"})
    request = urllib.request.Request(url, headers={"Origin": LIGHTNING})
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.headers["Access-Control-Allow-Origin"] == LIGHTNING


def test_credentials_problems_are_clear(aws, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    with pytest.raises(AwsAccessError) as caught:
        AwsAccess.from_profile("nobody", region=REGION)
    assert caught.value.problem.kind == "profile_not_found"
    nobody = AwsAccess.from_profile(None, region=REGION, endpoints={"*": aws.url})
    with pytest.raises(AwsAccessError) as caught:
        read_snapshot(nobody)
    assert caught.value.problem.kind == "no_credentials" and "aws keys set" in caught.value.problem.action
    with pytest.raises(AwsAccessError, match="did you mean us-west-2"):
        AwsAccess.from_profile(None, region="us-wset-2")


def test_profile_from_the_standard_chain(aws, account: DemoAccount, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "aws-credentials").write_text("[eci-test]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
    (tmp_path / "aws-config").write_text(f"[profile eci-test]\nregion = {REGION}\n")
    chained = AwsAccess.from_profile("eci-test", endpoints={"*": aws.url})
    assert chained.region == REGION and chained.source == "profile eci-test"
    assert read_snapshot(chained).stack.name == account.stack_name


def test_keys_from_the_keyring(aws, account: DemoAccount) -> None:
    from wizard.providers.aws.access import forget_keys, save_keys

    with pytest.raises(AwsAccessError, match="eci-wizard aws keys set"):
        AwsAccess.from_keyring("setup", region=REGION, endpoints={"*": aws.url})
    save_keys("setup", "AKIAEXAMPLEEXAMPLE01", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    from_keyring = AwsAccess.from_keyring("setup", region=REGION, endpoints={"*": aws.url})
    snapshot = read_snapshot(from_keyring)
    assert snapshot.credential_source == "keys from the keyring (setup)"
    reminder = run_checks(snapshot, FULL, only={"aws.iam.setup_keys"})[0]
    assert "aws keys forget" in reminder.message
    # Right in both places: the window's button and the command with the label the keys are saved under.
    assert "“Forget saved keys” in the wizard's AWS panel or with 'eci-wizard aws keys forget --label setup'" in reminder.message
    assert forget_keys("setup") and not forget_keys("setup")


def test_leftover_setup_key_after_the_named_credential_works(access: AwsAccess, account: DemoAccount) -> None:
    """moto reports every key as never used (ServiceName N/A), so IAM's last-use answer comes from
    botocore's Stubber for that one call; the keys themselves are moto's."""
    from datetime import UTC, datetime

    from botocore.stub import Stubber

    access.call("iam", "create_access_key", UserName=account.user_name)  # a second key, made during the setup
    keys = [k["AccessKeyId"] for k in access.call("iam", "list_access_keys", UserName=account.user_name)["AccessKeyMetadata"]]
    stub_client = access.session.client("iam", region_name="us-east-1", endpoint_url=access.endpoints["*"])
    stubber = Stubber(stub_client)
    stubber.activate()
    last_used = {keys[0]: {"ServiceName": "lambda", "Region": REGION, "LastUsedDate": datetime(2026, 11, 2, tzinfo=UTC)},
                 keys[1]: {"ServiceName": "N/A", "Region": "N/A"}}

    def provider(params: dict) -> object:
        stubber.add_response("get_access_key_last_used", {"UserName": account.user_name, "AccessKeyLastUsed": last_used[params["AccessKeyId"]]}, params)
        return stub_client

    access.route("iam", "get_access_key_last_used", provider)
    result = run_checks(read_snapshot(access), FULL, only={"aws.iam.setup_keys"})[0]
    assert result.status is Status.WARN
    assert f"works with {keys[0][:4]}…{keys[0][-4:]}" in result.message and f"{keys[1][:4]}…{keys[1][-4:]} (never used)" in result.message
    assert result.fix and result.fix.console_url.endswith(f"{account.user_name}?section=security_credentials")
