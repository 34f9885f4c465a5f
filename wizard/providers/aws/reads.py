"""One reader per part of the AWS setup; each returns its facts and the calls that showed them.

Readers run concurrently from `snapshot.read_snapshot`. A non-fatal failure (access denied, a
missing resource) becomes a `ReadIssue` for that part only. The secret's value is parsed here,
reduced to key names and a verdict on the private key, and dropped before the reader returns.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from wizard.engine.results import Evidence
from wizard.providers.aws import names
from wizard.providers.aws.access import AwsAccess, operation_label
from wizard.providers.aws.errors import AwsCallError
from wizard.providers.aws.pem import inspect_private_key_value
from wizard.providers.aws.snapshot import (
    AccessKeyFacts,
    BucketFacts,
    FunctionFacts,
    IamUserFacts,
    ReadIssue,
    SecretFacts,
    StackFacts,
)

T = TypeVar("T")
Evidences = tuple[Evidence, ...]
NOT_FOUND = {"ResourceNotFoundException", "NoSuchEntity", "NoSuchBucket", "NoSuchDistribution", "ValidationError"}


class Recorder:
    """Calls through the access and notes each one as evidence."""

    def __init__(self, access: AwsAccess) -> None:
        self.access = access
        self.evidence: list[Evidence] = []

    def note(self, service: str, operation: str, detail: str, region: str | None = None) -> None:
        where = self.access.region_for(service, region)
        item = Evidence(source=f"AWS {operation_label(service, operation)}", detail=f"{detail} ({where})".strip())
        if item not in self.evidence:
            self.evidence.append(item)

    def call(self, service: str, operation: str, detail: str, *, region: str | None = None, **params: Any) -> dict[str, Any]:
        self.note(service, operation, detail, region)
        return self.access.call(service, operation, region=region, **params)

    def pages(self, service: str, operation: str, detail: str, items: str, *, token: tuple[str, str] = ("NextToken", "NextToken"), region: str | None = None, **params: Any) -> list[Any]:
        self.note(service, operation, detail, region)
        return self.access.pages(service, operation, items, token=token, region=region, **params)

    def done(self) -> Evidences:
        return tuple(self.evidence)


def issue_of(exc: AwsCallError) -> ReadIssue:
    """A refused or failed read as the part's `ReadIssue`: what was observed, then what to do, as two sentences."""
    problem = exc.problem
    action = problem.action[:1].upper() + problem.action[1:]
    return ReadIssue(problem.operation, problem.kind, f"{problem.observed} {action}.")


def _guard(body: Callable[[Recorder], T], access: AwsAccess) -> tuple[T | ReadIssue, Evidences]:
    rec = Recorder(access)
    try:
        return body(rec), rec.done()
    except AwsCallError as exc:
        return issue_of(exc), rec.done()


def error_code(exc: AwsCallError) -> str:
    return exc.problem.code


# ---- CloudFormation --------------------------------------------------------------------------
def read_stack(access: AwsAccess, stack_name: str | None) -> tuple[StackFacts | ReadIssue | None, tuple[str, ...], Evidences]:
    """The Salesforce Lambdas stack: by name, or the one stack whose parameters give it away."""
    candidates: tuple[str, ...] = ()

    def body(rec: Recorder) -> StackFacts | None:
        nonlocal candidates
        if stack_name:
            try:
                stacks = rec.call("cloudformation", "describe_stacks", f"StackName={stack_name}", StackName=stack_name)["Stacks"]
            except AwsCallError as exc:
                if error_code(exc) in NOT_FOUND:
                    return None
                raise
        else:
            stacks = rec.pages("cloudformation", "describe_stacks", "all stacks", "Stacks")
            stacks = [s for s in stacks if _has_signature(s)]
            candidates = tuple(s["StackName"] for s in stacks)
            if len(stacks) != 1:
                return None
        stack = stacks[0]
        resources = rec.pages(
            "cloudformation", "list_stack_resources", f"StackName={stack['StackName']}", "StackResourceSummaries",
            StackName=stack["StackName"],
        )
        return StackFacts(
            name=stack["StackName"],
            stack_id=stack.get("StackId", ""),
            status=stack.get("StackStatus", ""),
            region=access.region,
            parameters=tuple((p["ParameterKey"], str(p.get("ParameterValue", ""))) for p in stack.get("Parameters", [])),
            resources=tuple(
                (r.get("LogicalResourceId", ""), r.get("ResourceType", ""), r.get("PhysicalResourceId", "")) for r in resources
            ),
        )

    result, evidence = _guard(body, access)
    return result, candidates, evidence


