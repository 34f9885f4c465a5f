"""The optional Salesforce link: pure judgements over what the engine read, and the user-id CSV."""

from __future__ import annotations

import csv
import io

import pytest

from wizard.engine.results import Evidence, Status
from wizard.providers.execvision.salesforce_link import (
    SalesforceUser,
    check_edition,
    check_five9_package,
    check_task_logging,
    oauth_step,
    to_18,
    user_ids_csv,
)


@pytest.mark.parametrize(
    ("edition", "status"),
    [
        ("Enterprise Edition", Status.PASS),
        ("Unlimited Edition", Status.PASS),
        ("Performance Edition", Status.PASS),
        ("Developer Edition", Status.WARN),
        ("Professional Edition", Status.FAIL),
        ("Team Edition", Status.FAIL),
        ("", Status.FAIL),
        (None, Status.FAIL),
    ],
)
def test_edition(edition: str | None, status: Status) -> None:
    result = check_edition(edition, Evidence(source="REST SOQL", detail="SELECT OrganizationType FROM Organization"))
    assert result.status == status
    assert result.page_id == "salesforce-link" and result.guide_id == "execvision"
    assert result.ok or (result.fix and result.fix.hint)


def test_five9_package() -> None:
    assert check_five9_package(["Salesforce Connect", "Five9 Plus Adapter for Salesforce"]).status == Status.PASS
    assert check_five9_package(["five9"]).status == Status.PASS
    missing = check_five9_package(["Salesforce Connect"])
    assert missing.status == Status.FAIL and "1 installed packages" in missing.observed
    assert missing.fix and missing.fix.setup_page
    assert check_five9_package([]).observed == "no installed packages"


def test_task_logging() -> None:
    assert check_task_logging(12).status == Status.PASS
    assert check_task_logging(0).status == Status.FAIL
    assert check_task_logging(None).status == Status.ERROR
    assert oauth_step().status == Status.MANUAL


def test_to_18_matches_salesforce() -> None:
    assert to_18("001A0000006Vm9r") == "001A0000006Vm9rIAC"
    assert to_18("005000000000001") == "005000000000001AAA"
    assert to_18("001A0000006Vm9rIAC") == "001A0000006Vm9rIAC"
    for bad in ("001A0000006Vm9rXXX", "short", "001A0000006Vm9r!", ""):
        with pytest.raises(ValueError):
            to_18(bad)


def test_user_ids_csv() -> None:
    users = [
        SalesforceUser("005000000000001", "Ada Lovelace", "ada@example.com", "ada@example.com"),
        SalesforceUser("005000000000002AAA", "=cmd|' /C calc'!A0", "eve@example.com", "eve@example.com", is_active=False),
        SalesforceUser("005000000000003", "Not Chosen", "nc@example.com"),
    ]
    text = user_ids_csv(users, ["005000000000001AAA", "005000000000002"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Salesforce User Id", "Name", "Username", "Email", "Active"]
    assert rows[1] == ["005000000000001AAA", "Ada Lovelace", "ada@example.com", "ada@example.com", "true"]
    assert rows[2][0] == "005000000000002AAA" and rows[2][1].startswith("'=") and rows[2][4] == "false"
    assert len(rows) == 3
    with pytest.raises(ValueError, match="not among"):
        user_ids_csv(users, ["005000000000009"])
    with pytest.raises(ValueError, match="start with 005"):
        user_ids_csv(users, ["001A0000006Vm9r"])
