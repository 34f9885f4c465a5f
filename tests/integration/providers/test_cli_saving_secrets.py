"""``aircall check`` / ``ringcentral check`` with ``--save``, typed at a real terminal: a value is kept in
the keyring only once the provider accepted it and never in demo mode; a saved value the provider
refuses now is named as refused and asked for again instead of being reused in silence.

The commands run in a child process on a pseudo-terminal (the hidden prompt is real: echo off,
answered when it appears), several in a row in one process so the in-memory keyring carries over
from one run to the next as the system keyring would. Between runs a test may change the provider
(an Aircall key deleted, a RingCentral secret rotated), as its admin would in the dashboard. The
child prints each run's exit code and, at the end, the keyring's entries (names only, never values).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.terminal import converse, keyring_env
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.emulators.scenario import AircallKeySpec, ProvidersSpec

PROMPT = "(hidden): "
RIGHT_TOKEN, NEW_TOKEN, WRONG_TOKEN = "right-aircall-token-0001", "new-aircall-token-0002", "bogus-aircall-token-9999"
RIGHT_SECRET, ROTATED_SECRET, WRONG_SECRET = "right-rc-secret-0001", "rotated-rc-secret-0002", "bogus-rc-secret-9999"
TYPED = (RIGHT_TOKEN, NEW_TOKEN, WRONG_TOKEN, RIGHT_SECRET, ROTATED_SECRET, WRONG_SECRET)
AIRCALL_ENTRY = "eci-wizard/aircall-api-token|acme-key-0001"
RINGCENTRAL_ENTRY = "eci-wizard/ringcentral-client-secret|sandbox/acmeClientId0001"

#: The child: each run in turn (stdin a terminal, or /dev/null for ``"terminal": false``), "[next?]"
#: between runs (the test acts, then presses Enter), "[exit N]" after each, the keyring's names last.
CHILD = """
import json, sys
from tests.support import provider_cli
from tests.support.memory_keyring import MemoryKeyring
for i, run in enumerate(json.loads(sys.argv[1])):
    if i:
        print("[next?]", flush=True)
        sys.stdin.readline()
    terminal = sys.stdin
    if not run.get("terminal", True):
        sys.stdin = open("/dev/null")
    try:
        code = provider_cli.main(run["argv"])
    finally:
        sys.stdin = terminal
    print(f"[exit {code}]", flush=True)
print("[keyring] " + json.dumps(sorted(f"{s}|{u}" for s, u in MemoryKeyring._store)), flush=True)
"""


@dataclass
class Session:
    """What the terminal showed, run by run, and the keyring's entries at the end."""

    runs: list[tuple[str, int]]
    keyring: list[str]
    text: str

    def out(self, i: int) -> str:
        return self.runs[i][0]

    def code(self, i: int) -> int:
        return self.runs[i][1]


def in_terminal(runs: list[dict], answers: list[str], home: Path, between: tuple[Callable[[], None], ...] = ()) -> Session:
    """Run the commands on a pseudo-terminal, typing each answer when a hidden prompt appears."""
    env = keyring_env(ECI_WIZARD_CONFIG_DIR=str(home / "config"), ECI_WIZARD_DATA_DIR=str(home / "data"))
    _code, text = converse([sys.executable, "-c", CHILD, json.dumps(runs)], answers, prompt=PROMPT, env=env, pauses=between,
                           pause_marker="[next?]", timeout=240, size=(60, 200))
    assert not [s for s in TYPED if s in text], "a typed secret was echoed or printed"
    log = home / "data" / "wizard.log"
    assert not (log.is_file() and [s for s in TYPED if s in log.read_text(encoding="utf-8", errors="replace")])
    found = re.search(r"^\[keyring\] (.*)$", text, re.M)
    assert found, text
    parts = re.split(r"^\[exit (\d+)\]$", text.split("[keyring]")[0], flags=re.M)
    outs = [(parts[i].split("[next?]")[-1], int(parts[i + 1])) for i in range(0, len(parts) - 1, 2)]
    assert len(outs) == len(runs), text
    return Session(outs, json.loads(found.group(1)), text)