def _has_signature(stack: dict[str, Any]) -> bool:
    keys = {p.get("ParameterKey") for p in stack.get("Parameters", [])}
    return all(k in keys for k in names.STACK_SIGNATURE_PARAMS)


# ---- Lambda -----------------------------------------------------------------------------------
def read_stack_function(access: AwsAccess, stack: StackFacts | None, logical: str) -> tuple[FunctionFacts | ReadIssue | None, Evidences]:
    """A function of the stack: through the stack's resources, else by name in the region."""

    def body(rec: Recorder) -> FunctionFacts | None:
        from_stack = stack.physical("AWS::Lambda::Function", logical) if stack else []
        for name in from_stack:
            found = _configuration(rec, name)
            if found:
                return found
        # Not in the stack's resources (or deleted since): search by name, as the guide does.
        listed = rec.pages("lambda", "list_functions", f"names containing {logical}", "Functions", token=("Marker", "NextMarker"))
        wanted = logical.lower()[:24]  # CloudFormation shortens long logical ids inside names
        candidates = [f["FunctionName"] for f in listed if wanted in f["FunctionName"].lower()]
        if stack and len(candidates) > 1:
            candidates = [c for c in candidates if c.startswith(stack.name)] or candidates
        return _configuration(rec, candidates[0]) if candidates else None

    return _guard(body, access)


def _configuration(rec: Recorder, name: str) -> FunctionFacts | None:
    try:
        config = rec.call("lambda", "get_function_configuration", f"FunctionName={name}", FunctionName=name)
    except AwsCallError as exc:
        if error_code(exc) in NOT_FOUND:
            return None
        raise
    return _function(config, rec.access.region)


def _function(config: dict[str, Any], region: str) -> FunctionFacts:
    return FunctionFacts(
        name=config["FunctionName"], arn=config.get("FunctionArn", ""), region=region,
        timeout=int(config.get("Timeout", 3)), role_arn=config.get("Role", ""),
    )


# ---- Secrets Manager --------------------------------------------------------------------------
def read_secret(access: AwsAccess, stack: StackFacts | None) -> tuple[SecretFacts | ReadIssue | None, Evidences]:
    """The SalesforceCredentials secret: key names and a verdict on the private key, no values."""
    secret_id = (stack.param(names.PARAM_SECRET_ARN) if stack else None) or names.SECRET_NAME
    return _guard(lambda rec: read_secret_by_id(rec, secret_id), access)


def read_secret_by_id(rec: Recorder, secret_id: str) -> SecretFacts | None:
    """One secret by name or ARN (None when it does not exist); its values are dropped here."""
    region = arn_region(secret_id) or rec.access.region
    try:
        described = rec.call("secretsmanager", "describe_secret", f"SecretId={secret_id}", region=region, SecretId=secret_id)
    except AwsCallError as exc:
        if error_code(exc) in NOT_FOUND:
            return None
        raise
    stages = described.get("VersionIdsToStages", {})
    current = next((v for v, s in stages.items() if "AWSCURRENT" in s), "")
    # VersionStage is AWS's default; naming it also makes emulators that track stages loosely agree.
    reply = rec.call("secretsmanager", "get_secret_value", f"SecretId={secret_id}, AWSCURRENT (values are not kept)", region=region,
                     SecretId=secret_id, VersionStage="AWSCURRENT")
    facts = _secret_facts(reply, described, current, region)
    del reply  # the only reference to the secret values
    return facts


