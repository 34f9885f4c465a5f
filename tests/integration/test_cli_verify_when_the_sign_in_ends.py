"""``eci-wizard verify --org ALIAS`` when the sign-in is revoked while the org is being read.

The alias is saved by a real sign-in to the demo org. Once the command's connection is open and
preflighted, the refresh token is revoked (as a logout elsewhere, or an admin in Setup, would do):
the next read must renew the session, Salesforce refuses, and the command says so once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from wizard.cli import main
from wizard.demo.server import DemoOrgServer


@pytest.fixture
def saved_demo(demo_org: Any, demo_oauth: Any, memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> DemoOrgServer:
    server = demo_org("fresh")
    support.sign_in_demo_alias(server, demo_oauth(server), alias="demo")
    return server


@pytest.fixture
def revoked_after_the_preflight(saved_demo: DemoOrgServer) -> Iterator[None]:
    """Revoke the saved refresh token as soon as the command has renewed its session and read userinfo
    (the preflight's last request); every request waits 200 ms, so no read has gone through yet."""
    server = saved_demo
    server.faults.set(latency_ms=200)
    server.log.clear()
    with support.revoked_when(server, lambda: server.log.count("oauth") >= 2):  # the renewal, then userinfo
        yield


def test_verify_says_once_that_the_sign_in_ended(saved_demo: DemoOrgServer, revoked_after_the_preflight: None,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", "--guide", "aircall", "--org", "demo"])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert err.strip() == ("Could not verify the org: Your sign-in to Acme Demo has ended (revoked or expired): "
                           "Salesforce refused the refresh (invalid_grant: expired access/refresh token). "
                           "Sign in again: eci-wizard login --alias demo."), err
    assert "could not make sense" not in out + err
