"""Checks on the org itself: edition, My Domain, the ECI switch, packages, pages."""

from __future__ import annotations

from wizard.checks.common import failed, missing, passed, shown, truthy, warned
from wizard.checks.registry import CheckContext, Params, Verdict, check
from wizard.engine import fact_evidence
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import MetadataRead, SoqlRead, soql_in
from wizard.engine.results import Status

ECI_SETTINGS = MetadataRead("ConversationalIntelligenceSettings", ("ConversationalIntelligence",))
INSTALLED_PACKAGES = SoqlRead(
    "SELECT Id, SubscriberPackage.Name, SubscriberPackage.NamespacePrefix FROM InstalledSubscriberPackage",
    api="tooling",
)


#: The editions the Salesforce guides' "EDITIONS" box names (Aircall and RingCentral guides: "available
#: in Performance and Unlimited Editions and for an additional cost in Enterprise Edition"). The
#: connection preflight's Edition line should say the same; see `edition_facts`.
SOURCE_EDITIONS = ("Performance Edition", "Unlimited Edition")
SOURCE_ADDON_EDITIONS = ("Enterprise Edition",)
#: Orgs for trying things out, which the guides do not name: ECI works there only with the licences
#: the org was given, so they are a warning, never a pass or a fail.
TRIAL_EDITIONS = ("Developer Edition", "Partner Developer Edition")


def edition_facts(params: Params | None = None) -> tuple[list[str], list[str], list[str]]:
    """(included, add-on, trial) editions: the guide setting's params, else the source's lists."""
    params = params or {}
    included = list(params.get("editions", SOURCE_EDITIONS))
    addon = list(params.get("addon_editions", SOURCE_ADDON_EDITIONS))
    trial = [e for e in params.get("trial_editions", TRIAL_EDITIONS) if e not in included and e not in addon]
    return included, addon, trial


def _edition_expected(params: Params, facts: OrgFacts | None) -> str:
    included, addon, _trial = edition_facts(params)
    return " or ".join(included + [f"{e} (with the add-on)" for e in addon])


#: Permission sets that grant ECI (the user permission Call Coaching User). They come with the ECI
#: licence, so one in the org is the API's evidence that an add-on edition has the add-on.
ECI_GRANTING_SETS = SoqlRead("SELECT Id, Name, Label FROM PermissionSet WHERE PermissionsCallCoachingUser = true")


def _edition_reads(params: Params, facts: OrgFacts | None) -> list[SoqlRead]:
    """Only an add-on edition needs more than the org's facts: evidence of the add-on."""
    _included, addon, _trial = edition_facts(params)
    return [ECI_GRANTING_SETS] if facts is not None and facts.edition in addon else []


@check("org.edition", reads=_edition_reads, expected=_edition_expected, facts=(fact_evidence.EDITION,))
def edition(ctx: CheckContext) -> Verdict:
    """ECI is sold with some editions only; in an add-on edition, the org must have the add-on.

    The add-on cannot be read as such, but what it brings can: permission sets that grant ECI.
    With one of them in the org the add-on is there (a pass that names the permission set);
    without, the warning says what was looked for, so the admin knows what would clear it.
    """
    included, addon, trial = edition_facts(ctx.params)
    observed = ctx.facts.edition
    expected = _edition_expected(ctx.params, ctx.facts)
    if observed in included:
        return passed(expected, observed, "This edition includes Einstein Conversation Insights.")
    if observed in addon:
        granting = sorted(str(r.get("Label") or r.get("Name")) for r in ctx.snapshot.records(ECI_GRANTING_SETS))
        if granting:
            return passed(expected, f"{observed} with the add-on",
                          f"ECI is a paid add-on in {observed}, and the org has it: the permission set "
                          f"{granting[0]}, which grants ECI, comes with its licence.")
        return warned(
            expected,
            f"{observed}, no permission set grants ECI",
            f"ECI is available in {observed} only as a paid add-on, and no permission set in the org grants it yet "
            "(they come with the add-on's licence). Ask your Salesforce account executive for the Einstein "
            "Conversation Insights licence, or check Setup, Company Information, Permission Set Licenses.",
        )
    if observed in trial:
        return warned(
            expected,
            observed,
            f"{observed} is an org for trying things out, which the guide does not name: ECI works there only "
            "if the org was given ECI licences.",
        )
    return failed(expected, observed, f"Einstein Conversation Insights is not available in {observed}.")


@check("org.my_domain", reads=lambda params, facts: [], expected=lambda params, facts: "a My Domain URL",
       facts=(fact_evidence.MY_DOMAIN,))
