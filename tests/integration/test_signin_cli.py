"""``eci-wizard login | orgs | logout`` against the demo org, and the secrets scan.

The login runs in a child process exactly as an admin runs it on a headless machine: it prints
the URL, an HTTP client plays the browser, the loopback listener receives the answer. Then
every file the sign-in wrote (config folder, data folder with the DEBUG log of every library)
and everything it printed are scanned for every token, code and password of the demo org.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import signin as support
from wizard.commands import login as login_command
from wizard.demo.server import DemoOrgServer
from wizard.salesforce.auth.errors import SignInError, SignInRequired

REPO = Path(__file__).resolve().parents[2]


def _org_secrets(server: DemoOrgServer) -> list[str]:
    """Every secret the demo org handed out or holds for this sign-in."""
    org = server.org
    with org.lock:
        found = [*org.sessions, *org.refresh_tokens, *org.auth_codes, *org.passwords.values()]
    return [s for s in found if s]


def test_cli_login_prints_no_secret_and_writes_none(demo_org: Callable[..., DemoOrgServer], demo_oauth: Any,
                                                    tmp_path: Path) -> None:
    server = demo_org("fresh")
    config, data = tmp_path / "config", tmp_path / "data"
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": support.MEMORY_KEYRING, "ECI_WIZARD_CONFIG_DIR": str(config),
           "ECI_WIZARD_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    port = support.free_port()
    command = [sys.executable, "-m", "tests.support.cli_runner", "login", "--alias", "demo",
               "--my-domain", server.instance_url, "--demo-ca", str(server.ca_bundle), "--port", str(port),
               "--timeout", "60"]
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        printed = []
        assert child.stdout is not None
        for line in child.stdout:
            printed.append(line)
            if line.strip().startswith("https://"):
                break
        url = printed[-1].strip()
        username, password = server.default_login
        page = support.play_browser(demo_oauth(server), url, username=username, password=password)
        printed += list(child.stdout)  # the same buffered reader: nothing read ahead is lost
        err = child.stderr.read() if child.stderr else ""
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    output = "".join(printed) + err
    assert child.returncode == 0, output
    assert page.status_code == 200
    assert f"http://localhost:{port}/OauthRedirect" in output
    assert "*** PRODUCTION ***" in output and "Saved as 'demo'" in output
    assert (data / "wizard.log").stat().st_size > 0  # the scan below reads a real log
    assert "connections.json" in {p.name for p in config.iterdir()}

    secrets = _org_secrets(server)
    assert len(secrets) >= 4  # access token, refresh token, code, password at least
    assert support.files_containing([config, data], secrets) == []
    assert support.texts_containing([output], secrets) == []


@pytest.fixture
def signed_in(demo_org: Callable[..., DemoOrgServer], demo_oauth: Any, memory_keyring: type,
              wizard_dirs: tuple[Path, Path]) -> DemoOrgServer:
    server = demo_org("fresh")
    support.sign_in_demo_alias(server, demo_oauth(server))
    return server


def test_orgs_lists_the_alias_with_production_marked(signed_in: DemoOrgServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert login_command.run_orgs(argparse.Namespace()) == 0
    out = capsys.readouterr().out
    assert "demo" in out and "PRODUCTION (demo)" in out and signed_in.org.org_id in out
    assert "yes" in out.splitlines()[1]


def test_connect_gives_a_working_connection(signed_in: DemoOrgServer) -> None:
    connection = login_command.connect("demo")
    assert connection.access_token in signed_in.org.sessions
    assert connection.api_version == "63.0"


def test_cli_logout_revokes_and_then_connect_asks_to_sign_in(signed_in: DemoOrgServer,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    refresh_tokens = set(signed_in.org.refresh_tokens)
    assert login_command.run_logout(argparse.Namespace(alias="demo", forget=False)) == 0
    assert "Salesforce revoked the sign-in" in capsys.readouterr().out
    assert not refresh_tokens & set(signed_in.org.refresh_tokens)
    with pytest.raises(SignInError, match="no saved connection"):
        login_command.connect("demo")
    assert login_command.run_logout(argparse.Namespace(alias="demo", forget=False)) == 2  # nothing was done
    assert "no saved connection" in capsys.readouterr().err


def test_a_saved_demo_connection_outliving_its_demo_org_asks_to_sign_in(signed_in: DemoOrgServer) -> None:
    signed_in.stop()  # removes the demo CA bundle
    with pytest.raises(SignInRequired, match="no longer running"):
        login_command.connect("demo")
