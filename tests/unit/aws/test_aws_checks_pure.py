"""AWS check logic on hand-built snapshots: thresholds and states an emulator cannot produce."""

from __future__ import annotations

from datetime import UTC, datetime

from wizard.engine.results import Status
from wizard.providers.aws import names
from wizard.providers.aws.checks import (
    CHECKS,
    GUIDE_SETTINGS,
    TROUBLESHOOTING,
    AwsCheckInputs,
    run_checks,
)
from wizard.providers.aws.snapshot import (
    AccessKeyFacts,
    AwsSnapshot,
    BucketFacts,
    FunctionFacts,
    IamUserFacts,
    ReadIssue,
)

USED = datetime(2026, 11, 1, tzinfo=UTC)


def snap(**parts) -> AwsSnapshot:
    return AwsSnapshot(region="eu-west-2", account="111122223333", caller_arn="arn:aws:iam::111122223333:user/admin",
                       credential_source=parts.pop("source", "profile admin"), **parts)


def one(snapshot: AwsSnapshot, check_id: str, inputs: AwsCheckInputs | None = None):
    (result,) = run_checks(snapshot, inputs, only={check_id})
    return result


def test_every_check_belongs_to_a_guide_page_and_the_map_is_complete() -> None:
    pages = {"cloudformation", "cloudfront-keys", "recordings-bucket-cors", "streaming-iam-user", "edge-lambda",
             "recording-transcripts", "contact-analysis"}
    assert {c.page_id for c in CHECKS} <= pages
    ids = {c.check_id for c in CHECKS}
    assert [t.number for t in TROUBLESHOOTING] == [1, 2, 3, 4, 5, 6]
    assert all(set(t.checks) <= ids for t in TROUBLESHOOTING)
    assert all(t.checks for t in TROUBLESHOOTING if t.side == "aws")
    assert [t.number for t in TROUBLESHOOTING if t.side == "salesforce"] == [5, 6]
    assert names.CALL_RECORDING_PERMISSION_SET in TROUBLESHOOTING[5].salesforce


def test_guide_settings_map_to_real_checks_and_real_guide_settings() -> None:
    from wizard.guides.loader import load_guide

    guide = load_guide("amazon-connect")
    setting_ids = {s.id for page in guide.pages for s in page.settings}
    assert set(GUIDE_SETTINGS) <= setting_ids
    assert {c for ids in GUIDE_SETTINGS.values() for c in ids} <= {c.check_id for c in CHECKS}
    pages = {page.id: page.side for page in guide.pages}
    assert all(pages[c.page_id] == "aws" for c in CHECKS)


def ctr(timeout: int) -> FunctionFacts:
    return FunctionFacts("stack-sfCTRTrigger-X", "arn:aws:lambda:eu-west-2:1:function:stack-sfCTRTrigger-X", "eu-west-2", timeout)


def test_ctr_trigger_timeout_matters_only_above_1000_calls() -> None:
    check = "aws.lambda.ctr_trigger_timeout"
    assert one(snap(ctr_trigger=ctr(20)), check).status is Status.PASS
    assert one(snap(ctr_trigger=ctr(20)), check, AwsCheckInputs(concurrent_calls=1000)).status is Status.PASS
    busy = one(snap(ctr_trigger=ctr(20)), check, AwsCheckInputs(concurrent_calls=1001))
    assert busy.status is Status.WARN and busy.expected == "more than 20 s" and busy.fix and busy.fix.console_url
    assert one(snap(ctr_trigger=ctr(60)), check, AwsCheckInputs(concurrent_calls=5000)).status is Status.PASS
    assert one(snap(ctr_trigger=None), check).status is Status.FAIL
    issue = ReadIssue("lambda:GetFunctionConfiguration", "access_denied", "Access denied.")
    assert one(snap(ctr_trigger=issue), check).status is Status.ERROR


def user(*keys: AccessKeyFacts) -> tuple[IamUserFacts, ...]:
    return (IamUserFacts("sfInvoke", names.STREAMING_POLICY, keys),)


