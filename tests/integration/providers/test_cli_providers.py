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
    flat = " ".join(done.stdout.split())  # said once now (observed), wherever the terminal wraps it
    assert "does not know the client ID" in flat and "choose that environment instead" in flat
    assert "These are the sandbox addresses, but you chose production." in flat


def test_map_users_apply_needs_the_production_name(tmp_path: Path) -> None:
    # An org with one id across runs, as a real org is, so the backup lasts and undo is offered.
    path = tmp_path / "mapping.yaml"
    path.write_text(MAPPING.read_text(encoding="utf-8") + "organization:\n  id: 00D5g000004MapsEAA\n", encoding="utf-8")
    refused = run("map-users", "--provider", "aircall", "--demo", "--scenario", str(path), "--apply", "--yes", home=tmp_path)
    assert refused.returncode == 2 and "production org" in refused.stderr
    assert "0 change(s)" not in refused.stdout and "Backup:" not in refused.stdout

    done = run("map-users", "--provider", "aircall", "--demo", "--scenario", str(path), "--apply", "--yes",
               "--choose", "rita.rep@acme-demo.example=1003", "--production-confirm", "Acme Demo", home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Rita Rep <rita.rep@acme-demo.example>: several users have this e-mail" in done.stdout
    assert "Mo Missing <mo.missing@acme-demo.example>: no Aircall user has this e-mail" in done.stdout
    assert "3 changes made in 1 write." in done.stdout
    assert "undo with 'eci-wizard map-users --provider aircall --undo'" in done.stdout
    assert "3 of 4 ECI users have an identifier" in done.stdout


def test_map_users_needs_an_org(tmp_path: Path) -> None:
    done = run("map-users", "--provider", "aircall", "--api-id", "x", home=tmp_path)
    assert done.returncode == 2 and "Say which org to use" in done.stdout


def test_map_users_refuses_an_identifier_that_names_no_provider_user(tmp_path: Path) -> None:
    demo = ["--demo", "--scenario", "aircall-configured", "--apply", "--yes", "--production-confirm", "Acme Demo"]
    made_up = run("map-users", "--provider", "aircall", *demo, "--choose", "admin@acme-demo.example=9999", home=tmp_path)
    assert made_up.returncode == 2, made_up.stdout  # once written over Ada's correct 1001, and the re-check said Pass
    assert "--choose 'admin@acme-demo.example=9999': Aircall has no user with the id '9999'" in made_up.stdout
    assert "1001 (Ada Admin, admin@acme-demo.example), with the same e-mail, or another: 1002 (Sam Seller" in made_up.stdout
    assert "Nothing was changed." in made_up.stdout and "Plan for" not in made_up.stdout and " made in " not in made_up.stdout

    someone_else = run("map-users", "--provider", "aircall", *demo, "--choose", "admin@acme-demo.example=1002", home=tmp_path)
    assert someone_else.returncode == 2 and "Ada Admin is already mapped to 1001" in someone_else.stdout
    assert "Add --replace-mapped to replace it anyway" in someone_else.stdout and " made in " not in someone_else.stdout

    shared = run("map-users", "--provider", "aircall", *demo, "--choose", "admin@acme-demo.example=1002", "--replace-mapped", home=tmp_path)
    assert shared.returncode == 2, shared.stdout  # Sam Seller holds 1002: two people, one Aircall user
    assert "More than one person holds the same Aircall user: 1002 by Ada Admin, Sam Seller" in shared.stdout
    assert " made in " not in shared.stdout

    swap = ["--choose", "admin@acme-demo.example=1002", "--choose", "sam.seller@acme-demo.example=1001", "--replace-mapped"]
    meant = run("map-users", "--provider", "aircall", *demo, *swap, home=tmp_path)
    assert meant.returncode == 0, meant.stdout + meant.stderr
    assert "Aircall User Identifier of Ada Admin (admin@acme-demo.example): 1001 → 1002" in meant.stdout
    assert "Replaces a match by e-mail: Ada Admin's Aircall User Identifier 1001 names Ada Admin" in meant.stdout
    assert "2 changes made" in meant.stdout


def test_map_users_refuses_a_ringcentral_id_that_names_no_extension(tmp_path: Path) -> None:
    done = run("map-users", "--provider", "ringcentral", "--demo", "--scenario", "ringcentral-configured", "--apply", "--yes",
               "--production-confirm", "Acme Demo", "--choose", "admin@acme-demo.example=123", home=tmp_path)
    assert done.returncode == 2, done.stdout
    assert "RingCentral has no user with the id '123'" in done.stdout and "62871001 (Ada Admin, admin@acme-demo.example)" in done.stdout
    assert " made in " not in done.stdout


#: The mapping scenario, with Mo holding an id nobody at Aircall has (a typo made long ago).
MO_HOLDS_A_MADE_UP_ID = MAPPING.read_text(encoding="utf-8").replace(
    "    permission_sets: [ConversationInsightsForSales]\n",
    "    permission_sets: [ConversationInsightsForSales]\n    fields: {sfvc__AircallUserIdentifier__c: '4242'}\n", 1)


def test_the_recheck_after_map_users_compares_with_the_providers_users(tmp_path: Path) -> None:
    path = tmp_path / "mo-4242.yaml"
    path.write_text(MO_HOLDS_A_MADE_UP_ID, encoding="utf-8")
    done = run("map-users", "--provider", "aircall", "--demo", "--scenario", str(path), "--apply", "--yes",
               "--choose", "rita.rep@acme-demo.example=1003", "--production-confirm", "Acme Demo", home=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr  # the re-check fails: a setting failed
    assert "Mo Missing <mo.missing@acme-demo.example>: holds 4242, which is not this person's Aircall user" in done.stdout
    assert "3 changes made in 1 write." in done.stdout
    assert "✖ Fail            Aircall User Identifier of every user with an ECI permission set" in done.stdout  # once ✔ Pass
    assert "4 of 4 ECI users have an identifier; 1 name nobody in Aircall" in " ".join(done.stdout.split())
