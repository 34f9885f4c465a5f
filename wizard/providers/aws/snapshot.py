"""The AWS side of one Amazon Connect setup as one read saw it, frozen for the checks.

Read once, judge purely (design principle 3 in README): `read_snapshot` fetches everything the checks
need in two concurrent waves (what can be found on its own, then what the stack's parameters
point to) and freezes it into an `AwsSnapshot`. A part that could not be read is kept as a
`ReadIssue` so the checks that need it become "could not check" results and the rest still run;
a fatal problem (no credentials, expired token) raises `AwsAccessError` instead.

Secret values never enter the snapshot: of the ``SalesforceCredentials`` secret it keeps the key
names, the version id, a verdict on the private key and the fingerprint of its public half. The
``CloudFrontAccessKeyID`` value is kept because it is not a secret: it is the id CloudFront lists
for the public key to anyone who may read the distribution.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from wizard.engine.results import Evidence
from wizard.providers.aws.pem import PrivateKeyFinding

T = TypeVar("T")


@dataclass(frozen=True)
class ReadIssue:
    """A part that could not be read, with the reason in the admin's words."""

    operation: str
    kind: str
    message: str


@dataclass(frozen=True)
class StackFacts:
    name: str
    stack_id: str
    status: str
    region: str
    parameters: tuple[tuple[str, str], ...]
    #: (logical id, resource type, physical id)
    resources: tuple[tuple[str, str, str], ...] = ()

    def param(self, key: str) -> str | None:
        return dict(self.parameters).get(key)

    def physical(self, rtype: str, logical_prefix: str = "") -> list[str]:
        return [p for logical, t, p in self.resources if t == rtype and logical.startswith(logical_prefix) and p]


@dataclass(frozen=True)
class FunctionFacts:
    name: str
    arn: str
    region: str
    timeout: int
    role_arn: str = ""


@dataclass(frozen=True)
class SecretFacts:
    secret_id: str
    name: str
    region: str
    version_id: str
    #: "json" (an object), "not_object", "not_json" or "binary"
    document: str
    keys: tuple[str, ...] = ()
    empty_keys: tuple[str, ...] = ()
    private_key: PrivateKeyFinding | None = None
    key_id: str | None = None


@dataclass(frozen=True)
class BucketFacts:
    name: str
    region: str
    exists: bool
    cors_rules: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class EdgeAssociation:
    arn: str
    event_type: str


@dataclass(frozen=True)
class BehaviorFacts:
    path: str  # "(default)" or the PathPattern
    key_groups_enabled: bool
    key_group_ids: tuple[str, ...]
    trusted_signers_enabled: bool
    edge: tuple[EdgeAssociation, ...] = ()


@dataclass(frozen=True)
class DistributionFacts:
    id: str
    domain_name: str
    origin_domains: tuple[str, ...]
    behaviors: tuple[BehaviorFacts, ...]
    found_by: str

    @property
    def default(self) -> BehaviorFacts:
        return self.behaviors[0]


@dataclass(frozen=True)
class KeyGroupFacts:
    id: str
    name: str
    public_key_ids: tuple[str, ...]


@dataclass(frozen=True)
class PublicKeyFacts:
    id: str
    name: str
    fingerprint: str | None


@dataclass(frozen=True)
class EdgeFunctionFacts:
    arn: str
    name: str
    region: str
    version: str
    exists: bool
    role_arn: str = ""


@dataclass(frozen=True)
class AccessKeyFacts:
    key_id: str
    status: str
    created: datetime | None = None
    last_used: datetime | None = None
    last_service: str = ""

    @property
    def masked(self) -> str:
        """Enough to find the key in the IAM console without printing the whole id."""
        return f"{self.key_id[:4]}…{self.key_id[-4:]}" if len(self.key_id) > 8 else self.key_id


@dataclass(frozen=True)
class IamUserFacts:
    name: str
    policy_name: str
    access_keys: tuple[AccessKeyFacts, ...] = ()


@dataclass(frozen=True)
class AwsSnapshot:
    """Everything the AWS checks judge, read once."""

    region: str
    account: str
    caller_arn: str
    credential_source: str
    stack: StackFacts | ReadIssue | None = None
    stack_candidates: tuple[str, ...] = ()
    #: The stack asked for by name (--stack), when one was: its absence is then said as such.
    stack_requested: str | None = None
    ctr_trigger: FunctionFacts | ReadIssue | None = None
    generate_function: FunctionFacts | ReadIssue | None = None
    secret: SecretFacts | ReadIssue | None = None
    bucket: BucketFacts | ReadIssue | None = None
    distribution: DistributionFacts | ReadIssue | None = None
    key_groups: tuple[KeyGroupFacts, ...] | ReadIssue = ()
    public_keys: tuple[PublicKeyFacts, ...] | ReadIssue = ()
    edge_functions: tuple[EdgeFunctionFacts, ...] | ReadIssue = ()
    streaming_policies: tuple[str, ...] | ReadIssue = ()
    streaming_users: tuple[IamUserFacts, ...] | ReadIssue = ()
    #: area ("stack", "secret", "bucket", ...) -> the API calls that showed it
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    calls: int = 0

    def ev(self, *areas: str) -> tuple[Evidence, ...]:
        """The evidence of one or more areas, in order, without repeats."""
        seen: dict[Evidence, None] = {}
        for area in areas:
            for item in self.evidence.get(area, ()):
                seen.setdefault(item, None)
        return tuple(seen)


