"""The connection preflight's judgement: pure functions from what was read to `PreflightItem`s.

Kept apart from the reads (`preflight.py`) so every rule is tested without a server: which
permissions matter and why, in which editions ECI exists, which API version to use, and how
the known blockers (API access disabled, high-assurance sessions, the uninstalled-app
restriction) show themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.checks.org import edition_expected, edition_facts
from wizard.engine.results import Status
from wizard.engine.run_record import PreflightItem
from wizard.salesforce.errors import is_high_assurance_refusal


@dataclass(frozen=True)
class PermissionNeed:
    """One user permission the wizard's work depends on."""

    field: str  # UserPermissionAccess field
    label: str  # as Setup shows it
    needed_for: str
    missing_status: Status


#: Read from ``UserPermissionAccess`` (the current user's effective permissions).
PERMISSIONS: tuple[PermissionNeed, ...] = (
    PermissionNeed("PermissionsApiEnabled", "API Enabled", "every check and fix goes through the API", Status.FAIL),
    PermissionNeed("PermissionsViewSetup", "View Setup and Configuration", "reading the Setup settings the guides describe", Status.FAIL),
    PermissionNeed("PermissionsCustomizeApplication", "Customize Application", "turning on ECI and changing its settings", Status.WARN),
    PermissionNeed("PermissionsModifyAllData", "Modify All Data", "setting up ECI (Salesforce requires it)", Status.WARN),
    PermissionNeed("PermissionsManageAuthProviders", "Manage Auth. Providers", "creating the auth provider", Status.WARN),
    PermissionNeed("PermissionsManageNamedCredentials", "Manage Named Credentials", "creating the named credentials", Status.WARN),
    PermissionNeed("PermissionsManageRemoteAccess", "Manage Connected Apps", "creating the connected or external client app", Status.WARN),
    PermissionNeed("PermissionsAssignPermissionSets", "Assign Permission Sets", "giving users the ECI permission sets", Status.WARN),
)
#: Queried on its own: a field newer orgs have, so an older org can't fail the whole query.
APPROVE_UNINSTALLED = "PermissionsCanApproveUninstalledApps"

#: Editions the guides do not name, known to have no ECI: the Edition line fails them at once.
#: The preflight's own code for a read that got no answer (a dropped connection, a time-out), so the
#: API-access line says what happened instead of showing a code as if Salesforce had sent it.
NO_ANSWER = "NO_ANSWER"
NO_ECI_EDITIONS = (
    "Personal Edition", "Team Edition", "Contact Manager Edition", "Group Edition", "Essentials Edition",
)

#: Texts with which Salesforce refuses a session below the org's required security level.
API_DISABLED_CODES = ("API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED")


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (0,)


def choose_api_version(available: list[str], client_max: str) -> str | None:
    """The org's newest API version that the client supports (None when they share none)."""
    cap = _version_key(client_max)
    usable = [v for v in available if _version_key(v) <= cap and _version_key(v) != (0,)]
    return max(usable, key=_version_key) if usable else None


def version_item(available: list[str], chosen: str, client_max: str, error: str = "") -> PreflightItem:
    """How the API version was chosen."""
    newest = max(available, key=_version_key) if available else "unknown"
    if error:
        return PreflightItem(name="API version", status=Status.WARN, observed=f"{chosen} (assumed)",
                             expected=f"the org's newest version up to {client_max}",
                             message=f"The org's API versions could not be read ({error}); the wizard uses {chosen}.")
    return PreflightItem(name="API version", status=Status.PASS, observed=chosen,
                         expected=f"the org's newest version up to {client_max}",
                         message=f"The org offers up to {newest}; the wizard works with versions up to {client_max}, so it uses {chosen}.")


def permission_items(granted: dict[str, bool] | None, error: str = "") -> list[PreflightItem]:
    """One item per permission; ERROR items when the permissions could not be read."""
    items = []
    for need in PERMISSIONS:
        if granted is None:
            items.append(PreflightItem(name=f"Permission: {need.label}", status=Status.ERROR,
                                       expected="granted", message=f"Could not read your permissions ({error.rstrip('.')})."))
            continue
        has = bool(granted.get(need.field))
        items.append(PreflightItem(
            name=f"Permission: {need.label}",
            status=Status.PASS if has else need.missing_status,
            observed="granted" if has else "not granted",
            expected="granted",
            message="" if has else f"Needed for {need.needed_for}. Ask your Salesforce administrator to "
            f"grant '{need.label}' through a permission set.",
        ))
    return items


def edition_item(edition: str) -> PreflightItem:
    """Whether ECI can exist in the org's edition, by the same lists as the ``org.edition`` check.

    The guides name Performance and Unlimited, and Enterprise with a paid add-on; Salesforce now also
    sells ECI licences with Starter and Pro Suite. The preflight must not pass an edition the check on
    the guide's first page then fails. The question here is whether ECI can exist in the edition at
    all: in a licensed edition it can, and whether this org holds the licence is the edition check's
    to show, with evidence (a warning here would stay in every report, even of an org whose check
    found the licence).
    """
    included, licensed, trial = edition_facts()
    item = {"name": "Edition", "observed": edition or "unknown", "expected": edition_expected()}
    if edition in included:
        return PreflightItem(**item, status=Status.PASS, message="This edition includes Einstein Conversation Insights.")
    if edition in licensed:
        return PreflightItem(**item, status=Status.PASS,
                             message=f"ECI exists in {edition} for orgs that hold ECI licences; the guide's first "
                             "page checks that this org does.")
    if edition in trial:
        return PreflightItem(**item, status=Status.WARN,
                             message="A developer org: ECI works only if the org was given ECI licences; "
                             "the checks will show it.")
    if edition in NO_ECI_EDITIONS:
        return PreflightItem(**item, status=Status.FAIL,
                             message="ECI is not available in this edition. Use an org of one of the editions listed.")
    return PreflightItem(**item, status=Status.WARN,
                         message="The wizard doesn't know whether ECI exists in this edition; the checks will show it.")


