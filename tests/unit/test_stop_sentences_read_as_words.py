"""The pieces that put the wizard's sentences after someone else's text: one full stop between
them, and the operations' internal labels turned into what the wizard was doing."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.apply.errors import doing, error_for, read_stopped
from wizard.salesforce.auth import preflight_rules as rules
from wizard.salesforce.errors import full_stop
from wizard.unexpected import explain_unexpected


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("Query", "while reading the org"),
        ("ConnectedApp (read)", "while reading the ECI connected app"),
        ("CustomSite (read)", "while reading the site the provider calls"),
        ("SomeNewType (read)", "while reading the org's some new type settings"),
        ("Permission set AC_CallRecording", "Permission set AC_CallRecording"),  # already words: kept
        ("External Client App ECI_Connected_App (ExtlClntAppOauthSettings)", "External Client App ECI_Connected_App (its OAuth settings)"),
    ],
)
def test_a_stop_is_headed_by_what_was_being_done(label: str, words: str) -> None:
    assert doing(label) == words
    assert error_for("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", label).text.startswith(f"{words}: ")


def test_salesforces_full_stop_is_not_doubled() -> None:
    assert full_stop("TotalRequests Limit exceeded.") == "TotalRequests Limit exceeded."
    assert full_stop("no answer") == "no answer."
    refused = rules.api_access_item("INVALID_FIELD", "No such column.")
    assert not refused.observed.endswith(".")  # the connection check's list adds its own
    assert ".." not in rules.permission_items(None, "INSUFFICIENT_ACCESS: no.")[0].message


def test_a_read_that_stopped_after_writes_is_a_clause_the_caller_can_continue() -> None:
    assert not read_stopped(ValueError("The org said no.")).endswith(".")


def test_the_last_line_adds_one_full_stop_after_the_detail(data_dir: Path) -> None:
    text = explain_unexpected(ValueError("Salesforce answered 503: try again later."), "verify")
    assert "later.. " not in text and "later. This is a gap" in text
