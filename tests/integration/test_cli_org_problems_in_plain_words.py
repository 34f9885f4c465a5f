"""What the admin reads when Salesforce, AWS or the keyring says no: the wizard's sentence, with what
to do, never Salesforce's status code, a Python class name or a library's class path as the
headline, and never two full stops where the wizard's sentence follows Salesforce's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.apply.support import WITH_PACKAGES, scenario
from tests.integration.verify.support import connected
from wizard.cli import main
from wizard.salesforce.errors import explain

REPO = Path(__file__).resolve().parents[2]
LIMIT = "The org has reached its API request limit (TotalRequests Limit exceeded). Nothing was changed. Try again when"


def _by_url(org, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SF_ACCESS_TOKEN", org.connection.access_token)
    return main([*argv, "--instance-url", org.server.instance_url])


def test_the_metadata_api_out_of_requests_is_the_same_limit_as_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Metadata API refuses with a SOAP fault; its meaning (and what to do) is REST's."""
    with connected("fresh", monkeypatch) as org:
        org.server.faults.set(request_limit=0)
        with pytest.raises(Exception) as caught:
            org.connection.metadata_call(lambda sf: sf.mdapi.CustomSite.read(["VoiceConnector"]))
    explained = explain(caught.value)
    assert explained.code == "REQUEST_LIMIT_EXCEEDED" and explained.systemic
    assert explained.message.startswith(LIMIT) and "REQUEST_LIMIT_EXCEEDED" not in explained.message


def test_verify_running_out_of_requests_midway_says_the_limit_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
) -> None:
    """The org's REST reads go through, then its Metadata reads meet the limit: verify stops with
    the limit's sentence (exit 2), not "could not check" rows quoting the code twice without
    anything to do, and not exit 1, which says a setting failed."""
    with connected("aircall-configured", monkeypatch) as org:
        org.server.faults.set(request_limit=5)  # the org's facts and the REST reads take the first five
        code = _by_url(org, ["verify", "--guide", "aircall"], monkeypatch)
    printed = capsys.readouterr()
    text = printed.out + printed.err
    assert code == 2
    assert f"Could not verify the org: {LIMIT}" in text
    assert "REQUEST_LIMIT_EXCEEDED" not in text and ".." not in text


def test_the_demo_org_out_of_requests_is_said_as_the_instance_url_says_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
) -> None:
    path = scenario(tmp_path, "extends: fresh\nfaults: {request_limit: 0}\n")
    assert main(["verify", "--guide", "aircall", "--demo", "--scenario", str(path)]) == 2
    demo = capsys.readouterr().err
    assert f"- API access: {LIMIT}" in demo
    assert "REQUEST_LIMIT_EXCEEDED" not in demo and ".." not in demo and "see the error" not in demo
    with connected("fresh", monkeypatch) as org:
        org.server.faults.set(request_limit=0)
        assert _by_url(org, ["verify", "--guide", "aircall"], monkeypatch) == 2
    assert LIMIT in capsys.readouterr().err


def test_an_apply_that_stops_on_a_read_says_what_it_was_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
) -> None:
    """The app's own settings are read just before they are written; the limit met there is
    headed by what was being read, in words, not by the Metadata API's type name."""
    with connected(scenario(tmp_path, WITH_PACKAGES), monkeypatch) as org:
        org.server.faults.set(request_limit=9)  # falls on the app's read before its write (planning also reads its parts)
        code = _by_url(org, ["apply", "--guide", "natterbox", "--only", "eci_app", "--yes",
                             "--production-confirm", "Acme Demo"], monkeypatch)
    text = " ".join(capsys.readouterr().out.split())
    assert code == 2
    assert "Stopped: while reading the ECI connected app: " in text, text
    assert "ConnectedApp (read)" not in text and "Stopped: Query" not in text


def test_an_aws_endpoint_where_nothing_answers_is_said_in_words(tmp_path: Path) -> None:
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEONLY00000", "AWS_SECRET_ACCESS_KEY": "example-only",
           "ECI_WIZARD_CONFIG_DIR": str(tmp_path / "config"), "ECI_WIZARD_DATA_DIR": str(tmp_path / "data"),
           "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring"}
    env.pop("AWS_PROFILE", None)
    done = subprocess.run([sys.executable, "-m", "wizard", "aws", "check", "--region", "us-east-1",
                           "--endpoint-url", "https://127.0.0.1:1"], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    text = done.stdout + done.stderr
    assert done.returncode == 2, text
    assert "nothing answers at https://127.0.0.1:1" in text and "check the endpoint address" in text
    assert "EndpointConnectionError" not in text and "Error)" not in text


def test_no_keyring_at_sign_in_is_described_not_named_by_its_class(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "ECI_WIZARD_CONFIG_DIR": str(tmp_path / "config"), "ECI_WIZARD_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "wizard", "login", "--alias", "acme"], cwd=REPO, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    text = done.stdout + done.stderr
    assert done.returncode == 2, text
    assert "no keyring service answers in this session" in text and "GNOME Keyring" in text and "--session-only" in text
    assert "keyring.backends" not in text
