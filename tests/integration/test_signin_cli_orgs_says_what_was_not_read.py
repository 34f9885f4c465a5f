"""``eci-wizard orgs`` never lists an org as PRODUCTION when its own record could not be read.

A user without "API Enabled" signs in to the demo org with ``eci-wizard login``'s loopback sign-in:
the alias is saved, but the Organization query was refused, so its name and environment are unknown.
The listing says so in the ENVIRONMENT column and still shows what is known (user, org id, address).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from wizard.commands import login as login_command
from wizard.salesforce.auth.connections import ConnectionStore


def test_orgs_says_the_name_and_environment_could_not_be_read(demo_org: Any, demo_oauth: Any, memory_keyring: type,
                                                              wizard_dirs: tuple[Path, Path], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    server = demo_org(str(support.without_api_access(tmp_path)))
    support.sign_in_demo_alias(server, demo_oauth(server))
    saved = ConnectionStore().get("demo")
    assert saved.org_name == ""  # the Organization query was refused
    capsys.readouterr()

    assert login_command.run_orgs(argparse.Namespace()) == 0
    out = capsys.readouterr().out
    _header, row = out.splitlines()
    assert "PRODUCTION" not in out and "unknown" not in out
    assert row.split()[0] == "demo"
    assert "name and environment could not be read (demo)" in row
    assert server.org.org_id in row and saved.username in row and server.instance_url in row
    assert row.rstrip().endswith("yes")
