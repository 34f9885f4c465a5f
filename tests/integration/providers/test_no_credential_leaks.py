"""No credential in any file, log or output: the provider commands and a whole guide run in this
process at DEBUG logging, then every secret the process handled is looked for everywhere.

The canaries are every value `wizard.secrets` saw (API tokens, client secrets, RingCentral and
Salesforce access and refresh tokens, basic-authentication headers) plus the scenario's demo
credentials and the Aircall API ID (shown only by its last characters). OAuth client IDs are
not canaries even where the door keeps them in the keyring: "the client identifier is not a
secret" (RFC 6749, 2.2), it travels in every authorize URL, and HTTP libraries log such URLs.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.integration.providers.support import AIRCALL_MAPPING as MAPPING
from tests.integration.providers.support import WITH_PACKAGE, confirm_all, scenario_file, started
from tests.support import provider_cli
from tests.support.signin import files_containing, texts_containing
from wizard.apply.door import apply_plan
from wizard.commands.output import print_results, write_outputs
from wizard.guides.loader import load_guide
from wizard.providers.aircall.client import AircallClient
from wizard.providers.aircall.credentials import load_credentials, store_token
from wizard.providers.voice import identifiers
from wizard.providers.voice.fixing import plan_with_providers
from wizard.providers.voice.mapping import gather_mapping
from wizard.providers.voice.matching import accepted_writes
from wizard.providers.voice.verification import VoiceInputs, verify_with_providers
from wizard.secrets import redaction_values

DEMO = ("demo-only-aircall-api-token", "demo-only-ringcentral-client-secret", "demo-RingCentral-2026", "demo-Admin-2026",
        "demo-aircall-api-id")


def _aircall_guide_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outputs: Path) -> None:
    guide = load_guide("aircall")
    with started(scenario_file(tmp_path, WITH_PACKAGE, "journey.yaml"), monkeypatch) as demo:
        conn, facts, emulators = demo.org.connection, demo.org.facts, demo.emulators
        typed = emulators.demo_credentials()
        store_token(str(typed.aircall_api_id), str(typed.aircall_api_token))
        inputs = VoiceInputs(emulators.endpoints, aircall=load_credentials(str(typed.aircall_api_id)))
        plan, _ = plan_with_providers(conn, guide, facts, inputs)
        assert apply_plan(conn, guide, plan, confirmation=facts.name).error is None
        gathered = gather_mapping(conn, "aircall", AircallClient(inputs.aircall, emulators.endpoints).users)
        page, setting = next((p, s) for p, s in guide.settings() if s.check == "aircall.user_identifiers")
        id_plan = identifiers.plan_identifiers(guide, facts, "aircall", gathered.field, gathered.matches(),
                                               accepted_writes(gathered.matches()), (page.id, setting.id))
        assert identifiers.apply_identifiers(conn, guide, id_plan, confirmation=facts.name).error is None
        run = verify_with_providers(conn, guide, facts, inputs)
        run = verify_with_providers(conn, guide, facts, inputs, confirm_all(run.results, facts.username))
        print_results(guide, run)
        write_outputs(guide, run, json_path=outputs / "aircall.json", html_path=outputs / "aircall.html")


def test_no_credential_in_any_file_log_or_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                 caplog: pytest.LogCaptureFixture, wizard_dirs: tuple[Path, Path]) -> None:
    caplog.set_level(logging.DEBUG)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    # The org keeps one id across runs, as a real org does, so the identifier backup outlives the
    # demo org and is scanned below (a demo org with a new id takes its backups with it).
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING.read_text(encoding="utf-8") + "organization:\n  id: 00D5g000004LeakEAA\n", encoding="utf-8")
    codes = [
        provider_cli.main(["aircall", "check", "--demo", "--scenario", "aircall-configured", "--json", str(outputs / "ac.json")]),
        provider_cli.main(["ringcentral", "check", "--sign-in", "--demo", "--scenario", "ringcentral-configured",
                           "--json", str(outputs / "rc.json")]),
        provider_cli.main(["map-users", "--provider", "ringcentral", "--demo", "--scenario", "ringcentral-configured"]),
        provider_cli.main(["map-users", "--provider", "aircall", "--demo", "--scenario", str(mapping), "--apply", "--yes",
                           "--production-confirm", "Acme Demo"]),
    ]
    assert codes == [0, 0, 0, 0]
    _aircall_guide_run(tmp_path, monkeypatch, outputs)

    client_ids = {"demoRingCentralClientId0001", "PlatformCLI"}
    canaries = sorted((set(redaction_values()) | set(DEMO)) - client_ids)
    assert len(canaries) > len(DEMO) + 4  # tokens of several sign-ins were handled
    captured = capsys.readouterr()
    logged = [f"{r.name} {r.getMessage()}" for r in caplog.records]
    assert logged, "the run logged nothing: the scan would prove nothing"
    leaks = texts_containing([captured.out, captured.err, *logged], canaries)
    assert leaks == [], [canaries[i][:6] + "…" for i in leaks]
    assert files_containing([*wizard_dirs, outputs], canaries) == []
    backups = list((wizard_dirs[1] / "backups").rglob("*.json"))
    assert len(backups) >= 3 and (outputs / "aircall.html").is_file()
