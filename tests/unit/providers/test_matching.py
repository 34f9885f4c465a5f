"""Proposing provider users by e-mail: strict, case-insensitive, never guessing."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from wizard.providers.voice.matching import accepted_writes, normalise_email, propose_matches
from wizard.providers.voice.user_fields import SalesforceUser


@dataclass(frozen=True)
class P:
    id: str
    name: str
    email: str


def sf(uid: str, email: str, identifier: str | None = None) -> SalesforceUser:
    return SalesforceUser(uid, f"User {uid}", f"{uid}@org", email, identifier)


PROVIDER = [P("1", "Ada", "Ada@Example.com"), P("2", "Sam", "sam@example.com"), P("3", "Rita", "rita@example.com"),
            P("4", "Rita B", " RITA@example.com "), P("5", "No mail", "")]


def test_each_kind() -> None:
    users = [sf("a", "ada@example.com"), sf("s", "SAM@EXAMPLE.COM"), sf("r", "rita@example.com"), sf("m", "mo@example.com"),
             sf("x", "sam@example.com", "2"), sf("c", "ada@example.com", "2"), sf("u", "zed@example.com", "99"),
             sf("k", "kept@example.com", "5")]
    kinds = {m.user.id: (m.kind, [c.id for c in m.candidates]) for m in propose_matches(users, PROVIDER)}
    assert kinds == {
        "a": ("exact", ["1"]),
        "s": ("exact", ["2"]),
        "r": ("ambiguous", ["3", "4"]),
        "m": ("missing", []),
        "x": ("mapped", ["2"]),
        "c": ("conflict", ["1"]),  # holds Sam's id but has Ada's e-mail
        "u": ("conflict", []),  # an id no provider user has
        "k": ("mapped", ["5"]),  # set by hand, e-mails differ: kept
    }


def test_accepted_writes_take_exact_proposals_and_the_admins_choices() -> None:
    matches = propose_matches([sf("a", "ada@example.com"), sf("r", "rita@example.com"), sf("m", "mo@example.com")], PROVIDER)
    assert accepted_writes(matches) == {"a": "1"}
    assert accepted_writes(matches, {"r": " 4 ", "m": "", "a": "9"}) == {"a": "9", "r": "4"}


def test_an_empty_email_matches_nobody() -> None:
    [match] = propose_matches([sf("e", "")], PROVIDER)
    assert match.kind == "missing"


@given(st.emails(), st.sampled_from([str.upper, str.lower, str.title, lambda s: f"  {s} "]))
def test_case_and_spaces_never_matter(email: str, change) -> None:  # type: ignore[no-untyped-def]
    [match] = propose_matches([sf("a", change(email))], [P("9", "Someone", email)])
    assert normalise_email(change(email)) == normalise_email(email)
    assert match.kind == "exact" and match.proposed == "9"
