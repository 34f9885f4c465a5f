"""A Metadata write the SOAP client will not send (the org's own copy of the component lacks a field
the Metadata API requires) is told as what it is: the wizard did not send it, so Salesforce neither
saw nor refused it, nothing was written, and the field to fill in Setup is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.apply.support import inactive_site, scenario
from tests.integration.apply.test_cli_undo import run


def test_a_change_the_wizard_could_not_send_names_the_missing_field_and_writes_nothing(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(scenario(tmp_path, inactive_site(complete=False)))
    code = run("apply", "--guide", "aircall", "--demo", "--scenario", file, "--only", "site",
               "--production-confirm", "Acme Demo")
    out = " ".join(capsys.readouterr().out.split())
    assert code == 2
    assert ("The wizard did not send this change: the Metadata API requires the field allowHomePage, and the component "
            "as the org gave it has no value for it.") in out
    assert "Give allowHomePage a value in Setup" in out
    assert "Nothing was written to the org: it is as it was before this apply." in out
    assert "Salesforce said" not in out and "Salesforce refused" not in out and "ValidationError" not in out
    assert "while reading the org" not in out
    assert not list((data_dir / "backups").rglob("*.json"))  # nothing reached the org: nothing to undo
