"""Ctrl-C during ``eci-wizard login`` as Salesforce's answer arrives leaves no live grant behind.

The command's loopback listener exchanges the code on its own thread. Stopped by Ctrl-C while that
exchange was on its way, or after it returned while the connection check ran (before anything is
saved), the command used to say "nothing was saved" and leave: true on this computer, but the grant
lived on at Salesforce. Now the stop waits for an exchange under way and revokes what it made, and
a stop during the check revokes the grant as a failed check does. Played against the demo org over
HTTPS, slowed, with Ctrl-C at the moment the demo org's own state shows.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from tests.support.memory_keyring import MemoryKeyring
from wizard.salesforce.auth.connections import ConnectionStore
from wizard.salesforce.auth.signin import sign_in_with_loopback
from wizard.salesforce.auth.vault import KeyringVault

SLOW_MS = 2500


def _ctrl_c() -> None:
    """What the terminal does on Ctrl-C: SIGINT, taken by the main thread (where the command waits)."""
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)


@pytest.mark.parametrize("moment", ["token_in_flight", "exchanged_not_saved"])
def test_ctrl_c_as_the_answer_arrives_revokes_what_the_exchange_made(
        demo_org: Any, demo_oauth: Any, memory_keyring: type, wizard_dirs: tuple[Path, Path], moment: str) -> None:
    server = demo_org("fresh")
    target = support.demo_target(server)
    flow = target.new_flow()
    browser = support.SlowAnswerBrowser(demo_oauth(server), server, SLOW_MS)

    def ready() -> bool:
        if moment == "token_in_flight":  # the code and its verifier taken, nothing issued yet
            return flow.finished and not server.org.refresh_tokens and not server.org.sessions
        return bool(server.org.refresh_tokens) and not MemoryKeyring._store  # issued, nothing saved yet

    with support.acting_when(ready, _ctrl_c), pytest.raises(KeyboardInterrupt):
        sign_in_with_loopback(target, alias="demo", store=ConnectionStore(), vault=KeyringVault(),
                              open_url=browser.open, timeout=60, flow=flow)
    server.faults.clear()
    browser.finish()  # the listener has answered the browser: the exchange is over

    assert server.org.refresh_tokens == {}, "the grant of the stopped sign-in is still alive at the demo org"
    assert any(e.path.endswith("/services/oauth2/revoke") for e in server.log.entries())
    assert ConnectionStore().all() == [] and not MemoryKeyring._store
