"""The two AWS settings the wizard writes itself: the bucket's CORS rule and the secret's two keys.

Both go through the one door (design principle 4 in README): plan (current -> desired, read fresh) ->
preview -> confirm -> back up -> write -> read again -> check again. The CORS fix merges the
org's origins into the existing rules and never removes or rewrites another rule. The secret fix
sets ``CloudFrontPrivateKey`` (in the one-line form) and ``CloudFrontAccessKeyID`` and keeps every
other key of the secret; it refuses a key that does not pair with the CloudFront public key.
Applying again changes nothing; a plan made before someone else changed the setting is refused.
Everything else the guide asks for is explained step by step with the console page (see checks).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wizard.engine.changes import AppliedChange, Change, ChangePlan
from wizard.engine.results import CheckResult
from wizard.providers.aws import cors, names, reads, reads_cloudfront
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.backups import load_backup, save_backup
from wizard.providers.aws.checks import AwsCheckInputs, run_checks
from wizard.providers.aws.errors import AwsCallError
from wizard.providers.aws.pem import (
    flatten_private_key,
    lambda_format_private_key,
    load_private_key,
    public_key_fingerprint,
)
from wizard.providers.aws.snapshot import AwsSnapshot, PublicKeyFacts, ReadIssue

CORS_FIX = "aws.cors"
SECRET_FIX = "aws.secret"


class FixRefused(RuntimeError):
    """The fix will not write: the message says what was found and what to do instead."""


class SecretNotFound(FixRefused):
    """Secrets Manager has no secret by the id given: its own class so the command line can add which
    option names the secret, instead of AWS's bare ResourceNotFoundException and a generic hint."""


@dataclass(frozen=True)
class FixOutcome:
    """What a fix (or undo) did, and the checks read again afterwards."""

    applied: tuple[AppliedChange, ...]
    backup_id: str | None
    results: tuple[CheckResult, ...] = ()
    message: str = ""


@dataclass(frozen=True)
class SecretMaterial:
    """The new secret values, held in memory only between plan and apply; never printed."""

    private_key: str | None = field(default=None, repr=False)
    key_id: str | None = None

    def __repr__(self) -> str:
        return f"SecretMaterial(private_key={'<hidden>' if self.private_key else None}, key_id={self.key_id!r})"


def _mini_snapshot(access: AwsAccess, **parts: Any) -> AwsSnapshot:
    return AwsSnapshot(region=access.region, account="", caller_arn="", credential_source=access.source, **parts)


# ---- CORS -------------------------------------------------------------------------------------
def plan_cors_fix(access: AwsAccess, bucket: str, origins: tuple[str, ...]) -> ChangePlan:
    """Current rules -> rules with the missing origins merged in (empty plan when nothing is missing)."""
    facts = reads.read_bucket_cors(reads.Recorder(access), bucket)
    if not facts.exists:
        raise FixRefused(f"bucket {bucket} does not exist; check {names.PARAM_RECORDING_BUCKET} in the stack")
    before = [dict(r) for r in facts.cors_rules]
    after, added = cors.merge_rules(before, origins)
    changes = ()
    if added:
        changes = (Change(target=f"S3 bucket {bucket}", setting="CORS configuration", action="update" if before else "create",
                          current=json.dumps(before), desired=json.dumps(after), fix_name=CORS_FIX, check_ids=("aws.bucket.cors",)),)
    return ChangePlan(title=f"Allow {', '.join(added) or 'the org'} to fetch recordings from {bucket}", system="aws",
                      org_name=access.source, changes=changes,
                      payload={"bucket": bucket, "region": facts.region, "before": before, "after": after, "origins": list(origins)})


