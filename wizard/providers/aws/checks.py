"""The AWS checks of the Amazon Connect guide: registry, troubleshooting map, and the runner.

Each check is a pure function of the `AwsSnapshot` (and what the admin told us in
`AwsCheckInputs`) returning a `CheckResult` with the guide id ``amazon-connect``, the page id, the
expected and observed values, the AWS API calls as evidence, and a fix (console page and steps,
plus the wizard's fix name where it can write the setting itself). No check touches the network.

The guide ends with six "common audio streaming setup issues"; `TROUBLESHOOTING` maps every one
to the checks that cover it. Items 5 and 6 are Salesforce settings: the Salesforce checks compare
the ``AwsGenerateAudioRecordingURL`` named credential with `expected_named_credential_url` (see
`salesforce_handoff`) and the assignments of the ``AC_CallRecording`` permission set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wizard.engine.results import CheckResult, Status
from wizard.providers.aws import checks_iam, checks_playback, checks_stack, names
from wizard.providers.aws.checks_base import AwsCheckInputs, Outcome
from wizard.providers.aws.named_credential import (
    expected_named_credential_url,
    named_credential_url_verdict,
)
from wizard.providers.aws.snapshot import AwsSnapshot, FunctionFacts

Judge = Callable[[AwsSnapshot, AwsCheckInputs], Outcome]

__all__ = [
    "CHECKS",
    "GUIDE_SETTINGS",
    "TROUBLESHOOTING",
    "AwsCheck",
    "AwsCheckInputs",
    "TroubleshootingItem",
    "expected_named_credential_url",
    "named_credential_url_verdict",
    "run_checks",
    "salesforce_handoff",
]


@dataclass(frozen=True)
class AwsCheck:
    """One registered AWS check: its id, the guide page it belongs to, and its judge."""

    check_id: str
    page_id: str
    setting: str
    judge: Judge


CHECKS: tuple[AwsCheck, ...] = (
    AwsCheck("aws.stack.recording_import", names.PAGE_CLOUDFORMATION, names.PARAM_RECORDING_IMPORT, checks_stack.recording_import),
    AwsCheck("aws.lambda.ctr_trigger_timeout", names.PAGE_CLOUDFORMATION, f"{names.CTR_TRIGGER} timeout", checks_stack.ctr_trigger_timeout),
    AwsCheck("aws.secret.keys", names.PAGE_CLOUDFRONT_KEYS, f"{names.SECRET_NAME}: {names.SECRET_PRIVATE_KEY} and {names.SECRET_KEY_ID}", checks_playback.secret_keys),
    AwsCheck("aws.secret.private_key", names.PAGE_CLOUDFRONT_KEYS, names.SECRET_PRIVATE_KEY, checks_playback.secret_private_key),
    AwsCheck("aws.secret.key_pair", names.PAGE_CLOUDFRONT_KEYS, names.SECRET_KEY_ID, checks_playback.secret_key_pair),
    AwsCheck("aws.cloudfront.trusted_key_groups", names.PAGE_CLOUDFRONT_KEYS, "Distribution behaviour: Trusted Key Groups", checks_playback.trusted_key_groups),
    AwsCheck("aws.bucket.cors", names.PAGE_BUCKET_CORS, f"{names.PARAM_RECORDING_BUCKET} CORS configuration", checks_playback.bucket_cors),
    AwsCheck("aws.iam.streaming_user", names.PAGE_STREAMING_IAM_USER, f"IAM user with {names.STREAMING_POLICY}", checks_iam.streaming_user),
    AwsCheck("aws.iam.setup_keys", names.PAGE_STREAMING_IAM_USER, "Access keys left over from the setup", checks_iam.setup_keys),
    AwsCheck("aws.lambda.generate_function", names.PAGE_STREAMING_IAM_USER, f"{names.GENERATE_FUNCTION} full name", checks_stack.generate_function),
    AwsCheck("aws.cloudfront.edge_lambda", names.PAGE_EDGE_LAMBDA, f"{names.EDGE_FUNCTION} Lambda@Edge", checks_playback.edge_lambda),
    AwsCheck("aws.stack.transcription", names.PAGE_TRANSCRIPTS, names.PARAM_TRANSCRIBE, checks_stack.transcription),
    AwsCheck("aws.stack.analysis", names.PAGE_ANALYSIS, names.ATTR_ANALYSIS, checks_stack.analysis),
)


@dataclass(frozen=True)
class TroubleshootingItem:
    """One of the guide's "common audio streaming setup issues" and what covers it."""

    number: int
    text: str
    side: str  # "aws" or "salesforce"
    checks: tuple[str, ...]  # AWS check ids
    salesforce: str = ""  # what the Salesforce checks compare, for items on that side


