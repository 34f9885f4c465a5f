"""The recordings bucket's CORS rule, built from the org's real origins and judged as S3 does.

The guide has the admin copy the AC_RecordingViewer preview URL "up until .com" (the Visualforce
origin) and add ``https://{instanceName}.lightning.force.com/``. Decision on the trailing slash:
S3 compares the browser's ``Origin`` header with each ``AllowedOrigins`` entry as a whole string
(one ``*`` wildcard allowed), and a browser's ``Origin`` header never ends with a slash
(``https://acme.lightning.force.com``). An entry with the guide's trailing slash therefore never
matches anything. The wizard writes origins without the slash; the check accepts an origin only
when some GET rule really matches the browser's form, and names slash, path, scheme or case
near-misses so the admin sees why an entry that "looks right" does not work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from wizard.providers.aws.addresses import has_bad_port
from wizard.providers.aws.names import CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, VISUALFORCE_PAGE
from wizard.shown_address import shown_address

Rule = dict[str, Any]
#: S3 accepts at most this many CORS rules on one bucket.
MAX_RULES = 100
DEFAULT_NAMESPACE = "amazonconnect"


class OriginError(ValueError):
    """A URL that cannot give the origin asked for; the message says what to paste instead."""


#: One DNS label: letters, digits and hyphens, 1-63 long, not starting or ending with a hyphen
#: (Salesforce's ``acme--c`` double hyphen inside a label is allowed).
_DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
#: The example every origin message gives, so the admin sees the form wanted.
ORIGIN_EXAMPLE = "https://acme--c.vf.force.com"


def is_dns_name(host: str) -> bool:
    """Whether `host` is a host name a browser could send in an Origin header (RFC 1123 labels)."""
    labels = host.lower().split(".")
    return 0 < len(host) <= 253 and len(labels) >= 2 and all(_DNS_LABEL.fullmatch(label) for label in labels)


def origin_of(url: str) -> str:
    """``https://host[:port]`` of a URL: what a browser sends as its Origin header.

    Checked here, where every origin enters, because S3 stores whatever AllowedOrigins it is given:
    ``https://not a url`` would be written into the bucket and then "match" the check that reads it
    back, while no browser ever sends it. A page URL (the AC_RecordingViewer preview, a Lightning
    page) is reduced to its origin; its path and query are dropped, never written.
    """
    value = url.strip()
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    expected = f"expected an https address of the org's pages, such as {ORIGIN_EXAMPLE} or https://acme.lightning.force.com"
    if parts.scheme != "https":
        raise OriginError(f"{shown_address(url)!r} is not an https URL; Salesforce pages are always served over https; {expected}")
    if "@" in parts.netloc:
        # The address itself is not repeated: what stands before the host may be a password.
        raise OriginError(f"the address given has a user name or password before the host (not shown); an origin never has one; {expected}")
    host = parts.hostname or ""
    if not host:
        raise OriginError(f"{shown_address(url)!r} has no host name; {expected}")
    if not is_dns_name(host):
        raise OriginError(f"{shown_address(url)!r}: the host {host!r} is not a valid DNS name (only letters, digits, hyphens and dots); {expected}")
    if has_bad_port(parts):
        raise OriginError(f"{shown_address(url)!r} has no valid port; a port is a number from 1 to 65535, and Salesforce pages need none; {expected}")
    port = f":{parts.port}" if parts.port and parts.port != 443 else ""
    return f"https://{host.lower()}{port}"


def visualforce_origin(page_url: str) -> str:
    """The Visualforce origin from the AC_RecordingViewer preview URL (guide: up until ``.com``)."""
    origin = origin_of(page_url)
    host = origin.removeprefix("https://")
    if not host.endswith(".com"):
        raise OriginError(f"{host!r} does not end with .com; copy the URL of the {VISUALFORCE_PAGE} preview tab")
    if not (host.endswith(".force.com") and (".vf." in f".{host}" or ".visual." in f".{host}")):
        raise OriginError(
            f"{host!r} is not a Visualforce host (…vf.force.com); open Setup > Visualforce Pages > "
            f"{VISUALFORCE_PAGE} > Preview and copy the URL of the tab that opens"
        )
    return origin


def lightning_origin(instance: str) -> str:
    """The Lightning origin from a My Domain name (``acme``) or any URL on the Lightning host."""
    value = instance.strip()
    if "." not in value and "/" not in value:
        return f"https://{value.lower()}.lightning.force.com"
    origin = origin_of(value)
    if not origin.endswith(".lightning.force.com"):
        raise OriginError(f"{origin!r} is not a Lightning host (…lightning.force.com)")
    return origin


def guide_lightning_entry(instance_name: str) -> str:
    """The Lightning entry exactly as the guide prints it (with the slash that never matches)."""
    return f"https://{instance_name}.lightning.force.com/"


def origins_from_my_domain(my_domain_url: str, namespace: str = DEFAULT_NAMESPACE) -> tuple[str, str]:
    """(Visualforce, Lightning) origins of an org with enhanced domains, from its My Domain URL.

    ``acme.my.salesforce.com`` -> ``acme--amazonconnect.vf.force.com`` and
    ``acme.lightning.force.com``; sandboxes and other kinds keep their infix
    (``acme--uat.sandbox.my.salesforce.com`` -> ``acme--uat--amazonconnect.sandbox.vf.force.com``).
    The Visualforce host carries the namespace of the package that holds AC_RecordingViewer
    (``c`` when the page is not in a managed package).
    """
    host = origin_of(my_domain_url).removeprefix("https://")
    match = re.fullmatch(r"([a-z0-9-]+(?:--[a-z0-9]+)?)(?:\.([a-z]+))?\.my\.salesforce\.com", host)
    if not match:
        raise OriginError(f"{host!r} is not a My Domain host (…my.salesforce.com)")
    name, kind = match.group(1), match.group(2)
    infix = f".{kind}" if kind else ""
    return (f"https://{name}--{namespace or 'c'}{infix}.vf.force.com", f"https://{name}{infix}.lightning.force.com")


def guide_rule(origins: Iterable[str]) -> Rule:
    """The guide's rule with the given origins (headers, methods and exposed headers as printed)."""
    return {
        "AllowedHeaders": list(CORS_ALLOWED_HEADERS),
        "AllowedMethods": list(CORS_ALLOWED_METHODS),
        "AllowedOrigins": list(dict.fromkeys(origins)),
        "ExposeHeaders": [],
    }


