"""Who authorized the ECI app, judged from its OAuth tokens on hand-built snapshots.

Saving the ECI named credential with Start Authentication Flow on Save leaves an OAuth token for the
ECI app in the name of whoever signed in. The row says who and when; warns when only a user who
cannot keep ECI running (inactive, or without the integration permission set) holds one; fails
when nobody does; and never claims more than the token list shows.
"""

from __future__ import annotations

import pytest

from wizard.checks.app_authorization import holders_read, tokens_read, when
from wizard.checks.app_view import connected_app_read, eca_reads
from wizard.checks.registry import CheckContext, describe_check, get_check
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.engine.snapshot import OrgSnapshot, ReadFailed, ReadFailure

FACTS = OrgFacts(org_id="00D000000000001AAA", name="Acme", edition="Enterprise Edition", is_sandbox=False,
                 instance_url="https://acme.my.salesforce.com", my_domain_url="https://acme.my.salesforce.com", api_version="63.0")
PARAMS = {"api_name": "ECI_Connected_App", "label": "ECI Connected App", "permission_set": "Conversation Insights Integration User",
          "credential": "ECI Named Credential"}
ADA = "005000000000001AAA"
OLD = "005000000000002AAA"
CONNECTED_APP = {"fullName": "ECI_Connected_App", "label": "ECI Connected App", "oauthConfig": {}, "oauthPolicy": {}}
ECA_GLOBAL = {"fullName": "ECI_Connected_App_glbloauth", "label": "ECI Connected App"}


def token(user_id: str, name: str, active: bool = True, created: str = "2026-01-12T09:30:00.000+0000",
          used: str | None = "2026-02-02T07:15:00.000+0000") -> dict:
    username = name.split()[0].lower() + "@acme.example"
    return {"AppName": "ECI Connected App", "UserId": user_id, "CreatedDate": created, "LastUsedDate": used,
            "User": {"Username": username, "Name": name, "IsActive": active}}


def snapshot(tokens: list[dict], with_set: tuple[str, ...] = (ADA,), app: str = "connected", label: str = "ECI Connected App") -> OrgSnapshot:
    """The token list, the integration set's holders and the ECI app as the app checks read it."""
    queries = {tokens_read("ECI Connected App"): tokens,
               holders_read("Conversation Insights Integration User"): [{"AssigneeId": u} for u in with_set],
               connected_app_read("ECI Connected App"): [{"Name": label}] if app == "connected" and label == "ECI Connected App" else []}
    components: dict = {("ConnectedApp", "ECI_Connected_App"): {**CONNECTED_APP, "label": label} if app == "connected" else None}
    eca = [(m.mtype, m.names[0]) for m in eca_reads("ECI_Connected_App")]
    components |= {key: (ECA_GLOBAL if app == "external" and key[0] == "ExtlClntAppGlobalOauthSettings" else
                         ({} if app == "external" else None)) for key in eca}
    return OrgSnapshot(facts=FACTS, queries=queries, components=components)


def judge(snap: OrgSnapshot):  # type: ignore[no-untyped-def]
    return get_check("eci_app.authorized").judge(CheckContext(snap, dict(PARAMS)))


def test_a_token_of_the_active_integration_user_passes_naming_who_and_when() -> None:
    verdict = judge(snapshot([token(ADA, "Ada Admin")]))
    assert verdict.status == Status.PASS, verdict
    assert verdict.observed == "Ada Admin (ada@acme.example), authorized 2026-01-12 09:30 UTC, last used 2026-02-02 07:15 UTC"
    assert "Ada Admin (ada@acme.example) authorized ECI Connected App on 2026-01-12 09:30 UTC" in verdict.message
    # What is seen is a token for the app, not the credential's own sign-in: the message says so.
    assert "only in the Named Credentials list" in verdict.message


def test_a_user_with_several_tokens_is_named_once_with_the_latest_dates() -> None:
    older = token(ADA, "Ada Admin", created="2025-06-01T08:00:00.000+0000", used="2025-07-01T08:00:00.000+0000")
    verdict = judge(snapshot([token(ADA, "Ada Admin"), older]))
    assert verdict.status == Status.PASS and verdict.observed.count("Ada Admin") == 1
    assert "authorized 2026-01-12 09:30 UTC, last used 2026-02-02 07:15 UTC" in verdict.observed


