"""Finding the Voice Connector's identifier field by its label, since its API name is not documented."""

from __future__ import annotations

import pytest

from wizard.providers.voice.user_fields import FieldNotFound, eci_users_soql, find_identifier_field


def describe(*fields: tuple[str, str]) -> dict:
    return {"fields": [{"name": n, "label": label, "updateable": True} for n, label in fields]}


def test_label_in_any_case_and_spacing() -> None:
    found = find_identifier_field(describe(("Phone", "Phone"), ("sfvc__RcId__c", "Ringcentral  User Identifier")),
                                  "RingCentral User Identifier")
    assert found.name == "sfvc__RcId__c"


def test_the_packages_field_wins_over_a_custom_copy() -> None:
    found = find_identifier_field(describe(("Aircall_User_Identifier__c", "Aircall User Identifier"),
                                           ("sfvc__AircallUserIdentifier__c", "Aircall User Identifier")), "Aircall User Identifier")
    assert found.name == "sfvc__AircallUserIdentifier__c"


def test_missing_and_ambiguous_are_explained() -> None:
    with pytest.raises(FieldNotFound, match="Voice Connector package"):
        find_identifier_field(describe(("Phone", "Phone")), "Aircall User Identifier")
    with pytest.raises(FieldNotFound, match="several fields") as caught:
        find_identifier_field(describe(("A__c", "Aircall User Identifier"), ("B__c", "Aircall User Identifier")), "Aircall User Identifier")
    assert caught.value.candidates == ("A__c", "B__c")


def test_eci_users_are_those_holding_a_call_coaching_permission_set() -> None:
    soql = eci_users_soql(find_identifier_field(describe(("X__c", "Aircall User Identifier")), "Aircall User Identifier"))
    assert "PermissionSet.PermissionsCallCoachingUser = true" in soql and "IsActive = true" in soql and "X__c" in soql
