"""Bulk permission-set assignment: collections of 200, progress, cancel, per-user failures."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.integration.apply.bulk_assign_support import reps
from tests.integration.apply.support import scenario, writes
from tests.integration.verify.support import connected
from wizard.apply import bulk_assign
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.model import ApplyInputs
from wizard.apply.ops import Ops
from wizard.apply.user_refs import UserChoiceError
from wizard.guides.loader import load_guide

#: Three ECI licence seats; one already taken by rep0, who holds the permission set.
THREE_SEATS = f"""
extends: fresh
permission_set_licenses:
  - name: ConversationInsightsPsl
    label: Einstein Conversation Insights
    total: 3
users:
{reps(6)}
  - username: rep0@acme-demo.example
    permission_set_licenses: [ConversationInsightsPsl]
    permission_sets: [ConversationInsightsForSales]
"""


def _ids(org, prefix: str = "rep") -> list[str]:  # type: ignore[no-untyped-def]
    return sorted((u["Id"] for u in org.server.org.rows("User") if u["Username"].startswith(prefix)), key=lambda i: i)


def test_licence_refusals_are_reported_per_user_without_stopping_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected(scenario(tmp_path, THREE_SEATS), monkeypatch) as org:
        ops = Ops(org.connection)
        ps = bulk_assign.find_permission_set(ops, "Conversation Insights for Sales")
        users = sorted(org.server.org.rows("User"), key=lambda u: u["Username"])
        reps = [u["Id"] for u in users if u["Username"].startswith("rep")]
        result = bulk_assign.assign_permission_set(ops, ps["Id"], reps)
        assert len(result.already) == 1 and len(result.assigned) == 2 and len(result.failed) == 3
        assert {f.code for f in result.failed} == {"LICENSE_LIMIT_EXCEEDED"}
        assert all("Einstein Conversation Insights" in f.message for f in result.failed)
        assert "seat" in result.failed[0].meaning
        assert result.requests == 2  # one query, one collection
        held = {a["AssigneeId"] for a in org.server.org.find("PermissionSetAssignment", PermissionSetId=ps["Id"])}
        assert held == {u for u in reps if u not in {f.user_id for f in result.failed}}


def test_many_users_take_one_query_and_one_request_per_200(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected(scenario(tmp_path, f"extends: fresh\nusers:\n{reps(450)}\n"), monkeypatch) as org:
        ops = Ops(org.connection)
        ps = bulk_assign.find_permission_set(ops, "VoiceConnectorPermission")
        users, missing = bulk_assign.users_by_reference(ops, [f"rep{i}@acme-demo.example" for i in range(450)] + ["nobody@acme-demo.example"])
        assert len(users) == 450 and missing == ["nobody@acme-demo.example"]
        steps: list[tuple[int, int]] = []
        org.server.log.clear()
        result = bulk_assign.assign_permission_set(ops, ps["Id"], [u["Id"] for u in users], progress=lambda d, t: steps.append((d, t)))
        assert len(result.assigned) == 450 and not result.failed
        assert result.requests == 4 and len(org.server.log.entries()) == 4
        assert steps == [(0, 450), (200, 450), (400, 450), (450, 450)]
        org.server.log.clear()
        again = bulk_assign.assign_permission_set(ops, ps["Id"], [u["Id"] for u in users])
        assert len(again.already) == 450 and again.requests == 1 and writes(org.server.log) == []


def test_cancel_stops_before_the_next_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected(scenario(tmp_path, f"extends: fresh\nusers:\n{reps(450)}\n"), monkeypatch) as org:
        ops = Ops(org.connection)
        ps = bulk_assign.find_permission_set(ops, "VoiceConnectorPermission")
        stop = threading.Event()

        def progress(done: int, total: int) -> None:
            if done >= 200:
                stop.set()

        ids = _ids(org)
        result = bulk_assign.assign_permission_set(ops, ps["Id"], ids, progress=progress, cancel=stop)
        assert result.cancelled and len(result.assigned) == 200
        assert "250 not tried" in result.summary()
        assert len(org.server.org.find("PermissionSetAssignment", PermissionSetId=ps["Id"])) == 200


def test_apply_gives_eci_to_a_profile_and_warns_about_earlier_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    inputs = ApplyInputs(profile="Standard User")
    with connected("fresh", monkeypatch) as org:
        plan = plan_guide(org.connection, guide, org.facts, inputs, only_fixes=["assign_permission_set"])
        settings = {c.setting for p in plan.plans for c in p.changes}
        assert settings == {"Assigned to Sam Seller", "Assigned to Rita Rep"}
        assert bulk_assign.PROCESSING_WARNING in plan.notes
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, inputs=inputs)
        assert result.error is None and result.writes == 1
        assert all(r.status.value == "pass" for r in result.results)
        sam = org.server.org.user_by_username("sam.seller@acme-demo.example")
        assert org.server.org.find("PermissionSetLicenseAssign", AssigneeId=sam["Id"])  # the licence came along


def test_references_that_are_no_user_id_are_looked_up_as_usernames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("fresh", monkeypatch) as org:
        ops = Ops(org.connection)
        sam = org.server.org.user_by_username("sam.seller@acme-demo.example")["Id"]
        rita = org.server.org.user_by_username("rita.rep@acme-demo.example")["Id"]
        users, missing = bulk_assign.users_by_reference(ops, [sam[:15], rita, "nobody", "005tooShort", "Ada@acme-demo.example"])
        assert sorted(u["Name"] for u in users) == ["Rita Rep", "Sam Seller"]  # "nobody" once went into WHERE Id IN: the query failed
        assert missing == ["nobody", "005tooShort", "Ada@acme-demo.example"]


def test_a_profile_that_does_not_exist_is_not_zeroreps(monkeypatch: pytest.MonkeyPatch) -> None:
    with connected("fresh", monkeypatch) as org:
        ops = Ops(org.connection)
        with pytest.raises(UserChoiceError, match=r"No profile in this org is named 'Standrd User'\. Did you mean 'Standard User'\?"):
            bulk_assign.users_of_profile(ops, "Standrd User")  # once [] ("0 users"), as if the profile were empty
        assert sorted(u["Name"] for u in bulk_assign.users_of_profile(ops, "standard user")) == ["Rita Rep", "Sam Seller"]


#: ECI set up, the admin holds it (so the verification passes), and a new rep does not yet.
NEW_REP = """
extends: natterbox-configured
users:
  - {username: nina.new@acme-demo.example, first_name: Nina, last_name: New, email: nina.new@acme-demo.example, profile: Standard User}
"""


def test_apply_honours_and_checks_named_users_even_when_the_verification_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    with connected(scenario(tmp_path, NEW_REP), monkeypatch) as org:
        def plan(inputs: ApplyInputs):  # type: ignore[no-untyped-def]
            return plan_guide(org.connection, guide, org.facts, inputs, only_fixes=["assign_permission_set"])

        assert plan(ApplyInputs()).empty  # someone holds ECI: nothing to do for "you"
        settings = {c.setting for p in plan(ApplyInputs(profile="Standard User")).plans for c in p.changes}
        assert settings == {"Assigned to Nina New"}  # once dropped: "the org already matches the guide"
        with pytest.raises(UserChoiceError, match=r"No user in Acme Demo matches 'nina\.new'\."):
            plan(ApplyInputs(users=("nina.new@acme-demo.example", "nina.new")))
        with pytest.raises(UserChoiceError, match="Did you mean 'Standard User'"):
            plan(ApplyInputs(profile="Standrd User"))
        assert org.server.org.find("PermissionSetAssignment", AssigneeId=org.server.org.user_by_username("nina.new@acme-demo.example")["Id"]) == []
