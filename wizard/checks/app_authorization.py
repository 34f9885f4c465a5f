"""Who has authorized the ECI app: the OAuth tokens Salesforce keeps per user and app.

Saving the ECI named credential with Start Authentication Flow on Save sends the admin through the
ECI app's sign-in and consent; that leaves an OAuth token for the app, held by the user who signed
in. Salesforce lists such tokens in the `OauthToken` object, by the app's label (`AppName`), to
users with Customize Application (others see only their own). So the wizard can say "this user
authorized the ECI app on this date", never which token the named credential itself holds: only
the Named Credentials list shows that, and the manual step beside this row stays.

Salesforce documents `OauthToken` for Connected Apps and reports External Client App usage
elsewhere, so for an External Client App an empty list proves nothing and is only a warning. The
list names apps by label: for an ECI app with another label than the guide's the row warns instead
of judging, and tokens of a same-label app in an org without the guide's API name are not the ECI
app's.

Both reads are REST queries, so they travel in the guide's one `composite/batch` with its other
queries (no request of their own); the app's own reads are the ECI app checks' reads, merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wizard.checks.app_view import EXTERNAL_CLIENT_APP, AppReadResolver, AppView, connected_app_read
from wizard.checks.common import failed, passed, warned
from wizard.checks.eci_app import load_app
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import DeferredRead, Read, SoqlRead, soql_literal
from wizard.engine.snapshot import ReadFailed

#: Users named in full in a row's observed value; more are counted.
SHOWN_USERS = 3


def tokens_read(app_label: str) -> SoqlRead:
    """The OAuth tokens of the app with this label, newest first (Id is always null on this object)."""
    return SoqlRead(
        "SELECT AppName, UserId, User.Username, User.Name, User.IsActive, CreatedDate, LastUsedDate "
        f"FROM OauthToken WHERE AppName = {soql_literal(app_label)} ORDER BY CreatedDate DESC"
    )


def holders_read(permission_set_label: str) -> SoqlRead:
    """Who holds the integration permission set (a handful of users in any org)."""
    return SoqlRead(
        f"SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Label = {soql_literal(permission_set_label)}"
    )


def _reads(params: Params, facts: OrgFacts) -> list[Read]:
    return [
        tokens_read(str(params["label"])),
        holders_read(str(params["permission_set"])),
        DeferredRead(after=connected_app_read(str(params["label"])), resolve=AppReadResolver(str(params["api_name"]))),
    ]


def _expected(params: Params, facts: OrgFacts | None) -> str:
    return (f"an OAuth token for {params['label']}, held by an active user with the "
            f"{params['permission_set']} permission set")


def when(value: Any) -> str:
    """A Salesforce date-time as '2026-01-12 09:30 UTC' (the text as given when it is not one)."""
    if not value:
        return "never"
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class Holder:
    """One user's tokens for the app: the latest authorization and the latest use."""

    user_id: str
    name: str
    username: str
    active: bool
    authorized: str
    last_used: str
    has_set: bool

    @property
    def who(self) -> str:
        return f"{self.name} ({self.username})" if self.username and self.username != self.name else self.name

    @property
    def seen(self) -> str:
        return f"{self.who}, authorized {when(self.authorized)}, last used {when(self.last_used)}"


def holders(tokens: list[dict[str, Any]], with_set: set[str]) -> list[Holder]:
    """The users holding tokens, newest authorization first (a user may hold several tokens)."""
    by_user: dict[str, dict[str, Any]] = {}
    for row in tokens:
        user = row.get("User") or {}
        user_id = str(row.get("UserId") or "")
        seen = by_user.setdefault(user_id, {"user": user, "created": "", "used": ""})
        seen["created"] = max(seen["created"], str(row.get("CreatedDate") or ""))
        seen["used"] = max(seen["used"], str(row.get("LastUsedDate") or ""))
    found = [
        Holder(user_id=uid, name=str(s["user"].get("Name") or s["user"].get("Username") or uid),
               username=str(s["user"].get("Username") or ""), active=bool(s["user"].get("IsActive")),
               authorized=s["created"], last_used=s["used"], has_set=uid[:15] in with_set)
        for uid, s in by_user.items()
    ]
    return sorted(found, key=lambda h: h.authorized, reverse=True)


