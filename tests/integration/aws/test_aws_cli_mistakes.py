"""What the AWS commands say to an admin's mistakes, each as the admin meets it on the command line.

Against the local moto server; what is judged is what the admin sees: the exit code, the sentence
printed, and what AWS (or the keyring) holds afterwards.
"""

from __future__ import annotations

import pathlib
import re

import keyring
import keyring.backends.fail
import pytest

from wizard.cli import main
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.demo import DemoAccount, LocalAws

from .conftest import LIGHTNING, REGION, VF, where


def rules(access: AwsAccess, bucket: str) -> list[dict]:
    return access.call("s3", "get_bucket_cors", Bucket=bucket)["CORSRules"]


@pytest.mark.parametrize("bad", ["not a url", "https://a b.lightning.force.com", "https://acme.lightning.force.com:99999",
                                 "https://-acme.lightning.force.com"])
def test_fix_cors_refuses_an_origin_that_is_no_address_and_writes_nothing(
        bad: str, aws: LocalAws, account: DemoAccount, access: AwsAccess, env_keys: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = rules(access, account.bucket)
    with pytest.raises(SystemExit) as refused:  # an argparse usage error
        main(["aws", "fix", "cors", *where(aws), "--org-origin", VF, "--org-origin", bad, "--yes"])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "--org-origin" in err and "https://acme--c.vf.force.com" in err
    assert rules(access, account.bucket) == before


def test_check_refuses_an_origin_that_is_no_address(env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["aws", "check", "--region", REGION, "--org-origin", "not a url"])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "argument --org-origin" in err and "not a valid DNS name" in err


def test_a_page_url_still_gives_its_origin(aws: LocalAws, account: DemoAccount, access: AwsAccess, env_keys: None) -> None:
    """The guide's preview URL (with its path and query) stays accepted; only the origin is written."""
    access.call("s3", "delete_bucket_cors", Bucket=account.bucket)
    page = f"{VF}/apex/AC_RecordingViewer?id=1"
    assert main(["aws", "fix", "cors", *where(aws), "--org-origin", page, "--org-origin", LIGHTNING, "--yes"]) == 0
    assert rules(access, account.bucket)[0]["AllowedOrigins"] == [VF, LIGHTNING]


@pytest.mark.parametrize("bad", ["https://h:99999", "https://h:abc", "https://"])
def test_a_bad_endpoint_url_is_a_usage_error(bad: str, env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["aws", "check", "--region", REGION, "--endpoint-url", bad])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "argument --endpoint-url" in err and "does not know how to explain" not in err


def test_keys_forget_without_a_keyring_says_it_could_not_look(capsys: pytest.CaptureFixture[str]) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the conftest puts the previous keyring back
    assert main(["aws", "keys", "forget"]) == 2
    captured = capsys.readouterr()
    assert "No keys were saved" not in captured.out + captured.err
    assert "Could not look for AWS keys saved as 'amazon-connect'" in captured.err and "Nothing was removed" in captured.err


def _cors_backup(aws: LocalAws, account: DemoAccount, access: AwsAccess, capsys: pytest.CaptureFixture[str]) -> str:
    access.call("s3", "delete_bucket_cors", Bucket=account.bucket)
    assert main(["aws", "fix", "cors", *where(aws), "--org-origin", VF, "--org-origin", LIGHTNING, "--yes"]) == 0
    return re.search(r"undo with backup (\S+)\.", capsys.readouterr().out).group(1)


def test_undo_without_a_terminal_or_yes_is_refused_with_exit_2(aws: LocalAws, account: DemoAccount, access: AwsAccess,
                                                               env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    backup_id = _cors_backup(aws, account, access, capsys)
    written = rules(access, account.bucket)
    assert main(["aws", "undo", backup_id, *where(aws)]) == 2  # pytest's stdin is no terminal
    err = capsys.readouterr().err
    assert "nothing was undone" in err and "--yes" in err
    assert rules(access, account.bucket) == written


def test_undo_run_twice_says_it_was_already_undone(aws: LocalAws, account: DemoAccount, access: AwsAccess,
                                                   env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    backup_id = _cors_backup(aws, account, access, capsys)
    assert main(["aws", "undo", backup_id, *where(aws), "--yes"]) == 0
    capsys.readouterr()
    assert main(["aws", "undo", backup_id, *where(aws), "--yes"]) == 0
    captured = capsys.readouterr()
    assert f"backup {backup_id} was already restored" in captured.out
    assert "changed after the fix" not in captured.out + captured.err


def test_fix_secret_names_the_missing_secret(aws: LocalAws, account: DemoAccount, env_keys: None,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aws", "fix", "secret", *where(aws), "--secret", "nosuch", "--key-id", account.public_key_id, "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "has no secret called nosuch" in err and "pass --secret" in err
    assert "console page shown" not in err and ".." not in err


def test_fix_cors_with_an_unknown_stack_says_the_stack_is_not_there(aws: LocalAws, account: DemoAccount, env_keys: None,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aws", "fix", "cors", *where(aws), "--org-origin", VF, "--stack", "nosuch", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "no CloudFormation stack called nosuch" in err and "pass --bucket" in err
    assert "or --stack so" not in err


def test_check_with_an_unknown_stack_says_the_stack_is_not_there(aws: LocalAws, account: DemoAccount, env_keys: None,
                                                                 tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "aws.json"
    assert main(["aws", "check", *where(aws), "--org-origin", VF, "--stack", "nosuch", "--json", str(out)]) == 1
    printed = " ".join(capsys.readouterr().out.split())
    assert "There is no CloudFormation stack called nosuch in" in printed
    assert "has the PostcallRecordingImportEnabled" not in printed  # the search by parameters was not what was asked
