"""Small helpers shared by the check modules: verdict builders, value formatting, scope rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wizard.checks.registry import Verdict
from wizard.engine.results import Status

NOT_SET = "(not set)"
MISSING = "(missing)"

#: Salesforce's OAuth scope spellings (Setup labels, token values, Metadata enum) -> one token.
#: On deploy Salesforce treats RefreshToken and OfflineAccess as one scope, and Profile, Email,
#: Address and Phone as Basic; scopes are compared after this normalisation.
_SCOPE_ALIASES = {
    "api": "api",
    "web": "web",
    "content": "content",
    "full": "full",
    "refresh_token": "refresh_token",
    "refreshtoken": "refresh_token",
    "offline_access": "refresh_token",
    "offlineaccess": "refresh_token",
    "openid": "openid",
    "id": "basic",
    "basic": "basic",
    "profile": "basic",
    "email": "basic",
    "address": "basic",
    "phone": "basic",
    "chatter_api": "chatter_api",
    "chatter": "chatter_api",
    "visualforce": "visualforce",
    "customapplications": "visualforce",
    "custom_permissions": "custom_permissions",
    "custompermissions": "custom_permissions",
    "lightning": "lightning",
    "readcallrecording": "ReadCallRecording",
}


def split_scopes(value: str | Iterable[str] | None) -> list[str]:
    """Scopes as a list, from a space/comma separated string or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [s for s in value.replace(",", " ").split() if s]
    return [str(s) for s in value]


def normalise_scopes(value: str | Iterable[str] | None) -> frozenset[str]:
    """The set of scopes after Salesforce's own equivalences."""
    return frozenset(_SCOPE_ALIASES.get(s.lower(), s) for s in split_scopes(value))


def selected(value: Any) -> str:
    """A checkbox as Setup shows it."""
    return "selected" if truthy(value) else "not selected"


def truthy(value: Any) -> bool:
    """Salesforce returns booleans as bools, and the Metadata API sometimes as 'true'/'false'."""
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def shown(value: Any) -> str:
    """A value as the admin should read it; empty values are named, never blank."""
    if value is None or value == "":
        return NOT_SET
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value) if value else NOT_SET
    return str(value)


def passed(expected: Any, observed: Any, message: str = "") -> Verdict:
    return Verdict(Status.PASS, shown(expected), shown(observed), message)


def failed(expected: Any, observed: Any, message: str) -> Verdict:
    return Verdict(Status.FAIL, shown(expected), shown(observed), message)


def warned(expected: Any, observed: Any, message: str) -> Verdict:
    return Verdict(Status.WARN, shown(expected), shown(observed), message)


def compare(expected: Any, observed: Any, what: str, equal: bool | None = None) -> Verdict:
    """Pass when equal, else fail with a sentence naming the setting and both values."""
    same = (expected == observed) if equal is None else equal
    if same:
        return passed(expected, observed, f"{what} is set as the guide asks.")
    return failed(expected, observed, f"{what} is {shown(observed)}; the guide asks for {shown(expected)}.")


def missing(what: str, expected: Any) -> Verdict:
    """The thing a setting belongs to does not exist in the org.

    `expected` is the guide's value for the setting itself (the callback URL, the scopes...), the
    same the check compares once the thing exists: the report of a fresh org must still say what
    each setting should be, not just that something should be "present".
    """
    return failed(expected, MISSING, f"{what} does not exist in this org yet.")


MY_DOMAIN_PLACEHOLDER = "<My Domain>"


def my_domain_of(facts: Any) -> str:
    """The org's My Domain URL without a trailing slash; a placeholder before any org is known."""
    url = getattr(facts, "my_domain_url", "") if facts is not None else ""
    return url.rstrip("/") if url else MY_DOMAIN_PLACEHOLDER


def url_equal(a: str | None, b: str | None) -> bool:
    """URLs equal apart from letter case of the host and one trailing slash."""
    if not a or not b:
        return False
    return a.rstrip("/").lower() == b.rstrip("/").lower()


def my_domain_host_url(my_domain_url: str) -> str:
    """``https://host`` without a trailing slash."""
    return my_domain_url.rstrip("/")


#: A checkbox setting: param name -> (field of the row, label as Setup shows it).
Checkboxes = dict[str, tuple[str, str]]


def wanted_checkboxes(params: dict[str, Any], fields: Checkboxes) -> tuple[dict[str, Any], str]:
    """The checkboxes a setting names in its params, and the expected text for them."""
    wanted = {k: v for k, v in params.items() if k in fields}
    return wanted, "; ".join(f"{fields[k][1]}: {selected(v)}" for k, v in wanted.items())


def checkboxes_verdict(row: dict[str, Any], wanted: dict[str, Any], expected: str, fields: Checkboxes, what: str) -> Verdict:
    """Compare the checkboxes of a row (auth provider, named credential) with the guide's."""
    observed = "; ".join(f"{fields[k][1]}: {selected(row.get(fields[k][0]))}" for k in wanted)
    same = all(truthy(row.get(fields[k][0])) == bool(v) for k, v in wanted.items())
    return compare(expected, observed, what, equal=same)


def row_named(rows: list[dict[str, Any]], developer_name: str) -> dict[str, Any] | None:
    """The row whose DeveloperName is exactly `developer_name`, or None."""
    return next((row for row in rows if row.get("DeveloperName") == developer_name), None)
