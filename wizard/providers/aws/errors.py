"""AWS failures in the admin's words: what was seen, what was expected, what to do.

botocore raises a dozen exception types and hundreds of error codes; an admin needs to know one of
a few things: there are no credentials, the sign-in expired, these keys are wrong, this account
may not read that, the region is wrong, or the network is down. `translate` turns any botocore
failure into an `AwsProblem`; *fatal* problems stop the whole read (nothing can be checked), the
others (access denied on one call, a missing resource) stay with the one read they concern.
No message ever carries a request body, so a secret value cannot leak through an exception.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace

from botocore import exceptions as bx

#: Problem kinds that make every further call pointless.
FATAL_KINDS = frozenset(
    {
        "no_credentials",
        "profile_not_found",
        "sso_login_needed",
        "expired_token",
        "bad_credentials",
        "no_region",
        "wrong_region",
        "network",
        "keyring",
        "keyring_damaged",
        "insecure_endpoint",
    }
)

_EXPIRED = {"ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"}
_BAD_KEYS = {
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId",
    "AuthFailure",
    "InvalidSignatureException",
}
_DENIED = {
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "AuthorizationError",
    "AllAccessDisabled",
    "UnauthorizedAccess",
}
_THROTTLED = {"Throttling", "ThrottlingException", "TooManyRequestsException", "SlowDown", "RequestLimitExceeded"}


@dataclass(frozen=True)
class AwsProblem:
    """One failure, ready to show: kind, what was observed, what was expected, what to do."""

    kind: str
    operation: str
    observed: str
    expected: str
    action: str
    code: str = ""
    #: What to do in the window's words (its fields, not command-line options); empty when `action` fits both.
    window_action: str = ""

    @property
    def fatal(self) -> bool:
        return self.kind in FATAL_KINDS

    def for_window(self) -> AwsProblem:
        """The same problem, telling the admin what to do with the window's own fields."""
        return replace(self, action=self.window_action, window_action="") if self.window_action else self

    def sentence(self) -> str:
        """One line for a terminal or a log."""
        return f"{self.observed} Expected: {self.expected}. What to do: {self.action}"


class AwsAccessError(Exception):
    """A fatal problem: nothing further can be read with this access."""

    def __init__(self, problem: AwsProblem) -> None:
        super().__init__(problem.sentence())
        self.problem = problem


class AwsCallError(Exception):
    """A non-fatal problem with one call (access denied, not found, throttled...)."""

    def __init__(self, problem: AwsProblem) -> None:
        super().__init__(problem.sentence())
        self.problem = problem


def client_error_code(exc: BaseException) -> str:
    """The AWS error code of a ClientError ('' for anything else)."""
    if isinstance(exc, bx.ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


def translate(exc: BaseException, operation: str, *, profile: str | None = None, region: str = "") -> AwsProblem:
    """Any botocore failure of `operation` (e.g. 's3:GetBucketCors') as an `AwsProblem`."""
    who = f"profile {profile!r}" if profile else "the credentials in use"
    if isinstance(exc, bx.ProfileNotFound):
        return AwsProblem(
            "profile_not_found", operation, f"There is no AWS profile named {profile!r}.",
            "a profile from ~/.aws/config or ~/.aws/credentials",
            "check the name with 'aws configure list-profiles', or leave --profile out to use the default chain",
            window_action="check the name with 'aws configure list-profiles', or leave the Profile field empty to use the "
                          "default chain",
        )
    if isinstance(exc, (bx.SSOTokenLoadError, bx.UnauthorizedSSOTokenError, bx.SSOError, bx.TokenRetrievalError)):
        return AwsProblem(
            "sso_login_needed", operation, f"The AWS IAM Identity Center (SSO) sign-in for {who} has expired or never happened.",
            "a current SSO session", f"run 'aws sso login{' --profile ' + profile if profile else ''}' and try again",
        )
    if isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError):
        return AwsProblem(
            "no_credentials", operation, "No AWS credentials were found (no profile, no environment variables, no keys in the keyring).",
            "credentials from a profile, AWS IAM Identity Center (SSO), or access keys saved in the keyring",
            "choose a profile with --profile, sign in with 'aws sso login', or save keys with 'eci-wizard aws keys set'",
            window_action="enter a profile in the Profile field, sign in with 'aws sso login', or choose “Access keys” and "
                          "enter the access key ID and secret access key",
        )
    if isinstance(exc, bx.NoRegionError):
        return AwsProblem(
            "no_region", operation, "No AWS region is set.", "the region your Salesforce Lambdas stack was deployed in",
            "pass --region (for example us-east-1)",
            window_action="choose the region in the Region field (for example us-east-1)",
        )
    if isinstance(exc, bx.EndpointConnectionError | bx.ConnectTimeoutError | bx.ReadTimeoutError | bx.ConnectionClosedError):
        return AwsProblem(
            "network", operation, _unreached(exc, operation),
            "a network path to the AWS endpoints (or your VPC endpoints)",
            "check the endpoint address (--endpoint-url, if you use one) and the region name, then the network or proxy",
            window_action="check the network or proxy and the region in the Region field",
        )
    code, message, status, readable = _error_of(exc)
    if code in _EXPIRED:
        return AwsProblem(
            "expired_token", operation, f"The AWS session token for {who} has expired ({code}).",
            "current credentials", "sign in again (aws sso login, or fresh temporary keys) and check again", code,
        )
    if code in _BAD_KEYS:
        fix_keys = (f"check the keys of profile {profile!r} (they may have been deleted or mistyped), "
                    f"for example with 'aws configure --profile {profile}'" if profile
                    else "check the keys (they may have been deleted or mistyped) and save them again")
        return AwsProblem(
            "bad_credentials", operation, f"AWS rejected {who} ({code}).", "a valid access key id and secret", fix_keys, code,
        )
    if code in _DENIED:
        return AwsProblem(
            "access_denied", operation, f"Access denied to {operation} for {who}.",
            f"permission to call {operation}",
            f"grant {operation.split(':')[0]}:{operation.split(':')[-1]} (read-only) to this identity, or use another profile",
            code,
        )
    if code in _THROTTLED:
        return AwsProblem("throttled", operation, f"AWS throttled {operation} ({code}).", "a quieter moment", "wait a minute and check again", code)
    if code in {"InvalidRegion", "UnknownEndpoint"} or "Could not connect to the endpoint URL" in message:
        return AwsProblem(
            "wrong_region", operation, f"The region {region!r} is not usable for {operation}.", "a valid AWS region",
            "pass --region with the region your Salesforce Lambdas stack lives in", code,
            window_action="choose the region your Salesforce Lambdas stack lives in, in the Region field",
        )
    if not readable:
        http = f" (HTTP {status})" if status else ""
        return AwsProblem(
            "other", operation,
            f"{operation} failed: the answer{http} was not an AWS error the wizard could read, so something other than "
            "AWS (a proxy, a firewall's page or the wrong endpoint address) may have answered.",
            f"AWS's own answer to {operation}",
            "check the endpoint address (--endpoint-url, if you use one) and any proxy between this computer and AWS, "
            "then check again", code,
            window_action="check the network or proxy between this computer and AWS, then check again",
        )
    what = f"{operation} failed" + (f" ({code})" if code else "") + (f" with an AWS server error (HTTP {status})" if status >= 500 else "")
    said = message or ("" if code else str(exc).splitlines()[0][:300] if str(exc) else "")
    look_up = f"look up {code} for {operation} in the AWS documentation" if code else f"check that {operation} works in the AWS console"
    return AwsProblem("other", operation, f"{what}: {said}".rstrip(": .") + ".", f"{operation} to succeed",
                      f"check again in a minute; if it keeps failing, {look_up}", code)