def _listed(found: list[Holder], text: Any) -> str:
    shown_part = "; ".join(text(h) for h in found[:SHOWN_USERS])
    more = len(found) - SHOWN_USERS
    return shown_part + (f"; and {more} more" if more > 0 else "")


def _app(ctx: CheckContext) -> AppView | str | None:
    """The ECI app as the app checks found it; 'unknown' when its reads failed (tokens alone may still tell)."""
    try:
        return load_app(ctx)
    except ReadFailed:
        return "unknown"


def _authenticate(params: Params) -> str:
    return (f"Edit {params.get('credential', 'the ECI named credential')}, tick Start Authentication Flow on Save, "
            "save, then sign in as your integration user and approve access.")


@check("eci_app.authorized", reads=_reads, expected=_expected)
def authorized(ctx: CheckContext) -> Verdict:
    """A user who keeps ECI running has authorized the ECI app (its OAuth token exists)."""
    label, wanted_set, api_name = str(ctx.param("label")), str(ctx.param("permission_set")), str(ctx.param("api_name"))
    expected = _expected(ctx.params, ctx.facts)
    tokens = ctx.snapshot.records(tokens_read(label))
    with_set = {str(r.get("AssigneeId") or "")[:15] for r in ctx.snapshot.records(holders_read(wanted_set))}
    found = holders(tokens, with_set)
    observed = _listed(found, lambda h: h.seen) if found else f"no OAuth token for {label}"
    app = _app(ctx)
    look = "Check in the Named Credentials list that the credential shows as authenticated (the step below)."
    if isinstance(app, AppView) and app.label != label:
        return warned(expected, observed,
                      f"Your ECI app is labelled {app.label}, and Salesforce lists tokens under an app's label; this row "
                      f"reads the tokens of apps labelled {label}, so it cannot tell whether your app has one. {look}")
    if app is None and found:
        return failed(expected, observed,
                      f"The tokens listed are for another app labelled {label}: the ECI app with API name {api_name} is "
                      f"not in this org yet. Set it up on its page first. Then: {_authenticate(ctx.params)}")
    good = [h for h in found if h.active and h.has_set]
    if good:
        others = len(found) - 1
        also = f" {others} other user(s) also hold a token for it." if others else ""
        return passed(expected, _listed(good, lambda h: h.seen),
                      f"{good[0].who} authorized {label} on {when(good[0].authorized)}, as the sign-in after Start "
                      "Authentication Flow on Save does. Which user the named credential itself signed in as shows "
                      f"only in the Named Credentials list (the step below).{also}")
    if found:
        def why(h: Holder) -> str:
            return f"{h.who} is inactive" if not h.active else f"{h.who} lacks the {wanted_set} permission set"

        return warned(expected, observed,
                      f"Only users who cannot keep ECI running have authorized {label}: {_listed(found, why)}. ECI stops "
                      "when the user whose sign-in the named credential holds is deactivated or removed. "
                      + _authenticate(ctx.params))
    if isinstance(app, AppView) and app.kind == EXTERNAL_CLIENT_APP:
        return warned(expected, observed,
                      f"No token for {label} is listed. Your ECI app is an External Client App, and Salesforce "
                      f"documents this list for Connected Apps only, so an empty list proves nothing here. {look}")
    if app == "unknown":
        load_app(ctx)  # no token, and which kind of app this is could not be read: "could not check", with the reason
    if app is None:
        return failed(expected, observed,
                      f"Nobody has authorized {label}, and the ECI app with API name {api_name} is not in this org "
                      f"yet. Set it up on its page first. Then: {_authenticate(ctx.params)}")
    return failed(expected, observed,
                  f"Nobody has authorized {label} yet, so the named credential has not been authenticated through it. "
                  + _authenticate(ctx.params)
                  + " Salesforce shows other users' tokens only to users with Customize Application; signed in "
                  "without it, the wizard sees only your own.")
