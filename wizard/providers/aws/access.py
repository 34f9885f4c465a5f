"""Access to one AWS account: a boto3 session, the region, and every call going through one door.

Credentials come from the standard boto3 chain (a named profile, AWS IAM Identity Center (SSO),
environment variables, instance roles) or from access keys the admin saved in the OS keyring
through `wizard.secrets` (never a file of ours). An ``endpoint_url`` override points every
service (or one service: ``s3=https://...``) elsewhere: a local AWS emulator in tests and in demo
mode, VPC endpoints for admins who have them. TLS stays verified; the CA bundle comes from the
environment as boto3 reads it.

Every read and write goes through `AwsAccess.call`, which turns botocore failures into
`AwsAccessError` (fatal) or `AwsCallError` (this call only). `route` lets one operation use
another client; tests use it to hand botocore's Stubber exactly the one call a local emulator
lacks, and nothing else.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
import botocore.session
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from wizard import secrets
from wizard.providers.aws.addresses import has_bad_port, is_loopback_host
from wizard.providers.aws.credential_sources import keyring_source
from wizard.providers.aws.errors import AwsAccessError, AwsCallError, AwsProblem, translate
from wizard.shown_address import shown_address

KEYRING_KIND = "aws-access-keys"
#: Seconds to wait for a connection, then for an answer; attempts in all (the first one included).
#: An endpoint that accepts the connection and never answers costs about `WAIT_AT_MOST` seconds per
#: call (three silent attempts and the pauses between them), not minutes: AWS answers these reads in
#: well under a second, and a retry after a silent attempt rarely fares better.
CONNECT_TIMEOUT, READ_TIMEOUT, ATTEMPTS = 5, 10, 3
WAIT_AT_MOST = ATTEMPTS * READ_TIMEOUT + 5
_CONFIG = Config(retries={"mode": "standard", "total_max_attempts": ATTEMPTS}, connect_timeout=CONNECT_TIMEOUT,
                 read_timeout=READ_TIMEOUT)
#: Seconds a call may take before the admin is told what the wizard is waiting for (`AwsAccess.on_slow`).
SLOW_AFTER = 5.0
#: Services whose API lives in one place whatever the session's region.
_GLOBAL_SERVICES = {"iam": "us-east-1", "cloudfront": "us-east-1"}
#: Every service the wizard calls: the names ``--endpoint-url SERVICE=URL`` may give.
SERVICES = ("cloudformation", "cloudfront", "iam", "lambda", "s3", "secretsmanager", "sts")

ClientProvider = Callable[[dict[str, Any]], BaseClient]


@dataclass(frozen=True)
class CallerIdentity:
    """Who the wizard is in AWS (from sts:GetCallerIdentity)."""

    account: str
    arn: str


def known_regions() -> list[str]:
    """Regions botocore knows for Lambda (the service every guide step needs)."""
    return sorted(botocore.session.get_session().get_available_regions("lambda"))


def check_region(region: str) -> None:
    """Refuse a misspelt region before any call, suggesting the closest real ones."""
    import difflib

    regions = known_regions()
    if region in regions:
        return
    close = difflib.get_close_matches(region, regions, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "use a region such as us-east-1"
    raise AwsAccessError(
        AwsProblem("wrong_region", "region", f"{region!r} is not an AWS region.", "a region name such as us-west-2", hint)
    )


def parse_endpoint_overrides(values: list[str] | tuple[str, ...] | None) -> dict[str, str]:
    """``URL`` (every service) or ``service=URL`` pairs as a mapping ('*' for every service).

    Two addresses for the same service are refused: only one could be used, and which one would be
    the order the options happened to be typed in, never the admin's choice.
    """
    result: dict[str, str] = {}
    for value in values or ():
        service, sep, url = value.partition("=")
        if sep and not service.startswith(("http://", "https://")):
            key, url = service.strip().lower(), url.strip()
            check_service_name(key)
        else:
            key, url = "*", value.strip()
        if key in result and result[key] != url:
            which = "every service" if key == "*" else f"the service {key}"
            raise ValueError(f"two --endpoint-url addresses were given for {which}, and only one can be used; "
                             f"give one address per service (SERVICE=URL for one service, URL alone for every service)")
        result[key] = url
    for url in result.values():
        check_endpoint_url(url)
    return result


def check_service_name(name: str) -> None:
    """Refuse a ``SERVICE=`` the wizard never calls: a misspelt one would be ignored without a word and
    that service's calls would go to AWS itself, not to the endpoint the admin meant."""
    import difflib

    if name in SERVICES:
        return
    close = difflib.get_close_matches(name, SERVICES, n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]}?)" if close else ""
    shown = repr(name) if name else "an empty name"
    raise ValueError(f"{shown} in SERVICE=URL is not a service the wizard calls{hint}; expected one of "
                     f"{', '.join(SERVICES)}, or the URL alone for every service")


