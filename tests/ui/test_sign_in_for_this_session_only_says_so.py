"""A sign-in kept for this session only (no keyring) says so; the page never claims the keyring keeps it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from tests.support.memory_keyring import MemoryKeyring
from tests.ui.sign_in_page_support import shot
from tests.ui.wizard_support import signed_in


@pytest.fixture
def no_keyring(memory_keyring: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A session with no keyring service, as on a server or a desktop whose keyring is not started."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(MemoryKeyring())


def test_a_demo_sign_in_without_a_keyring_lasts_only_for_this_session(qtbot: Any, demo_org: Any, make_window: Any,
                                                                      no_keyring: None) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window)
    window.controller.go("sign-in")
    page = window.sign_in
    shot(window, "signed_in_for_this_session_only")
    assert window.controller.signed.persistent is False
    said = page.summary.text()
    assert "This sign-in lasts only for this session" in said
    assert "kept in the system keyring" not in said
    page.sign_out_button.click()  # signed out: the page speaks of sign-ins in general again
    assert "kept in the system keyring" in page.summary.text()


def test_a_sign_in_kept_in_the_keyring_says_so(qtbot: Any, demo_org: Any, make_window: Any) -> None:
    _server, window = signed_in(qtbot, demo_org, make_window)
    window.controller.go("sign-in")
    assert window.controller.signed.persistent is True
    assert "Your sign-in is kept in the system keyring, never in a file." in window.sign_in.summary.text()
