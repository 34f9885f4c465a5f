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
#: The editions Salesforce's current help lists for ECI (Starter, Pro Suite, Enterprise, Performance,
#: Unlimited; Agentforce 1 Sales is an Unlimited org), as Organization.OrganizationType names them.
#: The guides (2024) name fewer: an org in one of these is judged by the ECI licence it holds (the
#: permission sets that come with it), never failed for its edition. Used where a guide's setting
#: says ``current_eci_editions: true``; ExecVision's own edition rule is not about ECI.
CURRENT_ECI_EDITIONS = ("Starter Edition", "Professional Edition", "Enterprise Edition", "Performance Edition",
                        "Unlimited Edition")
#: Orgs for trying things out, which the guides do not name: ECI works there only with the licences
#: the org was given, so they are a warning, never a pass or a fail.
TRIAL_EDITIONS = ("Developer Edition", "Partner Developer Edition")


def edition_facts(params: Params | None = None) -> tuple[list[str], list[str], list[str]]:
    """(included, licensed, trial) editions: the guide setting's params, else the source's lists.

    *licensed*: editions where ECI exists once the org holds its licence: the guide's add-on
    editions, and (``current_eci_editions``) the editions Salesforce lists today that the guide
    does not include.
    """
    params = params or {"current_eci_editions": True}
    included = list(params.get("editions", SOURCE_EDITIONS))
    licensed = list(params.get("addon_editions", SOURCE_ADDON_EDITIONS))
    if params.get("current_eci_editions"):
        licensed += [e for e in CURRENT_ECI_EDITIONS if e not in included and e not in licensed]
    trial = [e for e in params.get("trial_editions", TRIAL_EDITIONS) if e not in included and e not in licensed]
    return included, licensed, trial


def _listed(editions: list[str]) -> str:
    """'A, B or C Edition': one 'Edition' at the end when every name has it."""
    if all(e.endswith(" Edition") for e in editions):
        names = [e.removesuffix(" Edition") for e in editions]
        return (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]) + " Edition"
    return ", ".join(editions[:-1]) + " or " + editions[-1] if len(editions) > 1 else editions[0]


def edition_expected(params: Params | None = None, facts: OrgFacts | None = None) -> str:
    """'Performance or Unlimited Edition, or else Starter, Professional or Enterprise Edition with ECI licences'."""
    included, licensed, _trial = edition_facts(params)
    order = {e: i for i, e in enumerate(CURRENT_ECI_EDITIONS)}
    licensed = sorted(licensed, key=lambda e: order.get(e, len(order)))
    parts = [_listed(included)] if included else []
    if licensed:
        parts.append(f"{_listed(licensed)} with ECI licences")
    return ", or else ".join(parts)


#: Permission sets that grant ECI (the user permission Call Coaching User). They come with the ECI
#: licence, so one in the org is the API's evidence that the org holds it.
ECI_GRANTING_SETS = SoqlRead("SELECT Id, Name, Label FROM PermissionSet WHERE PermissionsCallCoachingUser = true")


def _edition_reads(params: Params, facts: OrgFacts | None) -> list[SoqlRead]:
    """Only a licensed edition needs more than the org's facts: evidence of the licence."""
    _included, licensed, _trial = edition_facts(params)
    return [ECI_GRANTING_SETS] if facts is not None and facts.edition in licensed else []


@check("org.edition", reads=_edition_reads, expected=edition_expected, facts=(fact_evidence.EDITION,))
def edition(ctx: CheckContext) -> Verdict:
    """ECI is sold with some editions only; elsewhere the org must hold the ECI licence.

    The licence cannot be read as such, but what it brings can: permission sets that grant ECI.
    With one of them in the org, the licence is there (a pass that names the permission set);
    without, the warning says what was looked for, so the admin knows what would clear it. The
    guides (2024) call ECI a paid add-on in Enterprise Edition; Salesforce's help now includes it
    in more editions, so an edition the guide does not name is said to be newer than the guide.
    """
    included, licensed, trial = edition_facts(ctx.params)
    guide_addon = list(ctx.params.get("addon_editions", SOURCE_ADDON_EDITIONS))
    observed = ctx.facts.edition
    expected = edition_expected(ctx.params, ctx.facts)
    if observed in included:
        if ctx.param("needed_for"):  # a guide's own edition rule (ExecVision's Salesforce link), not ECI's
            return passed(expected, observed, f"{ctx.param('needed_for')} works with this edition.")
        return passed(expected, observed, "This edition includes Einstein Conversation Insights.")
    if observed in licensed:
        era = (f"The guide calls ECI a paid add-on in {observed}." if observed in guide_addon
               else f"The guide does not name {observed}; Salesforce's current help includes ECI in it.")
        granting = sorted(str(r.get("Label") or r.get("Name")) for r in ctx.snapshot.records(ECI_GRANTING_SETS))
        if granting:
            return passed(expected, f"{observed} with ECI licences",
                          f"{era} The org holds the licence: the permission set {granting[0]}, which grants ECI, "
                          "comes with it.")
        return warned(
            expected,
            f"{observed}, no permission set grants ECI",
            f"{era} No permission set in the org grants ECI yet (they come with the ECI licences). Ask your "
            "Salesforce account executive for Einstein Conversation Insights licences, or check Setup, Company "
            "Information, Permission Set Licenses.",
        )
    if observed in trial:
        works = (f"ask ExecVision whether {ctx.param('needed_for')} works there" if ctx.param("needed_for")
                 else "ECI works there only if the org was given ECI licences")
        return warned(expected, observed, f"{observed} is an org for trying things out, which the guide does not name: {works}.")
    if ctx.param("needed_for"):
        return failed(expected, observed, f"{ctx.param('needed_for')} needs {expected}; this org is {observed}.")
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
        return passed("a My Domain URL", url, "The org's My Domain URL is known; the callback URLs and the ECI named credential are built on it.")
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