TROUBLESHOOTING: tuple[TroubleshootingItem, ...] = (
    TroubleshootingItem(1, f"Verify that the Secrets Manager secret contains both the {names.SECRET_PRIVATE_KEY} and {names.SECRET_KEY_ID} items.",
                        "aws", ("aws.secret.keys", "aws.secret.private_key", "aws.secret.key_pair")),
    TroubleshootingItem(2, "Verify that your Cloudfront distribution's behavior is set to use Trusted Key Groups, and that the correct Key Group is selected.",
                        "aws", ("aws.cloudfront.trusted_key_groups",)),
    TroubleshootingItem(3, f"Verify that your Cloudfront distribution's behavior contains the {names.EDGE_FUNCTION} edge lambda.",
                        "aws", ("aws.cloudfront.edge_lambda",)),
    TroubleshootingItem(4, "Verify that your S3 bucket CORS configuration is correct.", "aws", ("aws.bucket.cors",)),
    TroubleshootingItem(5, "Verify that your named credentials are correctly set up.", "salesforce", ("aws.lambda.generate_function",),
                        f"{names.NAMED_CREDENTIAL}: URL equals expected_named_credential_url(region, full name of {names.GENERATE_FUNCTION}) "
                        f"without a trailing slash; AWS Signature Version 4; region; service {names.NAMED_CREDENTIAL_SERVICE}"),
    TroubleshootingItem(6, f"Verify that your user is added to the {names.CALL_RECORDING_PERMISSION_SET} permission set.", "salesforce", (),
                        f"PermissionSetAssignment of {names.CALL_RECORDING_PERMISSION_SET} for every user who plays recordings"),
)


#: Setting ids of the amazon-connect guide file (manual until the AWS side is wired in) -> the AWS
#: checks that judge them. The troubleshooting page's items map through `TROUBLESHOOTING`.
GUIDE_SETTINGS: dict[str, tuple[str, ...]] = {
    "aws.cloudformation.recording-import": ("aws.stack.recording_import",),
    "aws.lambda.ctr-trigger-timeout": ("aws.lambda.ctr_trigger_timeout",),
    "aws.cloudfront.key-pair": ("aws.secret.key_pair",),
    "aws.cloudfront.trusted-key-groups": ("aws.cloudfront.trusted_key_groups",),
    "aws.secrets.cloudfront-private-key": ("aws.secret.keys", "aws.secret.private_key"),
    "aws.secrets.cloudfront-access-key-id": ("aws.secret.keys", "aws.secret.key_pair"),
    "aws.s3.cors": ("aws.bucket.cors",),
    "aws.iam.streaming-user": ("aws.iam.streaming_user", "aws.iam.setup_keys"),
    "aws.lambda.streaming-function-name": ("aws.lambda.generate_function",),
    "aws.lambda.sig4-function": ("aws.cloudfront.edge_lambda",),
    "aws.cloudfront.edge-lambda": ("aws.cloudfront.edge_lambda",),
}


def run_checks(snapshot: AwsSnapshot, inputs: AwsCheckInputs | None = None, only: set[str] | None = None) -> list[CheckResult]:
    """Every AWS check (or those in `only`) against one snapshot, in the guide's order."""
    inputs = inputs or AwsCheckInputs()
    results = []
    for check in CHECKS:
        if only is not None and check.check_id not in only:
            continue
        try:
            outcome = check.judge(snapshot, inputs)
        except Exception as exc:  # a broken check is an error result, never a crashed verification
            outcome = Outcome(Status.ERROR, message=f"The check itself failed ({type(exc).__name__}); please report it.")
        results.append(
            CheckResult(
                guide_id=names.GUIDE_ID, page_id=check.page_id, check_id=check.check_id, setting=check.setting,
                status=outcome.status, expected=outcome.expected, observed=outcome.observed, message=outcome.message,
                evidence=outcome.evidence, fix=outcome.fix,
            )
        )
    return results


def salesforce_handoff(snapshot: AwsSnapshot) -> dict[str, str]:
    """What the Salesforce checks need from the AWS side (troubleshooting items 5 and 6)."""
    handoff = {
        "named_credential": names.NAMED_CREDENTIAL,
        "aws_service": names.NAMED_CREDENTIAL_SERVICE,
        "permission_set": names.CALL_RECORDING_PERMISSION_SET,
        "visualforce_page": names.VISUALFORCE_PAGE,
    }
    fn = snapshot.generate_function
    if isinstance(fn, FunctionFacts):
        handoff["function_name"] = fn.name
        handoff["region"] = fn.arn.split(":")[3] if fn.arn.count(":") >= 6 else fn.region
        handoff["named_credential_url"] = checks_stack.named_credential_url(fn)
    return handoff
