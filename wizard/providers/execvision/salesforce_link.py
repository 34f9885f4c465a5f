"""The optional Salesforce link of ExecVision's guide, judged from plain data.

The guide asks for the Five9 and Salesforce package installed with call activity logged as task
records, Enterprise edition of Salesforce, Salesforce OAuth completed by the admin, and the
Salesforce ids of the ExecVision users. The engine reads the org (edition, installed packages,
a count of recent Five9 tasks) and hands the plain values to these functions, which never touch
the network; the user-id export is a CSV the admin sends to ExecVision.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wizard.engine.results import CheckResult, Evidence, Fix, Status

from . import GUIDE_ID

PAGE_ID = "salesforce-link"
#: Editions that are Enterprise or higher (Organization.OrganizationType values).
EDITIONS_OK = frozenset({"Enterprise Edition", "Unlimited Edition", "Performance Edition"})
#: Tasks the Five9 adapter logs carry the call's session in CallObject; a count over recent days
#: shows calls are being logged as tasks.
RECENT_FIVE9_TASKS_SOQL = (
    "SELECT COUNT() FROM Task WHERE CallObject != null AND CreatedDate = LAST_N_DAYS:{days}"
)
INSTALLED_PACKAGES_SOQL = "SELECT SubscriberPackage.Name, SubscriberPackage.NamespacePrefix FROM InstalledSubscriberPackage"


def _result(check: str, setting: str, status: Status, expected: str, observed: str, evidence: Evidence | None,
            fix: Fix | None = None) -> CheckResult:
    return CheckResult(guide_id=GUIDE_ID, page_id=PAGE_ID, check_id=f"execvision.salesforce.{check}", setting=setting,
                       status=status, expected=expected, observed=observed, message=observed,
                       evidence=(evidence,) if evidence else (), fix=fix)


def check_edition(edition: str | None, evidence: Evidence | None = None) -> CheckResult:
    """Enterprise edition or higher; a Developer Edition org is a warning (fine to try, not to run)."""
    setting, expected = "Enterprise edition of Salesforce", "Enterprise Edition or higher (Unlimited, Performance)"
    shown = (edition or "").strip()
    if shown in EDITIONS_OK:
        return _result("edition", setting, Status.PASS, expected, shown, evidence)
    if shown == "Developer Edition":
        return _result("edition", setting, Status.WARN, expected, "Developer Edition: has the APIs but is not a production edition", evidence,
                       Fix(hint="Use an Enterprise (or higher) org for the real integration"))
    return _result("edition", setting, Status.FAIL, expected, shown or "edition unknown", evidence,
                   Fix(hint="The Salesforce link needs Enterprise edition or higher; talk to your Salesforce account executive, "
                            "or use ExecVision without the Salesforce link"))


def check_five9_package(installed: Iterable[str], evidence: Evidence | None = None) -> CheckResult:
    """The Five9 package is installed: any installed package name or namespace mentioning Five9."""
    setting = "Five9 and Salesforce package installed"
    names = sorted({n.strip() for n in installed if n and n.strip()})
    hits = [n for n in names if "five9" in n.lower().replace(" ", "")]
    expected = "the Five9 package for Salesforce installed"
    if hits:
        return _result("five9-package", setting, Status.PASS, expected, ", ".join(hits), evidence)
    observed = f"none of the {len(names)} installed packages is Five9's" if names else "no installed packages"
    return _result("five9-package", setting, Status.FAIL, expected, observed, evidence,
                   Fix(hint="Install the Five9 package for Salesforce from AppExchange and set it to log calls as tasks",
                       setup_page="/lightning/setup/ImportedPackage/home"))


def check_task_logging(recent_five9_tasks: int | None, days: int = 7, evidence: Evidence | None = None) -> CheckResult:
    """Call activity is logged as task records: at least one recent Five9 task."""
    setting = "Call activity automatically logged as task records"
    expected = f"task records from Five9 calls in the last {days} days"
    if recent_five9_tasks is None:
        return _result("task-logging", setting, Status.ERROR, expected, "the Task records could not be counted", evidence,
                       Fix(hint="Sign in as a user who can read Task records, then check again"))
    if recent_five9_tasks > 0:
        return _result("task-logging", setting, Status.PASS, expected, f"{recent_five9_tasks:,} call tasks in the last {days} days", evidence)
    return _result("task-logging", setting, Status.FAIL, expected, f"no call tasks in the last {days} days", evidence,
                   Fix(hint="In the Five9 adapter settings, turn on automatic call logging as tasks, then make a test call"))


def oauth_step() -> CheckResult:
    """Salesforce OAuth completed by the admin: done in ExecVision, so the admin confirms it."""
    return _result("oauth", "Salesforce oAuth complete by Salesforce admin", Status.MANUAL,
                   "the Salesforce admin has completed ExecVision's OAuth connection", "to be confirmed by you", None,
                   Fix(hint="Complete the Salesforce OAuth connection in ExecVision as a Salesforce admin, then confirm it here"))


@dataclass(frozen=True)
class SalesforceUser:
    """One Salesforce user the admin can pick (as read from the User object)."""

    id: str
    name: str
    username: str
    email: str = ""
    is_active: bool = True


_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def to_18(record_id: str) -> str:
    """The case-safe 18-character form of a Salesforce id (15 or 18 characters in)."""
    rid = record_id.strip()
    if len(rid) not in (15, 18) or not set(rid) <= _ID_CHARS:
        raise ValueError(f"{record_id!r} is not a Salesforce id (15 or 18 letters and digits)")
    base = rid[:15]
    suffix = ""
    for chunk in range(3):
        bits = sum(1 << i for i, c in enumerate(base[chunk * 5 : chunk * 5 + 5]) if c.isupper())
        suffix += _SUFFIX[bits]
    if len(rid) == 18 and rid[15:].upper() != suffix:
        raise ValueError(f"{record_id!r} is not a valid Salesforce id (its last three characters do not match)")
    return base + suffix


def user_ids_csv(users: Sequence[SalesforceUser], chosen: Iterable[str]) -> str:
    """CSV of the chosen ExecVision users' Salesforce ids, for the admin to send to ExecVision."""
    by_id = {to_18(u.id): u for u in users}
    rows = []
    for raw in chosen:
        uid = to_18(raw)
        if not uid.startswith("005"):
            raise ValueError(f"{raw!r} is not a user id (user ids start with 005)")
        if uid not in by_id:
            raise ValueError(f"{raw!r} is not among the org's users that were read")
        rows.append(by_id[uid])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Salesforce User Id", "Name", "Username", "Email", "Active"])
    for u in rows:
        writer.writerow([to_18(u.id), _cell(u.name), _cell(u.username), _cell(u.email), "true" if u.is_active else "false"])
    return out.getvalue()


def _cell(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
