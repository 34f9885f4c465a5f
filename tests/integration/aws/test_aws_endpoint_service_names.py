"""``--endpoint-url SERVICE=URL`` with a service the wizard never calls is a usage error listing the real ones.

A misspelt service (``s4``, ``secretmanager``) used to be taken and ignored: that service's calls then
went to AWS itself, not to the endpoint the admin meant (a VPC endpoint, a local emulator).
"""

from __future__ import annotations

import pytest

from wizard.cli import build_parser

VALID = "cloudformation, cloudfront, iam, lambda, s3, secretsmanager, sts"


@pytest.mark.parametrize(("value", "hint"), [
    ("s4=http://127.0.0.1:5000", "did you mean s3?"),
    ("secretmanager=https://vpce-0abc.secretsmanager.us-east-1.vpce.amazonaws.com", "did you mean secretsmanager?"),
    ("connect=https://connect.us-east-1.amazonaws.com", ""),
])
@pytest.mark.parametrize("command", [["check"], ["keys", "set", "--from-env"], ["undo", "B1"]])
def test_an_unknown_service_is_a_usage_error_naming_the_valid_ones(
        value: str, hint: str, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["aws", *command, "--endpoint-url", value])
    assert stopped.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    service = value.split("=")[0]
    assert f"argument --endpoint-url: '{service}' in SERVICE=URL is not a service the wizard calls" in err, err
    assert f"expected one of {VALID}, or the URL alone for every service" in err and hint in err


@pytest.mark.parametrize("value", ["s3=http://127.0.0.1:5000", "SecretsManager=http://127.0.0.1:5000",
                                   "cloudfront=https://d111111abcdef8.cloudfront.net"])
def test_the_services_the_wizard_calls_are_taken(value: str) -> None:
    assert build_parser().parse_args(["aws", "check", "--endpoint-url", value]).endpoint_url == [value]
