"""``eci-wizard demo-org`` in its own process, used by a client that knows only what it printed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest
import requests

REPO = Path(__file__).resolve().parents[3]


class PrintedOrg:
    """The running command and the ``KEY=value`` lines it printed."""

    def __init__(self, process: subprocess.Popen[str], values: dict[str, str]) -> None:
        self.process = process
        self.values = values


def start_command(*extra: str) -> PrintedOrg:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard", "demo-org", "--scenario", "fresh", "--port", "0", *extra],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    values: dict[str, str] = {}
    done = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("#") and "Ctrl-C" in line:
                break
            if "=" in line and not line.startswith("#"):
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value
        done.set()

    threading.Thread(target=read, daemon=True).start()
    if not done.wait(30):
        process.kill()
        pytest.fail(f"demo-org printed no banner within 30 s: {process.stderr.read() if process.stderr else ''}")
    return PrintedOrg(process, values)


@pytest.fixture
def printed() -> Iterator[PrintedOrg]:
    org = start_command("--print-token")
    yield org
    if org.process.poll() is None:
        org.process.terminate()  # SIGTERM: the command stops cleanly and removes its files
        try:
            org.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            org.process.kill()
            org.process.communicate(timeout=10)


def test_a_client_knowing_only_the_printed_url_and_ca_can_use_the_org(printed: PrintedOrg) -> None:
    url, ca = printed.values["INSTANCE_URL"], printed.values["CA_PATH"]
    assert url.startswith("https://127.0.0.1:")
    client = requests.Session()
    # Only the demo CA: the system CAs are not needed to trust the org.
    page = client.get(f"{url}/services/oauth2/authorize", verify=ca, params={
        "response_type": "code", "client_id": "PlatformCLI", "redirect_uri": "http://localhost:1717/OauthRedirect",
        "code_challenge": "x" * 43,
    })
    assert page.status_code == 200 and 'id="username"' in page.text
    token = printed.values["ACCESS_TOKEN"]
    info = client.get(f"{url}/services/oauth2/userinfo", headers={"Authorization": f"Bearer {token}"}, verify=ca)
    assert info.status_code == 200
    assert info.json()["preferred_username"] == printed.values["USERNAME"]
    login = client.post(f"{url}/login", data={"username": printed.values["USERNAME"], "password": printed.values["PASSWORD"],
                                              "startURL": "/lightning/setup/ManageUsers/home"}, verify=ca)
    assert "Setup › Users" in login.text, "the printed password signs in"
    with pytest.raises(requests.exceptions.SSLError):  # and without the demo CA, TLS fails as it should
        requests.get(f"{url}/services/oauth2/userinfo", verify=certifi.where(), timeout=10)


def test_the_printed_token_works_with_simple_salesforce(printed: PrintedOrg) -> None:
    pytest.importorskip("wizard.demo.rest_api", reason="the REST handler is not built yet")
    from simple_salesforce import Salesforce

    from wizard.salesforce.http import make_session

    session = make_session(printed.values["CA_BUNDLE"])
    sf = Salesforce(instance_url=printed.values["INSTANCE_URL"], session_id=printed.values["ACCESS_TOKEN"], session=session)
    assert sf.query("SELECT Name FROM Organization")["records"][0]["Name"] == "Acme Demo"


def test_sigterm_and_sigint_stop_it_cleanly(printed: PrintedOrg) -> None:
    ca = Path(printed.values["CA_PATH"])
    assert ca.is_file()
    printed.process.send_signal(signal.SIGTERM)
    out, err = printed.process.communicate(timeout=15)
    assert printed.process.returncode == 0, err
    assert "Demo org stopped." in out
    assert not ca.exists(), "the certificate files are removed"
    other = start_command()
    other.process.send_signal(signal.SIGINT)
    out, err = other.process.communicate(timeout=15)
    assert other.process.returncode == 0, err
    assert "Traceback" not in err


def test_a_broken_scenario_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("organization: {name: X, sandbox: perhaps}\n")
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "demo-org", "--scenario", str(bad)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert str(bad) in result.stderr
    assert "organization.sandbox: expected true or false, found the text 'perhaps'" in result.stderr
