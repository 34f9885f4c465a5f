"""The Salesforce Site the Voice Connector uses (VoiceConnector) and its guest user."""

from __future__ import annotations

from typing import Any

from wizard.checks.common import compare, failed, missing, passed, shown, truthy, warned
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import MetadataRead, Read, SoqlRead

SITES = SoqlRead("SELECT Id, Name, MasterLabel, Status, GuestUserId, ClickjackProtectionLevel FROM Site")
GUEST_USERS = SoqlRead("SELECT Id, Name, IsActive FROM User WHERE UserType = 'Guest'")
GUEST_ASSIGNMENTS = SoqlRead(
    "SELECT AssigneeId, PermissionSet.Name, PermissionSet.Label FROM PermissionSetAssignment "
    "WHERE Assignee.UserType = 'Guest'"
)
CLICKJACK_LABELS = {
    "AllowAllFraming": "Allow framing by any page",
    "External": "Allow framing of site pages on external domains",
    "SameOriginOnly": "Allow framing by the same origin only (Recommended)",
    "NoFraming": "Don't allow framing by any page",
}


def _site_reads(params: Params, facts: OrgFacts) -> list[Read]:
    return [SITES, MetadataRead("CustomSite", (params["name"],))]


def _site(ctx: CheckContext, expected: Any) -> dict[str, Any] | Verdict:
    comp = ctx.snapshot.component("CustomSite", str(ctx.param("name")))
    return comp if comp is not None else missing(f"The Salesforce Site {ctx.param('name')}", expected)


def _site_row(ctx: CheckContext) -> dict[str, Any] | None:
    return next((r for r in ctx.snapshot.records(SITES) if r.get("Name") == ctx.param("name")), None)


def _exists_expected(params: Params, facts: OrgFacts | None) -> str:
    """``Label (Name)`` as the site list in Setup shows them, or the name alone when no label is given."""
    return f"{params['label']} ({params['name']})" if params.get("label") else str(params["name"])


@check("site.exists", reads=_site_reads, expected=_exists_expected)
def exists(ctx: CheckContext) -> Verdict:
    """The site exists with the guide's name, and its Site Label is the guide's.

    The label is only what Setup shows for the site, so another label is a warning, not a failure.
    """
    expected = _exists_expected(ctx.params, ctx.facts)
    site = _site(ctx, expected)
    if isinstance(site, Verdict):
        return site
    label = site.get("masterLabel")
    observed = f"{shown(label)} ({site.get('fullName', ctx.param('name'))})"
    want = ctx.param("label")
    if want and label != want:
        return warned(expected, observed,
                      f"The site exists, but its Site Label is {shown(label)}; the guide asks for {want}. The label only names the "
                      f"site in Setup; edit the site and set Site Label to {want} so it matches the guide (the wizard's fix can).")
    return passed(expected, observed, "The site exists with the guide's label.")


@check("site.active", reads=_site_reads, expected=lambda params, facts: "Active")
def active(ctx: CheckContext) -> Verdict:
    """The site is active."""
    site = _site(ctx, "Active")
    if isinstance(site, Verdict):
        return site
    return compare("Active", "Active" if truthy(site.get("active")) else "Inactive", "The site's status")


@check("site.home_page", reads=_site_reads, expected=lambda params, facts: str(params["page"]))
def home_page(ctx: CheckContext) -> Verdict:
    """Active Site Home Page."""
    site = _site(ctx, ctx.param("page"))
    if isinstance(site, Verdict):
        return site
    return compare(ctx.param("page"), site.get("indexPage"), "The active site home page")


def _clickjack_expected(params: Params, facts: OrgFacts | None) -> str:
    return CLICKJACK_LABELS.get(str(params["level"]), str(params["level"]))


@check("site.clickjack", reads=_site_reads, expected=_clickjack_expected)
def clickjack(ctx: CheckContext) -> Verdict:
    """Clickjack Protection Level."""
    site = _site(ctx, _clickjack_expected(ctx.params, ctx.facts))
    if isinstance(site, Verdict):
        return site
    want, have = str(ctx.param("level")), str(site.get("clickjackProtectionLevel") or "")
    return compare(CLICKJACK_LABELS.get(want, want), CLICKJACK_LABELS.get(have, shown(have)), "Clickjack Protection Level", equal=want == have)


@check("site.guest_user_active", reads=lambda params, facts: [SITES, GUEST_USERS], expected=lambda params, facts: "Active")
def guest_user_active(ctx: CheckContext) -> Verdict:
    """The site's guest user is active."""
    row = _site_row(ctx)
    if row is None:
        return missing(f"The Salesforce Site {ctx.param('name')}", "Active")
    user = next((u for u in ctx.snapshot.records(GUEST_USERS) if u.get("Id") == row.get("GuestUserId")), None)
    if user is None:
        return failed("Active", "(no guest user)", "The site has no guest user.")
    return compare("Active", "Active" if user.get("IsActive") else "Inactive", f"The guest user {user.get('Name')}")


@check("site.guest_permission_sets", reads=lambda params, facts: [SITES, GUEST_ASSIGNMENTS],
       expected=lambda params, facts: shown(list(params.get("permission_sets", []))))
def guest_permission_sets(ctx: CheckContext) -> Verdict:
    """The permission sets the guest user needs."""
    wanted = list(ctx.param("permission_sets", []))
    row = _site_row(ctx)
    if row is None:
        return missing(f"The Salesforce Site {ctx.param('name')}", wanted)
    held = sorted(
        str((a.get("PermissionSet") or {}).get("Label"))
        for a in ctx.snapshot.records(GUEST_ASSIGNMENTS)
        if a.get("AssigneeId") == row.get("GuestUserId") and (a.get("PermissionSet") or {}).get("Label")
    )
    lacking = [p for p in wanted if p not in held]
    if lacking:
        return failed(wanted, held or "(none)", f"The guest user lacks: {', '.join(lacking)}.")
    return passed(wanted, held, "The guest user holds the permission sets the guide lists.")
