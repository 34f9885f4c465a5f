"""A read AWS refuses or throttles is "? Could not check" naming the call, never a false verdict.

Everything is read from a seeded ``moto_server``, except one service sent (``--endpoint-url
SERVICE=URL``) to a local endpoint answering every request with one AWS error in AWS's own shape:
moto cannot deny one call or throttle. A refused ``cloudfront:ListDistributions`` used to become
"no distribution" with the advice to redeploy the stack, which would send the admin to rebuild a
working setup; an error body the wizard could not read was printed whole, with advice to "open the
console page shown" when none was shown.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.aws_error_endpoint import AwsErrorEndpoint
from wizard.cli import main
from wizard.providers.aws.demo import DemoAccount, LocalAws

from .conftest import LIGHTNING, REGION, VF

DISTRIBUTION_ROWS = ("aws.cloudfront.trusted_key_groups", "aws.cloudfront.edge_lambda")
SECRET_ROWS = ("aws.secret.keys", "aws.secret.private_key", "aws.secret.key_pair")


def check(aws: LocalAws, service: str, endpoint: AwsErrorEndpoint, out: Path) -> tuple[int, dict[str, dict]]:
    """``aws check`` with `service` answered by `endpoint`: its exit code and its rows by check id."""
    code = main(["aws", "check", "--endpoint-url", aws.url, "--endpoint-url", f"{service}={endpoint.url}", "--region", REGION,
                 "--org-origin", VF, "--org-origin", LIGHTNING, "--json", str(out)])
    rows = {r["check_id"]: r for r in json.loads(out.read_text())["results"]}
    return code, rows


@pytest.mark.parametrize(("error", "status", "said"), [
    ("AccessDenied", 403, "Grant cloudfront:ListDistributions"),
    ("Throttling", 400, "AWS throttled cloudfront:ListDistributions"),
])
def test_a_refused_or_throttled_distribution_list_is_could_not_check_naming_the_call(
        aws: LocalAws, account: DemoAccount, env_keys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        error: str, status: int, said: str) -> None:
    with AwsErrorEndpoint(error, status, "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: "
                                         "cloudfront:ListDistributions") as cloudfront:
        code, rows = check(aws, "cloudfront", cloudfront, tmp_path / "aws.json")
    printed = " ".join(capsys.readouterr().out.split())
    assert code == 1
    for check_id in DISTRIBUTION_ROWS:
        row = rows[check_id]
        assert row["status"] == "error", (check_id, row["status"], row["observed"])
        assert "cloudfront:ListDistributions" in row["observed"] and said in row["message"], row
        assert row["fix"] is None  # the cause is the refused read, not the distribution
    assert "(no distribution)" not in printed and "deployed with recording import enabled" not in printed
    assert rows["aws.stack.recording_import"]["status"] == "pass"  # the rest of the account was still read


def test_an_aws_error_in_the_other_protocol_is_read_not_printed_whole(
        aws: LocalAws, account: DemoAccount, env_keys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Secrets Manager speaks JSON; an XML ``<ErrorResponse>`` (a VPC endpoint policy, a proxy in front of AWS)
    is still AWS's AccessDenied, and is said as such with the permission to grant."""
    with AwsErrorEndpoint("AccessDenied", 403, "not authorized to perform: secretsmanager:DescribeSecret") as secretsmanager:
        code, rows = check(aws, "secretsmanager", secretsmanager, tmp_path / "aws.json")
    printed = capsys.readouterr().out
    assert code == 1
    for check_id in SECRET_ROWS:
        row = rows[check_id]
        assert row["status"] == "error" and "Access denied to secretsmanager:DescribeSecret" in row["message"], row
        assert "Grant secretsmanager:DescribeSecret" in row["message"]
    assert "<ErrorResponse>" not in printed and "console page shown" not in printed


def test_an_answer_that_is_not_an_aws_error_is_said_in_words(
        aws: LocalAws, account: DemoAccount, env_keys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A proxy's HTML page where AWS's answer should be: the row says something else answered, not the page."""
    with AwsErrorEndpoint(status=403, shape="html") as secretsmanager:
        code, rows = check(aws, "secretsmanager", secretsmanager, tmp_path / "aws.json")
    printed = capsys.readouterr().out
    assert code == 1
    message = rows["aws.secret.keys"]["message"]
    assert rows["aws.secret.keys"]["status"] == "error"
    assert "was not an AWS error the wizard could read" in message and "HTTP 403" in message and "proxy" in message, message
    assert "<html" not in printed and "Blocked by proxy" not in printed and "console page shown" not in printed