def test_a_token_held_only_by_an_inactive_user_warns_naming_the_user() -> None:
    verdict = judge(snapshot([token(OLD, "Otto Former", active=False)], with_set=(OLD,)))
    assert verdict.status == Status.WARN, verdict
    assert "Otto Former (otto@acme.example) is inactive" in verdict.message
    assert "deactivated or removed" in verdict.message and "Start Authentication Flow on Save" in verdict.message


def test_a_token_held_only_by_a_user_without_the_integration_set_warns_naming_the_set() -> None:
    verdict = judge(snapshot([token(OLD, "Otto Former")], with_set=(ADA,)))
    assert verdict.status == Status.WARN, verdict
    assert "Otto Former (otto@acme.example) lacks the Conversation Insights Integration User permission set" in verdict.message


def test_one_good_holder_among_others_passes_and_counts_the_others() -> None:
    verdict = judge(snapshot([token(ADA, "Ada Admin"), token(OLD, "Otto Former", active=False, created="2025-01-01T00:00:00Z")]))
    assert verdict.status == Status.PASS, verdict
    assert "Otto" not in verdict.observed and "1 other user(s) also hold a token" in verdict.message


def test_no_token_for_the_connected_app_fails_and_says_how_to_authenticate() -> None:
    verdict = judge(snapshot([]))
    assert verdict.status == Status.FAIL, verdict
    assert verdict.observed == "no OAuth token for ECI Connected App"
    assert "Edit ECI Named Credential, tick Start Authentication Flow on Save" in verdict.message
    assert "Customize Application" in verdict.message  # why an admin without it might see nothing


def test_no_app_at_all_fails_and_says_to_create_it_first() -> None:
    verdict = judge(snapshot([], app="none"))
    assert verdict.status == Status.FAIL, verdict
    assert "ECI_Connected_App is not in this org yet" in verdict.message


def test_an_external_client_app_without_a_listed_token_is_only_a_warning() -> None:
    """Salesforce documents the token list for Connected Apps: an empty list proves nothing for an ECA."""
    verdict = judge(snapshot([], app="external"))
    assert verdict.status == Status.WARN, verdict
    assert "External Client App" in verdict.message and "proves nothing" in verdict.message


def test_an_external_client_app_with_a_listed_token_passes() -> None:
    assert judge(snapshot([token(ADA, "Ada Admin")], app="external")).status == Status.PASS


def test_a_relabelled_app_cannot_be_judged_by_the_guides_label() -> None:
    verdict = judge(snapshot([token(ADA, "Ada Admin")], label="Acme ECI"))
    assert verdict.status == Status.WARN, verdict
    assert "labelled Acme ECI" in verdict.message and "cannot tell" in verdict.message


def test_tokens_of_a_same_label_app_are_not_taken_for_the_eci_apps() -> None:
    verdict = judge(snapshot([token(ADA, "Ada Admin")], app="none"))
    assert verdict.status == Status.FAIL, verdict
    assert "for another app labelled ECI Connected App" in verdict.message and "not in this org yet" in verdict.message


def test_tokens_are_judged_even_when_the_app_itself_could_not_be_read() -> None:
    snap = snapshot([token(ADA, "Ada Admin")])
    unreadable = OrgSnapshot(facts=FACTS, queries=snap.queries, components=snap.components,
                             metadata_failures={"ConnectedApp": ReadFailure("refused")})
    assert judge(unreadable).status == Status.PASS


def test_an_empty_list_with_an_unreadable_app_could_not_be_checked() -> None:
    """Whether an empty list fails depends on the kind of app, so its failed read is the answer."""
    snap = snapshot([])
    unreadable = OrgSnapshot(facts=FACTS, queries=snap.queries, components=snap.components,
                             metadata_failures={"ConnectedApp": ReadFailure("Your user may not read Connected Apps.")})
    with pytest.raises(ReadFailed, match="may not read Connected Apps"):
        judge(unreadable)


def test_the_expected_value_names_the_app_and_the_permission_set() -> None:
    assert describe_check("eci_app.authorized", PARAMS) == (
        "an OAuth token for ECI Connected App, held by an active user with the Conversation Insights Integration User permission set")


def test_salesforce_dates_read_as_utc_minutes() -> None:
    assert when("2026-01-12T09:30:00.000+0000") == "2026-01-12 09:30 UTC"
    assert when("2026-01-12T10:30:00.000+0100") == "2026-01-12 09:30 UTC"
    assert when(None) == "never"
