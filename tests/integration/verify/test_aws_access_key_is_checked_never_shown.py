"""The AWS access key ID of a Signature Version 4 named credential is checked, and never shown.

Setup keeps the key ID readable; the wizard checks that one is there, in the form AWS issues, and
keeps its value out of every result, as it does with every key.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.verify.test_verify_guides import run
from wizard.cli import main as cli_main
from wizard.engine.results import Status

NATTERBOX_KEY_ID = "AKIADEMONATTERBOX001"  # natterbox-configured's key ID


def test_a_saved_key_id_passes_without_its_value_in_any_result(monkeypatch: pytest.MonkeyPatch) -> None:
    record = run("natterbox", "natterbox-configured", monkeypatch)
    row = {r.check_id: r for r in record.results}["natterbox-s3.access-key"]
    assert row.status is Status.PASS and row.observed == "set (not shown)"
    assert NATTERBOX_KEY_ID not in record.model_dump_json()


def test_the_json_report_holds_no_key_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    assert cli_main(["verify", "--guide", "natterbox", "--demo", "--scenario", "natterbox-configured", "--json", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = {r["check_id"]: r for r in json.loads(text)["results"]}
    assert rows["natterbox-s3.access-key"]["status"] == "pass"
    assert NATTERBOX_KEY_ID not in text and NATTERBOX_KEY_ID not in capsys.readouterr().out