def test_setup_keys_warn_once_the_named_credential_works() -> None:
    check = "aws.iam.setup_keys"
    nc_key = AccessKeyFacts("AKIAAAAAAAAAAAAA1111", "Active", last_used=USED, last_service="lambda")
    leftover = AccessKeyFacts("AKIAAAAAAAAAAAAA2222", "Active")
    only = one(snap(streaming_policies=(names.STREAMING_POLICY,), streaming_users=user(nc_key)), check)
    assert only.status is Status.PASS and "AKIA…1111" in only.observed and "lambda" in only.observed
    warned = one(snap(streaming_policies=(names.STREAMING_POLICY,), streaming_users=user(nc_key, leftover)), check)
    assert warned.status is Status.WARN
    assert "AKIA…2222 (never used)" in warned.message and "works with AKIA…1111" in warned.message
    assert "AKIAAAAAAAAAAAAA2222" not in warned.message  # ids are shortened
    inactive = AccessKeyFacts("AKIAAAAAAAAAAAAA3333", "Inactive")
    assert one(snap(streaming_policies=(names.STREAMING_POLICY,), streaming_users=user(nc_key, inactive)), check).status is Status.PASS
    reminder = one(snap(streaming_policies=(names.STREAMING_POLICY,), streaming_users=user(nc_key), source="keys from the keyring (setup)"), check)
    assert "aws keys forget" in reminder.message


def test_streaming_user_needs_an_active_key() -> None:
    check = "aws.iam.streaming_user"
    assert one(snap(streaming_policies=(), streaming_users=()), check).status is Status.FAIL
    assert one(snap(streaming_policies=(names.STREAMING_POLICY,), streaming_users=()), check).status is Status.FAIL
    no_key = user(AccessKeyFacts("AKIAAAAAAAAAAAAA3333", "Inactive"))
    assert "no active access key" in one(snap(streaming_policies=(names.STREAMING_POLICY,), streaming_users=no_key), check).observed


def test_cors_without_the_orgs_origins_asks_for_them() -> None:
    bucket = BucketFacts("recordings", "eu-west-2", True, ({"AllowedMethods": ["GET"], "AllowedOrigins": ["https://a.vf.force.com"]},))
    result = one(snap(bucket=bucket), "aws.bucket.cors")
    assert result.status is Status.MANUAL and result.fix and result.fix.fix_name == "aws.cors"


def test_a_broken_judge_is_an_error_result_not_a_crash() -> None:
    broken = snap(ctr_trigger=FunctionFacts("x", "arn", "eu-west-2", "twenty"))  # type: ignore[arg-type]
    result = one(broken, "aws.lambda.ctr_trigger_timeout", AwsCheckInputs(concurrent_calls=2000))
    assert result.status is Status.ERROR and "check itself failed" in result.message


def test_skipped_features_do_not_fail() -> None:
    results = {r.check_id: r.status for r in run_checks(snap(), only={"aws.stack.transcription", "aws.stack.analysis"})}
    assert results == {"aws.stack.transcription": Status.SKIPPED, "aws.stack.analysis": Status.SKIPPED}


def test_a_failed_or_changing_stack_is_reported() -> None:
    from wizard.providers.aws.snapshot import StackFacts

    def stack(status: str) -> StackFacts:
        return StackFacts("sf", "arn:aws:cloudformation:eu-west-2:1:stack/sf/1", status, "eu-west-2", ((names.PARAM_RECORDING_IMPORT, "true"),))

    check = "aws.stack.recording_import"
    assert one(snap(stack=stack("UPDATE_COMPLETE")), check).status is Status.PASS
    assert one(snap(stack=stack("UPDATE_ROLLBACK_COMPLETE")), check).status is Status.PASS  # the old parameters still apply
    assert one(snap(stack=stack("ROLLBACK_COMPLETE")), check).status is Status.FAIL
    assert one(snap(stack=stack("UPDATE_IN_PROGRESS")), check).status is Status.WARN
    off = StackFacts("sf", "id", "CREATE_COMPLETE", "eu-west-2", ((names.PARAM_RECORDING_IMPORT, "false"),))
    result = one(snap(stack=off), check)
    assert result.status is Status.FAIL and result.observed == "false" and "Set PostcallRecordingImportEnabled to true" in result.fix.hint