def apply_cors_fix(access: AwsAccess, plan: ChangePlan, *, by: str = "") -> FixOutcome:
    """Back up, write the merged rules, read them back and re-check."""
    bucket, region = plan.payload["bucket"], plan.payload["region"]
    origins = tuple(plan.payload["origins"])
    current = cors.normalise_rules(reads.read_bucket_cors(reads.Recorder(access), bucket).cors_rules)
    if not cors.missing_origins(current, origins):
        return FixOutcome((), None, _recheck_cors(access, bucket, origins), "Nothing to do: the bucket already allows the org's origins.")
    if current != cors.normalise_rules(plan.payload["before"]):
        raise FixRefused(f"the CORS rules of {bucket} changed since the plan was made; plan again to see the current rules")
    backup_id = save_backup(CORS_FIX, {"bucket": bucket, "region": region, "before": plan.payload["before"], "after": plan.payload["after"]})
    rules = plan.payload["after"]
    access.call("s3", "put_bucket_cors", region=region, Bucket=bucket, CORSConfiguration={"CORSRules": rules})
    results = _recheck_cors(access, bucket, origins)
    change = plan.changes[0]
    applied = AppliedChange(target=change.target, setting=change.setting, before=change.current, after=change.desired,
                            at=datetime.now(UTC), by=by, backup_id=backup_id)
    return FixOutcome((applied,), backup_id, results, f"CORS rule written to {bucket}; undo with backup {backup_id}.")


def _recheck_cors(access: AwsAccess, bucket: str, origins: tuple[str, ...]) -> tuple[CheckResult, ...]:
    rec = reads.Recorder(access)
    facts = reads.read_bucket_cors(rec, bucket)
    snap = _mini_snapshot(access, bucket=facts, evidence={"bucket": rec.done()})
    return tuple(run_checks(snap, AwsCheckInputs(org_origins=origins), only={"aws.bucket.cors"}))


# ---- Secret -----------------------------------------------------------------------------------
def prepare_secret_material(private_key_pem: str | None, key_id: str | None) -> SecretMaterial:
    """Flatten (and check) the private key the admin chose; the PEM text is not kept."""
    one_line = flatten_private_key(private_key_pem) if private_key_pem else None
    return SecretMaterial(one_line, key_id.strip() if key_id else None)


def _read_document(access: AwsAccess, secret_id: str, region: str) -> tuple[dict[str, Any], str]:
    try:
        described = access.call("secretsmanager", "describe_secret", region=region, SecretId=secret_id)
    except AwsCallError as exc:
        if reads.error_code(exc) != "ResourceNotFoundException":
            raise
        raise SecretNotFound(f"Secrets Manager in {region} has no secret called {secret_id}") from None
    reply = access.call("secretsmanager", "get_secret_value", region=region, SecretId=secret_id, VersionStage="AWSCURRENT")
    if "SecretString" not in reply:
        raise FixRefused(f"{secret_id} holds binary data; the Lambdas need JSON key/value pairs, so edit it in the console")
    try:
        document = json.loads(reply["SecretString"])
    except ValueError:
        raise FixRefused(f"{secret_id} is not JSON key/value pairs; the wizard will not overwrite it. Fix it in the console first") from None
    if not isinstance(document, dict):
        raise FixRefused(f"{secret_id} is JSON but not key/value pairs; fix it in the console first")
    version = next((v for v, s in described.get("VersionIdsToStages", {}).items() if "AWSCURRENT" in s), "")
    return document, version


def _public_key(access: AwsAccess, key_id: str) -> PublicKeyFacts:
    keys, _ = reads_cloudfront.read_cloudfront_inventory(access)
    public_keys = keys[1]
    if isinstance(public_keys, ReadIssue):
        raise FixRefused(f"the CloudFront public keys could not be read to confirm {key_id}: {public_keys.message}")
    found = next((k for k in public_keys if k.id == key_id), None)
    if found is None:
        raise FixRefused(f"CloudFront has no public key {key_id}; copy the ID from CloudFront > Public keys")
    return found


