"""How ``aircall check`` prints a key Aircall refuses: its words quoted with one full stop, and
``why`` never repeating ``do``. Against the Aircall emulator, as the CLI runs."""

from __future__ import annotations

import pytest

from tests.integration.providers.test_aircall_api import API_ID, emulators  # noqa: F401  (the emulator fixture)
from wizard.guides.loader import load_guide
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.aircall.results import gather, judge
from wizard.providers.emulators.running import ProviderEmulators
from wizard.providers.voice.cli_context import print_results


def test_a_wrong_token_is_said_once(emulators: ProviderEmulators, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    results = [r for r in judge(load_guide("aircall"), gather(AircallCredentials(API_ID, "not-the-token"), emulators.endpoints))
               if r.check_id == "aircall.api-key"]
    print_results(results)
    out = " ".join(capsys.readouterr().out.split())  # wrapping undone
    assert 'Aircall said: "Unauthorized — Check your API ID and API token."' in out and 'token.".' not in out
    assert "do: Copy the API ID again" in out
    assert out.count("Copy the API ID again") == 1  # what to do is said once, under do:, not again under why:
