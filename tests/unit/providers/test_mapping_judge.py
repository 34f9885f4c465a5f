"""The mapping check, judged purely from gathered facts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.providers.emulators.scenario import ProviderScenarioError, parse_providers
from wizard.providers.voice.mapping import MappingFacts, judge_mapping
from wizard.providers.voice.matching import ChoiceRefused, Match, check_choice
from wizard.providers.voice.problems import ProviderProblem
from wizard.providers.voice.user_fields import IdentifierField, SalesforceUser

FIELD = IdentifierField("sfvc__AircallUserIdentifier__c", "Aircall User Identifier")


@dataclass(frozen=True)
class P:
    id: str
    name: str
    email: str


def where():  # type: ignore[no-untyped-def]
    guide = load_guide("aircall")
    return guide, next((p, s) for p, s in guide.settings() if s.id == "aircall.user-identifiers")


def user(uid: str, identifier: str | None) -> SalesforceUser:
    return SalesforceUser(uid, f"User {uid}", f"{uid}@org", f"{uid}@example.com", identifier)


def judged(**facts):  # type: ignore[no-untyped-def]
    guide, at = where()
    return judge_mapping(guide, at, MappingFacts("aircall", **facts))


def test_all_mapped_passes() -> None:
    result = judged(field=FIELD, users=(user("a", "1"),), provider_users=(P("1", "A", "a@example.com"),))
    assert result.status == Status.PASS and result.fix is None


def test_unmapped_users_warn_with_their_names_and_the_fix() -> None:
    result = judged(field=FIELD, users=(user("a", "1"), user("b", None)))
    assert result.status == Status.WARN and "User b" in result.message and "Phone" in result.message
    assert result.fix and result.fix.fix_name == "user_identifiers"


def test_an_identifier_nobody_has_fails() -> None:
    result = judged(field=FIELD, users=(user("a", "42"),), provider_users=(P("1", "A", "a@example.com"),))
    assert result.status == Status.FAIL and "matches no Aircall user" in result.message


def test_one_provider_user_held_by_two_people_fails_naming_them() -> None:
    people = (P("1", "A", "a@example.com"), P("2", "B", "b@example.com"))
    result = judged(field=FIELD, users=(user("a", "1"), user("b", "1")), provider_users=people)
    assert result.status == Status.FAIL
    assert "1 by User a, User b" in result.message and "own Aircall user" in result.expected
    assert result.fix and result.fix.fix_name == "user_identifiers"


def test_a_choice_that_would_give_two_people_one_identifier_is_refused() -> None:
    from wizard.providers.voice.matching import refuse_shared

    users = [user("a", "1"), user("b", None)]
    refuse_shared(users, {"b": "2"}, "Aircall")  # their own: fine
    with pytest.raises(ChoiceRefused, match="1 by User a, User b"):
        refuse_shared(users, {"b": "1"}, "Aircall")
    refuse_shared(users, {"a": "2", "b": "1"}, "Aircall")  # a moves on, b takes a's old id: fine


def test_no_field_means_no_package() -> None:
    result = judged(field_problem="User has no field labelled 'Aircall User Identifier'.")
    assert result.status == Status.FAIL and "Install the Voice Connector package" in (result.fix.hint or "")


def test_nobody_with_eci_warns() -> None:
    assert judged(field=FIELD, users=()).status == Status.WARN


def test_a_provider_that_cannot_be_read_is_could_not_check() -> None:
    problem = ProviderProblem("network", "Could not connect.", "An answer.", "Check the network.")
    assert judged(field=FIELD, users=(user("a", "1"),), provider_problem=problem).status == Status.ERROR


def test_provider_scenario_typos_are_named() -> None:
    with pytest.raises(ProviderScenarioError, match=r"providers\.aircall\.api_keys\.0\.api_tokn"):
        parse_providers({"aircall": {"api_keys": [{"api_id": "x", "api_tokn": "y"}]}})


def test_identifiers_not_compared_with_the_provider_do_not_pass() -> None:
    result = judged(field=FIELD, users=(user("a", "9999"),))  # filled in, but is 9999 anyone at Aircall? Not read: unknown
    assert result.status == Status.MANUAL  # once a Pass "(not compared with Aircall's user list)"
    assert result.observed == "1 of 1 ECI users have an identifier; not compared with Aircall's users"
    assert "enter the Aircall API key" in result.message


def test_a_chosen_identifier_must_name_a_provider_user_and_the_refusal_lists_the_choices() -> None:
    ada = Match(user("ada", None), "missing")
    them = (P("1001", "Ada Admin", "ADA@example.com"), P("1002", "Sam Seller", "sam@example.com"))
    check_choice(ada, " 1002 ", them, "Aircall")  # any Aircall user may be chosen
    check_choice(ada, "9999", None, "Aircall")  # the list was not read: nothing to check against
    with pytest.raises(ChoiceRefused) as refused:
        check_choice(ada, "9999", them, "Aircall")
    assert str(refused.value) == (
        "Aircall has no user with the id '9999', so it would map no calls to User ada. Expected the id of one of Aircall's users: "
        "1001 (Ada Admin, ADA@example.com), with the same e-mail, or another: 1002 (Sam Seller, sam@example.com). "
        "Choose one of these for User ada, or leave User ada's identifier as it is."
    )
