"""The connection preflight, right after sign-in: who, where, with which rights, and what blocks.

Three requests: the org's API versions (``GET /services/data/``), one REST composite request
with the Organization, the user and the user's permissions (``UserPermissionAccess``), and the
OpenID userinfo for the My Domain URL. The answers become `OrgFacts` (kept for every check and
the report) and a list of `PreflightItem`s judged by `preflight_rules`. A refused read is an
item, not an exception, so the admin sees all that is known at once.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests
from simple_salesforce.exceptions import SalesforceError

from wizard.engine.fact_evidence import ORGANIZATION_QUERY
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.engine.run_record import PreflightItem
from wizard.salesforce.auth import preflight_rules as rules
from wizard.salesforce.auth import tokens
from wizard.salesforce.auth.errors import SignInError
from wizard.salesforce.connection import CLIENT_MAX_API_VERSION, OrgConnection
from wizard.salesforce.errors import explain, full_stop

_ID = re.compile(r"^[A-Za-z0-9]{15,18}$")
ORG_QUERY = ORGANIZATION_QUERY  # the evidence of the rows judged from the org's facts names it
PERMISSION_QUERY = "SELECT " + ", ".join(n.field for n in rules.PERMISSIONS) + " FROM UserPermissionAccess"
APPROVE_QUERY = f"SELECT {rules.APPROVE_UNINSTALLED} FROM UserPermissionAccess"
#: Preflight lines whose failure blocks: the org's record, the two permissions every read needs, and
#: the known blockers (API access turned off, a high-assurance session required, the uninstalled-app
#: restriction). They are named for what they are, as every line is; this set says which stop the wizard.
BLOCKING_ITEMS = frozenset({"Org", "Permission: API Enabled", "Permission: View Setup and Configuration",
                            "API access", "High-assurance session", "Uninstalled-app restriction"})


@dataclass(frozen=True)
class ConnectionPreflight:
    """What the preflight found; `connection` uses the chosen API version."""

    facts: OrgFacts
    items: tuple[PreflightItem, ...]
    connection: OrgConnection
    requests_made: int

    @property
    def blockers(self) -> tuple[PreflightItem, ...]:
        """What stops the wizard from even verifying (FAIL or ERROR, not WARN): a blocker, a missing
        API or Setup permission, or an org whose own record could not be read (its name, edition
        and environment unknown, nothing can be judged or confirmed)."""
        return tuple(i for i in self.items if i.status in (Status.FAIL, Status.ERROR) and (
            i.name in BLOCKING_ITEMS))

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)

    @property
    def org_known(self) -> bool:
        """Whether the org's own record was read (its name, edition and environment are known)."""
        return not any(i.name == "Org" and i.status is Status.ERROR for i in self.items)

    @property
    def environment_known(self) -> bool:
        """Whether sandbox-or-production was found rather than assumed (see the Environment line)."""
        return not any(i.name == "Environment" and i.observed == "unknown" for i in self.items)


def _query_url(version: str, soql: str) -> str:
    return f"/services/data/v{version}/query/?q={quote(soql)}"


def fetch_api_versions(session: requests.Session, instance_url: str) -> list[str]:
    """The org's API versions (this resource needs no authentication)."""
    response = session.get(instance_url.rstrip("/") + "/services/data/", timeout=tokens.TIMEOUT_SECONDS,
                           headers={"Accept": "application/json"})
    response.raise_for_status()
    return [str(v["version"]) for v in response.json() if isinstance(v, dict) and "version" in v]


def _composite(conn: OrgConnection, user_id: str) -> dict[str, dict[str, Any]]:
    """One composite request; returns referenceId -> {status, body}."""
    version = conn.api_version
    subrequests = [("org", ORG_QUERY), ("perms", PERMISSION_QUERY), ("approve", APPROVE_QUERY)]
    if _ID.match(user_id):
        subrequests.append(("user", f"SELECT Id, Username, Name FROM User WHERE Id = '{user_id}'"))
    body = {
        "allOrNone": False,
        "compositeRequest": [{"method": "GET", "url": _query_url(version, q), "referenceId": ref} for ref, q in subrequests],
    }
    result = conn.call(lambda sf: sf.restful("composite", method="POST", json=body)) or {}
    return {
        str(r.get("referenceId")): {"status": int(r.get("httpStatusCode") or 0), "body": r.get("body")}
        for r in result.get("compositeResponse", [])
    }


def _first_record(part: dict[str, Any] | None) -> dict[str, Any] | None:
    if not part or part["status"] != 200 or not isinstance(part["body"], dict):
        return None
    records = part["body"].get("records") or []
    return dict(records[0]) if records else None


def _error_of(part: dict[str, Any] | None) -> tuple[str, str]:
    if part is None:
        return "NO_RESULT", "no answer for this part"
    body = part["body"]
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return str(body[0].get("errorCode", "")), str(body[0].get("message", ""))
    return f"HTTP_{part['status']}", ""


