"""Undo tells a later hand edit from the fix's own write by Salesforce's dates, not this computer's
clock: right after the apply the touched components' dates are kept in the backup, and undo
compares Salesforce's date then with Salesforce's date now.

A clock that is off is played by moving the times the wizard recorded with it (the backup's own
times and its file's modification time) by an hour, as a computer an hour behind or ahead would
have written them.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.integration.apply.support import WITH_PACKAGES, inactive_site, scenario, seed_secrets
from tests.integration.apply.test_cli_undo import run
from tests.integration.verify.support import connected
from wizard.apply import component_dates
from wizard.apply.backup import Backup, BackupStore
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.preview import undo_text
from wizard.apply.undo import LaterChanges, undo_last
from wizard.guides.loader import load_guide

APP = "ExternalClientApplication"
ORG_ID = "00D5g000004AcmeEAA"
#: An org whose listMetadata refuses the External Client App's own type for this user.
APP_NOT_LISTED = WITH_PACKAGES + """
behaviours:
  unlisted_metadata_types: [ExternalClientApplication]
"""


def _fix(org: Any, *fixes: str) -> Backup:
    """Apply these fixes of the aircall guide; returns their backup."""
    guide = load_guide("aircall")
    seed_secrets(org.facts.org_id)
    plan = plan_guide(org.connection, guide, org.facts, only_fixes=list(fixes))
    result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
    assert result.error is None and result.backup_id
    backup = BackupStore().latest(org.facts.org_id)
    assert backup is not None and backup.id == result.backup_id
    return backup


def _move_the_clock(backup: Backup, by: timedelta) -> None:
    """Rewrite the times the wizard took from this computer's clock as a clock `by` off would have."""
    store = BackupStore()
    backup.started += by
    if backup.finished is not None:
        backup.finished += by
    backup.changes = [c.model_copy(update={"at": c.at + by}) for c in backup.changes]
    path = store.save(backup)
    moved = path.stat().st_mtime + by.total_seconds()
    os.utime(path, (moved, moved))


def _metadata(org: Any, call: Any) -> Any:
    return org.connection.metadata_call(call)


def _app_name(org: Any) -> str:
    [name] = [c["fullName"] for c in org.server.org.list_components(APP)]
    return name


def test_the_apply_keeps_salesforces_date_of_each_component_it_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with connected(scenario(tmp_path), monkeypatch) as org:
        backup = _fix(org, "eci_app")
        name = _app_name(org)
        listed = component_dates.list_components(org.connection, [APP])
        assert backup.stamps[component_dates.key(APP, name)] == listed.found[(APP, name)].at
        touched = {(e.type, e.name) for e in backup.entries if e.api == "metadata"}
        assert {component_dates.key(t, n) for t, n in touched} == set(backup.stamps)


def test_a_clock_behind_salesforce_does_not_take_the_fix_for_a_later_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        backup = _fix(org, "eci_app")
        name = _app_name(org)
        _move_the_clock(backup, -timedelta(hours=1))
        undone = undo_last(org.connection, org.facts, guide)  # no LaterChanges: the only write was the fix's
        assert f"{APP} {name}" in undone.removed and not undone.notes
        assert org.server.org.get_component(APP, name) is None


def test_a_clock_ahead_of_salesforce_still_sees_a_later_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        backup = _fix(org, "eci_app")
        name = _app_name(org)
        _move_the_clock(backup, timedelta(hours=1))
        time.sleep(1.1)  # Salesforce keeps whole seconds: the hand edit comes in a later one

        def edit(sf: Any) -> Any:
            app = sf.mdapi.ExternalClientApplication.read(name)
            app.description = "Edited by hand after the fix"
            return sf.mdapi.ExternalClientApplication.update(app)

        _metadata(org, edit)
        with pytest.raises(LaterChanges) as raised:
            undo_last(org.connection, org.facts, guide)
        assert [c.label for c in raised.value.changes] == [f"{APP} {name}"]
        assert org.server.org.get_component(APP, name)["description"] == "Edited by hand after the fix"


