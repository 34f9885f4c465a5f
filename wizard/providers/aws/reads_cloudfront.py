"""CloudFront readers: key groups, public keys, the recordings distribution and its edge functions.

moto (the emulator the tests use) leaves the origins out of distribution summaries; the reader
then reads each distribution's configuration instead, which real CloudFront never needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from wizard.providers.aws import names
from wizard.providers.aws.access import AwsAccess
from wizard.providers.aws.errors import AwsCallError
from wizard.providers.aws.pem import public_pem_fingerprint
from wizard.providers.aws.reads import NOT_FOUND, Evidences, Recorder, error_code, issue_of
from wizard.providers.aws.snapshot import (
    BehaviorFacts,
    DistributionFacts,
    EdgeAssociation,
    EdgeFunctionFacts,
    KeyGroupFacts,
    PublicKeyFacts,
    ReadIssue,
    StackFacts,
)

T = TypeVar("T")


def read_cloudfront_inventory(access: AwsAccess) -> tuple[tuple[Any, Any, list[dict[str, Any]] | ReadIssue], Evidences]:
    """Key groups, public keys (fingerprints only) and distribution summaries."""
    rec = Recorder(access)

    def guarded(fn: Callable[[], T]) -> T | ReadIssue:
        try:
            return fn()
        except AwsCallError as exc:
            return issue_of(exc)

    key_groups = guarded(lambda: tuple(
        KeyGroupFacts(g["KeyGroup"]["Id"], g["KeyGroup"]["KeyGroupConfig"].get("Name", ""), tuple(g["KeyGroup"]["KeyGroupConfig"].get("Items", [])))
        for g in rec.pages("cloudfront", "list_key_groups", "all key groups", "KeyGroupList.Items", token=("Marker", "KeyGroupList.NextMarker"))
    ))
    public_keys = guarded(lambda: tuple(
        PublicKeyFacts(k["Id"], k.get("Name", ""), public_pem_fingerprint(k.get("EncodedKey", "")))
        for k in rec.pages("cloudfront", "list_public_keys", "all public keys", "PublicKeyList.Items", token=("Marker", "PublicKeyList.NextMarker"))
    ))
    summaries = guarded(lambda: rec.pages("cloudfront", "list_distributions", "all distributions", "DistributionList.Items", token=("Marker", "DistributionList.NextMarker")))
    return (key_groups, public_keys, summaries), rec.done()


def read_distribution(access: AwsAccess, stack: StackFacts | None,
                      summaries: list[dict[str, Any]] | ReadIssue) -> tuple[tuple[Any, Any], Evidences]:
    """The stack's distribution (its resource, else the one serving the recordings bucket) and its edge functions.

    When the distributions could not be listed (`summaries` is that `ReadIssue`) and the stack does not
    name its distribution, the distribution is that issue: "no distribution" would be a guess, and a
    false one whenever the list was refused or throttled. A refused read of an edge function stays with
    the edge functions; the distribution itself was read.
    """
    rec = Recorder(access)
    edge: tuple[EdgeFunctionFacts, ...] | ReadIssue = ()
    try:
        dist = _distribution(rec, stack, summaries)
    except AwsCallError as exc:
        dist = issue_of(exc)
    if isinstance(dist, DistributionFacts):
        try:
            edge = tuple(_edge_function(rec, a.arn) for b in dist.behaviors for a in b.edge)
        except AwsCallError as exc:
            edge = issue_of(exc)
    return (dist, edge), rec.done()


def _distribution(rec: Recorder, stack: StackFacts | None,
                  summaries: list[dict[str, Any]] | ReadIssue) -> DistributionFacts | ReadIssue | None:
    ids = stack.physical("AWS::CloudFront::Distribution") if stack else []
    found_by = "the stack's resources"
    bucket = (stack.param(names.PARAM_RECORDING_BUCKET) or "") if stack else ""
    configs: dict[str, dict[str, Any]] = {}
    if isinstance(summaries, ReadIssue):
        if not ids:
            return summaries
        summaries = []  # only the domain name is missing; the stack names the distribution

    def config_of(dist_id: str) -> dict[str, Any]:
        if dist_id not in configs:
            reply = rec.call("cloudfront", "get_distribution_config", f"Id={dist_id}", Id=dist_id)
            configs[dist_id] = reply["DistributionConfig"]
        return configs[dist_id]

    if not ids and bucket:
        found_by = f"its origin, the bucket {bucket}"
        for summary in summaries:
            # Real summaries carry the origins; an emulator that leaves them out costs one read each.
            origins = summary["Origins"] if "Origins" in summary else config_of(summary["Id"]).get("Origins", {})
            if any(_serves_bucket(o.get("DomainName", ""), bucket) for o in origins.get("Items", []) or []):
                ids.append(summary["Id"])
    if not ids:
        return None
    dist_id = ids[0]
    config = config_of(dist_id)
    domain = next((s.get("DomainName", "") for s in summaries if s.get("Id") == dist_id), "")
    behaviors = [("(default)", config.get("DefaultCacheBehavior", {}))]
    behaviors += [(b.get("PathPattern", ""), b) for b in config.get("CacheBehaviors", {}).get("Items", []) or []]
    return DistributionFacts(
        id=dist_id, domain_name=domain,
        origin_domains=tuple(o.get("DomainName", "") for o in config.get("Origins", {}).get("Items", [])),
        behaviors=tuple(_behavior(path, b) for path, b in behaviors), found_by=found_by,
    )


def _serves_bucket(domain: str, bucket: str) -> bool:
    """An S3 origin of `bucket` (global, regional or legacy dash-region endpoint)."""
    return domain == f"{bucket}.s3.amazonaws.com" or domain.startswith((f"{bucket}.s3.", f"{bucket}.s3-"))


def _behavior(path: str, b: dict[str, Any]) -> BehaviorFacts:
    groups = b.get("TrustedKeyGroups", {}) or {}
    signers = b.get("TrustedSigners", {}) or {}
    edge = (b.get("LambdaFunctionAssociations", {}) or {}).get("Items", []) or []
    return BehaviorFacts(
        path=path,
        key_groups_enabled=bool(groups.get("Enabled")) and bool(groups.get("Items")),
        key_group_ids=tuple(groups.get("Items", []) or []),
        trusted_signers_enabled=bool(signers.get("Enabled")),
        edge=tuple(EdgeAssociation(e.get("LambdaFunctionARN", ""), e.get("EventType", "")) for e in edge),
    )


def _edge_function(rec: Recorder, arn: str) -> EdgeFunctionFacts:
    parts = arn.split(":")
    region = parts[3] if len(parts) > 6 else ""
    name = parts[6] if len(parts) > 6 else arn
    version = parts[7] if len(parts) > 7 else ""
    try:
        config = rec.call("lambda", "get_function_configuration", f"FunctionName={arn}", region=region or None, FunctionName=arn)
    except AwsCallError as exc:
        if error_code(exc) in NOT_FOUND:
            return EdgeFunctionFacts(arn, name, region, version, exists=False)
        raise
    return EdgeFunctionFacts(arn, name, region, version, exists=True, role_arn=config.get("Role", ""))