def my_domain(ctx: CheckContext) -> Verdict:
    """Named credentials and callback URLs are built from the org's My Domain URL.

    The org's identity names it (``urls.custom_domain``); an org without one is reached only at
    its instance URL, which changes when Salesforce moves the org and breaks what was built on it.
    """
    url = ctx.facts.my_domain_url
    if ctx.facts.has_my_domain:
        return passed("a My Domain URL", url, "The org's My Domain URL is known; the wizard uses it below.")
    return failed(
        "a My Domain URL (https://…my.salesforce.com)",
        f"(none; the org answers only at its instance URL {url})",
        "The org has no My Domain. Set one up and deploy it in Setup, My Domain, then sign in again.",
    )


@check("org.eci_enabled", reads=lambda params, facts: [ECI_SETTINGS], expected=lambda params, facts: "On")
def eci_enabled(ctx: CheckContext) -> Verdict:
    """Einstein Conversation Insights must be switched on in Setup.

    The switch is shown as Setup shows it, On or Off (the same words the fix's preview uses), never as
    the Metadata API's true/false.
    """
    settings = ctx.snapshot.component(*_eci_key())
    if truthy((settings or {}).get("enableCallCoaching")):
        return passed("On", "On", "Einstein Conversation Insights is switched on.")
    return failed("On", "Off", "Einstein Conversation Insights is switched off; the guide asks for it to be on. "
                  "Turn it on in Setup, Einstein Conversation Insights.")


def _eci_key() -> tuple[str, str]:
    return ECI_SETTINGS.mtype, ECI_SETTINGS.names[0]


@check("package.installed", reads=lambda params, facts: [INSTALLED_PACKAGES],
       expected=lambda params, facts: f"{params['name']} package installed")
def package_installed(ctx: CheckContext) -> Verdict:
    """A managed package the guide relies on is installed."""
    wanted = str(ctx.param("name"))
    names = sorted(
        str((row.get("SubscriberPackage") or {}).get("Name") or "")
        for row in ctx.snapshot.records(INSTALLED_PACKAGES)
    )
    matches = [n for n in names if wanted.lower() in n.lower()]
    if matches:
        return passed(f"{wanted} package installed", matches[0], f"The {matches[0]} package is installed.")
    return failed(
        f"{wanted} package installed",
        shown(names) if names else "(no packages installed)",
        f"The {wanted} package is not installed; install it from AppExchange before continuing.",
    )


def _apex_page_read(params: dict, facts: object) -> list[SoqlRead]:
    return [SoqlRead(f"SELECT Id, Name, MasterLabel FROM ApexPage WHERE Name IN {soql_in([params['name']])}")]


@check("apex_page.exists", reads=_apex_page_read, expected=lambda params, facts: str(params["name"]))
def apex_page_exists(ctx: CheckContext) -> Verdict:
    """A Visualforce page the guide uses is in the org (it comes with the adapter package)."""
    name = str(ctx.param("name"))
    rows = ctx.snapshot.records(_apex_page_read(ctx.params, ctx.facts)[0])
    if rows:
        return passed(name, rows[0].get("Name"), f"The Visualforce page {name} is in the org.")
    return missing(f"The Visualforce page {name}", name)


def _flexipage_read(params: dict, facts: object) -> list[SoqlRead]:
    sobject = params["sobject"]
    return [
        SoqlRead(
            "SELECT Id, DeveloperName, MasterLabel, EntityDefinitionId, Type FROM FlexiPage "
            f"WHERE EntityDefinitionId IN {soql_in([sobject])}",
            api="tooling",
        )
    ]


@check("flexipage.record_page", reads=_flexipage_read, expected=lambda params, facts: f"a record page for {params['sobject']}")
def flexipage_record_page(ctx: CheckContext) -> Verdict:
    """A Lightning record page exists for the object, where the player component goes."""
    sobject = str(ctx.param("sobject"))
    rows = [r for r in ctx.snapshot.records(_flexipage_read(ctx.params, ctx.facts)[0]) if r.get("Type") in (None, "RecordPage")]
    if rows:
        labels = [str(r.get("MasterLabel") or r.get("DeveloperName")) for r in rows]
        return passed(f"a record page for {sobject}", labels, "A Lightning record page exists for this object.")
    return Verdict(
        Status.WARN,
        f"a record page for {sobject}",
        "(none; Salesforce's default page is used)",
        f"No custom Lightning record page exists for {sobject}; create one in Lightning App Builder to add the component.",
    )
