"""Where the admin signs in, checked before anything is opened.

Admins paste all sorts of addresses: a Lightning page, an Experience Cloud site, a Setup page,
an instance server. The wrong one sends them to a login page that cannot work (enhanced-domain
sandboxes fail through test.salesforce.com, Lightning hosts don't serve OAuth). We accept the
two standard login hosts and My Domain URLs, turn the pasted addresses we recognise into the
org's My Domain URL with a sentence saying so, and refuse everything else with the reason.
The demo org (https on a loopback address) is accepted in demo mode only.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from wizard.salesforce.auth.errors import LoginHostRejected
from wizard.shown_address import shown_address

PRODUCTION_URL = "https://login.salesforce.com"
SANDBOX_URL = "https://test.salesforce.com"

MY_DOMAIN_SUFFIX = ".my.salesforce.com"
#: Hosts that belong to an org but don't serve its login; their first part names the My Domain.
_CONVERTIBLE_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".lightning.force.com", "a Lightning Experience page"),
    (".my.site.com", "an Experience Cloud site"),
    (".my.salesforce-setup.com", "a Setup page"),
    (".vf.force.com", "a Visualforce page"),
)
#: Partitions of enhanced domains: <name>.<partition>.my.salesforce.com.
_SANDBOX_PARTITIONS = ("sandbox",)
_LOOPBACK_NAMES = ("localhost",)


class HostKind(StrEnum):
    """What sort of login address it is."""

    PRODUCTION = "production"
    SANDBOX = "sandbox"
    MY_DOMAIN = "my_domain"
    DEMO = "demo"


@dataclass(frozen=True)
class LoginHost:
    """A validated login address: ``url`` is origin only (https://host[:port])."""

    url: str
    kind: HostKind
    #: True/False when the address tells; None when only the org can (login.salesforce.com, My Domain).
    sandbox: bool | None
    #: Why the pasted address was changed, shown to the admin; empty when taken as typed.
    explanation: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


def production() -> LoginHost:
    """login.salesforce.com: production and Developer Edition orgs."""
    return LoginHost(PRODUCTION_URL, HostKind.PRODUCTION, sandbox=False)


def sandbox() -> LoginHost:
    """test.salesforce.com: sandboxes (enhanced-domain sandboxes do better with their My Domain)."""
    return LoginHost(SANDBOX_URL, HostKind.SANDBOX, sandbox=True)


def _reject(seen: str, why: str) -> LoginHostRejected:
    return LoginHostRejected(
        f"The login address '{shown_address(seen)}' can't be used: {why}",
        "https://login.salesforce.com (production), https://test.salesforce.com (sandbox), or "
        "your org's My Domain URL such as https://acme.my.salesforce.com or "
        "https://acme--uat.sandbox.my.salesforce.com.",
        "Find the My Domain URL in Setup → My Domain (Current My Domain URL) and paste it, "
        "or choose Production or Sandbox.",
    )


def is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


#: What a character is called in a sentence, for the ones admins type by mistake most.
_CHARACTER_NAMES = {" ": "a space", ",": "a comma", ";": "a semicolon", "_": "an underscore", "/": "a slash",
                    "\\": "a backslash", "'": "a quote", '"': "a quote", "\t": "a tab"}


def _host_typo(host: str) -> str | None:
    """Why a host name can't be a real one (a space, a comma, an empty part), or None.

    Checked before the host's ending is looked at: "acme .my.salesforce.com" ends like a My Domain
    and "acme,my.salesforce.com" like an instance server, yet both are typos in the host name,
    and saying so points the admin at the right place.
    """
    odd = [c for c in dict.fromkeys(host) if not (c.isascii() and (c.isalnum() or c in ".-"))]
    if odd:
        named = " and ".join(_CHARACTER_NAMES.get(c, f"'{c}'") for c in odd[:2])
        return (f"its host name contains {named}; a host name has only letters, digits, '-' and '.' "
                "(check for a typo).")
    if any(not part for part in host.split(".")):
        return "its host name has an empty part between two dots (check for a typo)."
    if any(part.startswith("-") or part.endswith("-") for part in host.split(".")):
        return "a part of its host name starts or ends with '-' (check for a typo)."
    return None


def _my_domain_name(host: str, suffix: str) -> str:
    """The <name> or <name>.<partition> part in front of a convertible suffix.

    Visualforce hosts add a namespace after a double hyphen (``acme--c.vf.force.com``,
    ``acme--uat--c.sandbox.vf.force.com``): that last part is not the org's name.
    """
    name = host[: -len(suffix)]
    if suffix == ".vf.force.com":
        first, _, rest = name.partition(".")
        first = first.rsplit("--", 1)[0] if "--" in first else first
        name = f"{first}.{rest}" if rest else first
    return name


@dataclass(frozen=True)
class PageHost:
    """A host that shows an org's pages (Lightning, a site, Setup, Visualforce) but serves
    neither its sign-in nor its API; ``my_domain_url`` is where both are."""

    host: str
    #: What the host is, for a sentence: "a Lightning Experience page", "an Experience Cloud site"...
    what: str
    #: The My Domain name: <name> or <name>.<partition> (acme, acme--uat.sandbox).
    name: str

    @property
    def my_domain_url(self) -> str:
        return f"https://{self.name}{MY_DOMAIN_SUFFIX}"


def page_host(host: str) -> PageHost | None:
    """The org behind a Lightning, Experience Cloud, Setup or Visualforce host; None for any other.

    The one place these addresses are turned into the My Domain URL: sign-in uses it to open the
    right login page, ``--instance-url`` to name the address the API answers at.
    """
    host = host.lower().rstrip(".")
    for suffix, what in _CONVERTIBLE_SUFFIXES:
        if host.endswith(suffix) and len(host) > len(suffix):
            return PageHost(host, what, _my_domain_name(host, suffix))
    return None


def _is_sandbox_name(name: str) -> bool:
    """<name>--<sandbox>.sandbox or legacy <name>--<sandbox> (non-enhanced sandbox My Domain)."""
    first, _, partition = name.partition(".")
    return partition in _SANDBOX_PARTITIONS or "--" in first


def resolve_login_host(text: str, *, demo_mode: bool = False) -> LoginHost:
    """Check a typed or pasted login address and return the one to open.

    Raises `LoginHostRejected` saying why, when the address can't be used.
    """
    typed = text.strip()
    if not typed:
        raise _reject(typed, "it is empty.")
    candidate = typed if "://" in typed else f"https://{typed}"
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        raise _reject(typed, "it is not a valid web address.") from None
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme.lower() != "https":
        raise _reject(typed, f"it uses '{parts.scheme}'; sign-in pages are only opened over https.")
    if not host:
        raise _reject(typed, "it has no host name.")
    if parts.username or parts.password:
        raise _reject(typed, "it contains a user name or password; never put those in an address.")
    dropped = parts.path.strip("/") or parts.query or parts.fragment
    tail = " The rest of the address (the page path) is not needed and was left out." if dropped else ""

    if is_loopback(host):
        if not demo_mode:
            raise _reject(typed, "this computer's own address is only used by the built-in demo org, in demo mode.")
        shown = f"[{host}]" if ":" in host else host
        return LoginHost(f"https://{shown}{f':{port}' if port else ''}", HostKind.DEMO, sandbox=None)
    if typo := _host_typo(host):
        raise _reject(typed, typo)
    if port not in (None, 443):
        raise _reject(typed, f"Salesforce login pages don't use a port number (:{port}).")
    if host == "login.salesforce.com":
        return LoginHost(PRODUCTION_URL, HostKind.PRODUCTION, sandbox=False, explanation=tail.strip())
    if host == "test.salesforce.com":
        return LoginHost(SANDBOX_URL, HostKind.SANDBOX, sandbox=True, explanation=tail.strip())
    if host.endswith(MY_DOMAIN_SUFFIX) and len(host) > len(MY_DOMAIN_SUFFIX):
        name = host[: -len(MY_DOMAIN_SUFFIX)]
        return LoginHost(f"https://{host}", HostKind.MY_DOMAIN, sandbox=_is_sandbox_name(name) or None,
                         explanation=tail.strip())
    if page := page_host(host):
        url = page.my_domain_url
        explanation = (
            f"You pasted the address of {page.what} ({host}). Salesforce signs you in at the "
            f"org's My Domain URL, so the wizard will use {url}.{tail}"
        )
        return LoginHost(url, HostKind.MY_DOMAIN, sandbox=_is_sandbox_name(page.name) or None, explanation=explanation)
    if host.endswith((".salesforce.com", ".force.com")):
        raise _reject(
            typed,
            "this is a Salesforce server or page address, not a login address (instance "
            "addresses such as na123.salesforce.com don't show your org's sign-in options).",
        )
    raise _reject(typed, "it is not a Salesforce address.")
