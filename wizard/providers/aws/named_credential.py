"""The ``AwsGenerateAudioRecordingURL`` named credential's URL, derived from the Lambda's full name.

The guide prints the URL with a trailing slash and then warns that the slash intermittently breaks
AWS Signature Version 4 ("The request signature we calculated does not match the signature you
provided"). The wizard's expected URL has no trailing slash. The Salesforce checks compare the
named credential they read with `expected_named_credential_url`; `named_credential_url_verdict`
says what differs in the admin's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")
_FUNCTION = re.compile(r"^[A-Za-z0-9_-]{1,140}$")


def expected_named_credential_url(region: str, function_name: str) -> str:
    """``https://lambda.{region}.amazonaws.com/2015-03-31/functions/{name}/invocations`` (no slash)."""
    if not _REGION.match(region):
        raise ValueError(f"{region!r} is not an AWS region name")
    if not _FUNCTION.match(function_name):
        raise ValueError(f"{function_name!r} is not a Lambda function name (use the full name, not the ARN)")
    return f"https://lambda.{region}.amazonaws.com/2015-03-31/functions/{function_name}/invocations"


@dataclass(frozen=True)
class UrlVerdict:
    """Whether a named credential URL is the expected one, and if not, why."""

    ok: bool
    expected: str
    problem: str = ""


def named_credential_url_verdict(observed: str | None, region: str, function_name: str) -> UrlVerdict:
    """Compare the named credential's URL with the one derived from the Lambda's full name."""
    expected = expected_named_credential_url(region, function_name)
    value = (observed or "").strip()
    if not value:
        return UrlVerdict(False, expected, "the named credential has no URL")
    if value == expected:
        return UrlVerdict(True, expected)
    if value.rstrip("/") == expected:
        return UrlVerdict(False, expected, "the URL ends with '/', which breaks AWS Signature Version 4 signing; remove it")
    if value.startswith("http://"):
        return UrlVerdict(False, expected, "the URL must start with https://")
    match = re.match(r"^https://lambda\.([^.]+)\.amazonaws\.com/2015-03-31/functions/([^/]+)/invocations/?$", value)
    if not match:
        return UrlVerdict(False, expected, "the URL is not a Lambda invocation URL")
    seen_region, seen_name = match.groups()
    if seen_region != region:
        return UrlVerdict(False, expected, f"the region is {seen_region}, but the Lambda runs in {region}")
    if seen_name.lower() == function_name.lower():
        return UrlVerdict(False, expected, "the function name differs in letter case; Lambda names are case-sensitive")
    return UrlVerdict(False, expected, f"the function is {seen_name}, but the Lambda's full name is {function_name}")
