"""Pydantic errors in plain words: the key path, what was expected, what was found."""

from __future__ import annotations

from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizard.validation_text import key_path, translate


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Contact(Strict):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    kind: Literal["admin", "user"] = "user"


class Team(Strict):
    name: str = Field(description="what the team is called")
    size: int = Field(default=1, gt=0)
    lead: Contact | None = None
    members: list[Contact] = []
    by_role: dict[str, Contact] = {}


def sentences(data: dict, patterns: dict[str, str] | None = None) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Team.model_validate(data)
    return {key_path(e["loc"]): translate(Team, e, patterns) for e in caught.value.errors()}


def test_missing_keys_say_what_the_key_is_for() -> None:
    assert sentences({}) == {"name": "this key is required but missing (what the team is called)"}


def test_unknown_keys_list_the_keys_allowed_where_they_stand() -> None:
    allowed = "allowed keys here: email, kind"
    assert sentences({"name": "x", "lead": {"email": "a@b", "mail": 1}}) == {"lead.mail": f"unknown key 'mail'; {allowed}"}
    assert sentences({"name": "x", "members": [{"email": "a@b"}, {"emial": "a@b", "email": "c@d"}]}) == {
        "members[1].emial": f"unknown key 'emial'; {allowed}"}
    # a mapping's own keys are data, not fields: the walk goes on to the model it holds
    assert sentences({"name": "x", "by_role": {"sales": {"email": "a@b", "colour": "red"}}}) == {
        "by_role.sales.colour": f"unknown key 'colour'; {allowed}"}


def test_types_patterns_bounds_and_choices() -> None:
    found = sentences({"name": ["x"], "size": 0, "lead": {"email": "nobody", "kind": "boss"}},
                      {r"^[^@\s]+@[^@\s]+$": "an address such as name@example.com"})
    assert found == {
        "name": "expected text, found a list of 1 item(s)",
        "size": "expected a number greater than 0, found the number 0",
        "lead.email": "expected an address such as name@example.com, found the text 'nobody'",
        "lead.kind": "expected one of 'admin' or 'user', found the text 'boss'",
    }
    assert sentences({"name": "x", "lead": {"email": "nobody"}})["lead.email"].startswith("expected text matching ^")


def test_key_paths_leave_out_validator_steps() -> None:
    assert key_path(("pages", 3, "function-after[check()]", "settings", 0, "check")) == "pages[3].settings[0].check"
    assert key_path(()) == ""
