"""Expected values read from the guide alone, for the blank checklist and as a fallback.

A check result carries its own expected value; before any check has run (the printable
checklist), or for a setting this run did not check (a provider side that was not connected),
the report still has to say what each setting should be. A registered check states its own
expected value from the guide's params (`wizard.checks.registry.describe_check`, the very text
its judge compares against); the checks of the provider sides, which run outside the Salesforce
reader, are described here in the words their results use; anything else is read off the params.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wizard.checks.registry import describe_check
from wizard.engine.org_facts import OrgFacts
from wizard.guides.schema import SettingSpec

DescribeExpected = Callable[[SettingSpec], str]

_ACRONYMS = {"url": "URL", "api": "API", "aws": "AWS", "ip": "IP", "id": "ID", "sftp": "SFTP", "s3": "S3"}


def _human_key(key: str) -> str:
    words = [_ACRONYMS.get(w, w) for w in key.replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _human_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_human_value(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_human_value(item)}" for key, item in value.items())
    return str(value)


#: Params that say *which* object a check looks at, not what it should hold.
_IDENTITY_KEYS = ("api_name", "developer_name", "name", "label", "friendly_name")
#: Expected values of checks whose params alone do not say it (names from the check catalogue).
_PHRASES = {
    "org.my_domain": "A My Domain URL is in use",
    "org.eci_enabled": "Einstein Conversation Insights is turned on",
    "eci_app.callback_url": "<My Domain>/services/authcallback/{auth_provider}",
    "site.guest_user_active": "The site's guest user is active",
    "site.active": "The site is active",
    # Provider sides: the expected values their results state once the provider is connected.
    "aircall.api_key": "Aircall accepts the API ID and API token",
    "aircall.user_identifiers": "Aircall User Identifier filled in for every active user holding an ECI permission set",
    "ringcentral.client_credentials": "The token endpoint of the chosen environment knows the client ID and accepts the client secret",
    "ringcentral.user_identifiers": "RingCentral User Identifier filled in for every active user holding an ECI permission set",
    "ringcentral.redirect_uri": "OAuth Redirect URI: the Ring Central auth provider's callback URL",
    "ringcentral.graduated": "RingCentral's production platform knows the app's client",
}


def describe_expected(setting: SettingSpec, facts: OrgFacts | None = None) -> str:
    """A readable expected value from the guide alone (used by the blank checklist and as a
    fallback when a result carries none); `facts` fill in the org's own values (its My Domain)."""
    if setting.manual is not None:
        return setting.manual.confirm
    stated = describe_check(setting.check, setting.params, facts)
    if stated:
        return stated
    params = dict(setting.params)
    identity = list(dict.fromkeys(str(params.pop(k)) for k in _IDENTITY_KEYS if k in params))
    check = setting.check or ""
    if check in _PHRASES:
        try:
            return _PHRASES[check].format(**params)
        except (KeyError, IndexError):
            pass
    rest = "; ".join(f"{_human_key(k)}: {_human_value(v)}" for k, v in params.items())
    if check.endswith(".exists"):
        what = f"{identity[0]} ({', '.join(identity[1:])})" if len(identity) > 1 else "".join(identity)
        return "Exists" + (f": {what}" if what else "") + (f"; {rest}" if rest else "")
    return rest or "As the guide describes"
