"""A graduation whose writes stop (here: the API limit runs out) tells the admin to run the same
``eci-wizard graduate`` command again, the command that was run, once: never "the same apply"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.profiles.test_graduate_cli import LIMITED, SECRETS_TYPED
from tests.integration.profiles.test_graduate_cli import captured as captured

pytestmark = pytest.mark.timeout(240)


def test_a_stopped_graduation_names_the_graduate_command_once(cli, captured: Path, tmp_path: Path, data_dir: Path) -> None:
    limited = tmp_path / "limited.yaml"
    limited.write_text(LIMITED, encoding="utf-8")
    code, out, err = cli("graduate", "--profile", str(captured), "--to-demo", "--production-confirm", "Acme Demo",
                         "--scenario", str(limited), stdin=SECRETS_TYPED)
    assert code == 1, out + err
    text = " ".join((out + err).split())
    assert "Stopped: " in text
    assert "the same apply" not in text and "pply again" not in text
    assert "Run the same eci-wizard graduate command again" in text
    assert "nothing will be duplicated" not in text
