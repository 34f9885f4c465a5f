"""AWS console pages for each step, so a fix the wizard cannot make opens in the right place."""

from __future__ import annotations

from urllib.parse import quote


def stack_parameters(region: str, stack_id: str) -> str:
    return f"https://{region}.console.aws.amazon.com/cloudformation/home?region={region}#/stacks/parameters?stackId={quote(stack_id, safe='')}"


def stacks(region: str) -> str:
    return f"https://{region}.console.aws.amazon.com/cloudformation/home?region={region}#/stacks"


def lambda_function(region: str, name: str) -> str:
    return f"https://{region}.console.aws.amazon.com/lambda/home?region={region}#/functions/{quote(name, safe='')}?tab=configure"


def lambda_functions(region: str, search: str = "") -> str:
    suffix = f"?fo=and&o0=%3A&v0={quote(search)}" if search else ""
    return f"https://{region}.console.aws.amazon.com/lambda/home?region={region}#/functions{suffix}"


def secret(region: str, name: str) -> str:
    return f"https://{region}.console.aws.amazon.com/secretsmanager/secret?name={quote(name, safe='')}&region={region}"


def secrets(region: str) -> str:
    return f"https://{region}.console.aws.amazon.com/secretsmanager/listsecrets?region={region}"


def bucket_permissions(bucket: str, region: str) -> str:
    return f"https://s3.console.aws.amazon.com/s3/buckets/{quote(bucket, safe='')}?region={region}&tab=permissions"


def distribution_behaviors(distribution_id: str) -> str:
    return f"https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/{distribution_id}/behaviors"


def distributions() -> str:
    return "https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions"


def key_groups() -> str:
    return "https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/keygrouplist"


def public_keys() -> str:
    return "https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/publickey"


def iam_user_keys(user: str) -> str:
    return f"https://us-east-1.console.aws.amazon.com/iam/home#/users/details/{quote(user, safe='')}?section=security_credentials"


def iam_users() -> str:
    return "https://us-east-1.console.aws.amazon.com/iam/home#/users"