def _salesforce_error(exc: SalesforceError) -> tuple[str, str]:
    content = exc.content
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return str(content[0].get("errorCode", "")), str(content[0].get("message", ""))
    return f"HTTP_{exc.status}", str(content)[:300]


def run_preflight(conn: OrgConnection, *, org_id: str, user_id: str, client_id: str,
                  session: requests.Session, sandbox_hint: bool | None = None) -> ConnectionPreflight:
    """Read and judge everything the admin should know about this connection."""
    items: list[PreflightItem] = []
    requests_made = 0

    # 1. API version (unauthenticated).
    available: list[str] = []
    version_error = ""
    try:
        requests_made += 1
        available = fetch_api_versions(session, conn.instance_url)
    except requests.RequestException:
        version_error = "the org did not answer"
    except ValueError:
        version_error = "the org's answer was not the list of versions"
    chosen = rules.choose_api_version(available, CLIENT_MAX_API_VERSION) or CLIENT_MAX_API_VERSION
    if available and rules.choose_api_version(available, CLIENT_MAX_API_VERSION) is None:
        version_error = f"the org offers only {', '.join(available)}"
    conn = dataclasses.replace(conn, api_version=chosen)

    # 2. Organization, user and permissions in one composite request.
    parts: dict[str, dict[str, Any]] = {}
    refused = ("", "")
    said = ""  # the admin's sentence for a refusal Salesforce explains (a limit, maintenance)
    try:
        requests_made += 1
        parts = _composite(conn, user_id)
    except SalesforceError as exc:
        refused = _salesforce_error(exc)
        explained = explain(exc)
        said = explained.message
    except requests.RequestException:  # dropped connection, timeout: shown, not raised
        refused = (rules.NO_ANSWER, "the org did not answer (the connection failed or was dropped)")
    except SignInError as exc:  # the refresh during a retry was refused
        refused = ("SIGN_IN_REQUIRED", exc.seen)
        said = f"{full_stop(exc.seen)} {full_stop(exc.todo)}"
    org = _first_record(parts.get("org"))
    perms = _first_record(parts.get("perms"))
    approve = _first_record(parts.get("approve"))
    user = _first_record(parts.get("user")) or {}
    if not refused[0] and org is None:
        refused = _error_of(parts.get("org"))

    # 3. userinfo: the My Domain URL and the user's names.
    info: dict[str, Any] = {}
    try:
        requests_made += 1
        info = tokens.userinfo(session, conn.instance_url, conn.access_token)
    except (requests.RequestException, ValueError):
        info = {}
    my_domain = str((info.get("urls") or {}).get("custom_domain") or "").rstrip("/")

    is_sandbox = bool(org.get("IsSandbox")) if org else bool(sandbox_hint)
    edition = str(org.get("OrganizationType") or "") if org else ""
    facts = OrgFacts(
        org_id=str(org.get("Id") or org_id) if org else org_id,
        name=str(org.get("Name") or "") if org else "",
        edition=edition or "unknown",
        is_sandbox=is_sandbox,
        instance_name=str(org.get("InstanceName") or "") if org else "",
        instance_url=conn.instance_url,
        my_domain_url=my_domain or conn.instance_url,
        has_my_domain=bool(my_domain),
        api_version=chosen,
        username=str(user.get("Username") or info.get("preferred_username") or ""),
        user_id=user_id,
        user_display_name=str(user.get("Name") or info.get("name") or ""),
    )

    who = " ".join(x for x in (facts.user_display_name, f"({facts.username})" if facts.username else "") if x)
    items.append(PreflightItem(name="Signed in as", status=Status.PASS, observed=who or user_id))
    items.append(PreflightItem(name="Org", status=Status.PASS if org else Status.ERROR,
                               observed=f"{facts.name} ({facts.org_id})" if org else facts.org_id,
                               message="" if org else "The Organization record could not be read."))
    items.append(rules.environment_item(is_sandbox, known=org is not None or sandbox_hint is not None))
    items.append(rules.edition_item(edition))
    items.append(rules.version_item(available, chosen, CLIENT_MAX_API_VERSION, version_error))
    items.append(PreflightItem(
        name="My Domain", status=Status.PASS if my_domain else Status.WARN,
        observed=facts.my_domain_url, expected="the org's My Domain URL",
        message="" if my_domain else "Salesforce's userinfo did not name the My Domain; the instance URL is used."))
    if said:
        perm_error = "the read was refused, as API access below says"
    else:
        shown = (refused[1],) if refused[0] == rules.NO_ANSWER else refused  # no code of Salesforce's to show
        perm_error = "" if perms else ": ".join(x for x in (shown if refused[0] else _error_of(parts.get("perms"))) if x)
    items.extend(rules.permission_items(perms, perm_error))
    items.append(rules.api_access_item(*refused, said=said))
    items.append(rules.high_assurance_item(refused[1], read_refused=bool(refused[0]) and not parts))
    items.append(rules.uninstalled_app_item(None if approve is None else bool(approve.get(rules.APPROVE_UNINSTALLED)), client_id))
    return ConnectionPreflight(facts=facts, items=tuple(items), connection=conn, requests_made=requests_made)
