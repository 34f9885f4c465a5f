"""The demo org's SOQL: parser, checks against the catalogue, and evaluation, without a server."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.demo.api_error import ApiError
from wizard.demo.rest_context import RestContext
from wizard.demo.soql import CountItem, FieldPath, Logical, Negation, Query, parse
from wizard.demo.soql_eval import run
from wizard.demo.soql_lexer import SoqlError, StringLiteral, tokenize
from wizard.demo.state import OrgState, Session


def _org() -> tuple[OrgState, RestContext]:
    org = OrgState()
    org.organization = {"Id": "00D000000000001AAA", "Name": "Unit Org"}
    profile = org.insert("Profile", {"Name": "Admin", "PermissionsApiEnabled": True})
    names = [("Ada", "O'Brien"), ("Bo", "Smith"), (None, "50% Off"), ("Cy", "Under_Score")]
    for i, (first, last) in enumerate(names):
        org.insert("User", {"Username": f"u{i}@unit.test", "FirstName": first, "LastName": last, "ProfileId": profile,
                            "IsActive": i != 1, "Email": f"u{i}@unit.test"})  # fmt: skip
    ps = org.put_component("PermissionSet", "ECI", {"label": "ECI Users", "userPermissions": [{"enabled": True, "name": "CallCoachingUser"}]})
    first_user = org.find("User", Username="u0@unit.test")[0]["Id"]
    org.insert("PermissionSetAssignment", {"AssigneeId": first_user, "PermissionSetId": ps})
    session = Session("tok", first_user, "unit", ("api",))
    return org, RestContext(org, session, "data", "66.0", "https://unit.test")


@pytest.fixture(scope="module")
def ctx() -> RestContext:
    return _org()[1]


def _names(ctx: RestContext, soql: str) -> list[str]:
    return [r["LastName"] for r in run(ctx, soql).records]


# -- parser ------------------------------------------------------------------------------------------
def test_parse_select_with_everything() -> None:
    q = parse(
        "select Id, Assignee.Name, COUNT(Id) n, (SELECT Id FROM Assignments) FROM PermissionSetAssignment "
        "WHERE NOT (A = 'x' OR B != null) AND C IN (1, 2.5, true) AND D NOT IN ('a') AND E LIKE 'a%' AND F >= 2024-01-01T00:00:00Z "
        "ORDER BY Assignee.Name DESC NULLS LAST, Id LIMIT 10 OFFSET 5"
    )
    assert q.sobject == "PermissionSetAssignment" and q.limit == 10 and q.offset == 5
    assert q.select[0] == FieldPath(("Id",), 7)
    assert q.select[1].parts == ("Assignee", "Name")
    assert isinstance(q.select[2], CountItem) and q.select[2].alias == "n"
    assert isinstance(q.select[3], Query) and q.select[3].sobject == "Assignments"
    assert isinstance(q.where, Logical) and q.where.op == "AND" and len(q.where.items) == 5
    assert isinstance(q.where.items[0], Negation)
    assert q.where.items[1].value == (1, 2.5, True)
    assert q.where.items[2].op == "NOTIN"
    assert q.where.items[4].value == "2024-01-01T00:00:00Z"
    assert q.order_by[0].descending and q.order_by[0].nulls_last is True
    assert q.order_by[1].descending is False and q.order_by[1].nulls_last is None


def test_string_escapes_and_like_patterns() -> None:
    token = tokenize(r"'It\'s 100\% \\ \n\u00e9_'")[0]
    assert isinstance(token.value, StringLiteral)
    assert token.value.text == "It's 100% \\ \n\u00e9_"
    assert token.value.like_regex.endswith(".")  # the bare underscore is a wildcard, the escaped % is not
    with pytest.raises(SoqlError) as exc:
        tokenize(r"'bad \q escape'")
    assert exc.value.code == "MALFORMED_QUERY" and "Illegal character sequence" in exc.value.message


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("SELECT FROM User", 8),
        ("SELECT Id FROM User WHERE", 26),
        ("SELECT Id FROM User WHERE Name = 'a' AND Email = 'b' OR Id = 'c'", 54),
        ("SELECT Id FROM User LIMIT -1", 27),
        ("SELECT Id FROM User u", 21),
        ("SELECT Id FROM User WHERE Name = :x", 34),
        ("SELECT Id FROM User WHERE Name = 'open", 39),
        ("SELECT COUNT(), Id FROM User", 1),
        ("SELECT Id FROM User ORDER BY", 29),
        ("SELECT Id FROM User WHERE Name # 'a'", 32),
    ],
)
def test_malformed_queries_point_at_the_column(text: str, column: int) -> None:
    with pytest.raises(SoqlError) as exc:
        parse(text)
    assert exc.value.code == "MALFORMED_QUERY"
    assert f"ERROR at Row:1:Column:{column}\n" in exc.value.message


def test_errors_on_a_second_line_name_the_row() -> None:
    with pytest.raises(SoqlError) as exc:
        parse("SELECT Id\nFROM User\nWHERE")
    assert "ERROR at Row:3:Column:6" in exc.value.message


def test_offset_beyond_two_thousand() -> None:
    with pytest.raises(SoqlError) as exc:
        parse("SELECT Id FROM User OFFSET 2001")
    assert exc.value.code == "NUMBER_OUTSIDE_VALID_RANGE"


# -- evaluation --------------------------------------------------------------------------------------
def test_equality_is_case_insensitive_and_ids_match_at_fifteen(ctx: RestContext) -> None:
    assert _names(ctx, "SELECT LastName FROM User WHERE LastName = 'o\\'brien'") == ["O'Brien"]
    user = run(ctx, "SELECT Id FROM User WHERE Username = 'u0@unit.test'").records[0]["Id"]
    assert run(ctx, f"SELECT Id FROM User WHERE Id = '{user[:15]}'").total_size == 1


def test_like_with_escaped_wildcards(ctx: RestContext) -> None:
    assert _names(ctx, "SELECT LastName FROM User WHERE LastName LIKE '50\\%%'") == ["50% Off"]
    assert _names(ctx, "SELECT LastName FROM User WHERE LastName LIKE 'under\\_%'") == ["Under_Score"]
    assert _names(ctx, "SELECT LastName FROM User WHERE LastName LIKE 's_ith'") == ["Smith"]


def test_null_semantics(ctx: RestContext) -> None:
    assert _names(ctx, "SELECT LastName FROM User WHERE FirstName = null") == ["50% Off"]
    assert len(_names(ctx, "SELECT LastName FROM User WHERE FirstName != 'Ada'")) == 3
    assert _names(ctx, "SELECT LastName FROM User WHERE FirstName > 'Bo'") == ["Under_Score"]


def test_and_or_not_and_booleans(ctx: RestContext) -> None:
    soql = "SELECT LastName FROM User WHERE (IsActive = false OR LastName = 'Under_Score') AND NOT FirstName = null ORDER BY LastName"
    assert _names(ctx, soql) == ["Smith", "Under_Score"]


def test_relationship_filters_and_nested_output(ctx: RestContext) -> None:
    out = run(ctx, "SELECT Assignee.LastName, PermissionSet.Label FROM PermissionSetAssignment WHERE PermissionSet.PermissionsCallCoachingUser = true")
    record = out.records[0]
    assert record["Assignee"]["LastName"] == "O'Brien" and record["PermissionSet"]["Label"] == "ECI Users"
    assert record["attributes"]["url"].startswith("/services/data/v66.0/sobjects/PermissionSetAssignment/")


def test_ordering_with_nulls(ctx: RestContext) -> None:
    assert _names(ctx, "SELECT LastName FROM User ORDER BY FirstName")[0] == "50% Off"
    assert _names(ctx, "SELECT LastName FROM User ORDER BY FirstName DESC")[-1] == "50% Off"
    assert _names(ctx, "SELECT LastName FROM User ORDER BY FirstName DESC NULLS FIRST")[0] == "50% Off"


@pytest.mark.parametrize(
    ("soql", "code"),
    [
        ("SELECT Id FROM Account", "INVALID_TYPE"),
        ("SELECT Nope FROM User", "INVALID_FIELD"),
        ("SELECT Profile.Nope FROM User", "INVALID_FIELD"),
        ("SELECT Id FROM User WHERE IsActive = 1", "INVALID_FIELD"),
        ("SELECT Id FROM User WHERE LastName = 5", "INVALID_FIELD"),
        ("SELECT Id FROM User WHERE IsActive LIKE 'x'", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id FROM User WHERE ProfileId = 'short'", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id, (SELECT Id FROM Nothing) FROM User", "INVALID_TYPE"),
    ],
)
def test_checks_against_the_catalogue(ctx: RestContext, soql: str, code: str) -> None:
    with pytest.raises(SoqlError) as exc:
        run(ctx, soql)
    assert exc.value.code == code and exc.value.status == 400


# -- robustness ----------------------------------------------------------------------------------------
_PIECES = st.sampled_from([
    "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "LIMIT", "OFFSET", "NULLS", "COUNT",
    "Id", "Name", "User", "Profile.Name", "PermissionSetAssignment", "Assignee.Name", "(", ")", ",", "=", "!=", "<",
    ">=", "'a'", "'%'", "'\\'", "1", "-2.5", "true", "null", "2024-01-01", ".", ":", "DESC", "FIRST", "'unterminated",
])  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=14))
def test_token_soup_never_crashes(pieces: list[str]) -> None:
    try:
        run(_ORG[1], " ".join(pieces))
    except ApiError as err:
        assert err.status == 400 and err.code and err.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        run(_ORG[1], text)
    except ApiError as err:
        assert err.status == 400


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=80), st.text(max_size=3))
def test_mutated_valid_queries_never_crash(cut: int, insert: str) -> None:
    base = "SELECT Id, Assignee.Name FROM PermissionSetAssignment WHERE PermissionSet.Label LIKE 'ECI%' ORDER BY Id LIMIT 5"
    text = base[:cut] + insert + base[cut + 1 :]
    try:
        run(_ORG[1], text)
    except ApiError as err:
        assert err.status == 400


_ORG = _org()
