"""A bulk assignment whose connection drops on its second request of 200: the admin is told how
many users were given the set before the stop, how many were not, that running the same thing
again finishes it (it skips who already holds the set), and how to undo; those users really hold
the set, and undo takes them back.

All against the demo org over HTTPS with its fault injection (the real simple-salesforce client).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.integration.apply.bulk_assign_support import MANY_REPS, SET, holders_of, rep_ids
from tests.integration.apply.support import scenario
from tests.integration.apply.test_apply_under_faults_tells_the_truth import flat
from tests.integration.apply.test_cli_apply import run
from tests.integration.verify.support import connected
from wizard.apply import bulk_assign, door
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.errors import ApplyError
from wizard.apply.model import ApplyInputs
from wizard.apply.ops import Ops
from wizard.apply.preview import summary_lines
from wizard.apply.session import FixSession
from wizard.apply.undo import undo_last
from wizard.guides.loader import load_guide


def _drop_the_second_collection(org: Any, reads: int = 1) -> None:
    """The next `reads` API calls (the query of who holds the set, and any before it) and the first
    collection pass; the second collection's connection drops (once)."""
    org.server.faults.set(drop_after=reads + 1)


def test_the_users_of_the_first_request_are_kept_when_the_second_drops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected(scenario(tmp_path, MANY_REPS), monkeypatch) as org:
        ops = Ops(org.connection)
        ps = bulk_assign.find_permission_set(ops, SET)
        ids = rep_ids(org.server)
        _drop_the_second_collection(org)
        with pytest.raises(bulk_assign.AssignmentStopped) as stopped:
            bulk_assign.assign_permission_set(ops, ps["Id"], ids)
        result = stopped.value.result
        assert len(result.assigned) == 200 and result.not_tried == 250 and not result.already and not result.failed
        assert result.requests == 3  # the query and both collections: the dropped one was sent
        assert isinstance(stopped.value.cause, ApplyError) and stopped.value.cause.dropped
        assert stopped.value.__cause__ is stopped.value.cause  # the original failure stays chained
        assert stopped.value.done_text("Voice Connector") == (
            "Before the stop, Voice Connector was given to 200 of 450 users. 250 users were not assigned yet.")
        assert holders_of(org.server) == {user for user, _ in result.assigned}


def test_the_window_api_says_what_was_assigned_and_undo_takes_it_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected(scenario(tmp_path, MANY_REPS), monkeypatch) as org:
        session = FixSession(org.connection, load_guide("natterbox"), org.facts)
        ids = rep_ids(org.server)
        _drop_the_second_collection(org, reads=2)  # the permission set by name, and who holds it
        with pytest.raises(door.AssignUsersStopped) as stopped:
            session.assign(SET, ids, confirmation=org.facts.name)
        said = stopped.value.message
        assert str(stopped.value) == said
        assert said.startswith("Permission set ") and "The connection dropped while the wizard was writing" in said
        assert "Before the stop, " in said and " was given to 200 of 450 users. 250 users were not assigned yet." in said
        assert "Assign again: it reads what is already there and finishes the rest without duplicates." in said
        assert "The next run skips the users who already hold Voice Connector Permission." in said
        assert f"Backed up as {stopped.value.backup_id}: Wizard → Undo the last fix takes back every assignment this run made." in said
        assert "apply again" not in said.lower() and "Error" not in said
        first = {user for user, _ in stopped.value.result.assigned}
        assert len(first) == 200 and holders_of(org.server) == first  # they really hold it

        assert session.can_undo()
        undone = session.undo_last()
        assert undone.removed
        assert holders_of(org.server) == set()