def check_endpoint_url(url: str) -> None:
    """Refuse an endpoint botocore could not use, or one that would carry the account's traffic in clear.

    Checked before any client is built: botocore only fails once the first client is made, with
    urllib's bare ``ValueError: Port out of range`` and no word about which option was wrong. The
    address itself is not repeated when it holds a user name or password (that may be a secret).
    Plain http is for a local emulator only (moto_server on 127.0.0.1 in tests and in demo mode):
    sent anywhere else it would carry the session token, the CloudFront private key ``aws fix
    secret`` writes and everything AWS answers unencrypted, readable by anyone on the way.
    """
    from urllib.parse import urlsplit

    expected = "expected an address such as https://vpce-0abc.s3.us-east-1.vpce.amazonaws.com (or http://127.0.0.1:PORT for a local emulator)"
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"endpoint URL {shown_address(url)!r} must start with https:// (or http:// for a local emulator); {expected}")
    parts = urlsplit(url)
    if "@" in parts.netloc:
        raise ValueError(f"the endpoint URL has a user name or password before the host (not shown); {expected}")
    host = parts.hostname or ""
    if not host:
        raise ValueError(f"endpoint URL {shown_address(url)!r} has no host name; {expected}")
    if any(c.isspace() for c in host) or not all(c.isalnum() or c in "-._:" for c in host):
        raise ValueError(f"endpoint URL {shown_address(url)!r}: the host {host!r} is not a valid host name; {expected}")
    if has_bad_port(parts):
        raise ValueError(f"endpoint URL {shown_address(url)!r} has no valid port; a port is a number from 1 to 65535; {expected}")
    if parts.query or parts.fragment:  # botocore would drop or mangle them; a pasted presigned URL carries a token there
        raise ValueError(f"endpoint URL {shown_address(url)!r} has a query or fragment (not shown); an endpoint is an address "
                         f"alone; {expected}")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise ValueError(
            f"endpoint URL {shown_address(url)!r} uses plain http for {host}, which is not this computer; https is required for an "
            "endpoint that is not local, because over http the session token, the secret values the wizard writes "
            "(the CloudFront private key) and AWS's answers would travel unencrypted. Give its https:// address "
            "(plain http is only for a local emulator on 127.0.0.1, ::1 or localhost)"
        )


class _HideBodies(logging.Filter):
    """botocore logs whole request and response bodies at DEBUG level; they can hold secrets
    (SalesforceCredentials values, new access keys), so their text is replaced, never printed."""

    _HIDDEN = ("Making request for", "Response body", "Response headers")

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith(self._HIDDEN):
            record.msg = message.split("%")[0].rstrip(": \n") + ": (hidden by eci-wizard; it may hold secret values)"
            record.args = ()
        return True


def hide_bodies_in_logs() -> None:
    """Install the filter on the two botocore loggers that print bodies (idempotent)."""
    for name in ("botocore.endpoint", "botocore.parsers"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _HideBodies) for f in logger.filters):
            logger.addFilter(_HideBodies())


