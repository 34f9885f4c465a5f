"""The demo org stopped under a window in demo mode: the sign-in ends at once, and what to do is the
window's way (open the wizard again the same way, where a new demo org starts), never a command
to type ("eci-wizard --demo").

The real window on a demo org that is stopped before the admin presses Sign in.
"""

from __future__ import annotations

from typing import Any

AT_ONCE_MS = 15_000
COMMAND_WORDS = ("eci-wizard", "--", "command")


def test_a_demo_org_that_stopped_says_to_open_the_wizard_again(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    """Before: "Close the wizard and open it again with the demo org (eci-wizard --demo, or ...)"."""
    server = demo_org("fresh")
    window = make_window(server)
    window.controller.go("sign-in")
    server.stop()  # nothing listens on its port any more: the connection is refused
    page = window.sign_in
    page.demo_radio.setChecked(True)
    page.sign_in_button.click()
    assert page.consent is not None
    qtbot.waitUntil(lambda: page.consent is None, timeout=AT_ONCE_MS)
    said = page.notice.text.text()
    assert "no longer running" in said
    assert said.endswith("\nWhat to do: Close the wizard and open it again the same way: a new demo org starts as it "
                         "opens."), said
    assert not any(words in said for words in COMMAND_WORDS), said
