"""Coming back: closing and reopening the wizard returns to the same guide, page and org.

The reopened window reconnects with the saved sign-in (the refresh token in the keyring, here
the in-memory test keyring), lands on the page the admin left, keeps their "I've done this"
confirmations, and nothing secret is in any file the wizard wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.memory_keyring import MemoryKeyring
from tests.support.signin import files_containing
from tests.ui.wizard_support import signed_in, wait_checked
from wizard.engine.results import Status
from wizard.flow import ResumeState

pytestmark = pytest.mark.slow


def test_reopening_returns_to_the_same_guide_page_and_org(qtbot: Any, demo_org: Any, make_window: Any,
                                                          wizard_dirs: tuple[Path, Path]) -> None:
    server, first = signed_in(qtbot, demo_org, make_window)
    c = first.controller
    c.go("page:aircall-named-credential")
    first.guide_pages["aircall-named-credential"].row("aircall-nc.password").done_button.click()
    org_id, username = c.facts.org_id, c.facts.username
    access_token = c.connection.access_token
    first.resize(720, 530)  # within the offscreen screen (800 x 600): restoring clamps to it
    first.close()

    state = ResumeState.load()
    assert (state.guide_id, state.step, state.org_alias) == ("aircall", "page:aircall-named-credential", "demo")

    second = make_window(server, resize=False)
    s = second.controller
    assert s.guide is not None and s.guide.id == "aircall"
    qtbot.waitUntil(lambda: s.signed is not None, timeout=30_000)  # the saved sign-in, no consent page
    assert second.sign_in.consent is None
    assert s.facts.org_id == org_id and s.facts.username == username
    assert s.flow.current == "page:aircall-named-credential"
    assert second.stack.currentWidget() is second.guide_pages["aircall-named-credential"]
    assert "Acme Demo" in second.banner.text
    wait_checked(qtbot, second)
    password = {r.check_id: r for r in s.results("aircall-named-credential")}["aircall-nc.password"]
    assert password.status is Status.PASS and password.observed.startswith(f"confirmed by {username}")
    assert (second.width(), second.height()) == (720, 530)  # window geometry remembered

    secrets = [access_token, s.connection.access_token, *MemoryKeyring._store.values(), server.default_login[1]]
    assert len(secrets) >= 3
    assert files_containing(wizard_dirs, secrets) == []


def test_a_damaged_state_file_starts_at_welcome(qtbot: Any, demo_org: Any, make_window: Any,
                                                wizard_dirs: tuple[Path, Path]) -> None:
    config, _data = wizard_dirs
    config.mkdir(parents=True, exist_ok=True)
    (config / "wizard-state.json").write_text('{"guide_id": "no-such-guide", "step": "page:x"}')
    window = make_window(demo_org("fresh"))
    assert window.controller.flow.current == "welcome" and window.controller.guide is None


def test_reopening_during_maintenance_keeps_the_saved_sign_in(qtbot: Any, demo_org: Any, make_window: Any,
                                                              wizard_dirs: tuple[Path, Path]) -> None:
    server, first = signed_in(qtbot, demo_org, make_window)
    first.close()
    refresh_token = next(iter(MemoryKeyring._store.values()))

    server.faults.set(maintenance=True)
    second = make_window(server, restore=False)
    second.resize(4000, 860)  # wide enough for the whole sentence on the status line, which then fades
    second.controller.restore()
    qtbot.waitUntil(lambda: "Could not reconnect to demo now" in second.statusBar().currentMessage(), timeout=30_000)
    said = second.statusBar().currentMessage()
    assert "maintenance" in said and "The saved sign-in is kept" in said and "Sign in again" not in said
    assert refresh_token in MemoryKeyring._store.values()
    # The status line fades after a while; the sign-in page, where the admin is, keeps saying it.
    assert second.controller.flow.current == "sign-in"
    assert second.sign_in.notice.isVisible() and second.sign_in.notice.text.text() == said


def test_an_unreadable_state_file_is_kept_aside_and_said(qtbot: Any, demo_org: Any, make_window: Any,
                                                         wizard_dirs: tuple[Path, Path]) -> None:
    config, _data = wizard_dirs
    config.mkdir(parents=True, exist_ok=True)
    cut = '{"guide_id": "aircall", "confirmations": [{"org_id": "00D", "who": "ada@acme'  # cut off mid-write
    (config / "wizard-state.json").write_text(cut, encoding="utf-8")
    window = make_window(demo_org("fresh"), restore=False)
    window.resize(4000, 860)  # wide enough for the whole sentence on the status line, which then fades
    window.controller.restore()
    assert window.controller.flow.current == "welcome"
    qtbot.waitUntil(lambda: "saved place could not be read" in window.statusBar().currentMessage(), timeout=10_000)
    [kept] = config.glob("wizard-state.damaged-*.json")
    assert kept.read_text(encoding="utf-8") == cut and str(kept) in window.statusBar().currentMessage()
    assert window.welcome.notice.isVisible() and str(kept) in window.welcome.notice.text.text()


def test_a_damaged_connections_file_is_said_on_the_sign_in_page(qtbot: Any, demo_org: Any, make_window: Any,
                                                                wizard_dirs: tuple[Path, Path]) -> None:
    config, _data = wizard_dirs
    config.mkdir(parents=True, exist_ok=True)
    (config / "connections.json").write_text('{"version": 1, "connections": {"uat": {"org_id": ', encoding="utf-8")
    window = make_window(demo_org("fresh"))
    window.controller.choose_guide("aircall")
    window.controller.go("sign-in")
    qtbot.waitUntil(lambda: window.sign_in.isVisible(), timeout=10_000)
    said = window.sign_in.notice.text.text()
    assert f"The saved connections file {config / 'connections.json'} could not be read" in said
    assert "the wizard has not changed it" in said
    assert (config / "connections.json").read_text(encoding="utf-8").endswith('"org_id": ')