class AwsAccess:
    """A session for one account and region, with cached clients and translated errors."""

    def __init__(
        self,
        session: boto3.Session,
        *,
        region: str,
        endpoints: dict[str, str] | None = None,
        source: str = "default credential chain",
        profile: str | None = None,
    ) -> None:
        self.session = session
        self.region = region
        self.endpoints = dict(endpoints or {})
        self.source = source
        self.profile = profile
        self._clients: dict[tuple[str, str], BaseClient] = {}
        self._routes: dict[tuple[str, str], ClientProvider] = {}
        self._lock = threading.Lock()
        self.calls: list[str] = []
        #: Told, in words, what a slow call is waiting for (the command line prints it); None: nobody is told.
        self.on_slow: Callable[[str], None] | None = None
        self._slow_told: set[str] = set()
        hide_bodies_in_logs()

    # ---- construction -------------------------------------------------------------------------
    @classmethod
    def from_profile(
        cls, profile: str | None = None, *, region: str | None = None, endpoints: dict[str, str] | None = None
    ) -> AwsAccess:
        """The standard credential chain, optionally through a named profile (SSO included)."""
        try:
            session = boto3.Session(profile_name=profile, region_name=region)
        except BotoCoreError as exc:
            raise AwsAccessError(translate(exc, "session", profile=profile)) from None
        chosen = region or session.region_name
        if not chosen:
            raise AwsAccessError(translate(botocore.exceptions.NoRegionError(), "session", profile=profile))
        if not endpoints:
            check_region(chosen)
        source = f"profile {profile}" if profile else "default credential chain"
        return cls(session, region=chosen, endpoints=endpoints, source=source, profile=profile)

    @classmethod
    def from_keyring(cls, label: str, *, region: str, endpoints: dict[str, str] | None = None) -> AwsAccess:
        """Access keys saved in the keyring under `label` (see `save_keys`)."""
        stored = secrets.get_secret(KEYRING_KIND, label)
        if not stored:
            where = "the keyring" if secrets.keyring_available() else "a keyring (none is available on this machine)"
            raise AwsAccessError(
                AwsProblem(
                    "keyring", "keyring", f"No AWS access keys are saved under {label!r} in {where}.",
                    f"access keys saved in the keyring under {label!r}", f"run 'eci-wizard aws keys set --label {label}'",
                    window_action="choose “Access keys” and enter the access key ID and secret access key",
                )
            )
        keys = _saved_keys(stored, label)
        session = boto3.Session(
            aws_access_key_id=keys["access_key_id"],
            aws_secret_access_key=keys["secret_access_key"],
            aws_session_token=keys.get("session_token") or None,
            region_name=region,
        )
        if not endpoints:
            check_region(region)
        return cls(session, region=region, endpoints=endpoints, source=keyring_source(label))

    @classmethod
    def from_keys(cls, access_key_id: str, secret_access_key: str, session_token: str | None = None, *, region: str,
                  label: str = "", endpoints: dict[str, str] | None = None) -> AwsAccess:
        """Access keys as typed (nothing is saved: prove them with `identity`, then `save_keys`)."""
        session = boto3.Session(
            aws_access_key_id=access_key_id.strip(),
            aws_secret_access_key=secret_access_key.strip(),
            aws_session_token=(session_token or "").strip() or None,
            region_name=region,
        )
        if not endpoints:
            check_region(region)
        return cls(session, region=region, endpoints=endpoints, source=f"access keys ({label})" if label else "access keys")

    # ---- clients --------------------------------------------------------------------------------
    def region_for(self, service: str, region: str | None = None) -> str:
        return region or _GLOBAL_SERVICES.get(service) or self.region

    def client(self, service: str, region: str | None = None) -> BaseClient:
        """A cached client (clients are thread-safe; creating them is not, hence the lock).

        The address botocore settled on is judged before the client is used, whatever gave it: besides
        ``--endpoint-url``, boto3 takes endpoints from ``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_<SERVICE>``
        and a profile's ``endpoint_url`` (or its ``services`` section), and plain http to another
        computer would carry the session token and the secret values the wizard writes in clear.
        """
        where = self.region_for(service, region)
        key = (service, where)
        with self._lock:
            if key not in self._clients:
                endpoint = self.endpoints.get(service) or self.endpoints.get("*")
                made = self.session.client(service, region_name=where, endpoint_url=endpoint, config=_CONFIG)
                self._refuse_clear_endpoint(service, made, given=bool(endpoint))
                self._clients[key] = made
            return self._clients[key]

    def _refuse_clear_endpoint(self, service: str, client: BaseClient, *, given: bool) -> None:
        """Raise `AwsAccessError` when `client` would send to another computer over plain http (nothing is sent)."""
        from urllib.parse import urlsplit

        url = str(client.meta.endpoint_url or "")
        try:
            check_endpoint_url(url)
        except ValueError as exc:
            origin, change = endpoint_origin(service, client, url, given=given, profile=self.profile)
            host = urlsplit(url).hostname or ""
            if url.startswith("http://") and host and not is_loopback_host(host):
                why = (f"it uses plain http to {host}, which is not this computer, and over http the session token, the "
                       "secret values the wizard writes (the CloudFront private key) and AWS's answers would travel unencrypted")
            else:
                why = str(exc)
            raise AwsAccessError(AwsProblem(
                "insecure_endpoint", f"{service} endpoint",
                f"The {service} endpoint {origin} was not used, and nothing was sent to it: {why}.",
                "an https:// address (plain http only for a local emulator on 127.0.0.1, ::1 or localhost)",
                change,
            )) from None

    def route(self, service: str, operation: str, provider: ClientProvider) -> None:
        """Send one operation (boto3 method name) to the client `provider(params)` returns."""
        self._routes[(service, operation)] = provider

    # ---- calls ----------------------------------------------------------------------------------
    def call(self, service: str, operation: str, *, region: str | None = None, **params: Any) -> dict[str, Any]:
        """Call one API operation (boto3 method name); failures come back translated."""
        where = self.region_for(service, region)
        provider = self._routes.get((service, operation))
        client = provider(params) if provider else self.client(service, where)
        label = operation_label(service, operation)
        with self._lock:
            self.calls.append(label)
        timer = self._slow_timer(label, client)
        try:
            return getattr(client, operation)(**params)
        except (ClientError, BotoCoreError) as exc:
            problem = translate(exc, label, profile=self.profile, region=where)
            if problem.fatal:
                raise AwsAccessError(problem) from None
            raise AwsCallError(problem) from None
        finally:
            if timer is not None:
                timer.cancel()

    def _slow_timer(self, label: str, client: BaseClient) -> threading.Timer | None:
        """Tell `on_slow` what is being waited for once a call has taken `SLOW_AFTER` seconds (once per operation):
        a silent endpoint otherwise leaves the admin looking at nothing until the call gives up."""
        report = self.on_slow
        if report is None:
            return None
        where = shown_address(str(getattr(getattr(client, "meta", None), "endpoint_url", "") or ""))

        def tell() -> None:
            with self._lock:
                if label in self._slow_told:
                    return
                self._slow_told.add(label)
            report(f"Still waiting for AWS to answer {label}" + (f" at {where}" if where else "") +
                   f" (no answer after {SLOW_AFTER:.0f} s; the wizard gives up after about {WAIT_AT_MOST} s).")

        timer = threading.Timer(SLOW_AFTER, tell)
        timer.daemon = True
        timer.start()
        return timer

    def pages(
        self,
        service: str,
        operation: str,
        items: str,
        *,
        token: tuple[str, str] = ("NextToken", "NextToken"),
        region: str | None = None,
        **params: Any,
    ) -> list[Any]:
        """Every item of a paginated list call.

        `items` and the second part of `token` are dotted paths into the reply (CloudFront nests
        them: ``DistributionList.Items``, ``DistributionList.NextMarker``); the first part of
        `token` is the request parameter that carries the marker back.
        """
        collected: list[Any] = []
        while True:
            page = self.call(service, operation, region=region, **params)
            collected.extend(_dig(page, items) or [])
            marker = _dig(page, token[1])
            if not marker:
                return collected
            params[token[0]] = marker

    def identity(self) -> CallerIdentity:
        """sts:GetCallerIdentity: the cheapest proof that the credentials work."""
        reply = self.call("sts", "get_caller_identity")
        return CallerIdentity(account=str(reply.get("Account", "")), arn=str(reply.get("Arn", "")))