@pytest.fixture
def providers() -> Iterator[ProviderEmulators]:
    """An Aircall company with one API key and a RingCentral sandbox app: the admin's real accounts, emulated."""
    spec = ProvidersSpec.model_validate({
        "aircall": {"api_keys": [{"api_id": "acme-key-0001", "api_token": RIGHT_TOKEN}]},
        "ringcentral": {"apps": [{"client_id": "acmeClientId0001", "client_secret": RIGHT_SECRET, "environments": ["sandbox"]}]},
    })
    emulators = start_provider_emulators(spec)
    try:
        yield emulators
    finally:
        emulators.stop()


def aircall(emulators: ProviderEmulators, *more: str) -> list[str]:
    return ["aircall", "check", "--api-id", "acme-key-0001", "--aircall-url", emulators.endpoints.aircall,
            "--provider-ca-bundle", str(emulators.ca_path), *more]


def ringcentral(emulators: ProviderEmulators, *more: str, client_id: str = "acmeClientId0001") -> list[str]:
    return ["ringcentral", "check", "--env", "sandbox", "--client-id", client_id,
            "--ringcentral-sandbox-url", emulators.endpoints.ringcentral("sandbox"),
            "--ringcentral-production-url", emulators.endpoints.ringcentral("production"), "--provider-ca-bundle", str(emulators.ca_path),
            *more]


def test_a_token_aircall_refuses_is_not_saved_and_is_asked_for_next_time(providers: ProviderEmulators, tmp_path: Path) -> None:
    done = in_terminal([{"argv": aircall(providers, "--save")}, {"argv": aircall(providers, "--save")}],
                       [WRONG_TOKEN, RIGHT_TOKEN], tmp_path)
    refused = done.out(0)
    assert done.code(0) == 1, refused
    assert "saved in the system keyring" not in refused
    assert "Nothing was saved: Aircall did not accept the API ID …0001 with the Aircall API token you typed" in refused
    assert "✖ Fail            Aircall API key (API ID and API Token)" in refused and "HTTP 401" in refused

    accepted = done.out(1)  # asked again: the refused token was not kept
    assert done.code(1) == 0, accepted
    assert "The Aircall API token is saved in the system keyring" in accepted
    assert "✔ Pass            Aircall API key (API ID and API Token)" in accepted
    assert done.keyring == [AIRCALL_ENTRY]


def test_a_saved_token_aircall_refuses_now_is_named_and_replaced_only_once_accepted(providers: ProviderEmulators,
                                                                                      tmp_path: Path) -> None:
    def key_deleted() -> None:  # the Aircall admin deletes the key in the dashboard
        providers.aircall.keys.pop("acme-key-0001")

    def key_back_with_a_new_token() -> None:
        providers.aircall.keys["acme-key-0001"] = AircallKeySpec(api_id="acme-key-0001", api_token=NEW_TOKEN)

    runs = [
        {"argv": aircall(providers, "--save")},                     # 0 typed, accepted, saved
        {"argv": aircall(providers), "terminal": False},            # 1 key deleted: saved token refused, no terminal
        {"argv": aircall(providers, "--save")},                     # 2 in a terminal: asked again, wrong again
        {"argv": aircall(providers, "--save")},                     # 3 asked again, the new token: replaces the saved one
        {"argv": aircall(providers), "terminal": False},            # 4 the saved (new) token, no question
    ]
    done = in_terminal(runs, [RIGHT_TOKEN, WRONG_TOKEN, NEW_TOKEN], tmp_path,
                       between=(key_deleted, key_back_with_a_new_token))
    assert done.code(0) == 0 and "is saved in the system keyring" in done.out(0), done.out(0)

    silent = done.out(1)
    assert done.code(1) == 1, silent
    assert "Aircall refuses the Aircall API token saved in the keyring for the API ID …0001: Aircall did not accept" in silent
    assert "run the command again in a terminal with --save: it asks for the Aircall API token" in silent
    assert "✖ Fail            Aircall API key (API ID and API Token)" in silent

    again = done.out(2)
    assert "Aircall refuses the Aircall API token saved in the keyring" in again and "Type the Aircall API token again" in again
    assert "Nothing was saved: Aircall did not accept" in again and "The saved one is unchanged." in again
    assert done.code(2) == 1, again

    replaced = done.out(3)
    assert done.code(3) == 0 and "The Aircall API token is saved in the system keyring" in replaced, replaced
    reused = done.out(4)
    assert done.code(4) == 0 and "refuses" not in reused and "✔ Pass            Aircall API key" in reused, reused
    assert done.keyring == [AIRCALL_ENTRY]


