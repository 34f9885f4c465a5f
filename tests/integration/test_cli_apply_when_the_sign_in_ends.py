"""``eci-wizard apply --org ALIAS`` when the sign-in is revoked after the first write.

The next request must renew the session and Salesforce refuses: the apply stops at once (no
further writes, no roll-back attempt that could only fail too), says the sign-in ended, lists
what was written before, keeps the backup and says how to finish once signed in again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.apply.support import seed_secrets
from tests.support import signin as support
from wizard.cli import main
from wizard.demo.server import DemoOrgServer


@pytest.fixture
def saved_demo(demo_org: Any, demo_oauth: Any, memory_keyring: type, wizard_dirs: tuple[Path, Path]) -> DemoOrgServer:
    server = demo_org("fresh")
    support.sign_in_demo_alias(server, demo_oauth(server), alias="demo")
    seed_secrets(str(server.org.organization["Id"]))
    return server


@pytest.fixture
def revoked_after_the_first_write(saved_demo: DemoOrgServer) -> Iterator[None]:
    """Revoke the saved refresh token and end the session once the first write has been answered."""
    server = saved_demo
    server.faults.set(latency_ms=100)
    server.log.clear()

    def written() -> bool:
        return any(not e.path.rstrip("/").endswith(("/composite/batch", "/tooling/composite")) for e in server.log.writes())

    with support.revoked_when(server, written, end_session=True):
        yield


def test_apply_stops_once_and_says_the_sign_in_ended(saved_demo: DemoOrgServer, revoked_after_the_first_write: None,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["apply", "--guide", "aircall", "--org", "demo", "--production-confirm", "Acme Demo"])
    out, err = capsys.readouterr()
    said = " ".join((out + err).split())
    assert code == 1, said
    assert "Your sign-in has ended (revoked or expired), so nothing more could be written" in said
    assert "Sign in again, then apply again: it reads what is already there and finishes the rest" in said
    assert "before the stop" in said and "Backup:" in said
    assert "Salesforce refused the change" not in said and "Salesforce said: SIGN_IN" not in said
    assert "could not make sense" not in said