#: The parts of an AWS error document (XML or JSON) botocore left unparsed because the service speaks the other one.
_XML_PART = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL) for name in ("Code", "Message")}


def _error_of(exc: BaseException) -> tuple[str, str, int, bool]:
    """The AWS error code, its message, the HTTP status and whether the answer was an AWS error at all.

    botocore parses an error only in the protocol the service speaks: an XML error at a JSON service
    (or a proxy's HTML page) comes back as the whole body for message and the HTTP status, or a
    header's value, for code. The body is read here in both forms; an answer that is neither is
    said as such rather than printed whole.
    """
    if not isinstance(exc, bx.ClientError):
        return "", "", 0, True
    error = exc.response.get("Error", {}) or {}
    code, message = str(error.get("Code", "") or ""), str(error.get("Message", "") or "").strip()
    status = int((exc.response.get("ResponseMetadata", {}) or {}).get("HTTPStatusCode") or 0)
    if message.startswith("<"):
        found = {name: pattern.search(message) for name, pattern in _XML_PART.items()}
        if not found["Code"]:
            return ("" if code.isdigit() else code), "", status, False
        code = html.unescape(found["Code"].group(1)).strip()
        message = html.unescape(found["Message"].group(1)).strip() if found["Message"] else ""
    elif message.startswith("{"):
        try:
            document = json.loads(message)
        except ValueError:
            return ("" if code.isdigit() else code), "", status, False
        if not isinstance(document, dict):
            return ("" if code.isdigit() else code), "", status, False
        code = str(document.get("__type") or document.get("code") or document.get("Code") or code).rsplit("#", 1)[-1]
        message = str(document.get("message") or document.get("Message") or "").strip()
    if code.isdigit():  # botocore's stand-in when there was no code: the HTTP status itself
        code = ""
    return code, message[:300], status, True


def _unreached(exc: BaseException, operation: str) -> str:
    """What the network failure was, in words (botocore's class names are not the admin's)."""
    from wizard.shown_address import shown_address

    url = str(getattr(exc, "kwargs", {}).get("endpoint_url") or "")
    at = f" at {shown_address(url)}" if url else ""
    if isinstance(exc, bx.ConnectTimeoutError):
        return f"AWS could not be reached for {operation}: nothing answered{at} in time."
    if isinstance(exc, bx.ReadTimeoutError):
        # Imported here: access imports this module.
        from wizard.providers.aws.access import ATTEMPTS, READ_TIMEOUT

        return (f"AWS did not answer {operation}{at}: the connection was made, but no answer came within "
                f"{READ_TIMEOUT} s, on each of {ATTEMPTS} tries.")
    if isinstance(exc, bx.ConnectionClosedError):
        return f"AWS could not be reached for {operation}: the connection{at} was closed before the answer came."
    return f"AWS could not be reached for {operation}: nothing answers{at}."
