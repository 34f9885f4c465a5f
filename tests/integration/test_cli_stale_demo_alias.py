"""A saved demo alias that outlived its demo org: logout forgets it, other commands say what to do.

A demo org lives as long as its process; its refresh tokens die with it and its CA bundle is
deleted when it stops. Logging out of such an alias must not try to reach it (there is nothing
to revoke, and its CA file is gone), and ``--org`` on verify/apply must name the real reason.
Every test signs in for real (loopback listener, the demo org over HTTPS), then stops the org.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from wizard.cli import main
from wizard.demo.server import DemoOrgServer
from wizard.salesforce.auth.connections import ConnectionStore
from wizard.salesforce.auth.vault import KeyringVault


@pytest.fixture
def demo_alias(demo_org: Callable[..., DemoOrgServer], demo_oauth: Any, memory_keyring: type,
               wizard_dirs: tuple[Path, Path]) -> DemoOrgServer:
    """'demo' saved with a real sign-in to a running demo org (the test stops the org)."""
    server = demo_org("fresh")
    support.sign_in_demo_alias(server, demo_oauth(server))
    return server


def _token_kept(server: DemoOrgServer) -> bool:
    return KeyringVault().load(server.org.org_id, ConnectionStore().get("demo").user_id) is not None


def _problem_files(wizard_dirs: tuple[Path, Path]) -> list[Path]:
    return sorted((wizard_dirs[1] / "problems").glob("*")) if (wizard_dirs[1] / "problems").exists() else []


def _kill_leaving_its_ca(server: DemoOrgServer, keep: Path) -> None:
    """The demo org's process ended without cleaning up (killed): its CA file is still there."""
    shutil.copy(server.ca_bundle, keep)
    store = ConnectionStore()
    store.save(store.get("demo").model_copy(update={"ca_bundle": str(keep)}))
    server.stop()


@pytest.mark.parametrize("forget", [[], ["--forget"]])
def test_logout_of_a_demo_alias_whose_org_stopped_forgets_it_in_one_sentence(
    demo_alias: DemoOrgServer, wizard_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str], forget: list[str]
) -> None:
    user_id = ConnectionStore().get("demo").user_id
    demo_alias.stop()  # deletes its CA bundle
    assert main(["orgs"]) == 0
    assert "no: its demo org stopped" in capsys.readouterr().out
    assert main(["logout", "demo", *forget]) == 0
    printed = capsys.readouterr()
    assert "demo org" in printed.out and "no longer running" in printed.out and "nothing to revoke" in printed.out
    assert printed.err == ""
    assert KeyringVault().load(demo_alias.org.org_id, user_id) is None  # the refresh token is forgotten
    assert [c.alias for c in ConnectionStore().all()] == []  # and the alias
    assert _problem_files(wizard_dirs) == []
    assert main(["orgs"]) == 0
    assert "No saved connections" in capsys.readouterr().out


def test_logout_of_a_demo_alias_whose_org_was_killed_forgets_it_too(
    demo_alias: DemoOrgServer, wizard_dirs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_id = ConnectionStore().get("demo").user_id
    _kill_leaving_its_ca(demo_alias, tmp_path / "left-behind-ca.pem")
    assert main(["logout", "demo"]) == 0
    printed = capsys.readouterr()
    assert "no longer running" in printed.out and "nothing to revoke" in printed.out
    assert KeyringVault().load(demo_alias.org.org_id, user_id) is None
    assert ConnectionStore().all() == []
    assert _problem_files(wizard_dirs) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "--guide", "aircall", "--org", "demo"],
        ["apply", "--guide", "aircall", "--org", "demo", "--dry-run"],
    ],
)
@pytest.mark.parametrize("how", ["stopped", "killed"])
def test_org_demo_after_the_demo_org_stopped_says_so_and_what_to_do(
    demo_alias: DemoOrgServer, wizard_dirs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv: list[str], how: str,
) -> None:
    if how == "stopped":
        demo_alias.stop()
    else:
        _kill_leaving_its_ca(demo_alias, tmp_path / "left-behind-ca.pem")
    assert main(argv) == 2
    printed = capsys.readouterr()
    assert "demo org" in printed.err and "no longer running" in printed.err
    assert "eci-wizard demo-org" in printed.err and "--demo" in printed.err  # what to do instead
    assert "logout demo" in printed.err  # and how to drop the dead alias
    assert "Traceback" not in printed.err and "OSError" not in printed.err and "ConnectionError" not in printed.err
    assert _problem_files(wizard_dirs) == []
    assert [c.alias for c in ConnectionStore().all()] == ["demo"]  # nothing removed behind the admin's back
