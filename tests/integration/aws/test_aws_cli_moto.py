"""``eci-wizard aws`` end to end against the emulator, and no secret value in any output."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.providers.aws import cors, names
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.backups import backup_dir
from wizard.providers.aws.demo import DEMO_SECRET_VALUES, DemoAccount, LocalAws
from wizard.providers.aws.pem import flatten_private_key

from .conftest import LIGHTNING, REGION, VF, where

ORG = ["--org-origin", f"{VF}/apex/AC_RecordingViewer?id=1", "--org-origin", f"{LIGHTNING}/lightning/page/home"]


def test_check_in_demo_mode_is_fully_verified(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "aws.json"
    assert main(["aws", "check", "--demo", "--transcripts", "--analysis", "snt,dl,kw,syn", "--json", str(out)]) == 0
    document = json.loads(out.read_text())
    assert document["guide"] == {"id": "amazon-connect", "side": "aws"}
    assert {r["status"] for r in document["results"]} == {"pass"} and len(document["results"]) == 13
    assert document["salesforce_handoff"]["named_credential_url"].endswith("/invocations")
    assert "13 settings: 13 pass" in capsys.readouterr().out


def test_check_against_the_emulator_shows_only_motos_edge_gap(aws: LocalAws, account: DemoAccount, env_keys: None, tmp_path: Path) -> None:
    """Outside the tests' bridge the CLI reads moto as it is: moto drops Lambda@Edge associations."""
    out = tmp_path / "aws.json"
    assert main(["aws", "check", *where(aws), *ORG, "--json", str(out)]) == 1
    failing = {r["check_id"]: r["observed"] for r in json.loads(out.read_text())["results"] if r["status"] not in ("pass", "skipped")}
    assert failing == {"aws.cloudfront.edge_lambda": "(no Lambda@Edge function)"}


def test_unreachable_endpoint_exits_2_with_the_reason(env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aws", "check", "--endpoint-url", "http://127.0.0.1:9", "--region", REGION]) == 2
    err = capsys.readouterr().err
    assert "could not be reached" in err and "what to do" in err


def test_fix_cors_dry_run_apply_and_undo(aws: LocalAws, account: DemoAccount, access: AwsAccess, env_keys: None, capsys: pytest.CaptureFixture[str]) -> None:
    as_printed = [cors.guide_rule([VF, cors.guide_lightning_entry("acme")])]
    access.call("s3", "put_bucket_cors", Bucket=account.bucket, CORSConfiguration={"CORSRules": as_printed})
    before = access.call("s3", "get_bucket_cors", Bucket=account.bucket)["CORSRules"]
    assert main(["aws", "fix", "cors", *where(aws), *ORG, "--dry-run"]) == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert access.call("s3", "get_bucket_cors", Bucket=account.bucket)["CORSRules"] == before
    assert main(["aws", "fix", "cors", *where(aws), *ORG]) == 2  # no terminal, no --yes: refused
    assert main(["aws", "fix", "cors", *where(aws), *ORG, "--yes"]) == 0
    out = capsys.readouterr().out
    assert access.call("s3", "get_bucket_cors", Bucket=account.bucket)["CORSRules"][0]["AllowedOrigins"][-1] == LIGHTNING
    backup_id = re.search(r"undo with backup (\S+)\.", out).group(1)
    assert main(["aws", "fix", "cors", *where(aws), *ORG, "--yes"]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert main(["aws", "undo", backup_id, *where(aws), "--yes"]) == 0
    assert access.call("s3", "get_bucket_cors", Bucket=account.bucket)["CORSRules"] == before


def test_no_secret_value_in_any_output(aws: LocalAws, account: DemoAccount, access: AwsAccess, env_keys: None, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # everything every library logs, botocore's request/response logging included
    document = json.loads(access.call("secretsmanager", "get_secret_value", SecretId=account.secret_arn)["SecretString"])
    access.call("secretsmanager", "put_secret_value", SecretId=account.secret_arn,
                SecretString=json.dumps({k: v for k, v in document.items() if k != names.SECRET_PRIVATE_KEY}))
    key_file = tmp_path / "private_key.pem"
    key_file.write_text(account.private_key_pem)
    json_out = tmp_path / "aws.json"
    assert main(["aws", "fix", "secret", *where(aws), "--private-key", str(key_file), "--key-id", account.public_key_id, "--yes"]) == 0
    main(["aws", "check", *where(aws), *ORG, "--json", str(json_out)])
    main(["aws", "check", "--demo", "--json", str(tmp_path / "demo.json")])
    captured = capsys.readouterr()
    outputs = "\n".join([captured.out, captured.err, caplog.text, json_out.read_text(), (tmp_path / "demo.json").read_text(),
                         *(p.read_text() for p in backup_dir().glob("*.json"))])
    assert "hidden by eci-wizard" in caplog.text  # botocore did log bodies at DEBUG, and they were hidden
    assert names.SECRET_PRIVATE_KEY in outputs  # key names are fine to show
    body_lines = account.private_key_pem.splitlines()[1:-1]
    leaks = [i for i, line in enumerate(body_lines) if line in outputs]
    leaks += [k for k, v in DEMO_SECRET_VALUES.items() if v in outputs]
    leaks += ["one-line form"] if flatten_private_key(account.private_key_pem)[32:96] in outputs else []
    leaks += ["cli secret access key"] if "cli-test-secret-access-key-value-0001" in outputs else []
    assert leaks == [], f"secret material found in output: {leaks}"


def test_keys_in_the_keyring_from_the_cli(aws: LocalAws, account: DemoAccount, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEYRING01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "keyring-secret-value-0001")
    assert main(["aws", "keys", "set", "--from-env", "--label", "ci", *where(aws)]) == 0
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    assert main(["aws", "check", "--keyring-label", "ci", *where(aws), *ORG]) == 1  # only moto's edge gap fails
    out = capsys.readouterr().out
    assert "keys from the keyring (ci)" in out and "keyring-secret-value-0001" not in out
    assert main(["aws", "keys", "forget", "--label", "ci"]) == 0
    assert main(["aws", "check", "--keyring-label", "ci", *where(aws)]) == 2


def test_tools(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aws", "tool", "cors-json", "--my-domain", "https://acme.my.salesforce.com"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["AllowedOrigins"] == [VF, LIGHTNING]
    assert main(["aws", "tool", "attributes", "--transcripts", "--language", "fr-CA", "--analysis", "snt,kw"]) == 0
    out = capsys.readouterr().out
    assert "postcallTranscribeLanguage\tfr-CA" in out and "After Call Work" in out
    assert main(["aws", "tool", "attributes", "--analysis", "snt, kw"]) == 2
    assert "write 'snt,kw'" in capsys.readouterr().err
    assert main(["aws", "tool", "named-credential-url", "--region", "eu-west-2", "--function", "stack-sfGenerateAudioRecordingSt-1A"]) == 0
    assert capsys.readouterr().out.strip() == "https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/stack-sfGenerateAudioRecordingSt-1A/invocations"