def test_a_secret_ringcentral_refuses_is_not_saved(providers: ProviderEmulators, tmp_path: Path) -> None:
    runs = [{"argv": ringcentral(providers, "--save")}, {"argv": ringcentral(providers, "--save", client_id="wrongClientId")}]
    done = in_terminal(runs, [WRONG_SECRET, WRONG_SECRET], tmp_path)
    wrong_secret, unknown_client = done.out(0), done.out(1)
    assert done.code(0) == 1 and done.code(1) == 1, done.text
    assert "Nothing was saved: RingCentral did not accept the client ID …0001 with the RingCentral client secret" in wrong_secret
    assert "Nothing was saved: RingCentral did not accept the client ID …ntId" in unknown_client and "OAU-153" in unknown_client
    assert "saved in the system keyring" not in done.text
    assert done.keyring == []


def test_a_rotated_ringcentral_secret_is_asked_for_again_and_replaces_the_saved_one(providers: ProviderEmulators,
                                                                                      tmp_path: Path) -> None:
    def rotated() -> None:  # the developer console's "rotate secret"
        providers.ringcentral.state.spec.apps[0].client_secret = ROTATED_SECRET

    runs = [{"argv": ringcentral(providers, "--save")}, {"argv": ringcentral(providers, "--save")},
            {"argv": ringcentral(providers), "terminal": False}]
    done = in_terminal(runs, [RIGHT_SECRET, ROTATED_SECRET], tmp_path, between=(rotated,))
    assert done.code(0) == 0 and "The RingCentral client secret is saved in the system keyring" in done.out(0), done.out(0)
    again = done.out(1)
    assert "RingCentral refuses the RingCentral client secret (sandbox) saved in the keyring for the client ID …0001" in again
    assert "did not accept the client secret" in again and "Type the RingCentral client secret (sandbox) again" in again
    assert done.code(1) == 0 and "The RingCentral client secret is saved in the system keyring" in again, again
    assert done.code(2) == 0 and "refuses" not in done.out(2), done.out(2)
    assert done.keyring == [RINGCENTRAL_ENTRY]


SECOND_DEMO_KEY = """
extends: aircall-configured
providers:
  aircall:
    api_keys:
      - {api_id: demo-aircall-api-id, api_token: demo-only-aircall-api-token}
      - {api_id: acme-key-0001, api_token: RIGHT}
""".replace("RIGHT", RIGHT_TOKEN)


def test_nothing_typed_in_demo_mode_reaches_the_keyring(tmp_path: Path) -> None:
    """Three runs: a wrong Aircall token and an unknown RingCentral client in demo mode, with --save;
    and a right token in demo mode, which is used for the run and kept nowhere."""
    scenario = tmp_path / "second-key.yaml"
    scenario.write_text(SECOND_DEMO_KEY, encoding="utf-8")
    runs = [
        {"argv": ["aircall", "check", "--api-id", "wrong-id-2", "--demo", "--scenario", "aircall-configured", "--save"]},
        {"argv": ["ringcentral", "check", "--client-id", "wrongClientId", "--demo", "--scenario", "ringcentral-configured", "--save"]},
        {"argv": ["aircall", "check", "--api-id", "acme-key-0001", "--demo", "--scenario", str(scenario), "--save"]},
    ]
    done = in_terminal(runs, [WRONG_TOKEN, WRONG_SECRET, RIGHT_TOKEN], tmp_path)
    assert done.code(0) == 1 and "Nothing was saved: Aircall did not accept the API ID …id-2" in done.out(0), done.out(0)
    assert done.code(1) == 1 and "Nothing was saved: RingCentral did not accept the client ID …ntId" in done.out(1), done.out(1)
    right = done.out(2)
    assert "Demo mode: the Aircall API token is used for this run only; nothing typed in demo mode is kept" in right, right
    assert "✔ Pass            Aircall API key (API ID and API Token)" in right
    assert "saved in the system keyring" not in done.text and "Also kept for the wizard's fixes" not in done.text
    assert done.keyring == []
