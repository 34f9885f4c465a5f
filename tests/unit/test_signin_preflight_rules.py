"""How the connection preflight judges what it read."""

from __future__ import annotations

import pytest

from wizard.checks.registry import get_check
from wizard.engine.results import Status
from wizard.salesforce.auth import preflight_rules as rules


@pytest.mark.parametrize(("available", "cap", "expected"), [
    (["20.0", "31.0", "62.0", "63.0", "64.0", "66.0"], "63.0", "63.0"),
    (["31.0", "58.0", "60.0"], "63.0", "60.0"),
    (["9.0", "10.0", "63.0"], "63.0", "63.0"),
    (["64.0", "66.0"], "63.0", None),
    ([], "63.0", None),
])
def test_api_version_is_the_newest_both_sides_support(available: list[str], cap: str, expected: str | None) -> None:
    assert rules.choose_api_version(available, cap) == expected


def test_missing_permissions_are_judged_by_what_they_stop() -> None:
    granted = {n.field: True for n in rules.PERMISSIONS}
    assert all(i.status is Status.PASS for i in rules.permission_items(granted))
    granted.update(PermissionsApiEnabled=False, PermissionsManageNamedCredentials=False)
    items = {i.name: i for i in rules.permission_items(granted)}
    assert items["Permission: API Enabled"].status is Status.FAIL
    assert items["Permission: Manage Named Credentials"].status is Status.WARN
    assert "named credentials" in items["Permission: Manage Named Credentials"].message
    assert items["Permission: Manage Connected Apps"].status is Status.PASS


def test_unreadable_permissions_are_errors_not_passes() -> None:
    items = rules.permission_items(None, "INSUFFICIENT_ACCESS: no")
    assert {i.status for i in items} == {Status.ERROR}
    assert "INSUFFICIENT_ACCESS" in items[0].message


@pytest.mark.parametrize(("edition", "status"), [
    ("Enterprise Edition", Status.PASS),  # ECI can exist there; the edition check looks for the add-on
    ("Unlimited Edition", Status.PASS),
    ("Performance Edition", Status.PASS),
    ("Developer Edition", Status.WARN),
    ("Professional Edition", Status.PASS),
    ("Starter Edition", Status.PASS),
    ("Group Edition", Status.FAIL),
    ("Something New Edition", Status.WARN),
    ("", Status.WARN),
])
def test_eci_availability_by_edition(edition: str, status: Status) -> None:
    assert rules.edition_item(edition).status is status


def test_edition_line_agrees_with_the_edition_check() -> None:
    """The preflight names the source's editions, and never passes one the org.edition check fails."""
    item = rules.edition_item("Enterprise Edition")
    assert item.expected == ("Performance or Unlimited Edition, or else Starter, Professional or Enterprise Edition "
                             "with ECI licences")
    assert "ECI licences" in item.message and "checks that this org does" in item.message
    assert item.expected == get_check("org.edition").expected({"current_eci_editions": True,
                                                               "editions": ["Performance Edition", "Unlimited Edition"],
                                                               "addon_editions": ["Enterprise Edition"]}, None)


def test_production_is_marked_clearly() -> None:
    item = rules.environment_item(False)
    assert item.observed == "PRODUCTION" and item.status is Status.WARN and "production org" in item.message
    assert rules.environment_item(True).observed == "Sandbox"


def test_blockers() -> None:
    assert rules.api_access_item("", "").status is Status.PASS
    disabled = rules.api_access_item("API_CURRENTLY_DISABLED", "API is disabled for this User")
    assert disabled.status is Status.FAIL and "API Enabled" in disabled.message
    refused = "This session is not valid for use with the REST API"
    assert rules.high_assurance_item(refused).status is Status.FAIL
    assert rules.api_access_item("INVALID_SESSION_ID", refused).status is Status.SKIPPED
    assert rules.high_assurance_item("").status is Status.PASS
    assert rules.uninstalled_app_item(True, "PlatformCLI").status is Status.PASS
    warn = rules.uninstalled_app_item(False, "PlatformCLI")
    assert warn.status is Status.WARN and "Install" in warn.message
