"""The AWS commands refuse two options where only one could count, and options a subcommand does not use.

``--profile`` beside ``--keyring-label`` used to lose the profile without a word; ``--stack`` beside
``--bucket`` was never read; ``--yes`` beside ``--dry-run`` answered a question never asked. Each is
now a usage error naming both options, exit 2, before AWS (or the keyring) is read or written.
Against the local moto server where something could be written, to show that nothing was.
"""

from __future__ import annotations

import pytest

from wizard.cli import main
from wizard.providers.aws import access as aws_access
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.demo import DemoAccount, LocalAws
from wizard.providers.aws.errors import AwsCallError

from .conftest import LIGHTNING, VF, where

ORG = ["--org-origin", VF, "--org-origin", LIGHTNING]


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["check", "--profile", "acme", "--keyring-label", "amazon-connect"], ["--profile", "--keyring-label"]),
        (["fix", "cors", "--profile", "acme", "--keyring-label", "amazon-connect", *ORG], ["--profile", "--keyring-label"]),
        (["fix", "secret", "--keyring-label", "amazon-connect", "--profile", "acme", "--key-id", "K1"], ["--profile", "--keyring-label"]),
        (["undo", "B1", "--profile", "acme", "--keyring-label", "amazon-connect"], ["--profile", "--keyring-label"]),
        (["check", "--demo", "--profile", "acme"], ["--profile", "--demo"]),
        (["check", "--demo", "--keyring-label", "amazon-connect"], ["--keyring-label", "--demo"]),
        (["check", "--demo", "--endpoint-url", "https://vpce.example.com"], ["--endpoint-url", "--demo"]),
        (["fix", "cors", "--bucket", "b", "--stack", "s", *ORG], ["--bucket", "--stack"]),
        (["fix", "secret", "--secret", "s", "--stack", "s", "--key-id", "K1"], ["--secret", "--stack"]),
        (["fix", "cors", "--dry-run", "--yes", *ORG], ["--dry-run", "--yes"]),
        (["fix", "secret", "--yes", "--dry-run", "--key-id", "K1"], ["--dry-run", "--yes"]),
        (["undo", "B1", "--stack", "s"], ["--stack", "aws undo"]),
        (["keys", "forget", "--region", "us-east-1"], ["--region", "aws keys forget"]),
        (["keys", "forget", "--from-env", "--endpoint-url", "https://sts.example.com"], ["--from-env", "--endpoint-url"]),
        (["tool", "cors-json", *ORG, "--function", "f"], ["--function", "cors-json"]),
        (["tool", "attributes", "--region", "us-east-1"], ["--region", "attributes"]),
        (["tool", "named-credential-url", "--region", "us-east-1", "--function", "f", "--language", "de-DE"], ["--language"]),
        (["check", "--endpoint-url", "https://a.example.com", "--endpoint-url", "https://b.example.com"], ["--endpoint-url", "every service"]),
        (["check", "--endpoint-url", "s3=https://a.example.com", "--endpoint-url", "S3=https://b.example.com"], ["--endpoint-url", "s3"]),
    ],
)
def test_options_where_one_would_do_nothing_are_a_usage_error(
        argv: list[str], named: list[str], env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["aws", *argv])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "usage: eci-wizard aws" in err and all(name in err for name in named), err
    assert "Could not check AWS" not in err


def test_bucket_and_stack_together_write_nothing(aws: LocalAws, account: DemoAccount, access: AwsAccess, env_keys: None) -> None:
    access.call("s3", "delete_bucket_cors", Bucket=account.bucket)
    with pytest.raises(SystemExit) as refused:
        main(["aws", "fix", "cors", *where(aws), *ORG, "--bucket", account.bucket, "--stack", "elsewhere", "--yes"])
    assert refused.value.code == 2
    with pytest.raises(AwsCallError):  # NoSuchCORSConfiguration: still no CORS rule, as before
        access.call("s3", "get_bucket_cors", Bucket=account.bucket)


def test_forget_with_a_region_removes_nothing() -> None:
    aws_access.save_keys("amazon-connect", "AKIAEXAMPLEFORGET001", "forget-test-secret-value")
    with pytest.raises(SystemExit) as refused:
        main(["aws", "keys", "forget", "--region", "eu-west-1"])
    assert refused.value.code == 2
    assert aws_access.keys_saved("amazon-connect")


def test_the_options_each_subcommand_reads_still_work_together(
        aws: LocalAws, account: DemoAccount, env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A keyring label with an endpoint and a region, a bucket without a stack, one address per service: unchanged."""
    aws_access.save_keys("moto", "AKIAEXAMPLECLITEST02", "cli-test-secret-access-key-value-0002")
    assert main(["aws", "fix", "cors", "--keyring-label", "moto", *where(aws), "--endpoint-url", f"s3={aws.url}",
                 *ORG, "--bucket", account.bucket, "--dry-run"]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert main(["aws", "tool", "attributes", "--transcripts", "--language", "de-DE"]) == 0
    assert "de-DE" in capsys.readouterr().out
