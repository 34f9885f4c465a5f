"""Setup pages of the demo org (``/lightning/setup/<Key>/home``), its root and browser login.

The wizard opens the exact Setup page for what only a person can do, in a browser session it
gets from the Single Access bridge. These pages are simple lists of what the org holds (titled
"Setup › Named Credentials" and so on) so a person, a web view and a test can see the browser
landed where it should, signed in as the right user. Without a browser session a Setup page
redirects to the login page, which returns to it after login.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from wizard.demo import browser, pages
from wizard.demo.protocol import DemoRequest, DemoResponse
from wizard.demo.state import OrgState, Record

Table = tuple[Sequence[str], list[list[str]]]


def _components(mtype: str, *cols: tuple[str, str]) -> Callable[[OrgState], Table]:
    def table(org: OrgState) -> Table:
        rows = [[_text(c.get(key, "")) for _, key in cols] for c in org.list_components(mtype)]
        return [label for label, _ in cols], sorted(rows)

    return table


def _users(org: OrgState) -> Table:
    profiles = {p["Id"]: p.get("Name", "") for p in org.rows("Profile")}
    rows = [
        [u.get("Name", ""), u.get("Username", ""), profiles.get(u.get("ProfileId", ""), ""), _text(u.get("IsActive", True))]
        for u in org.rows("User")
    ]
    return ["Full Name", "Username", "Profile", "Active"], sorted(rows)


def _profiles(org: OrgState) -> Table:
    return ["Profile Name", "User Type"], sorted([p.get("Name", ""), p.get("UserType", "")] for p in org.rows("Profile"))


def _packages(org: OrgState) -> Table:
    rows = [[_text(r.get("SubscriberPackageName") or r.get("Name") or r.get("Id"))] for r in org.rows("InstalledSubscriberPackage")]
    return ["Package Name"], sorted(rows)


def _records(sobject: str, *cols: tuple[str, str]) -> Callable[[OrgState], Table]:
    def table(org: OrgState) -> Table:
        return [label for label, _ in cols], sorted([_text(r.get(key, "")) for _, key in cols] for r in org.rows(sobject))

    return table


#: CronJobDetail.JobType -> the Type column of Setup > Scheduled Jobs.
JOB_TYPES = {"1": "Data Export", "3": "Dashboard Refresh", "4": "Reporting Snapshot", "6": "Scheduled Flow",
             "7": "Scheduled Apex", "8": "Report Run", "9": "Batch Job", "A": "Reporting Notification"}


def _scheduled_jobs(org: OrgState) -> Table:
    details = {d["Id"]: d for d in org.rows("CronJobDetail")}
    users = {u["Id"]: u.get("Name", "") for u in org.rows("User")}
    rows = []
    for trigger in org.rows("CronTrigger"):
        detail = details.get(trigger.get("CronJobDetailId", ""), {})
        job_type = _text(detail.get("JobType"))
        rows.append([_text(detail.get("Name")), users.get(trigger.get("OwnerId", ""), ""),
                     _text(trigger.get("NextFireTime")), JOB_TYPES.get(job_type, job_type)])
    return ["Job Name", "Submitted By", "Next Scheduled Run", "Type"], sorted(rows)


def _conversation_insights(org: OrgState) -> Table:
    settings = org.get_component("ConversationalIntelligenceSettings", "ConversationalIntelligence") or {}
    on = str(settings.get("enableCallCoaching", False)).lower() == "true"
    return ["Setting", "Value"], [["Enable Einstein Conversation Insights", "On" if on else "Off"]]


def _my_domain(org: OrgState) -> Table:
    url = org.instance_url if org.my_domain_deployed else "(no My Domain deployed)"
    return ["Field", "Value"], [["Current My Domain URL", url]]


def _company(org: OrgState) -> Table:
    o = org.organization
    rows = [
        ["Organization Name", _text(o.get("Name"))],
        ["Organization Edition", _text(o.get("OrganizationType"))],
        ["Salesforce.com Organization ID", _text(o.get("Id"))],
        ["Instance", _text(o.get("InstanceName"))],
        ["Sandbox", _text(o.get("IsSandbox"))],
    ]
    return ["Field", "Value"], rows


def _home(org: OrgState) -> Table:
    rows = [[title, f"/lightning/setup/{key}/home"] for key, (title, _) in sorted(SECTIONS.items()) if key != "SetupOneHome"]
    return ["Setup page", "Path"], rows


#: Setup page key -> (title, what it lists). Keys are Salesforce's Lightning Setup keys.
SECTIONS: dict[str, tuple[str, Callable[[OrgState], Table]]] = {
    "SetupOneHome": ("Home", _home),
    "NamedCredential": ("Named Credentials", _components("NamedCredential", ("Label", "label"), ("Name", "fullName"), ("URL", "endpoint"))),
    "ExternalCredential": ("External Credentials", _components("ExternalCredential", ("Label", "label"), ("Name", "fullName"), ("Authentication Protocol", "authenticationProtocol"))),
    "AuthProviders": ("Auth. Providers", _components("AuthProvider", ("Name", "friendlyName"), ("URL Suffix", "fullName"), ("Provider Type", "providerType"))),
    "ConnectedApplication": ("Connected Apps", _components("ConnectedApp", ("Connected App Name", "label"), ("API Name", "fullName"), ("Contact Email", "contactEmail"))),
    "NavigationMenus": ("App Manager", _components("ConnectedApp", ("App Name", "label"), ("Developer Name", "fullName"), ("Contact Email", "contactEmail"))),
    "ManageExternalClientApplication": ("External Client App Manager", _components("ExternalClientApplication", ("Label", "label"), ("API Name", "fullName"), ("Distribution State", "distributionState"))),
    "CustomDomain": ("Sites", _components("CustomSite", ("Site Label", "masterLabel"), ("Site Name", "fullName"), ("Active", "active"))),
    "PermSets": ("Permission Sets", _components("PermissionSet", ("Label", "label"), ("API Name", "fullName"), ("License", "license"))),
    "ManageUsers": ("Users", _users),
    "EnhancedProfiles": ("Profiles", _profiles),
    "Profiles": ("Profiles", _profiles),
    "ImportedPackage": ("Installed Packages", _packages),
    "CompanyProfileInfo": ("Company Information", _company),
    "CallCoachingSettings": ("Einstein Conversation Insights", _conversation_insights),
    "OrgDomain": ("My Domain", _my_domain),
    "ApexPages": ("Visualforce Pages", _records("ApexPage", ("Label", "MasterLabel"), ("Name", "Name"))),
    "ScheduledJobs": ("Scheduled Jobs", _scheduled_jobs),
    "FlexiPageList": ("Lightning Pages", _records("FlexiPage", ("Label", "MasterLabel"), ("Name", "DeveloperName"),
                                                  ("Object", "EntityDefinitionId"))),
}


def handle(org: OrgState, request: DemoRequest) -> DemoResponse:
    """Serve the root, the login form and Setup pages."""
    path = request.path.rstrip("/") or "/"
    if path == "/login" and request.method == "POST":
        return _login(org, request)
    user = browser.current_user(org, request)
    if path == "/":
        if user is not None:
            return DemoResponse.redirect(browser.safe_return_path(request.arg("startURL")))
        return _login_page(org, request.arg("startURL") or browser.SETUP_HOME)
    if user is None:
        return DemoResponse.redirect("/?" + urlencode({"startURL": path}))
    parts = path.strip("/").split("/")
    if len(parts) >= 3 and parts[:2] == ["lightning", "setup"]:
        return _setup_page(org, user, parts[2])
    return DemoResponse.html(
        pages.error_page("Page not available", f"The demo org has no page at {path}.", org_name=_org_name(org)), 404
    )


def _setup_page(org: OrgState, user: Record, key: str) -> DemoResponse:
    title, table = SECTIONS.get(key, (key, lambda _org: (["Item"], [])))
    columns, rows = table(org)
    note = "" if key in SECTIONS else "The demo org does not show this Setup page's content."
    html = pages.setup_page(
        title,
        org_name=_org_name(org),
        username=str(user.get("Username", "")),
        sandbox=bool(org.organization.get("IsSandbox")),
        columns=columns,
        rows=rows,
        note=note,
        tabs=[("Setup Home", browser.SETUP_HOME), ("Log Out", "/secur/logout.jsp")],
    )
    return DemoResponse.html(html)


def _login(org: OrgState, request: DemoRequest) -> DemoResponse:
    form = request.form()
    start_url = browser.safe_return_path(form.get("startURL"))
    user = browser.check_password(org, form.get("username", ""), form.get("password", ""))
    if user is None:
        return _login_page(org, start_url, error="Check your username and password and try again.", username=form.get("username", ""))
    session = browser.open_session(org, user["Id"])
    return browser.with_cookie(DemoResponse.redirect(start_url, 303), session)


def _login_page(org: OrgState, start_url: str, error: str | None = None, username: str = "") -> DemoResponse:
    html = pages.login_page(
        "/login",
        {"startURL": browser.safe_return_path(start_url)},
        org_name=_org_name(org),
        error=error,
        username=username,
        sandbox=bool(org.organization.get("IsSandbox")),
    )
    return DemoResponse.html(html)


def _org_name(org: OrgState) -> str:
    return str(org.organization.get("Name", "Demo org"))


def _text(value: object) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return "" if value is None else str(value)
