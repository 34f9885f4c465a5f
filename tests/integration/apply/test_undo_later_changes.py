"""Undo after the admin changed the fixed ECI app by hand: the edit is named (what, when, by whom)
and kept unless overwriting it is agreed to separately; --yes alone never throws it away."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.integration.apply.support import scenario, seed_secrets
from tests.integration.apply.test_cli_undo import _backups, run
from tests.integration.verify.support import connected
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.undo import LaterChanges, undo_last
from wizard.guides.loader import load_guide

APP = "ExternalClientApplication"


def _fix_the_eci_app(org: Any) -> str:
    """Apply only the aircall guide's ECI app fix; returns the created app's name."""
    guide = load_guide("aircall")
    seed_secrets(org.facts.org_id)
    plan = plan_guide(org.connection, guide, org.facts, only_fixes=["eci_app"])
    result = apply_plan(org.connection, guide, plan, confirmation=org.facts.name)
    assert result.error is None
    [name] = [c["fullName"] for c in org.server.org.list_components(APP)]
    time.sleep(1.1)  # Salesforce keeps whole seconds: the hand edit comes in a later one
    return name


def _edit_by_hand(org: Any, name: str, description: str) -> None:
    """What an admin does after the fix: change the app's description through the Metadata API."""

    def call(sf: Any) -> Any:
        app = sf.mdapi.ExternalClientApplication.read(name)
        app.description = description
        return sf.mdapi.ExternalClientApplication.update(app)

    org.connection.metadata_call(call)


def test_undo_names_an_app_edited_after_the_fix_and_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        name = _fix_the_eci_app(org)
        _edit_by_hand(org, name, "Edited by hand after the fix")
        writes = len(org.server.log.writes())
        with pytest.raises(LaterChanges) as raised:
            undo_last(org.connection, org.facts, guide)
        text = str(raised.value)
        assert text.startswith("Nothing was undone.")
        assert f"{APP} {name} (changed " in text and " UTC by " in text
        assert [c.label for c in raised.value.changes] == [f"{APP} {name}"]
        assert len(org.server.log.writes()) == writes  # nothing written
        assert org.server.org.get_component(APP, name)["description"] == "Edited by hand after the fix"

        # Agreeing to exactly that change lets the undo go ahead.
        undone = undo_last(org.connection, org.facts, guide, overwrite=raised.value.changes)
        assert f"{APP} {name}" in undone.removed
        assert any(n.startswith("Overwritten as you agreed, though changed after the fix: ") for n in undone.notes)
        assert org.server.org.get_component(APP, name) is None


def test_an_undo_right_after_the_fix_asks_nothing_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("aircall")
    with connected(scenario(tmp_path), monkeypatch) as org:
        name = _fix_the_eci_app(org)
        undone = undo_last(org.connection, org.facts, guide)
        assert f"{APP} {name}" in undone.removed and not undone.notes


def test_cli_undo_with_yes_refuses_to_overwrite_a_later_edit(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with connected(scenario(tmp_path), monkeypatch) as org:
        name = _fix_the_eci_app(org)
        _edit_by_hand(org, name, "Edited by hand after the fix")
        monkeypatch.setenv("SF_ACCESS_TOKEN", org.connection.access_token)
        target = ["--instance-url", org.server.instance_url, "--production-confirm", "Acme Demo", "--yes"]
        capsys.readouterr()
        assert run("undo", *target) == 2
        err = capsys.readouterr().err
        assert "Nothing was undone." in err and f"{APP} {name} (changed " in err
        assert "undo the rest of the fix by hand in Setup" in err
        assert org.server.org.get_component(APP, name)["description"] == "Edited by hand after the fix"
        assert [b["status"] for b in _backups(data_dir).values()] == ["complete"]
        assert "run the same command with --overwrite-later-changes" in err

        # Asked for by name, the undo puts everything back, the later edit included, and says so.
        assert run("undo", *target, "--overwrite-later-changes") == 0
        out = capsys.readouterr().out
        assert org.server.org.get_component(APP, name) is None, out
        assert [b["status"] for b in _backups(data_dir).values()] == ["undone"]
