"""The voice commands' answers to an admin's mistakes: undo per provider, no credentials in an
endpoint address, exit 1 when the re-check fails, the redirect URI shown and blamed rightly, the
``ECI_WIZARD_*_URL`` variables checked as the options are, empty ids refused, and Ctrl-D at a
prompt said as "nothing entered" (exit 2). Each runs the command in a child process, as an admin
does, against the demo org and the provider emulators."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from tests.integration.providers.support import AIRCALL_MAPPING, started
from wizard.guides.loader import load_guide
from wizard.providers.aircall.client import AircallClient
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.emulators.scenario import ProvidersSpec
from wizard.providers.voice import identifiers
from wizard.providers.voice.mapping import gather_mapping
from wizard.providers.voice.matching import accepted_writes

REPO = Path(__file__).resolve().parents[3]
PASSWORD = "Pr0xyPassw0rd"
SECRET = "acme-ringcentral-secret-0001"
CONFIRM = ("--yes", "--production-confirm", "Acme Demo")


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "ECI_WIZARD_CONFIG_DIR": str(home / "config"), "ECI_WIZARD_DATA_DIR": str(home / "data"),
            "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring", **extra}


def run(*argv: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tests.support.provider_cli", *argv], cwd=REPO, env=_env(home, **env),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240)


def flat(done: subprocess.CompletedProcess[str]) -> str:
    return " ".join((done.stdout + done.stderr).split())


def test_undo_of_one_provider_never_restores_the_other_providers_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``map-users --provider ringcentral --undo`` asks after an Aircall write: none of its own."""
    guide = load_guide("aircall")
    where = next((p.id, s.id) for p, s in guide.settings() if s.check == "aircall.user_identifiers")
    with started(AIRCALL_MAPPING, monkeypatch) as demo:
        conn, facts = demo.org.connection, demo.org.facts
        creds = demo.emulators.demo_credentials()
        fetch = AircallClient(AircallCredentials(creds.aircall_api_id, creds.aircall_api_token), demo.emulators.endpoints).users
        gathered = gather_mapping(conn, "aircall", fetch)
        matches = gathered.matches()
        plan = identifiers.plan_identifiers(guide, facts, "aircall", gathered.field, matches, accepted_writes(matches, {}), where)
        assert identifiers.apply_identifiers(conn, guide, plan, confirmation=facts.name).error is None

        assert identifiers.latest_backup(facts, provider="ringcentral") is None
        with pytest.raises(LookupError, match="no RingCentral identifier change to undo"):
            identifiers.undo_identifiers(conn, facts, provider="ringcentral")
        assert {u.identifier for u in gather_mapping(conn, "aircall", fetch).users or ()} >= {"1001", "1002"}  # untouched
        assert identifiers.latest_backup(facts, provider="aircall") is not None
        assert len(identifiers.undo_identifiers(conn, facts, provider="aircall").restored) == 2


def test_a_password_in_an_endpoint_address_is_refused_and_never_shown(tmp_path: Path) -> None:
    address = f"https://admin:{PASSWORD}@127.0.0.1:9"
    option = run("aircall", "check", "--api-id", "abc123", "--aircall-url", address, "--json", str(tmp_path / "b.json"), home=tmp_path)
    assert option.returncode == 2 and "argument --aircall-url" in option.stderr, flat(option)
    assert "user name or password" in flat(option) and PASSWORD not in option.stdout + option.stderr
    assert not (tmp_path / "b.json").exists()
    variable = run("aircall", "check", "--api-id", "abc123", home=tmp_path, ECI_WIZARD_AIRCALL_URL=address)
    assert variable.returncode == 2 and "ECI_WIZARD_AIRCALL_URL" in flat(variable), flat(variable)
    assert PASSWORD not in variable.stdout + variable.stderr


def test_map_users_apply_exits_1_when_its_recheck_fails(tmp_path: Path) -> None:
    mo_4242 = AIRCALL_MAPPING.read_text(encoding="utf-8").replace(
        "    permission_sets: [ConversationInsightsForSales]\n",
        "    permission_sets: [ConversationInsightsForSales]\n    fields: {sfvc__AircallUserIdentifier__c: '4242'}\n", 1)
    path = tmp_path / "mo-4242.yaml"
    path.write_text(mo_4242, encoding="utf-8")
    done = run("map-users", "--provider", "aircall", "--demo", "--scenario", str(path), "--apply", *CONFIRM,
               "--choose", "rita.rep@acme-demo.example=1003", home=tmp_path)
    assert "3 changes made in 1 write." in done.stdout and "✖ Fail" in done.stdout, flat(done)
    assert done.returncode == 1


