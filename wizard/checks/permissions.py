"""Checks on users and permission sets: the integration user, ECI users, guest users."""

from __future__ import annotations

from wizard.checks.common import compare, failed, missing, passed, shown
from wizard.checks.registry import CheckContext, Verdict, check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import SoqlRead, soql_in, soql_literal
from wizard.engine.results import Status
from wizard.engine.snapshot import ReadFailed

#: Every user permission a guide or the preflight asks about, read in one query.
USER_PERMISSION_FIELDS = (
    "PermissionsApiEnabled",
    "PermissionsCustomizeApplication",
    "PermissionsModifyAllData",
    "PermissionsManageAuthProviders",
    "PermissionsManageNamedCredentials",
    "PermissionsManageRemoteAccess",
    "PermissionsAssignPermissionSets",
    "PermissionsViewSetup",
    "PermissionsCanApproveUninstalledApps",
)
USER_PERMISSIONS = SoqlRead(f"SELECT {', '.join(USER_PERMISSION_FIELDS)} FROM UserPermissionAccess")


def current_user_read(facts: OrgFacts) -> SoqlRead:
    return SoqlRead(
        f"SELECT Id, Username, Name, IsActive, Profile.Name FROM User WHERE Id = {soql_literal(facts.user_id)}"
    )


def user_assignments_read(facts: OrgFacts) -> SoqlRead:
    return SoqlRead(
        "SELECT PermissionSetId, PermissionSet.Name, PermissionSet.Label, PermissionSet.PermissionsCallCoachingUser "
        f"FROM PermissionSetAssignment WHERE AssigneeId = {soql_literal(facts.user_id)}"
    )


@check("user.profile", reads=lambda params, facts: [current_user_read(facts)], expected=lambda params, facts: str(params["profile"]))
def user_profile(ctx: CheckContext) -> Verdict:
    """The integration user has the profile the guide asks for."""
    rows = ctx.snapshot.records(current_user_read(ctx.facts))
    profile = ((rows[0].get("Profile") or {}).get("Name")) if rows else None
    return compare(ctx.param("profile"), profile, f"The profile of {ctx.facts.username or 'the signed-in user'}")


@check("user.permission", reads=lambda params, facts: [USER_PERMISSIONS], expected=lambda params, facts: "granted")
def user_permission(ctx: CheckContext) -> Verdict:
    """The signed-in (integration) user holds a user permission."""
    field = "Permissions" + str(ctx.param("permission"))
    label = ctx.param("label", ctx.param("permission"))
    rows = ctx.snapshot.records(USER_PERMISSIONS)
    held = bool(rows and rows[0].get(field))
    if held:
        return passed("granted", "granted", f"The signed-in user has {label}.")
    return failed("granted", "not granted", f"The signed-in user lacks {label}; grant it through a permission set.")


def _object_read(params: dict, facts: OrgFacts) -> list[SoqlRead]:
    return [SoqlRead(f"SELECT Id FROM {params['sobject']} LIMIT 1")]


@check("user.object_access", reads=_object_read, expected=lambda params, facts: "can read")
def user_object_access(ctx: CheckContext) -> Verdict:
    """The integration user can read the object (the query itself is the proof)."""
    sobject = str(ctx.param("sobject"))
    try:
        ctx.snapshot.records(_object_read(ctx.params, ctx.facts)[0])
    except ReadFailed as exc:
        return failed("can read", "cannot read", f"The signed-in user cannot read {sobject} records: {exc.failure.reason}")
    return passed("can read", "can read", f"The signed-in user can read {sobject} records.")


def _held_set_expected(params: dict, facts: OrgFacts | None) -> str:
    return "an ECI permission set" if params.get("eci") else str(params["label"])


@check("user.permission_set", reads=lambda params, facts: [user_assignments_read(facts)], expected=_held_set_expected)
def user_permission_set(ctx: CheckContext) -> Verdict:
    """The signed-in user holds a permission set (by label, or any ECI permission set)."""
    rows = ctx.snapshot.records(user_assignments_read(ctx.facts))
    held = [r.get("PermissionSet") or {} for r in rows]
    labels = sorted(str(p.get("Label")) for p in held if p.get("Label") and not str(p.get("Name", "")).startswith("X00"))
    expected = _held_set_expected(ctx.params, ctx.facts)
    if ctx.param("eci"):
        ok = any(p.get("PermissionsCallCoachingUser") for p in held)
    else:
        ok = any(p.get("Label") == expected for p in held)
    if ok:
        return passed(expected, labels, f"The signed-in user holds {expected}.")
    return failed(expected, labels or "(none)", f"The signed-in user does not hold {expected}.")


def _permission_set_read(params: dict, facts: OrgFacts) -> list[SoqlRead]:
    return [SoqlRead(f"SELECT Id, Name, Label FROM PermissionSet WHERE Name IN {soql_in([params['name']])}")]


@check("permission_set.exists", reads=_permission_set_read, expected=lambda params, facts: str(params["name"]))
def permission_set_exists(ctx: CheckContext) -> Verdict:
    """A permission set the guide names is in the org (it usually comes with a package)."""
    name = str(ctx.param("name"))
    rows = ctx.snapshot.records(_permission_set_read(ctx.params, ctx.facts)[0])
    if rows:
        return passed(name, rows[0].get("Name"), f"The permission set {name} exists.")
    return missing(f"The permission set {name}", name)


def _assignments_read(params: dict, facts: OrgFacts) -> list[SoqlRead]:
    where = (
        "PermissionSet.PermissionsCallCoachingUser = true"
        if params.get("eci")
        else f"PermissionSet.Name = {soql_literal(params['name'])}"
    )
    return [
        SoqlRead(
            "SELECT AssigneeId, Assignee.Name, Assignee.IsActive, PermissionSet.Name, PermissionSet.Label "
            f"FROM PermissionSetAssignment WHERE {where}"
        )
    ]


def _assigned_what(params: dict) -> str:
    return "an ECI permission set" if params.get("eci") else f"the {params['name']} permission set"


@check("permission_set.assigned", reads=_assignments_read,
       expected=lambda params, facts: f"at least one active user holds {_assigned_what(params)}")
def permission_set_assigned(ctx: CheckContext) -> Verdict:
    """At least one active user holds the permission set (calls are processed only for them)."""
    rows = ctx.snapshot.records(_assignments_read(ctx.params, ctx.facts)[0])
    active = sorted({str((r.get("Assignee") or {}).get("Name")) for r in rows if (r.get("Assignee") or {}).get("IsActive")})
    what = _assigned_what(ctx.params)
    expected = f"at least one active user holds {what}"
    if active:
        shown_users = active[:5] + ([f"and {len(active) - 5} more"] if len(active) > 5 else [])
        return Verdict(
            Status.PASS,
            expected,
            f"{len(active)} user(s): {shown(shown_users)}",
            f"{len(active)} active user(s) hold {what}. Calls placed before a user holds it are never processed.",
        )
    return failed(expected, "no users", f"No active user holds {what} yet; assign it before users place calls.")