def endpoint_origin(service: str, client: BaseClient, url: str, *, given: bool, profile: str | None) -> tuple[str, str]:
    """Where botocore took `url` from, in words, and how to change it there.

    botocore's order: the ``endpoint_url`` the wizard passes (``--endpoint-url``), then
    ``AWS_ENDPOINT_URL_<SERVICE>``, then ``AWS_ENDPOINT_URL``, then the profile's configuration file.
    """
    shown = shown_address(url)
    if given:
        return f"{shown} given with --endpoint-url", "give the endpoint's https:// address with --endpoint-url"
    service_id = str(client.meta.service_model.service_id).replace(" ", "_").upper()
    for variable in (f"AWS_ENDPOINT_URL_{service_id}", "AWS_ENDPOINT_URL"):
        if os.environ.get(variable, "").strip():
            return (f"{shown} set by the environment variable {variable}",
                    f"set {variable} to the endpoint's https:// address, or unset it to reach AWS itself")
    named = profile or os.environ.get("AWS_PROFILE", "").strip()
    where = f"the [profile {named}] section" if named else "the [default] profile"
    config = os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config"
    return (f"{shown} set by endpoint_url in {where} of {config} (or the services section it names)",
            f"change that endpoint_url in {config} to the endpoint's https:// address, or remove it to reach AWS itself")