def test_an_api_limit_reached_on_the_second_request_is_told_the_same_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected(scenario(tmp_path, MANY_REPS), monkeypatch) as org:
        session = FixSession(org.connection, load_guide("natterbox"), org.facts)
        org.server.faults.set(request_limit=3)  # the set by name, who holds it, the first collection
        with pytest.raises(door.AssignUsersStopped) as stopped:
            session.assign(SET, rep_ids(org.server), confirmation=org.facts.name)
        said = stopped.value.message
        assert 'Salesforce said: REQUEST_LIMIT_EXCEEDED: "TotalRequests Limit exceeded."' in said
        assert "Before the stop, Voice Connector Permission was given to 200 of 450 users. 250 users were not assigned yet." in said
        assert "Assign again once the rolling 24-hour window frees requests" in said
        assert "The next run skips the users who already hold Voice Connector Permission." in said
        assert "Wizard → Undo the last fix takes back every assignment this run made." in said
        assert len(holders_of(org.server)) == 200
        org.server.faults.clear()
        assert session.undo_last().removed and holders_of(org.server) == set()


def test_the_command_says_what_was_assigned_exits_1_and_finishes_or_undoes_when_run_again(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with connected(scenario(tmp_path, MANY_REPS), monkeypatch) as org:
        monkeypatch.setenv("SF_ACCESS_TOKEN", org.connection.access_token)
        target = ["--instance-url", org.server.instance_url, "--production-confirm", "Acme Demo", "--yes"]
        assign = ["assign-permission-set", "--permission-set", SET, "--profile", "Standard User", *target]
        # Counted on another permission set first: the command's own reads (the org, the set, the
        # users, who holds it) and three collections (200, 200, 52). All but the last two pass.
        org.server.faults.set(request_limit=None)  # restarts the count of API calls
        assert run("assign-permission-set", "--permission-set", "ConversationInsightsForSales", "--profile", "Standard User", *target) == 0
        calls = org.server.faults.status()["api_calls"]
        org.server.faults.set(drop_after=calls - 2)
        capsys.readouterr()

        assert run(*assign) == 1  # README: 1, stopped after something reached the org
        captured = capsys.readouterr()
        err = flat(captured.err)
        assert "Stopped: Permission set " in err and "The connection dropped while the wizard was writing" in err
        assert " was given to 200 of 452 users. 252 users were not assigned yet." in err
        assert "Run the same eci-wizard assign-permission-set command again" in err
        assert "The next run skips the users who already hold Voice Connector Permission." in err
        assert "; 'eci-wizard undo' takes back every assignment this run made." in err
        assert "apply again" not in err.lower() and "Traceback" not in err and "ApplyError" not in err
        assert len(holders_of(org.server)) == 200  # the first request's users really hold it

        # Run again: the 200 are skipped, the rest assigned.
        org.server.faults.clear()
        assert run(*assign) == 0
        assert ": 252 assigned, 200 already held it" in capsys.readouterr().out
        assert len(holders_of(org.server)) == 452

        # Undo takes back every assignment of the stopped run and of the run that finished it.
        assert run("undo", *target) == 0
        assert holders_of(org.server) == set()


def test_an_apply_counts_the_assignments_made_before_the_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    inputs = ApplyInputs(profile="Standard User")
    with connected(scenario(tmp_path, MANY_REPS), monkeypatch) as org:
        plan = plan_guide(org.connection, guide, org.facts, inputs, only_fixes=["assign_permission_set"])
        _drop_the_second_collection(org)
        result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name, inputs=inputs)
        assert result.error is not None and result.resumable
        lines = flat(" ".join(summary_lines(result)))
        assert "200 changes made in 1 write before the stop." in lines  # once "0 changes made in 1 write"
        assert " was given to 200 of 452 users. 252 users were not assigned yet." in result.error
        assert len(result.applied) == 200 and all(a.setting.startswith("assigned to ") and a.after == "assigned" for a in result.applied)
        eci = "ConversationInsightsForSales"
        assert len(holders_of(org.server, eci)) == 200  # the first request's users really hold it

        undone = undo_last(org.connection, org.facts, guide)
        assert undone.removed
        assert holders_of(org.server, eci) == set()
