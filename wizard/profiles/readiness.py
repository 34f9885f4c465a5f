"""Ahead of trouble: what production lacks that the sandbox had, said before anything is written.

Sandboxes are copies of production. Whatever is created only in a sandbox (the External Client
App the admin signs in with, the ECI app itself) disappears at the next sandbox refresh and has
to be made again in every sandbox, while whatever exists in production is carried into every
sandbox refreshed from it. And some things no wizard can create: licences are bought, managed
permission sets arrive with their package or licence, packages are installed by a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wizard.engine.org_facts import OrgFacts
from wizard.profiles.model import Inventory, SetupProfile

#: The Salesforce CLI's own app, available in every org: nothing to carry over.
BUILT_IN_SIGN_IN_APPS = ("PlatformCLI",)
ECI_APP = "ECI_Connected_App"


@dataclass(frozen=True)
class Finding:
    """One thing to know before graduating: what was seen, why it matters, what to do."""

    severity: Literal["info", "warn", "block"]
    title: str
    detail: str
    todo: str = ""

    def text(self) -> str:
        return f"{self.title}: {self.detail}" + (f" {self.todo}" if self.todo else "")


def short_id(client_id: str) -> str:
    """A client id shortened for display (it is an identifier, but long and noisy)."""
    return client_id if len(client_id) <= 14 else f"{client_id[:6]}…{client_id[-4:]}"


def _sign_in_app(profile: SetupProfile, target_client_id: str) -> list[Finding]:
    source = profile.source.sign_in_app
    if not source or source in BUILT_IN_SIGN_IN_APPS or source == target_client_id:
        return []
    return [Finding(
        "warn", "Sign-in app only in the sandbox",
        f"The sandbox was signed in with your own app (client ID {short_id(source)}), but the target with "
        f"{short_id(target_client_id) if target_client_id else 'another app'}; that app most likely exists only in the sandbox.",
        "Create it (as an External Client App) in production first: a sandbox refresh copies production, so an app "
        "made only in a sandbox disappears at the next refresh and has to be made again in every sandbox.",
    )]


def _apps(profile: SetupProfile, target: Inventory) -> list[Finding]:
    findings: list[Finding] = []
    source = profile.inventory
    where = "the sandbox" if profile.source.environment == "Sandbox" else "the source org"
    if source.eci_app_kind and not target.eci_app_kind:
        kind_note = (
            " The sandbox's ECI app is a Connected App, which can no longer be created (Spring '26): production gets an "
            "External Client App with the same settings." if source.eci_app_kind == "Connected App" else ""
        )
        findings.append(Finding(
            "warn", f"{ECI_APP} exists only in {where}",
            f"{where.capitalize()} has the ECI app ({source.eci_app_kind}); the target has none yet.{kind_note}",
            "Graduating creates it in the target. Refresh your sandboxes from production afterwards, so they carry "
            "the same app instead of one made per sandbox.",
        ))
    if "External Client Apps" not in target.unreadable and "External Client Apps" not in source.unreadable:
        only = sorted(set(source.external_client_apps) - set(target.external_client_apps) - {ECI_APP})
        if only:
            findings.append(Finding(
                "warn", f"External Client Apps only in {where}", ", ".join(only) + ".",
                "Create them in production first (for example the app you sign in with), so sandbox refreshes carry them.",
            ))
    if "connected apps" not in target.unreadable and "connected apps" not in source.unreadable:
        only = sorted(set(source.connected_apps) - set(target.connected_apps) - {"ECI Connected App"})
        if only:
            findings.append(Finding(
                "warn", f"Connected Apps only in {where}", ", ".join(only) + ".",
                "New Connected Apps cannot be created since Spring '26: recreate them in production as External Client Apps.",
            ))
    return findings


def _licences_and_sets(profile: SetupProfile, target: Inventory) -> list[Finding]:
    findings: list[Finding] = []
    source = profile.inventory
    if "permission set licences" not in target.unreadable:
        have = {i.name for i in target.permission_set_licenses}
        for item in source.permission_set_licenses:
            if item.name not in have:
                findings.append(Finding(
                    "block", f"Licence missing in the target: {item.label or item.name}",
                    f"The sandbox has the permission set licence {item.label or item.name} ({item.name}); the target has none.",
                    "Users cannot receive the permission sets that need it. Ask your Salesforce account team to provision it in production.",
                ))
    if "permission sets" not in target.unreadable:
        have_sets = {i.name for i in target.permission_sets} | {i.label for i in target.permission_sets}
        for item in source.permission_sets:
            if item.name not in have_sets and item.label not in have_sets:
                findings.append(Finding(
                    "warn", f"Permission set missing in the target: {item.label or item.name}",
                    f"The sandbox has {item.label or item.name} ({item.name}); the target does not.",
                    "It comes with a package or a licence, or was made by hand: install the package, get the licence, or create it in production first.",
                ))
    if "installed packages" not in target.unreadable:
        for name in sorted(set(source.packages) - set(target.packages)):
            findings.append(Finding(
                "block", f"Package missing in the target: {name}",
                f"The sandbox has the {name} package installed; the target does not.",
                "Install it in production first (AppExchange or your install link); no API of the wizard can install it.",
            ))
    return findings


def readiness(profile: SetupProfile, target_facts: OrgFacts, target: Inventory, target_client_id: str = "") -> list[Finding]:
    """Everything worth knowing before graduating `profile` onto the target org."""
    findings: list[Finding] = []
    if target_facts.org_id == profile.source.org_id:
        findings.append(Finding("info", "Same org", "The target is the org the profile was captured from; only what you chose differently changes."))
    elif target_facts.is_sandbox:
        findings.append(Finding("info", "The target is a sandbox", "It is not a production org, so no typed confirmation is needed."))
    if profile.source.edition and target_facts.edition != profile.source.edition:
        findings.append(Finding(
            "warn", "Different edition",
            f"The source is {profile.source.edition}, the target {target_facts.edition}.",
            "ECI needs Performance or Unlimited Edition, or another edition that holds ECI licences "
            "(Starter, Pro Suite or Enterprise).",
        ))
    findings += _sign_in_app(profile, target_client_id)
    findings += _apps(profile, target)
    findings += _licences_and_sets(profile, target)
    if target.unreadable:
        findings.append(Finding("info", "Not everything could be compared", "Could not read in the target: " + ", ".join(target.unreadable) + "."))
    return findings
