"""A connection that drops inside a step (the ECI app's External Client App is four writes): what
Salesforce accepted before the drop is reported, and the next plan previews only what is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.apply.support import scenario, seed_secrets
from tests.integration.verify.support import connected
from wizard.apply.backup import BackupStore
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.preview import result_text, summary_lines
from wizard.checks.common import MISSING
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide

#: After the fault is set, the apply reads the app's five components for its backup; the next call
#: is the first write (the External Client App itself), and the one after that the second.
SECOND_WRITE = 6
THIRD_WRITE = 7
APP = "External Client App ECI_Connected_App"


def _parts(org) -> dict[str, int]:  # type: ignore[no-untyped-def]
    mtypes = ("ExternalClientApplication", "ExtlClntAppOauthSettings", "ExtlClntAppGlobalOauthSettings", "ExtlClntAppOauthConfigurablePolicies")
    return {mtype: len(org.server.org.list_components(mtype)) for mtype in mtypes}


def _stopped_apply(org, guide, drop_after: int):  # type: ignore[no-untyped-def]
    plan = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
    org.server.faults.set(drop_after=drop_after)
    result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
    org.server.faults.clear()
    return result


def test_a_write_accepted_before_the_drop_is_reported_and_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        stopped = _stopped_apply(org, guide, SECOND_WRITE)
        assert stopped.error and stopped.resumable and stopped.accepted_writes == 1
        assert _parts(org)["ExternalClientApplication"] == 1  # the org has it: the report must say so
        assert [(c.target, c.setting, c.before, c.after) for c in stopped.applied] == [
            (APP, "the External Client App itself", MISSING, "created")]
        assert summary_lines(stopped)[0] == "1 change made in 1 write before the stop."
        assert f"- {APP}: the External Client App itself: (missing) → created" in result_text(stopped)
        backup = BackupStore().latest(org.facts.org_id)
        assert backup is not None and [c.setting for c in backup.changes] == ["the External Client App itself"]

        finished = apply_plan(org.connection, guide, plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"]),
                              confirmation=org.facts.name)
        assert finished.error is None and finished.backup_id == stopped.backup_id
        made = [c.setting for c in stopped.applied + finished.applied]
        assert sorted(made) == sorted(["the External Client App itself", "its OAuth scopes",
                                       "its callback URL, consumer key and secret",
                                       "its OAuth policies (permitted users, IP relaxation, refresh token)"])
        assert len(BackupStore().latest(org.facts.org_id).changes) == 4  # both runs, one backup


def test_the_plan_after_the_drop_previews_only_what_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        first = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
        _stopped_apply(org, guide, SECOND_WRITE)
        again = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
        assert [p.title for p in again.plans] == ["Finish creating the ECI app ECI_Connected_App (External Client App)"]
        step = again.plans[0]
        # the app itself exists now: no "(missing)" line for it; every setting of its missing parts is created
        assert {c.check_ids for c in step.changes} == {c.check_ids for c in first.plans[0].changes} - {c.check_ids for c in first.plans[0].changes
                                                                                                        if "eci-app.exists" in c.check_ids}
        assert all(c.current == MISSING and c.action == "create" for c in step.changes)
        assert again.change_count() == first.change_count() - 1

        done = apply_plan(org.connection, guide, again, confirmation=org.facts.name)
        assert done.error is None and done.made_writes == 3  # the three missing parts, not the app again
        assert {c.setting for c in done.applied} == {"its OAuth scopes", "its callback URL, consumer key and secret",
                                                    "its OAuth policies (permitted users, IP relaxation, refresh token)"}
        assert set(_parts(org).values()) == {1}
        failing = [r.check_id for r in verify_guide(org.connection, guide, org.facts).results
                   if r.check_id.startswith("eci_app.") and r.status in (Status.FAIL, Status.ERROR)]
        assert failing == []


def test_a_part_that_was_written_is_shown_with_its_value_not_as_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        seed_secrets(org.facts.org_id)
        stopped = _stopped_apply(org, guide, THIRD_WRITE)  # the app and its OAuth scopes are written
        assert [c.setting for c in stopped.applied] == ["the External Client App itself", "its OAuth scopes"]
        assert summary_lines(stopped)[0] == "2 changes made in 2 writes before the stop."
        again = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
        settings = [c.setting for c in again.plans[0].changes]
        assert not any("Scopes" in s for s in settings)  # written as the guide wants: nothing to change
        assert all(c.current == MISSING for c in again.plans[0].changes)  # the rest is truly missing
        done = apply_plan(org.connection, guide, again, confirmation=org.facts.name)
        assert done.error is None and done.made_writes == 2 and set(_parts(org).values()) == {1}
