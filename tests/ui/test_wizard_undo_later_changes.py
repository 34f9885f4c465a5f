""""Undo the last fix" in the window after the admin changed the fixed ECI app by hand: a second,
separate question names the change (what, when, by whom); "Keep them" leaves the org as it is."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.wizard_support import signed_in, when_shown
from wizard.apply.door import apply_plan, plan_guide
from wizard.apply.session import FixSession

pytestmark = pytest.mark.slow

APP = "ExternalClientApplication"


def test_undo_asks_again_before_overwriting_an_app_edited_after_the_fix(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    server, window = signed_in(qtbot, demo_org, make_window)  # the aircall guide on a fresh org, checked
    c = window.controller
    session = FixSession(c.connection, c.guide, c.facts)
    eci_only = plan_guide_only(session)
    assert apply_plan(c.connection, c.guide, eci_only, confirmation=c.facts.name).error is None
    [name] = [comp["fullName"] for comp in server.org.list_components(APP)]
    time.sleep(1.1)  # Salesforce keeps whole seconds: the hand edit comes in a later one

    def edit(sf: Any) -> Any:
        app = sf.mdapi.ExternalClientApplication.read(name)
        app.description = "Edited by hand after the fix"
        return sf.mdapi.ExternalClientApplication.update(app)

    c.connection.metadata_call(edit)
    writes = len(server.log.writes())
    asked: list[str] = []

    def first(box: QMessageBox) -> None:
        asked.append(box.text())
        when_shown(QMessageBox, second_question)
        box.button(QMessageBox.StandardButton.Yes).click()

    def second_question(box: QMessageBox) -> None:
        if box.text() == asked[0]:  # still the first one, closing
            when_shown(QMessageBox, second_question)
            return
        asked.append(box.text())
        asked.append(box.defaultButton().text())
        box.button(QMessageBox.StandardButton.No).click()

    when_shown(QMessageBox, first)
    notices: list[str] = []
    c.notice.connect(notices.append)
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: any(n.startswith("Nothing was undone.") for n in notices), timeout=60_000)
    assert "you are asked separately before that later change is overwritten" in asked[0]
    assert "backed up first" not in asked[0]  # undo keeps no copy of the org as it is now
    assert f"• {APP} {name} (changed " in asked[1] and " UTC by " in asked[1]
    assert asked[2] == "Keep them"  # the default: nothing is lost by pressing Enter
    [kept] = [n for n in notices if n.startswith("Nothing was undone.")]
    assert "They were kept." in kept
    assert len(server.log.writes()) == writes
    assert server.org.get_component(APP, name)["description"] == "Edited by hand after the fix"


def plan_guide_only(session: Any) -> Any:
    """The plan of the ECI app fix alone, as ``apply --only eci_app`` makes it."""
    return plan_guide(session.connection, session.guide, session.facts, session.inputs, session.secrets, only_fixes=["eci_app"])


def test_the_undo_notice_names_what_salesforce_would_not_list(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """The undo's result notes reach the window: a component undo could not compare is named there,
    with what undo did with it (removed, since the fix had created it; not "put back")."""
    server, window = signed_in(qtbot, demo_org, make_window)
    c = window.controller
    session = FixSession(c.connection, c.guide, c.facts)
    assert apply_plan(c.connection, c.guide, plan_guide_only(session), confirmation=c.facts.name).error is None
    [name] = [comp["fullName"] for comp in server.org.list_components(APP)]
    server.org.behaviours["unlisted_metadata_types"] = [APP]  # as for a user who may not list that type
    when_shown(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    notices: list[str] = []
    c.notice.connect(notices.append)
    c.fixer.undo_last(window, c)
    qtbot.waitUntil(lambda: any(n.startswith("Undone:") for n in notices), timeout=60_000)
    [said] = [n for n in notices if n.startswith("Undone:")]
    assert f"{APP} {name}" in said.split(".")[0]  # removed, as the fix had created it
    assert (f"Salesforce would not list {APP} {name} for your user, so the wizard could not tell whether it was changed "
            f"after the fix. {APP} {name} was removed, because the fix had created it; any change made to it after the "
            "fix went with it.") in said
    assert "put back" not in said