def _saved_keys(stored: str, label: str) -> dict[str, str]:
    """The keys saved under `label`, or `AwsAccessError` saying the entry is damaged and how to replace it.

    The entry is ours (`save_keys`), but a keyring can be edited by other tools, synced from another
    machine or cut short; a parser's message would tell the admin nothing about what to do.
    """
    try:
        keys = json.loads(stored)
    except ValueError:
        keys = None
    fields = ("access_key_id", "secret_access_key")
    if isinstance(keys, dict) and all(isinstance(keys.get(f), str) and keys[f].strip() for f in fields) \
            and isinstance(keys.get("session_token") or "", str):
        return keys
    again = f"'eci-wizard aws keys forget --label {label}', then save them again with 'eci-wizard aws keys set --label {label}'"
    raise AwsAccessError(AwsProblem(
        "keyring_damaged", "keyring",
        f"The AWS access keys saved as {label!r} in the keyring cannot be read: the saved entry is damaged.",
        f"an access key ID and secret access key saved under {label!r} by the wizard",
        f"remove the entry with {again}",
        window_action="remove the entry with “Forget saved keys”, then enter the access key ID and secret access key "
                      "again",
    ))


def _dig(reply: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a reply, or None."""
    found: Any = reply
    for part in path.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return found


def operation_label(service: str, operation: str) -> str:
    """'s3', 'get_bucket_cors' -> 's3:GetBucketCors' (how IAM and CloudTrail name it)."""
    return f"{service}:{''.join(part.capitalize() for part in operation.split('_'))}"


def save_keys(label: str, access_key_id: str, secret_access_key: str, session_token: str | None = None) -> None:
    """Keep access keys in the OS keyring under `label` (raises when there is no keyring)."""
    value = {"access_key_id": access_key_id.strip(), "secret_access_key": secret_access_key.strip()}
    if session_token:
        value["session_token"] = session_token.strip()
    secrets.set_secret(KEYRING_KIND, label, json.dumps(value))


def forget_keys(label: str) -> bool:
    """Remove saved access keys; False when none were saved under `label`.

    The one way to forget them: ``eci-wizard aws keys forget`` and the window's AWS panel both call it."""
    return secrets.delete_secret(KEYRING_KIND, label)


def keys_saved(label: str) -> bool:
    """Whether access keys are saved under `label` (a keyring read: off the window's UI thread)."""
    return secrets.get_secret(KEYRING_KIND, label) is not None
