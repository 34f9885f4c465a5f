"""``eci-wizard aircall check``, ``ringcentral check`` and ``map-users`` in a child process, as an
admin runs them: demo mode, exit codes, what is printed, and secrets never taken as arguments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.integration.providers.support import AIRCALL_MAPPING as MAPPING

REPO = Path(__file__).resolve().parents[3]
DEMO_SECRETS = ("demo-only-aircall-api-token", "demo-only-ringcentral-client-secret", "demo-RingCentral-2026", "demo-Admin-2026")


def run(*argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ECI_WIZARD_CONFIG_DIR": str(home / "config"), "ECI_WIZARD_DATA_DIR": str(home / "data"),
           "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring"}
    done = subprocess.run([sys.executable, "-m", "tests.support.provider_cli", *argv], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=240)
    text = done.stdout + done.stderr
    assert not [s for s in DEMO_SECRETS if s in text], text
    return done


def test_aircall_check_in_demo_mode(tmp_path: Path) -> None:
    done = run("aircall", "check", "--demo", "--scenario", "aircall-configured", "--json", str(tmp_path / "r.json"), home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✔ Pass            Aircall API key (API ID and API Token)" in done.stdout
    assert "Username: your Aircall API ID" in done.stdout
    assert '"check_id": "aircall.api-key"' in (tmp_path / "r.json").read_text()


def test_aircall_check_without_a_token_asks_for_a_terminal(tmp_path: Path) -> None:
    done = run("aircall", "check", "--api-id", "my-real-api-id", home=tmp_path)
    assert done.returncode == 2
    assert "never taken as arguments" in done.stdout and "hidden" in done.stdout


def test_ringcentral_check_with_sign_in_in_demo_mode(tmp_path: Path) -> None:
    done = run("ringcentral", "check", "--env", "sandbox", "--sign-in", "--demo", "--scenario", "ringcentral-configured", home=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "token scope: CallControl ReadAccounts ReadCallLog ReadCallRecording ReadMessages SubscriptionWebhook" in done.stdout
    assert "✔ Pass            OAuth Redirect URI of the RingCentral app" in done.stdout
    assert "✋ Manual step     RingCentral app graduated to production" in done.stdout


def test_ringcentral_check_of_a_sandbox_app_against_production_fails(tmp_path: Path) -> None:
    done = run("ringcentral", "check", "--env", "production", "--demo", "--scenario", "ringcentral-configured", home=tmp_path)
    assert done.returncode == 1, done.stdout
    assert "does not know the client ID" in done.stdout and "choose that environment instead" in done.stdout
    assert "These are the sandbox addresses, but you chose production." in done.stdout


def test_map_users_apply_needs_the_production_name(tmp_path: Path) -> None:
    path = MAPPING
    refused = run("map-users", "--provider", "aircall", "--demo", "--scenario", str(path), "--apply", "--yes", home=tmp_path)
    assert refused.returncode == 2 and "production org" in refused.stderr
    assert "0 change(s)" not in refused.stdout and "Backup:" not in refused.stdout

    done = run("map-users", "--provider", "aircall", "--demo", "--scenario", str(path), "--apply", "--yes",
               "--choose", "rita.rep@acme-demo.example=1003", "--production-confirm", "Acme Demo", home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Rita Rep <rita.rep@acme-demo.example>: several users have this e-mail" in done.stdout
    assert "Mo Missing <mo.missing@acme-demo.example>: no Aircall user has this e-mail" in done.stdout
    assert "3 change(s) made in 1 write(s)." in done.stdout
    assert "undo with 'eci-wizard map-users --provider aircall --undo'" in done.stdout
    assert "3 of 4 ECI users have an identifier" in done.stdout


def test_map_users_needs_an_org(tmp_path: Path) -> None:
    done = run("map-users", "--provider", "aircall", "--api-id", "x", home=tmp_path)
    assert done.returncode == 2 and "Say which org to use" in done.stdout
