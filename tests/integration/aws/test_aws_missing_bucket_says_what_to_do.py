"""The recordings bucket the stack names does not exist: the row says where to find the right name and where to put it."""

from __future__ import annotations

import json
from pathlib import Path

from wizard.cli import main
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.demo import DemoAccount, LocalAws

from .conftest import LIGHTNING, REGION, VF


def test_a_missing_bucket_row_has_a_fix_pointing_at_the_stacks_parameter(
        aws: LocalAws, account: DemoAccount, access: AwsAccess, env_keys: None, tmp_path: Path) -> None:
    for item in access.call("s3", "list_objects_v2", Bucket=account.bucket).get("Contents", []):
        access.call("s3", "delete_object", Bucket=account.bucket, Key=item["Key"])
    access.call("s3", "delete_bucket", Bucket=account.bucket)
    out = tmp_path / "aws.json"
    assert main(["aws", "check", "--endpoint-url", aws.url, "--region", REGION, "--org-origin", VF, "--org-origin", LIGHTNING,
                 "--json", str(out)]) == 1
    row = next(r for r in json.loads(out.read_text())["results"] if r["check_id"] == "aws.bucket.cors")
    assert row["status"] == "fail" and f"bucket {account.bucket} not found" in row["observed"]
    fix = row["fix"]
    assert fix is not None and "ConnectRecordingS3BucketName" in fix["hint"] and "Data storage" in fix["hint"], fix
    assert "cloudformation" in fix["console_url"] and "stacks/parameters" in fix["console_url"]
