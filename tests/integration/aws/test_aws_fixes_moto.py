"""The two AWS fixes through the one door: plan, apply, back up, read again, re-check, undo."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import serialization

from wizard.engine.results import Status
from wizard.providers.aws import cors, names
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.backups import backup_dir, load_backup
from wizard.providers.aws.demo import DEMO_SECRET_VALUES, DemoAccount
from wizard.providers.aws.fixes import (
    FixRefused,
    apply_cors_fix,
    apply_secret_fix,
    plan_cors_fix,
    plan_secret_fix,
    prepare_secret_material,
    undo,
)
from wizard.providers.aws.pem import flatten_private_key

from .conftest import LIGHTNING, ORIGINS, VF, assert_same_values

OTHER_RULE = {"ID": "uploads", "AllowedHeaders": ["*"], "AllowedMethods": ["PUT", "POST"], "AllowedOrigins": ["https://uploads.example.com"], "MaxAgeSeconds": 300}


def cors_rules(access: AwsAccess, bucket: str) -> list[dict]:
    return access.call("s3", "get_bucket_cors", Bucket=bucket)["CORSRules"]


def test_cors_fix_merges_and_undoes(access: AwsAccess, account: DemoAccount) -> None:
    guide_as_printed = cors.guide_rule([VF, cors.guide_lightning_entry("acme")])
    access.call("s3", "put_bucket_cors", Bucket=account.bucket, CORSConfiguration={"CORSRules": [OTHER_RULE, guide_as_printed]})
    original = cors_rules(access, account.bucket)

    plan = plan_cors_fix(access, account.bucket, ORIGINS)
    assert plan.system == "aws" and len(plan.changes) == 1
    change = plan.changes[0]
    assert json.loads(change.current) == original and change.fix_name == "aws.cors"
    outcome = apply_cors_fix(access, plan, by="test")
    after = cors_rules(access, account.bucket)
    assert after[0] == original[0]  # the other application's rule is untouched
    assert after[1]["AllowedOrigins"] == [VF, LIGHTNING + "/", LIGHTNING]
    assert [r.status for r in outcome.results] == [Status.PASS]
    assert outcome.applied[0].backup_id == outcome.backup_id

    assert plan_cors_fix(access, account.bucket, ORIGINS).empty  # applying again changes nothing
    again = apply_cors_fix(access, plan)
    assert again.applied == () and "Nothing to do" in again.message and cors_rules(access, account.bucket) == after

    undone = undo(access, outcome.backup_id)
    assert cors_rules(access, account.bucket) == original and undone.applied


def test_cors_fix_on_a_bucket_without_cors_and_its_undo(access: AwsAccess, account: DemoAccount) -> None:
    access.call("s3", "delete_bucket_cors", Bucket=account.bucket)
    plan = plan_cors_fix(access, account.bucket, ORIGINS)
    assert plan.changes[0].action == "create"
    outcome = apply_cors_fix(access, plan)
    assert cors_rules(access, account.bucket) == cors.normalise_rules([cors.guide_rule(ORIGINS)])
    undo(access, outcome.backup_id)
    with pytest.raises(Exception, match="NoSuchCORSConfiguration"):
        access.client("s3").get_bucket_cors(Bucket=account.bucket)


def test_cors_plan_made_before_someone_else_changed_the_rules_is_refused(access: AwsAccess, account: DemoAccount) -> None:
    access.call("s3", "put_bucket_cors", Bucket=account.bucket, CORSConfiguration={"CORSRules": [OTHER_RULE]})
    plan = plan_cors_fix(access, account.bucket, ORIGINS)
    access.call("s3", "put_bucket_cors", Bucket=account.bucket, CORSConfiguration={"CORSRules": [OTHER_RULE, {"AllowedMethods": ["GET"], "AllowedOrigins": ["https://x.example.com"]}]})
    with pytest.raises(FixRefused, match="changed since the plan"):
        apply_cors_fix(access, plan)
    assert not list(backup_dir().glob("*.json"))  # nothing was backed up because nothing was written


def raw_secret(access: AwsAccess, account: DemoAccount) -> dict:
    return json.loads(access.call("secretsmanager", "get_secret_value", SecretId=account.secret_arn, VersionStage="AWSCURRENT")["SecretString"])


def test_secret_fix_sets_both_keys_keeps_the_others_and_undoes(access: AwsAccess, account: DemoAccount) -> None:
    emptied = {k: v for k, v in raw_secret(access, account).items() if k not in (names.SECRET_PRIVATE_KEY, names.SECRET_KEY_ID)}
    access.call("secretsmanager", "put_secret_value", SecretId=account.secret_arn, SecretString=json.dumps(emptied))
    before_version = access.call("secretsmanager", "describe_secret", SecretId=account.secret_arn)["VersionIdsToStages"]
    # The admin hands over the key as OpenSSL 3 writes it (PKCS#8); the fix converts and flattens it.
    pkcs8 = serialization.load_pem_private_key(account.private_key_pem.encode(), None).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    material = prepare_secret_material(pkcs8, account.public_key_id)
    assert "BEGIN" not in repr(material)

    plan = plan_secret_fix(access, account.secret_arn, material)
    settings = {c.setting: c for c in plan.changes}
    assert set(settings) == {names.SECRET_PRIVATE_KEY, names.SECRET_KEY_ID}
    assert settings[names.SECRET_PRIVATE_KEY].secret and settings[names.SECRET_PRIVATE_KEY].current == "(missing)"
    assert settings[names.SECRET_KEY_ID].desired == account.public_key_id
    plan_text = plan.model_dump_json()
    assert "PRIVATE KEY" not in plan_text and not any(v in plan_text for v in DEMO_SECRET_VALUES.values())
    assert "public half SHA256:" in settings[names.SECRET_PRIVATE_KEY].desired

    outcome = apply_secret_fix(access, plan, material, by="test")
    written = raw_secret(access, account)
    expected = {**emptied, names.SECRET_PRIVATE_KEY: flatten_private_key(account.private_key_pem), names.SECRET_KEY_ID: account.public_key_id}
    assert_same_values(written, expected)  # both keys set, every other key kept
    assert {r.check_id: r.status for r in outcome.results} == {
        "aws.secret.keys": Status.PASS, "aws.secret.private_key": Status.PASS, "aws.secret.key_pair": Status.PASS}

    backup_text = (backup_dir() / f"{outcome.backup_id}.json").read_text()
    assert "PRIVATE KEY" not in backup_text and not any(v in backup_text for v in DEMO_SECRET_VALUES.values())
    backup = load_backup(outcome.backup_id)
    assert backup["keys"] == sorted(emptied) and backup["new_version_id"]

    assert plan_secret_fix(access, account.secret_arn, material).empty  # applying again changes nothing
    undo(access, outcome.backup_id)
    assert_same_values(raw_secret(access, account), emptied)
    current = access.call("secretsmanager", "describe_secret", SecretId=account.secret_arn)["VersionIdsToStages"]
    assert [v for v, s in current.items() if "AWSCURRENT" in s] == [v for v, s in before_version.items() if "AWSCURRENT" in s]


def test_secret_fix_refuses_a_key_that_does_not_pair(access: AwsAccess, account: DemoAccount) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()).decode()
    before = raw_secret(access, account)
    with pytest.raises(FixRefused, match="does not belong"):
        plan_secret_fix(access, account.secret_arn, prepare_secret_material(stranger, account.public_key_id))
    with pytest.raises(FixRefused, match="no public key"):
        plan_secret_fix(access, account.secret_arn, prepare_secret_material(None, "K2NOSUCHKEY"))
    assert_same_values(raw_secret(access, account), before)


def test_secret_fix_will_not_overwrite_a_secret_it_cannot_read_as_key_value_pairs(access: AwsAccess, account: DemoAccount) -> None:
    access.call("secretsmanager", "put_secret_value", SecretId=account.secret_arn, SecretString="just some text")
    with pytest.raises(FixRefused, match="not JSON"):
        plan_secret_fix(access, account.secret_arn, prepare_secret_material(account.private_key_pem, account.public_key_id))
    assert access.call("secretsmanager", "get_secret_value", SecretId=account.secret_arn)["SecretString"] == "just some text"


def test_undo_refuses_when_the_secret_moved_on(access: AwsAccess, account: DemoAccount) -> None:
    access.call("secretsmanager", "put_secret_value", SecretId=account.secret_arn, SecretString=json.dumps(DEMO_SECRET_VALUES))
    material = prepare_secret_material(account.private_key_pem, account.public_key_id)
    outcome = apply_secret_fix(access, plan_secret_fix(access, account.secret_arn, material), material)
    access.call("secretsmanager", "put_secret_value", SecretId=account.secret_arn, SecretString=json.dumps({**DEMO_SECRET_VALUES, "Extra": "x"}))
    with pytest.raises(FixRefused, match="newer version"):
        undo(access, outcome.backup_id)