def _secret_facts(reply: dict[str, Any], described: dict[str, Any], version: str, region: str) -> SecretFacts:
    base = {"secret_id": described.get("ARN", ""), "name": described.get("Name", ""), "region": region, "version_id": version}
    if "SecretString" not in reply:
        return SecretFacts(document="binary", **base)
    try:
        document = json.loads(reply["SecretString"])
    except ValueError:
        return SecretFacts(document="not_json", **base)
    if not isinstance(document, dict):
        return SecretFacts(document="not_object", **base)
    keys = tuple(str(k) for k in document)
    empty = tuple(str(k) for k, v in document.items() if not str(v).strip())
    raw_key = document.get(names.SECRET_PRIVATE_KEY)
    finding = inspect_private_key_value(str(raw_key)) if isinstance(raw_key, str) and raw_key.strip() else None
    key_id = document.get(names.SECRET_KEY_ID)
    return SecretFacts(
        document="json", keys=keys, empty_keys=empty, private_key=finding,
        key_id=str(key_id).strip() if isinstance(key_id, str) and key_id.strip() else None, **base,
    )


def arn_region(arn: str) -> str | None:
    parts = arn.split(":")
    return parts[3] if arn.startswith("arn:") and len(parts) > 4 and parts[3] else None


# ---- S3 ---------------------------------------------------------------------------------------
def read_bucket(access: AwsAccess, stack: StackFacts | None) -> tuple[BucketFacts | ReadIssue | None, Evidences]:
    """The recordings bucket named by ConnectRecordingS3BucketName, with its CORS rules."""
    name = (stack.param(names.PARAM_RECORDING_BUCKET) or "").strip() if stack else ""

    def body(rec: Recorder) -> BucketFacts | None:
        if not name:
            return None
        return read_bucket_cors(rec, name)

    return _guard(body, access)


def read_bucket_cors(rec: Recorder, name: str) -> BucketFacts:
    """Location, then CORS from the bucket's own region (also used to re-read after a fix)."""
    try:
        location = rec.call("s3", "get_bucket_location", f"Bucket={name}", Bucket=name).get("LocationConstraint")
    except AwsCallError as exc:
        if error_code(exc) in NOT_FOUND:
            return BucketFacts(name=name, region="", exists=False)
        raise
    region = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(location, location)
    try:
        rules = rec.call("s3", "get_bucket_cors", f"Bucket={name}", region=region, Bucket=name).get("CORSRules", [])
    except AwsCallError as exc:
        if error_code(exc) != "NoSuchCORSConfiguration":
            raise
        rules = []
    return BucketFacts(name=name, region=region, exists=True, cors_rules=tuple(rules))


# ---- IAM --------------------------------------------------------------------------------------
def read_streaming_users(access: AwsAccess) -> tuple[tuple[Any, Any], Evidences]:
    """Users with invokeSfGenerateAudioRecordingStreamingURLPolicy attached, and their access keys."""
    rec = Recorder(access)
    try:
        policies = [
            p for p in rec.pages("iam", "list_policies", "Scope=Local", "Policies", token=("Marker", "Marker"), Scope="Local")
            if names.STREAMING_POLICY.lower() in p["PolicyName"].lower()
        ]
        users = []
        for policy in policies:
            attached = rec.pages(
                "iam", "list_entities_for_policy", f"PolicyArn={policy['Arn']}", "PolicyUsers", token=("Marker", "Marker"),
                PolicyArn=policy["Arn"], EntityFilter="User",
            )
            for user in attached:
                users.append(IamUserFacts(user["UserName"], policy["PolicyName"], _access_keys(rec, user["UserName"])))
        return (tuple(p["PolicyName"] for p in policies), tuple(users)), rec.done()
    except AwsCallError as exc:
        issue = issue_of(exc)
        return (issue, issue), rec.done()


def _access_keys(rec: Recorder, user: str) -> tuple[AccessKeyFacts, ...]:
    keys = []
    for meta in rec.pages("iam", "list_access_keys", f"UserName={user}", "AccessKeyMetadata", token=("Marker", "Marker"), UserName=user):
        used = rec.call("iam", "get_access_key_last_used", f"keys of {user}", AccessKeyId=meta["AccessKeyId"]).get("AccessKeyLastUsed", {})
        service = used.get("ServiceName", "")
        keys.append(
            AccessKeyFacts(
                key_id=meta["AccessKeyId"], status=meta.get("Status", ""), created=meta.get("CreateDate"),
                last_used=used.get("LastUsedDate"), last_service="" if service == "N/A" else service,
            )
        )
    return tuple(keys)
