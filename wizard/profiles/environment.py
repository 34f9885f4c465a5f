"""Which values differ from org to org, and the 'portable' form that makes two orgs comparable.

A sandbox and its production org never share a My Domain URL, so the ECI named credential's URL,
the ECI app's callback URL and the org's own My Domain setting differ by design. Other values
differ because the admin chooses so (the RingCentral app's environment, the AWS region and Lambda
of Amazon Connect) or because today's Salesforce decides (a production org set up now gets an
External Client App where the sandbox may still hold a Connected App). Each such value is an
`EnvironmentValue` in the profile, and every observed value is also kept in a portable form where
those parts read ``{my_domain_url}``, ``{ringcentral_platform}``, ``{aws_region}``... Two orgs
whose portable values match are at parity, whatever their raw values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import CheckResult
from wizard.guides.schema import Guide, SettingSpec
from wizard.profiles.model import EnvironmentValue

RC_SANDBOX_HOST = "platform.devtest.ringcentral.com"
RC_PRODUCTION_HOST = "platform.ringcentral.com"
_LAMBDA_URL = re.compile(r"https://lambda\.([a-z0-9-]+)\.amazonaws\.com/2015-03-31/functions/([^/\s;,]+)/invocations")
_APP_KIND = re.compile(r"— (Connected App|External Client App)$")

#: Provider-side values a guide depends on that Salesforce cannot show (checked on the provider's side).
PROVIDER_VALUES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "execvision": (
        ("sftp_host", "SFTP host", "The SFTP server production recordings go to; check it with 'eci-wizard execvision' against the production host."),
    ),
    "amazon-connect": (
        ("aws_account", "AWS account", "The AWS account of the production Amazon Connect instance; check it with 'eci-wizard aws'."),
        ("recordings_bucket", "S3 recordings bucket", "The production stack's recordings bucket; check it with 'eci-wizard aws'."),
        ("cloudfront_distribution", "CloudFront distribution", "The production stack's distribution; check it with 'eci-wizard aws'."),
    ),
}


@dataclass(frozen=True)
class EnvContext:
    """The literal values of one org that portable forms replace by placeholders."""

    my_domain_url: str
    instance_url: str = ""
    aws_region: str | None = None
    lambda_function: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())

    def replacements(self) -> list[tuple[str, str]]:
        """(literal, placeholder), longest literal first so a URL is replaced before its host."""
        pairs: dict[str, str] = {}
        if self.instance_url:
            pairs[self.instance_url.rstrip("/")] = "{instance_url}"
        if self.my_domain_url:
            pairs[self.my_domain_url.rstrip("/")] = "{my_domain_url}"
        pairs[RC_SANDBOX_HOST] = "{ringcentral_platform}"
        pairs[RC_PRODUCTION_HOST] = "{ringcentral_platform}"
        if self.aws_region:
            pairs[self.aws_region] = "{aws_region}"
        if self.lambda_function:
            pairs[self.lambda_function] = "{lambda_function}"
        pairs.update(dict(self.extra))
        return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def portable(value: str, check: str | None, ctx: EnvContext) -> str:
    """`value` with every environment-dependent part replaced by its placeholder."""
    text = value or ""
    if check == "eci_app.exists":
        text = _APP_KIND.sub("— {eci_app_kind}", text)
    for literal, placeholder in ctx.replacements():
        if literal:
            text = re.sub(re.escape(literal), placeholder, text, flags=re.IGNORECASE)
    return text


def ringcentral_environment_of(text: str) -> str | None:
    """'sandbox' or 'production' by the RingCentral host a value names (None for neither)."""
    lowered = (text or "").lower()
    if RC_SANDBOX_HOST in lowered:
        return "sandbox"
    if RC_PRODUCTION_HOST in lowered:
        return "production"
    return None


def lambda_parts(text: str) -> tuple[str, str] | None:
    """(region, function name) of a Lambda invocation URL inside `text`."""
    match = _LAMBDA_URL.search(text or "")
    return (match.group(1), match.group(2)) if match else None


def depends_on(setting: SettingSpec, result: CheckResult | None, facts: OrgFacts) -> list[str]:
    """Keys of the environment values a setting is built on."""
    keys: list[str] = []
    params = setting.params
    observed = result.observed if result else ""
    built_on_domain = setting.check in ("org.my_domain", "eci_app.callback_url") or (
        setting.check == "named_credential.url" and bool(params.get("my_domain"))
    )
    if built_on_domain or (facts.my_domain_url and facts.my_domain_url.rstrip("/").lower() in observed.lower()):
        keys.append("my_domain_url")
    by_environment = setting.check in ("auth_provider.endpoints", "named_credential.same_environment") or (
        setting.check == "named_credential.url" and params.get("environments"))
    if by_environment and any(RC_SANDBOX_HOST in str(v) or RC_PRODUCTION_HOST in str(v) for v in _flat(params.get("environments"))):
        keys.append("ringcentral_environment")
    if setting.check == "named_credential.url" and params.get("lambda_invocations"):
        keys += ["aws_region", "lambda_function"]
    if setting.check == "named_credential.aws" and not params.get("region"):
        keys.append("aws_region")
    if setting.check == "eci_app.exists":
        keys.append("eci_app_kind")
    if str(setting.check).startswith("ringcentral."):  # RingCentral's own side: per environment
        keys += (["my_domain_url"] if setting.check == "ringcentral.redirect_uri" else []) + ["ringcentral_environment"]
    return list(dict.fromkeys(keys))


def _flat(value: object) -> Iterable[object]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif value is not None:
        yield value


def environment_values(
    guide: Guide, results: list[CheckResult], facts: OrgFacts, eci_app_kind: str, site_urls: list[str]
) -> list[EnvironmentValue]:
    """The environment values of a captured org, each with the settings built on it."""
    by_id = {r.check_id: r for r in results}
    users: dict[str, list[str]] = {}
    for _page, setting in guide.settings():
        if setting.check:
            for key in depends_on(setting, by_id.get(setting.id), facts):
                users.setdefault(key, []).append(setting.id)
    values: list[EnvironmentValue] = [
        EnvironmentValue(
            key="my_domain_url", label="My Domain URL", value=facts.my_domain_url, derive="target",
            how="Read from the org the profile is applied to; the ECI named credential URL and the callback URLs are built on it.",
            settings=users.get("my_domain_url", []),
        )
    ]
    if "ringcentral_environment" in users:
        seen = [ringcentral_environment_of(by_id[s].observed) for s in users["ringcentral_environment"] if s in by_id]
        chosen = next((e for e in seen if e), None)
        values.append(EnvironmentValue(
            key="ringcentral_environment", label="RingCentral app environment", value=chosen, derive="choice",
            choices=["sandbox", "production"], suggested="production",
            how="Asked at graduation: production once the RingCentral app has graduated (its production client ID and secret are asked too).",
            settings=users["ringcentral_environment"],
        ))
    if "aws_region" in users or "lambda_function" in users:
        parts = next((p for s in users.get("lambda_function", []) if s in by_id and (p := lambda_parts(by_id[s].observed))), None)
        region, function = parts if parts else (None, None)
        values.append(EnvironmentValue(
            key="aws_region", label="AWS region of the recording Lambda", value=region, derive="choice", suggested=region,
            how="Asked at graduation: the region production's Amazon Connect stack runs in.", settings=users.get("aws_region", []),
        ))
        values.append(EnvironmentValue(
            key="lambda_function", label="Full name of the sfGenerateAudioRecordingStreaming Lambda", value=function,
            derive="choice", suggested=function,
            how="Asked at graduation: the Lambda's full name in production's stack.", settings=users.get("lambda_function", []),
        ))
    if "eci_app_kind" in users:
        values.append(EnvironmentValue(
            key="eci_app_kind", label="Kind of the ECI app", value=eci_app_kind or None, derive="target",
            how="The target keeps its own ECI app if it has one; otherwise the wizard creates an External Client App, "
                "because new Connected Apps cannot be created since Spring '26.",
            settings=users["eci_app_kind"],
        ))
    if site_urls:
        values.append(EnvironmentValue(
            key="site_url", label="Salesforce Site address", value=", ".join(site_urls), derive="target",
            how="Each org registers its own site domain; the target's address comes from its own Sites setup.",
        ))
    for key, label, how in PROVIDER_VALUES.get(guide.id, ()):
        values.append(EnvironmentValue(key=key, label=label, value=None, derive="provider", how=how))
    return values