def environment_item(is_sandbox: bool, known: bool = True) -> PreflightItem:
    """Sandbox or production; production is marked so nobody changes it by mistake.

    Not ``known`` (the Organization record unread, and a login address that does not tell): said
    as unknown rather than as PRODUCTION, which would state as found what was only assumed.
    """
    if not known:
        return PreflightItem(name="Environment", status=Status.WARN, observed="unknown", expected="sandbox or production",
                             message="The Organization record could not be read, so whether this is a sandbox or "
                             "production is not known; until it is, the wizard treats the org as production.")
    if is_sandbox:
        return PreflightItem(name="Environment", status=Status.PASS, observed="Sandbox", expected="sandbox or production")
    return PreflightItem(name="Environment", status=Status.WARN, observed="PRODUCTION", expected="sandbox or production",
                         message="This is a production org: every change affects real users, and the wizard "
                         "asks you to type a confirmation before it writes anything.")


def api_access_item(error_code: str, message: str, said: str = "") -> PreflightItem:
    """The 'API access disabled' blocker.

    `said` is the wizard's sentence for a refusal Salesforce explains for the whole org (its API
    limit reached, down for maintenance): it is what the admin reads, in the words the other ways
    of opening an org use, rather than Salesforce's code followed by "see the error".
    """
    if is_high_assurance_refusal(message):
        return PreflightItem(name="API access", status=Status.SKIPPED, observed=f"{error_code}: {message}",
                             expected="API access enabled for the org and the user",
                             message="Not decided: the session was refused for its security level (see the "
                             "high-assurance blocker).")
    if error_code in API_DISABLED_CODES:
        return PreflightItem(name="API access", status=Status.FAIL, observed=f"{error_code}: {message}",
                             expected="API access enabled for the org and the user",
                             message="Salesforce refuses API calls for this user or org. Give the user 'API "
                             "Enabled' (permission set) and check that the edition includes API access.")
    if said:
        return PreflightItem(name="API access", status=Status.ERROR, observed=said,
                             expected="API access enabled for the org and the user")
    if error_code == NO_ANSWER:  # no answer is not a refusal: there is no code of Salesforce's to show
        return PreflightItem(name="API access", status=Status.ERROR, observed=message.rstrip("."),
                             expected="API access enabled for the org and the user",
                             message="Check the network and the instance URL, then try again.")
    if error_code:
        return PreflightItem(name="API access", status=Status.ERROR, observed=f"{error_code}: {message.rstrip('.')}",
                             expected="API access enabled for the org and the user",
                             message="The preflight read was refused for the reason Salesforce gives.")
    return PreflightItem(name="API access", status=Status.PASS, observed="API calls allowed",
                         expected="API access enabled for the org and the user")


def high_assurance_item(error_message: str, read_refused: bool = False) -> PreflightItem:
    """The 'high-assurance session required' blocker.

    ``read_refused``: the preflight's reads got no answer or were refused for another reason, so
    whether this session's level is enough is not known (a pass would claim reads that never worked).
    """
    expected = "a session whose security level the org accepts for the API"
    if not is_high_assurance_refusal(error_message) and read_refused:
        return PreflightItem(name="High-assurance session", status=Status.SKIPPED,
                             observed="not known: the reads were refused for another reason", expected=expected,
                             message="Not decided: no read went through with this session (see API access).")
    if is_high_assurance_refusal(error_message):
        return PreflightItem(name="High-assurance session", status=Status.FAIL, observed=error_message,
                             expected=expected,
                             message="Your org requires a high-assurance session (multi-factor verification) "
                             "for this. Sign in again and complete the verification Salesforce asks for, or "
                             "ask your administrator to review Session Settings → Session Security Levels.")
    return PreflightItem(name="High-assurance session", status=Status.PASS,
                         observed="reads allowed with this session", expected=expected,
                         message="Some orgs ask for a high-assurance session before changes; the wizard "
                         "tells you if a change is refused for that reason.")


def uninstalled_app_item(can_approve: bool | None, client_id: str) -> PreflightItem:
    """The uninstalled-app restriction (September 2025): matters for everyone who signs in later."""
    expected = "'Approve Uninstalled Connected Apps', or the sign-in app installed in the org"
    if can_approve:
        return PreflightItem(name="Uninstalled-app restriction", status=Status.PASS,
                             observed="Approve Uninstalled Connected Apps: granted", expected=expected)
    return PreflightItem(
        name="Uninstalled-app restriction",
        status=Status.WARN,
        observed="Approve Uninstalled Connected Apps: " + ("not granted" if can_approve is False else "unknown"),
        expected=expected,
        message=f"You signed in with '{client_id}', so it works for you. Colleagues without 'Approve "
        "Uninstalled Connected Apps' can only sign in with apps installed in the org "
        "(Setup → Connected Apps OAuth Usage → Install).",
    )
