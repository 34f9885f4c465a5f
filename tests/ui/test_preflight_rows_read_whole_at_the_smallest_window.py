"""The connection preflight at the window's smallest size (1024×700): every permission's name and
its reason read whole, in lines of several words.

The names column used to take the width of its longest name on one line, so a long permission-set
name (or larger text) left the reasons ("Needed for turning on ECI and changing its settings…") a
strip one or two words wide. Names now wrap within their share of the row and the reason has the
rest. Measured on the real sign-in page after a sign-in to the demo org whose administrator lacks
Customize Application, at the usual text size and at one and a half times it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.scenarios import derive_scenario
from tests.ui.wizard_support import sign_in_demo, wait_checked
from wizard.demo.scenario import scenario_path
from wizard.engine.results import Status
from wizard.engine.run_record import PreflightItem

pytestmark = pytest.mark.slow

#: A permission set's name as long as some packages' are, with its reason.
LONG_NAME = PreflightItem(name="Permission set: Conversation Insights Integration User for the Voice Connector",
                          status=Status.WARN, observed="not assigned",
                          message="Needed for the integration user to read call recordings. Ask your Salesforce "
                                  "administrator to assign it.")


@pytest.fixture(params=[1.0, 1.5], ids=["usual text", "larger text"])
def text_size(request: Any) -> Iterator[float]:
    """The application's text at this size while the test runs (put back afterwards)."""
    app = QApplication.instance()
    before = app.font()
    larger = app.font()
    larger.setPointSizeF(before.pointSizeF() * request.param)
    app.setFont(larger)
    yield request.param
    app.setFont(before)


def _lacking_customize_application(folder: Path) -> str:
    profiles = yaml.safe_load(scenario_path("fresh").read_text(encoding="utf-8"))["profiles"]
    profiles[0]["permissions"]["CustomizeApplication"] = False  # the signed-in administrator's profile
    return str(derive_scenario(folder, "no-customize-application", {"profiles": profiles}))


def test_every_preflight_name_and_reason_reads_whole_at_1024x700(qtbot: Any, demo_org: Any, make_window: Any,
                                                                  tmp_path: Path, text_size: float) -> None:
    server = demo_org(_lacking_customize_application(tmp_path))
    window = make_window(server)
    window.resize(1024, 700)
    window.controller.choose_guide("aircall")
    sign_in_demo(qtbot, window, server)
    wait_checked(qtbot, window)
    window.controller.go("sign-in")
    view = window.sign_in.preflight
    items = [*window.controller.signed.preflight.items, LONG_NAME]
    view.show_items(items)
    qtbot.wait(200)
    assert window.width() == 1024
    view.grab().save("/tmp/preflight.png")
    customize = next(i for i in items if i.name == "Permission: Customize Application")
    assert customize.status == Status.WARN and customize.message.startswith("Needed for turning on ECI")

    for row, item in enumerate(items):
        name, finding = (view.grid.itemAtPosition(row, column).widget() for column in (1, 2))
        assert isinstance(name, QLabel) and isinstance(finding, QLabel)
        shown = item.observed + (f"\n{item.message}" if item.message else "")
        assert (name.text(), finding.text()) == (item.name, shown)  # whole, never shortened
        for part in (name, finding):
            assert part.wordWrap()
            # Every wrapped line is drawn: the label is as tall as its text needs at its width.
            assert part.height() >= part.heightForWidth(part.width()), (item.name, part.text())
        # The reason, the longer text, reads in lines of several words: never narrower than the name.
        assert finding.width() >= name.width(), (item.name, name.width(), finding.width())
        # A screen reader reads each whole too: the name on its own, the finding with its name.
        assert name.accessibleName() == item.name and finding.accessibleName() == f"{item.name}: {shown}"
    right = view.mapTo(window, view.rect().topRight()).x()
    assert right < window.width()  # the card ends inside the window: nothing is cut at its right edge
