"""botocore failures in the admin's words; fatal ones stop the read, the rest stay with one call."""

from __future__ import annotations

import pytest
from botocore import exceptions as bx

from wizard.providers.aws.access import check_region, operation_label, parse_endpoint_overrides
from wizard.providers.aws.errors import AwsAccessError, translate


def client_error(code: str, message: str = "m") -> bx.ClientError:
    return bx.ClientError({"Error": {"Code": code, "Message": message}}, "GetBucketCors")


@pytest.mark.parametrize(
    ("exc", "kind", "fatal", "words"),
    [
        (bx.NoCredentialsError(), "no_credentials", True, "eci-wizard aws keys set"),
        (bx.ProfileNotFound(profile="acme"), "profile_not_found", True, "list-profiles"),
        (bx.SSOTokenLoadError(error_msg="x"), "sso_login_needed", True, "aws sso login --profile acme"),
        (bx.UnauthorizedSSOTokenError(), "sso_login_needed", True, "aws sso login"),
        (client_error("ExpiredToken"), "expired_token", True, "sign in again"),
        (client_error("InvalidClientTokenId"), "bad_credentials", True, "check the keys"),
        (client_error("SignatureDoesNotMatch"), "bad_credentials", True, "check the keys"),
        (client_error("AccessDenied"), "access_denied", False, "s3:GetBucketCors"),
        (client_error("ThrottlingException"), "throttled", False, "wait"),
        (bx.EndpointConnectionError(endpoint_url="https://s3.nowhere-1.amazonaws.com"), "network", True, "network"),
        (bx.NoRegionError(), "no_region", True, "--region"),
        (client_error("NoSuchBucket", "The bucket does not exist"), "other", False, "NoSuchBucket"),
    ],
)
def test_translate(exc: Exception, kind: str, fatal: bool, words: str) -> None:
    problem = translate(exc, "s3:GetBucketCors", profile="acme")
    assert problem.kind == kind and problem.fatal is fatal
    assert words in problem.sentence()
    assert problem.observed and problem.expected and problem.action


def test_misspelt_region_is_refused_with_suggestions() -> None:
    check_region("eu-west-2")
    with pytest.raises(AwsAccessError, match="did you mean") as caught:
        check_region("eu-wset-2")
    assert caught.value.problem.kind == "wrong_region"


def test_endpoint_overrides_and_labels() -> None:
    assert parse_endpoint_overrides(["http://127.0.0.1:5000"]) == {"*": "http://127.0.0.1:5000"}
    assert parse_endpoint_overrides(["s3=https://bucket.vpce-1.s3.eu-west-2.vpce.amazonaws.com"]) == {"s3": "https://bucket.vpce-1.s3.eu-west-2.vpce.amazonaws.com"}
    with pytest.raises(ValueError):
        parse_endpoint_overrides(["s3=ftp://x"])
    assert operation_label("cloudfront", "get_distribution_config") == "cloudfront:GetDistributionConfig"


def test_botocore_bodies_are_hidden_from_logs(caplog: pytest.LogCaptureFixture) -> None:
    """botocore logs request params and response bodies at DEBUG; after AwsAccess exists they are hidden."""
    import logging

    import boto3

    from wizard.providers.aws.access import AwsAccess

    AwsAccess(boto3.Session(aws_access_key_id="a", aws_secret_access_key="b", region_name="us-east-1"), region="us-east-1")
    caplog.set_level(logging.DEBUG)
    secret = '{"CloudFrontPrivateKey": "-----BEGIN RSA PRIVATE KEY----- MIIE"}'
    logging.getLogger("botocore.parsers").debug("Response body:\n%r", secret.encode())
    logging.getLogger("botocore.endpoint").debug("Making request for %s with params: %s", "PutSecretValue", {"body": secret})
    logging.getLogger("botocore.endpoint").debug("Setting %s timeout as %s", "secretsmanager", (5, 20))
    assert "BEGIN RSA" not in caplog.text and caplog.text.count("hidden by eci-wizard") == 2
    assert "Setting secretsmanager timeout" in caplog.text  # other records pass untouched