def test_the_redirect_uri_refused_is_shown_and_a_made_up_one_is_not_blamed_on_the_org(tmp_path: Path) -> None:
    fresh = run("ringcentral", "check", "--demo", "--sign-in", home=tmp_path)
    words = flat(fresh)
    assert "/services/authcallback/Ring_Central" in words and "shown here" not in words, words
    assert "replace the redirect URI with https://" in words

    not_a_url = run("ringcentral", "check", "--demo", "--scenario", "ringcentral-configured", "--sign-in", "--redirect-uri", "not a url",
                    home=tmp_path)
    assert not_a_url.returncode == 2 and "argument --redirect-uri" in not_a_url.stderr, flat(not_a_url)

    made_up = run("ringcentral", "check", "--demo", "--scenario", "ringcentral-configured", "--sign-in",
                  "--redirect-uri", "https://elsewhere.example/cb", home=tmp_path)
    words = flat(made_up)
    assert "the redirect URI given with --redirect-uri (https://elsewhere.example/cb)" in words, words
    assert "does not have the Salesforce callback URL" not in words
    assert "✖ Fail OAuth Redirect URI" not in words


@pytest.mark.parametrize(("value", "words"), [("https://host:99999", "no valid port"), ("http://host", "is not an https:// address")])
def test_an_endpoint_variable_is_checked_as_the_option_and_named(value: str, words: str, tmp_path: Path) -> None:
    done = run("aircall", "check", "--api-id", "abc123", home=tmp_path, ECI_WIZARD_AIRCALL_URL=value)
    assert done.returncode == 2, flat(done)
    assert words in flat(done) and "the environment variable ECI_WIZARD_AIRCALL_URL" in flat(done)
    assert "Aircall API token" not in flat(done)  # refused before any secret is asked for or looked up


@pytest.mark.parametrize("argv", [("aircall", "forget", "--api-id", ""), ("ringcentral", "forget", "--client-id", " ")])
def test_forget_refuses_an_empty_id(argv: tuple[str, ...], tmp_path: Path) -> None:
    done = run(*argv, home=tmp_path)
    assert done.returncode == 2 and "is empty" in done.stderr, flat(done)
    assert "nothing was removed" not in flat(done)


@pytest.fixture
def app() -> Iterator[ProviderEmulators]:
    """A RingCentral sandbox app whose redirect URI is registered, so the sign-in reaches the paste prompt."""
    spec = ProvidersSpec.model_validate({"ringcentral": {"apps": [{
        "client_id": "acmeClientId0001", "client_secret": SECRET, "environments": ["sandbox"],
        "redirect_uris": ["https://acme.example/services/authcallback/Ring_Central"]}]}})
    emulators = start_provider_emulators(spec)
    try:
        yield emulators
    finally:
        emulators.stop()


def _spawn(argv: list[str], home: Path) -> pexpect.spawn:
    return pexpect.spawn(sys.executable, ["-m", "tests.support.provider_cli", *argv], cwd=str(REPO), env=_env(home),
                         encoding="utf-8", timeout=120, dimensions=(60, 200))


def _ended(child: pexpect.spawn) -> tuple[str, int]:
    child.expect(pexpect.EOF)
    child.close()
    return " ".join(child.before.split()), child.exitstatus


def test_ctrl_d_at_the_hidden_prompt_is_nothing_typed(tmp_path: Path) -> None:
    child = _spawn(["aircall", "check", "--api-id", "acme-key-0001", "--aircall-url", "https://127.0.0.1:9"], tmp_path)
    child.expect_exact("Aircall API token (hidden): ")
    child.sendeof()
    text, code = _ended(child)
    assert code == 2, text
    assert "No Aircall API token was typed (input ended)" in text and "gap in the wizard" not in text


def test_ctrl_d_at_the_paste_prompt_is_nothing_pasted(app: ProviderEmulators, tmp_path: Path) -> None:
    argv = ["ringcentral", "check", "--env", "sandbox", "--client-id", "acmeClientId0001", "--sign-in",
            "--redirect-uri", "https://acme.example/services/authcallback/Ring_Central",
            "--ringcentral-sandbox-url", app.endpoints.ringcentral("sandbox"), "--provider-ca-bundle", str(app.ca_path)]
    child = _spawn(argv, tmp_path)
    child.expect_exact("(hidden): ")
    child.sendline(SECRET)
    child.expect_exact("Paste the full address the browser shows now: ")
    child.sendeof()
    text, code = _ended(child)
    assert code == 2, text
    assert "No address was pasted (input ended)" in text and "gap in the wizard" not in text and SECRET not in text