def cors_json(origins: Iterable[str]) -> str:
    """The JSON to paste in the bucket's CORS configuration box, with the org's real origins."""
    return json.dumps([guide_rule(origins)], indent=2)


def pattern_matches(pattern: str, origin: str) -> bool:
    """S3's comparison: the whole string, with at most one ``*`` standing for any characters."""
    if pattern == "*":
        return True
    if pattern.count("*") > 1:
        return False
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
    return re.match(regex, origin) is not None


def rule_allows(rule: Rule, origin: str, method: str = "GET") -> bool:
    methods = [m.upper() for m in rule.get("AllowedMethods", [])]
    return method in methods and any(pattern_matches(p, origin) for p in rule.get("AllowedOrigins", []))


def allowed(rules: Sequence[Rule], origin: str, method: str = "GET") -> bool:
    """Whether any rule lets a browser on `origin` make a `method` request."""
    return any(rule_allows(rule, origin, method) for rule in rules)


def near_misses(rules: Sequence[Rule], origin: str) -> list[str]:
    """Entries that look like `origin` but never match it, each with the reason."""
    found = []
    bare = origin.removeprefix("https://")
    for rule in rules:
        for entry in rule.get("AllowedOrigins", []):
            if pattern_matches(entry, origin):
                if not rule_allows(rule, origin):
                    found.append(f"{entry} is allowed only for {', '.join(rule.get('AllowedMethods', [])) or 'no method'}, not GET")
                continue
            text = entry.strip()
            if text.rstrip("/") == origin:
                found.append(f"{entry} ends with '/', but browsers send {origin} without it")
            elif text.lower().rstrip("/") == origin:
                found.append(f"{entry} differs from {origin} in letter case; S3 compares exactly")
            elif text.startswith(origin + "/"):
                found.append(f"{entry} has a path; an origin is only https://host")
            elif text.removeprefix("http://") == bare:
                found.append(f"{entry} uses http; Salesforce pages are https")
    return found


def missing_origins(rules: Sequence[Rule], origins: Iterable[str]) -> list[str]:
    """The origins no GET rule allows yet, in the order given."""
    return [o for o in dict.fromkeys(origins) if not allowed(rules, o)]


def normalise_rules(rules: Iterable[Rule]) -> list[Rule]:
    """Rules as S3 reads them back (empty lists and empty values dropped), for comparing."""
    return [{k: v for k, v in rule.items() if v not in ([], (), None, "")} for rule in rules]


def _is_salesforce_rule(rule: Rule) -> bool:
    hosts = [urlsplit(o).hostname or "" for o in rule.get("AllowedOrigins", []) if "://" in o]
    return "GET" in [m.upper() for m in rule.get("AllowedMethods", [])] and any(h.endswith(".force.com") for h in hosts)


def merge_rules(existing: Sequence[Rule], origins: Iterable[str]) -> tuple[list[Rule], list[str]]:
    """Existing rules with the missing origins added; no rule is removed or rewritten otherwise.

    Missing origins join the first rule that already serves Salesforce origins for GET (so one
    org keeps one rule); when there is none, the guide's rule is appended after the others.
    Returns the new rule list and the origins that were added (empty: nothing to write).
    """
    rules = [json.loads(json.dumps(rule)) for rule in existing]  # deep copy; never touch the input
    wanted = missing_origins(rules, origins)
    if not wanted:
        return rules, []
    for rule in rules:
        if _is_salesforce_rule(rule):
            rule["AllowedOrigins"] = list(rule.get("AllowedOrigins", [])) + wanted
            return rules, wanted
    if len(rules) >= MAX_RULES:
        raise OriginError(f"the bucket already has {MAX_RULES} CORS rules, the most S3 allows; remove one first")
    rules.append(guide_rule(wanted))
    return rules, wanted
