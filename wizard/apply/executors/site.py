"""The VoiceConnector Salesforce Site (CustomSite, Metadata API): active, home page, clickjacking.

A new site gets the guide's values (label and name, active, SiteLogin as home page, framing by
the same origin only), the signed-in admin as site contact and default record owner, and
Salesforce's defaults for everything else. An existing site is updated read-modify-write, with
the read-only guest profile and subdomain left out of what is sent.
"""

from __future__ import annotations

from typing import Any

from wizard.apply.executors.base import Draft, ExecContext, PlanContext, state_of
from wizard.apply.model import ApplyInputs, ComponentState, ManualAction, Outcome
from wizard.apply.targets import FixTarget
from wizard.checks.common import MISSING, truthy
from wizard.checks.site import CLICKJACK_LABELS
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import MetadataRead, Read

MTYPE = "CustomSite"
READ_ONLY = ("guestProfile", "subdomain")
#: What a new Visualforce site gets besides the guide's values (Salesforce's form defaults).
NEW_SITE_DEFAULTS = {
    "siteType": "Visualforce",
    "allowHomePage": True,
    "allowStandardIdeasPages": False,
    "allowStandardLookups": False,
    "allowStandardPortalPages": True,
    "allowStandardSearch": False,
    "browserXssProtection": True,
    "contentSniffingProtection": True,
    "referrerPolicyOriginWhenCrossOrigin": True,
}


def wanted(target: FixTarget) -> dict[str, Any]:
    """CustomSite element -> the guide's value."""
    fields: dict[str, Any] = {}
    if "site.exists" in target.checks:
        fields["masterLabel"] = target.param("site.exists", "label") or target.key
    if "site.active" in target.checks:
        fields["active"] = True
    if target.param("site.home_page", "page"):
        fields["indexPage"] = target.param("site.home_page", "page")
    if target.param("site.clickjack", "level"):
        fields["clickjackProtectionLevel"] = target.param("site.clickjack", "level")
    return fields


def _shown(field: str, value: Any) -> Any:
    if field == "active":
        return "Active" if truthy(value) else "Inactive"
    if field == "clickjackProtectionLevel":
        return CLICKJACK_LABELS.get(str(value), value)
    return value


def _same(field: str, a: Any, b: Any) -> bool:
    return truthy(a) == truthy(b) if field == "active" else a == b


LABELS = {"masterLabel": "Site Label", "active": "Active", "indexPage": "Active Site Home Page", "clickjackProtectionLevel": "Clickjack Protection Level"}
CHECKS = {"masterLabel": "site.exists", "active": "site.active", "indexPage": "site.home_page", "clickjackProtectionLevel": "site.clickjack"}


class SiteExecutor:
    fix = "site"

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return [MetadataRead(MTYPE, (target.key,))]

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        name = target.key
        fields = wanted(target)
        payload = {"name": name, "fields": fields, "admin": ctx.facts.username}
        component = f"Salesforce Site {name}"
        current = ctx.component(MTYPE, name)
        if current is None:
            draft = Draft(f"Create the Salesforce Site {name}", component, payload=payload, creates=True)
            draft.change(target, "site.exists", target.label("site.exists", name), MISSING, name, "create")
            for field, value in fields.items():
                if field != "masterLabel":
                    draft.change(target, CHECKS[field], LABELS[field], MISSING, _shown(field, value), "create")
            draft.manual.append(
                ManualAction(
                    title="Register a site domain (only if the org never had one)",
                    do="Sites need a registered site domain; if Setup > Sites asks you to register one, do it there first.",
                    setup_page="/lightning/setup/CustomDomain/home",
                    setting_id="salesforce-site.domain",
                )
            )
            return draft
        draft = Draft(f"Update the Salesforce Site {name}", component, payload=payload)
        for field, value in fields.items():
            if not _same(field, current.get(field), value):
                draft.change(target, CHECKS[field], LABELS[field], _shown(field, current.get(field)), _shown(field, value))
        return draft

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        name = payload["name"]
        return [ComponentState(api="metadata", type=MTYPE, name=name, before=ctx.ops.md_read(MTYPE, [name])[name])]

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        outcome = Outcome()
        name, fields = payload["name"], dict(payload["fields"])
        component = f"Salesforce Site {name}"
        state = state_of(states, "metadata", MTYPE, name)
        if state is None or state.before is None:
            admin = payload.get("admin")
            site = {"fullName": name, "masterLabel": name, **NEW_SITE_DEFAULTS, **fields}
            if admin:
                site.update(siteAdmin=admin, siteGuestRecordDefaultOwner=admin)
            ctx.ops.md_write("create", MTYPE, [site], component)
            outcome.applied.append(ctx.applied(component, "site", MISSING, name))
            return outcome
        before = dict(state.before)
        changed = {f: v for f, v in fields.items() if not _same(f, before.get(f), v)}
        if not changed:
            return outcome
        site = {k: v for k, v in before.items() if k not in READ_ONLY}
        site.update(changed)
        ctx.ops.md_write("update", MTYPE, [site], component)
        outcome.applied += [ctx.applied(component, LABELS[f], _shown(f, before.get(f)), _shown(f, v)) for f, v in changed.items()]
        return outcome
