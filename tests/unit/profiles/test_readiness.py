"""What production lacks is named before graduation, with what to do about it."""

from __future__ import annotations

from tests.unit.profiles.samples import facts, profile
from wizard.profiles.model import Inventory, NamedItem
from wizard.profiles.readiness import readiness

FULL = Inventory(
    eci_app_kind="External Client App", packages=["Voice Connector"],
    permission_set_licenses=[NamedItem(name="ConversationInsightsPsl", label="Einstein Conversation Insights")],
    permission_sets=[NamedItem(name="VoiceConnectorPermission", label="Voice Connector Permission")],
    external_client_apps=["Acme_SignIn", "ECI_Connected_App"],
)


def titles(findings) -> list[str]:
    return [f.title for f in findings]


def test_a_target_that_has_everything() -> None:
    assert readiness(profile(), facts(), FULL, "PlatformCLI") == []


def test_missing_licence_permission_set_and_package() -> None:
    empty = Inventory()
    found = readiness(profile(), facts(), empty)
    assert [f.title for f in found if f.severity == "block"] == [
        "Licence missing in the target: Einstein Conversation Insights", "Package missing in the target: Voice Connector"]
    sets = next(f for f in found if f.title.startswith("Permission set missing"))
    assert sets.severity == "warn" and "VoiceConnectorPermission" in sets.detail
    eci = next(f for f in found if "exists only in the sandbox" in f.title)
    assert "a Connected App, which can no longer be created" in eci.detail and "Refresh your sandboxes" in eci.todo
    assert "External Client Apps only in the sandbox" in titles(found)


def test_sign_in_app_only_in_the_sandbox() -> None:
    own = profile(sign_in_app="3MVG9ExampleOwnSignInAppConsumerKey0001")
    [finding] = [f for f in readiness(own, facts(), FULL, "PlatformCLI") if "Sign-in app" in f.title]
    assert "3MVG9E…0001" in finding.detail and "sandbox refresh copies production" in finding.todo
    assert not [f for f in readiness(own, facts(), FULL, "3MVG9ExampleOwnSignInAppConsumerKey0001") if "Sign-in app" in f.title]


def test_unreadable_items_are_not_guessed() -> None:
    blind = Inventory(unreadable=["permission set licences", "installed packages"], eci_app_kind="External Client App",
                      permission_sets=FULL.permission_sets, external_client_apps=FULL.external_client_apps)
    found = readiness(profile(), facts(), blind)
    assert not [f for f in found if f.severity == "block"]
    assert "Not everything could be compared" in titles(found)


def test_same_org_and_sandbox_targets_are_said() -> None:
    assert "Same org" in titles(readiness(profile(), facts(org_id="00D000000000001AAA"), FULL))
    assert "The target is a sandbox" in titles(readiness(profile(), facts(sandbox=True), FULL))
