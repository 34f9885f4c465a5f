"""The voice commands refuse options they would not use as given, and read an ``ECI_WIZARD_*_URL``
variable only when its address is the one used.

An option that silently does nothing leaves the admin believing it counted: an ``--aircall-url``
beside ``--demo`` (the emulators' own address is used), a RingCentral option with ``--provider
aircall``, ``--choose`` with ``--undo``. Each is a usage error naming the options, exit 2, before
any org, emulator or provider is opened. The other way round, a mistake in a variable that an
option (or demo mode) replaces is not what the wizard uses, so it no longer stops the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from wizard.cli import main
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.emulators.scenario import ProvidersSpec

REPO = Path(__file__).resolve().parents[3]
TOKEN = "acme-aircall-token-0001"
PROXY = "https://proxy.acme.example:8443"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["aircall", "check", "--demo", "--aircall-url", PROXY], ["--aircall-url", "--demo"]),
        (["ringcentral", "check", "--demo", "--ringcentral-sandbox-url", PROXY], ["--ringcentral-sandbox-url", "--demo"]),
        (["map-users", "--provider", "aircall", "--demo", "--provider-ca-bundle", "ca.pem"], ["--provider-ca-bundle", "--demo"]),
        (["aircall", "check", "--api-id", "id1", "--ringcentral-production-url", PROXY], ["--ringcentral-production-url", "'aircall check'"]),
        (["ringcentral", "check", "--client-id", "c1", "--aircall-url", PROXY], ["--aircall-url", "'ringcentral check'"]),
        (["map-users", "--provider", "aircall", "--demo", "--client-id", "c1"], ["--client-id", "--provider aircall"]),
        (["map-users", "--provider", "aircall", "--demo", "--env", "sandbox"], ["--env", "--provider aircall"]),
        (["map-users", "--provider", "ringcentral", "--demo", "--api-id", "id1"], ["--api-id", "--provider ringcentral"]),
        (["map-users", "--provider", "aircall", "--demo", "--undo", "--apply"], ["--apply", "--undo"]),
        (["map-users", "--provider", "aircall", "--demo", "--undo", "--choose", "ada=1001"], ["--choose", "--undo"]),
        (["map-users", "--provider", "aircall", "--demo", "--undo", "--replace-mapped"], ["--replace-mapped", "--undo"]),
        (["ringcentral", "check", "--demo", "--redirect-uri", "https://dummyurl.com"], ["--redirect-uri", "without --sign-in"]),
        (["map-users", "--provider", "aircall", "--demo", "--yes"], ["--yes", "without --apply or --undo"]),
        (["map-users", "--provider", "aircall", "--demo", "--production-confirm", "Acme Demo"],
         ["--production-confirm", "without --apply or --undo"]),
        (["map-users", "--provider", "aircall", "--demo", "--apply", "--replace-mapped"], ["--replace-mapped", "without --choose"]),
    ],
)
def test_an_option_the_command_would_not_use_is_a_usage_error(
    argv: list[str], named: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "usage: eci-wizard" in err and all(name in err for name in named), err
    assert "demo org" not in err.lower()  # refused before the demo org (or anything else) started


def test_the_options_a_provider_reads_still_work_together(capsys: pytest.CaptureFixture[str]) -> None:
    """map-users --provider ringcentral with its own options is unchanged (the check stops only at the sign-in)."""
    code = main(["map-users", "--provider", "ringcentral", "--demo", "--scenario", "ringcentral-configured", "--env", "sandbox"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "RingCentral" in out


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "ECI_WIZARD_CONFIG_DIR": str(home / "config"), "ECI_WIZARD_DATA_DIR": str(home / "data"),
            "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring", **extra}


@pytest.fixture
def aircall() -> Iterator[ProviderEmulators]:
    emulators = start_provider_emulators(ProvidersSpec.model_validate(
        {"aircall": {"api_keys": [{"api_id": "acme-key-0001", "api_token": TOKEN}]}}))
    try:
        yield emulators
    finally:
        emulators.stop()


def test_a_bad_variable_the_option_replaces_does_not_stop_the_check(aircall: ProviderEmulators, tmp_path: Path) -> None:
    """ECI_WIZARD_AIRCALL_URL is wrong, but --aircall-url says where Aircall is: the check runs and passes."""
    argv = ["aircall", "check", "--api-id", "acme-key-0001", "--aircall-url", aircall.endpoints.aircall,
            "--provider-ca-bundle", str(aircall.ca_path)]
    child = pexpect.spawn(sys.executable, ["-m", "tests.support.provider_cli", *argv], cwd=str(REPO), encoding="utf-8",
                          env=_env(tmp_path, ECI_WIZARD_AIRCALL_URL="http://old-proxy.acme.example"),
                          timeout=120, dimensions=(60, 200))
    child.expect_exact("Aircall API token (hidden): ")
    child.sendline(TOKEN)
    child.expect(pexpect.EOF)
    child.close()
    text = " ".join(child.before.split())
    assert child.exitstatus == 0, text
    assert "✔ Pass Aircall API key" in " ".join(text.split()) and "ECI_WIZARD_AIRCALL_URL" not in text, text


def test_bad_variables_do_not_stop_demo_mode_whose_emulators_replace_them(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.provider_cli", "ringcentral", "check", "--demo", "--scenario", "ringcentral-configured"],
        cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240,
        env=_env(tmp_path, ECI_WIZARD_RINGCENTRAL_SANDBOX_URL="http://old-proxy.acme.example",
                 ECI_WIZARD_RINGCENTRAL_PRODUCTION_URL="https://old-proxy.acme.example:99999",
                 ECI_WIZARD_PROVIDER_CA_BUNDLE=str(tmp_path / "no-such-ca.pem")),
    )
    words = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 0, words
    assert "ECI_WIZARD_" not in words and "CA bundle" not in words


def test_a_bad_variable_is_still_refused_where_it_is_the_address_used(tmp_path: Path) -> None:
    """--ringcentral-sandbox-url replaces only the sandbox variable: the production one is used, so it is checked."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.provider_cli", "ringcentral", "check", "--client-id", "c1", "--env", "production",
         "--ringcentral-sandbox-url", PROXY],
        cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240,
        env=_env(tmp_path, ECI_WIZARD_RINGCENTRAL_SANDBOX_URL="http://old-proxy.acme.example",
                 ECI_WIZARD_RINGCENTRAL_PRODUCTION_URL="http://old-proxy.acme.example"),
    )
    words = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 2, words
    assert "the environment variable ECI_WIZARD_RINGCENTRAL_PRODUCTION_URL" in words
    assert "ECI_WIZARD_RINGCENTRAL_SANDBOX_URL" not in words