def test_a_component_deleted_by_hand_after_the_fix_is_named_and_not_created_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path, inactive_site()), monkeypatch) as org:
        _fix(org, "site")
        assert org.server.org.get_component("CustomSite", "VoiceConnector")["active"] is True
        _metadata(org, lambda sf: sf.mdapi.CustomSite.delete("VoiceConnector"))
        writes = len(org.server.log.writes())
        with pytest.raises(LaterChanges) as raised:
            undo_last(org.connection, org.facts, guide)
        assert "CustomSite VoiceConnector (deleted after the fix)" in str(raised.value)
        assert len(org.server.log.writes()) == writes
        assert org.server.org.get_component("CustomSite", "VoiceConnector") is None


def test_undo_names_what_salesforce_would_not_list_and_so_could_not_compare(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each ``--demo`` run starts a new demo org, so the app the apply created is not there for the
    undo: the result says so, and does not claim it was put back."""
    seed_secrets(ORG_ID)
    file = str(scenario(tmp_path, APP_NOT_LISTED))
    confirm = ["--production-confirm", "Acme Demo"]
    assert run("apply", "--guide", "aircall", "--demo", "--scenario", file, "--only", "eci_app", *confirm) == 0
    capsys.readouterr()
    assert run("undo", "--demo", "--scenario", file, *confirm) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ("! Salesforce would not list ExternalClientApplication ECI_Connected_App for your user, so the wizard could "
            "not tell whether it was changed after the fix. ExternalClientApplication ECI_Connected_App was already "
            "gone, so undo had nothing to remove.") in out
    assert "put back" not in out


def test_an_unlisted_app_the_fix_created_is_said_to_be_removed_not_put_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo removes a component the fix created; for one it could not compare, its result says
    that (and that a later edit went with it), not that it was put back as before the fix."""
    guide = load_guide("aircall")
    with connected(scenario(tmp_path, APP_NOT_LISTED), monkeypatch) as org:
        _fix(org, "eci_app")
        name = _app_name(org)
        undone = undo_last(org.connection, org.facts, guide)
        assert f"{APP} {name}" in undone.removed and f"{APP} {name}" not in undone.restored
        assert org.server.org.get_component(APP, name) is None
        said = " ".join(undo_text(undone).split())
        assert (f"! Salesforce would not list {APP} {name} for your user, so the wizard could not tell whether it was "
                f"changed after the fix. {APP} {name} was removed, because the fix had created it; any change made "
                "to it after the fix went with it.") in said
        [note] = [n for n in undone.notes if n.startswith("Salesforce would not list")]
        assert "put back" not in note


def test_an_unlisted_site_the_fix_changed_is_said_to_be_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A component that existed before the fix is put back; the result says so, and to look at it
    in Setup, since a later edit of it could not be seen and was overwritten."""
    guide = load_guide("aircall")
    site_not_listed = inactive_site() + """
behaviours:
  unlisted_metadata_types: [CustomSite]
"""
    with connected(scenario(tmp_path, site_not_listed), monkeypatch) as org:
        _fix(org, "site")
        undone = undo_last(org.connection, org.facts, guide)
        assert "CustomSite VoiceConnector" in undone.restored
        assert org.server.org.get_component("CustomSite", "VoiceConnector")["active"] is False
        said = " ".join(undo_text(undone).split())
        assert ("! Salesforce would not list CustomSite VoiceConnector for your user, so the wizard could not tell "
                "whether it was changed after the fix. CustomSite VoiceConnector was put back as it was before the "
                "fix, which overwrote any change made to it after the fix; check it in Setup if someone may have "
                "edited it since.") in said
        [note] = [n for n in undone.notes if n.startswith("Salesforce would not list")]
        assert "removed" not in note


def test_an_auth_provider_edited_by_hand_after_the_fix_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The auth provider is written as a record (REST), but it is a Setup component too: Salesforce
    lists it with its date, so a later edit is found like that of any component."""
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        backup = _fix(org, "eci_app", "auth_provider")
        assert component_dates.key("AuthProvider", "ECI_Auth_Provider") in backup.stamps
        time.sleep(1.1)  # Salesforce keeps whole seconds: the hand edit comes in a later one
        [row] = org.connection.call(lambda sf: sf.query("SELECT Id FROM AuthProvider WHERE DeveloperName = 'ECI_Auth_Provider'"))["records"]
        org.connection.call(lambda sf: sf.AuthProvider.update(row["Id"], {"FriendlyName": "Edited by hand"}))
        with pytest.raises(LaterChanges) as raised:
            undo_last(org.connection, org.facts, guide)
        assert [c.label for c in raised.value.changes] == ["AuthProvider ECI_Auth_Provider"]  # the app is unchanged
