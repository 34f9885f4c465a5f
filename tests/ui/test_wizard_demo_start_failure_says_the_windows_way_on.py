"""A demo org that cannot start (here: a scenario file that is not there) says what went wrong and
the window's way on: open the wizard again the way it was opened, where the demo org starts. It
never names a command-line option ("--scenario"): the window has none to offer.

The real window, opened in demo mode with that scenario, as the admin would have opened it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

COMMAND_WORDS = ("--", "eci-wizard", "command")


@pytest.fixture
def window_with_a_missing_scenario(qtbot: Any, memory_keyring: type, wizard_dirs: tuple[Path, Path],
                                   tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """(window, scenario path): the window in demo mode, its scenario file not there; closed at teardown."""
    from wizard.app import application, build_window, release

    missing = tmp_path / "acme.yaml"
    application()
    window = build_window(demo=True, scenario=str(missing))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    try:
        yield window, missing
    finally:
        qtbot.waitUntil(lambda: not window.controller.tasks.is_running("demo"), timeout=60_000)
        release(window)


def test_a_demo_org_that_cannot_start_says_to_open_the_wizard_again(qtbot: Any, window_with_a_missing_scenario: Any) -> None:
    """Before: "... Check the --scenario file, then start the wizard again."."""
    window, missing = window_with_a_missing_scenario
    c = window.controller
    with qtbot.waitSignal(c.check_failed, timeout=60_000) as said:
        c.restore()  # starts the demo org once the window has painted
    text = said.args[0]
    assert text.startswith(f"The demo org could not start: The demo org scenario {missing} cannot be loaded"), text
    assert "the file does not exist" in text
    assert text.endswith("To try again, close the wizard and open it again the same way: the demo org starts as the "
                         "wizard opens."), text
    assert not any(words in text for words in COMMAND_WORDS), text
    shown = window.stack.currentWidget()
    assert shown.notice.text.text() == text  # on the page the admin is on, in full
    assert c.demo_server is None