def plan_secret_fix(access: AwsAccess, secret_id: str, material: SecretMaterial) -> ChangePlan:
    """Current keys -> the new CloudFrontPrivateKey / CloudFrontAccessKeyID; other keys untouched."""
    region = reads.arn_region(secret_id) or access.region
    document, version = _read_document(access, secret_id, region)
    key_id = material.key_id or str(document.get(names.SECRET_KEY_ID) or "") or None
    fingerprint = None
    if material.private_key:
        fingerprint = public_key_fingerprint(load_private_key(lambda_format_private_key(material.private_key)).public_key())
    if key_id and (material.key_id or material.private_key):
        public = _public_key(access, key_id)
        if fingerprint and public.fingerprint != fingerprint:
            raise FixRefused(f"the private key does not belong to CloudFront public key {key_id}; choose the matching pair")
    changes = []
    if material.private_key and document.get(names.SECRET_PRIVATE_KEY) != material.private_key:
        current = "(present, replaced)" if document.get(names.SECRET_PRIVATE_KEY) else "(missing)"
        changes.append(Change(target=f"Secret {secret_id}", setting=names.SECRET_PRIVATE_KEY, action="update", current=current,
                              desired=f"(private key, one-line form, public half {fingerprint})", secret=True, fix_name=SECRET_FIX,
                              check_ids=("aws.secret.keys", "aws.secret.private_key", "aws.secret.key_pair")))
    if material.key_id and document.get(names.SECRET_KEY_ID) != material.key_id:
        changes.append(Change(target=f"Secret {secret_id}", setting=names.SECRET_KEY_ID, action="update",
                              current=str(document.get(names.SECRET_KEY_ID) or "(missing)"), desired=material.key_id, fix_name=SECRET_FIX,
                              check_ids=("aws.secret.keys", "aws.secret.key_pair")))
    kept = [k for k in document if k not in (names.SECRET_PRIVATE_KEY, names.SECRET_KEY_ID)]
    del document
    return ChangePlan(title=f"Set the CloudFront keys in {secret_id} (keeping {len(kept)} other keys)", system="aws", org_name=access.source,
                      changes=tuple(changes), payload={"secret_id": secret_id, "region": region, "version_id": version,
                                                       "request_token": str(uuid.uuid4()), "kept_keys": kept})


def apply_secret_fix(access: AwsAccess, plan: ChangePlan, material: SecretMaterial, *, by: str = "") -> FixOutcome:
    """Back up (key names and version id only), write a new version, read it back, re-check."""
    secret_id, region = plan.payload["secret_id"], plan.payload["region"]
    if plan.empty:
        return FixOutcome((), None, _recheck_secret(access, secret_id), "Nothing to do: the secret already holds these keys.")
    document, version = _read_document(access, secret_id, region)
    if version != plan.payload["version_id"]:
        raise FixRefused(f"{secret_id} changed since the plan was made; plan again")
    backup_id = save_backup(SECRET_FIX, {"secret_id": secret_id, "region": region, "previous_version_id": version, "keys": sorted(document)})
    if material.private_key:
        document[names.SECRET_PRIVATE_KEY] = material.private_key
    if material.key_id:
        document[names.SECRET_KEY_ID] = material.key_id
    reply = access.call("secretsmanager", "put_secret_value", region=region, SecretId=secret_id,
                        SecretString=json.dumps(document), ClientRequestToken=plan.payload["request_token"])
    del document
    save_backup(SECRET_FIX, {**load_backup(backup_id), "new_version_id": reply.get("VersionId", "")}, backup_id)
    now = datetime.now(UTC)
    applied = tuple(AppliedChange(target=c.target, setting=c.setting, before=c.current, after=c.desired, at=now, by=by, backup_id=backup_id)
                    for c in plan.changes)
    return FixOutcome(applied, backup_id, _recheck_secret(access, secret_id), f"New secret version written; undo with backup {backup_id}.")


def _recheck_secret(access: AwsAccess, secret_id: str) -> tuple[CheckResult, ...]:
    rec = reads.Recorder(access)
    stackless = reads.read_secret_by_id(rec, secret_id)
    (key_groups, public_keys, _), cf_ev = reads_cloudfront.read_cloudfront_inventory(access)
    snap = _mini_snapshot(access, secret=stackless, key_groups=key_groups, public_keys=public_keys,
                          evidence={"secret": rec.done(), "cloudfront": cf_ev})
    return tuple(run_checks(snap, only={"aws.secret.keys", "aws.secret.private_key", "aws.secret.key_pair"}))


