"""What an org holds around a guide: licences, permission sets, packages, apps, site addresses.

None of these are settings the guide's fixes write, but production needs them before the guide
can work there: the ECI permission set licence, the permission sets the guide names (some come
with a package or a licence and cannot be created), the Voice Connector package, the apps the
admin signs in with. Capture records them; graduation reads production's and warns ahead of
trouble. The queries travel in one batched read; whatever cannot be read is named, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.apply.ops import Ops
from wizard.checks.org import INSTALLED_PACKAGES
from wizard.checks.permissions import user_assignments_read
from wizard.engine.org_facts import OrgFacts
from wizard.engine.read_plan import ReadPlan
from wizard.engine.reads import SoqlRead
from wizard.engine.results import CheckResult
from wizard.engine.snapshot import OrgSnapshot, ReadFailed
from wizard.guides.schema import Guide
from wizard.profiles.model import Inventory, NamedItem
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.reader import read_snapshot

LICENCES = SoqlRead("SELECT Id, DeveloperName, MasterLabel, Status FROM PermissionSetLicense")
PERMISSION_SETS = SoqlRead("SELECT Id, Name, Label, PermissionsCallCoachingUser FROM PermissionSet WHERE IsOwnedByProfile = false")
CONNECTED_APPS = SoqlRead("SELECT Id, Name FROM ConnectedApplication")
SITE_DETAILS = SoqlRead("SELECT DurableId, SecureUrl FROM SiteDetail")


def guide_permission_set_labels(guide: Guide) -> set[str]:
    """Permission sets a guide names (by label or API name) in its settings."""
    names: set[str] = set()
    for _page, setting in guide.settings():
        params = setting.params
        if "permission_set" in str(setting.check) or setting.check == "site.guest_permission_sets":
            for key in ("label", "name"):
                if isinstance(params.get(key), str):
                    names.add(params[key])
            names.update(str(v) for v in params.get("permission_sets") or [])
    return names


def app_kind(results: Iterable[CheckResult]) -> str:
    """The ECI app's kind as the verification saw it ('' when there is none)."""
    for result in results:
        if result.check_id == "eci-app.exists" and result.status.value in ("pass", "warn"):
            for kind in ("External Client App", "Connected App"):
                if result.observed.endswith(kind):
                    return kind
    return ""


def _rows(snapshot: OrgSnapshot, read: SoqlRead, what: str, unreadable: list[str]) -> list[dict]:
    try:
        return snapshot.records(read)
    except (ReadFailed, KeyError):
        unreadable.append(what)
        return []


def read_inventory(
    conn: OrgConnection, facts: OrgFacts, guide: Guide, results: Iterable[CheckResult], also: Iterable[str] = ()
) -> Inventory:
    """The org's inventory for `guide` (one batched read plus one metadata list).

    Permission sets are listed when they grant ECI, are held by the signed-in user, are named by
    the guide, or are named in `also` (a source org's, so a target is judged against the same list).
    """
    assignments = user_assignments_read(facts)
    reads = [LICENCES, PERMISSION_SETS, CONNECTED_APPS, SITE_DETAILS, INSTALLED_PACKAGES, assignments]
    snapshot = read_snapshot(conn, ReadPlan.from_reads(reads), facts)
    unreadable: list[str] = []
    licences = [
        NamedItem(name=str(r.get("DeveloperName")), label=str(r.get("MasterLabel") or ""))
        for r in _rows(snapshot, LICENCES, "permission set licences", unreadable)
        if str(r.get("Status") or "Active") == "Active"
    ]
    held = {str((r.get("PermissionSet") or {}).get("Name")) for r in _rows(snapshot, assignments, "your permission set assignments", unreadable)}
    named = guide_permission_set_labels(guide) | set(also)
    permission_sets = [
        NamedItem(name=str(r.get("Name")), label=str(r.get("Label") or ""))
        for r in _rows(snapshot, PERMISSION_SETS, "permission sets", unreadable)
        if r.get("PermissionsCallCoachingUser") or r.get("Name") in held or r.get("Name") in named or r.get("Label") in named
    ]
    packages = sorted({
        str((r.get("SubscriberPackage") or {}).get("Name"))
        for r in _rows(snapshot, INSTALLED_PACKAGES, "installed packages", unreadable)
        if (r.get("SubscriberPackage") or {}).get("Name")
    })
    connected = sorted({str(r.get("Name")) for r in _rows(snapshot, CONNECTED_APPS, "connected apps", unreadable) if r.get("Name")})
    sites = sorted({str(r.get("SecureUrl")) for r in _rows(snapshot, SITE_DETAILS, "site addresses", unreadable) if r.get("SecureUrl")})
    try:
        ecas = sorted({str(item.get("fullName")) for item in Ops(conn).md_list("ExternalClientApplication") if item.get("fullName")})
    except Exception:  # listing is a nicety: an org that refuses it still graduates
        ecas = []
        unreadable.append("External Client Apps")
    return Inventory(
        eci_app_kind=app_kind(results),
        packages=packages,
        permission_set_licenses=sorted(licences, key=lambda i: i.name),
        permission_sets=sorted(permission_sets, key=lambda i: i.name),
        external_client_apps=ecas,
        connected_apps=connected,
        site_urls=sites,
        unreadable=unreadable,
    )