@dataclass(frozen=True)
class AwsTarget:
    """What to look for: the stack (by name, or found by its parameters)."""

    stack_name: str | None = None


def _no_stack(region: str, requested: str | None, candidates: tuple[str, ...]) -> ReadIssue:
    """Why the stack's own resources (its Lambdas, secret, bucket, distribution) are not judged: the one cause,
    told once on the stack's row, named here so each dependent row says "could not check" and points there."""
    from wizard.providers.aws import names

    row = f"see the “{names.PARAM_RECORDING_IMPORT}” row for what to do"
    if requested:
        return ReadIssue("cloudformation:DescribeStacks", "no_stack",
                         f"There is no CloudFormation stack called {requested} in {region}, so which resources "
                         f"are its own is unknown; {row}.")
    if len(candidates) > 1:
        return ReadIssue("cloudformation:DescribeStacks", "several_stacks",
                         f"{len(candidates)} stacks in {region} look like the Salesforce Lambdas stack "
                         f"({', '.join(candidates)}), so whose resources to check is unknown; {row}.")
    return ReadIssue("cloudformation:DescribeStacks", "no_stack",
                     f"No Salesforce Lambdas stack was found in {region}, so which resources are its own is "
                     f"unknown; {row}.")


def read_snapshot(access: Any, target: AwsTarget | None = None, *, workers: int = 6) -> AwsSnapshot:
    """Read everything in two concurrent waves and freeze it (raises AwsAccessError when fatal).

    `workers` bounds the calls in flight; 1 gives the sequential baseline the benchmark compares.
    """
    from wizard.providers.aws import names, reads, reads_cloudfront

    target = target or AwsTarget()
    identity = access.identity()  # fails fast and clearly on credentials, token or region
    start_calls = len(access.calls)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="aws-read") as pool:
        stack_job = pool.submit(reads.read_stack, access, target.stack_name)
        cloudfront_job = pool.submit(reads_cloudfront.read_cloudfront_inventory, access)
        iam_job = pool.submit(reads.read_streaming_users, access)
        stack, candidates, stack_ev = stack_job.result()
        stack_facts = stack if isinstance(stack, StackFacts) else None
        unfound = _no_stack(access.region, target.stack_name, candidates) if stack is None else None
        if unfound is None:
            ctr_job = pool.submit(reads.read_stack_function, access, stack_facts, names.CTR_TRIGGER)
            gen_job = pool.submit(reads.read_stack_function, access, stack_facts, names.GENERATE_FUNCTION)
            secret_job = pool.submit(reads.read_secret, access, stack_facts)
            bucket_job = pool.submit(reads.read_bucket, access, stack_facts)
        (key_groups, public_keys, summaries), cf_ev = cloudfront_job.result()
        if unfound is None:
            dist_job = pool.submit(reads_cloudfront.read_distribution, access, stack_facts, summaries)
        (policies, users), iam_ev = iam_job.result()
        if unfound is None:
            ctr, ctr_ev = ctr_job.result()
            gen, gen_ev = gen_job.result()
            secret, secret_ev = secret_job.result()
            bucket, bucket_ev = bucket_job.result()
            (distribution, edge_functions), dist_ev = dist_job.result()
        else:
            # No one stack: its resources are unknown. Searching the region by name would judge whatever
            # happens to be there (another stack's Lambda, a secret of that name) and pass or fail it.
            ctr = gen = secret = bucket = distribution = unfound
            edge_functions = ()
            ctr_ev = gen_ev = secret_ev = bucket_ev = dist_ev = stack_ev
    return AwsSnapshot(
        region=access.region,
        account=identity.account,
        caller_arn=identity.arn,
        credential_source=access.source,
        stack=stack,
        stack_candidates=candidates,
        stack_requested=target.stack_name,
        ctr_trigger=ctr,
        generate_function=gen,
        secret=secret,
        bucket=bucket,
        distribution=distribution,
        key_groups=key_groups,
        public_keys=public_keys,
        edge_functions=edge_functions,
        streaming_policies=policies,
        streaming_users=users,
        evidence={
            "stack": stack_ev,
            "cloudfront": cf_ev,
            "iam": iam_ev,
            "ctr_trigger": ctr_ev,
            "generate_function": gen_ev,
            "secret": secret_ev,
            "bucket": bucket_ev,
            "distribution": dist_ev,
        },
        calls=len(access.calls) - start_calls + 1,
    )