# ---- Undo -------------------------------------------------------------------------------------
def undo(access: AwsAccess, backup_id: str, *, by: str = "") -> FixOutcome:
    """Put back what a fix replaced, if nobody changed it since."""
    backup = load_backup(backup_id)
    now = datetime.now(UTC)
    if backup["kind"] == CORS_FIX:
        bucket, region = backup["bucket"], backup["region"]
        current = cors.normalise_rules(reads.read_bucket_cors(reads.Recorder(access), bucket).cors_rules)
        if current == cors.normalise_rules(backup["before"]):
            return _already_undone(backup_id, backup, f"the CORS rules of {bucket} are already what they were before the fix")
        if current != cors.normalise_rules(backup["after"]):
            raise FixRefused(f"the CORS rules of {bucket} changed after the {_since(backup)}; undo would lose those changes, "
                             "so edit them in the console")
        if backup["before"]:
            access.call("s3", "put_bucket_cors", region=region, Bucket=bucket, CORSConfiguration={"CORSRules": backup["before"]})
        else:
            access.call("s3", "delete_bucket_cors", region=region, Bucket=bucket)
        change = AppliedChange(target=f"S3 bucket {bucket}", setting="CORS configuration", before=json.dumps(current),
                               after=json.dumps(backup["before"]), at=now, by=by, backup_id=backup_id)
        _mark_undone(backup_id, backup, now)
        return FixOutcome((change,), backup_id, message=f"The CORS rules of {bucket} are back to what they were.")
    if backup["kind"] == SECRET_FIX:
        secret_id, region = backup["secret_id"], backup["region"]
        described = access.call("secretsmanager", "describe_secret", region=region, SecretId=secret_id)
        current = next((v for v, s in described.get("VersionIdsToStages", {}).items() if "AWSCURRENT" in s), "")
        if current and current == backup["previous_version_id"]:
            return _already_undone(backup_id, backup, f"{secret_id} is already at version {current}, the one before the fix")
        if current != backup.get("new_version_id"):
            raise FixRefused(f"{secret_id} has a newer version than the one the fix wrote (changed after the {_since(backup)}); "
                             "restore it in the console instead")
        access.call("secretsmanager", "update_secret_version_stage", region=region, SecretId=secret_id, VersionStage="AWSCURRENT",
                    MoveToVersionId=backup["previous_version_id"], RemoveFromVersionId=current)
        change = AppliedChange(target=f"Secret {secret_id}", setting="AWSCURRENT version", before=current,
                               after=backup["previous_version_id"], at=now, by=by, backup_id=backup_id)
        _mark_undone(backup_id, backup, now)
        return FixOutcome((change,), backup_id, message=f"{secret_id} is back to version {backup['previous_version_id']}.")
    raise FixRefused(f"backup {backup_id} is not an AWS fix backup")


def _mark_undone(backup_id: str, backup: dict[str, Any], when: datetime) -> None:
    """Note in the backup when it was restored, so running the same undo again can say so (instead of
    blaming "someone" for the change the first undo made)."""
    save_backup(backup["kind"], {**backup, "undone": when.isoformat()}, backup_id)


def _since(backup: dict[str, Any]) -> str:
    """What the setting is compared with: the fix, or the undo that already restored it."""
    return f"undo of {backup['undone']}" if backup.get("undone") else "fix"


def _already_undone(backup_id: str, backup: dict[str, Any], state: str) -> FixOutcome:
    """Nothing to write: the setting already holds what the backup would restore (exit 0, the state asked for)."""
    when = backup.get("undone")
    how = f"backup {backup_id} was already restored on {when}" if when else f"backup {backup_id} has nothing left to restore"
    return FixOutcome((), backup_id, message=f"Nothing was changed: {how}; {state}.")

